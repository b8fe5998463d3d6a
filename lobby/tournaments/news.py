"""The tournament news ticker: a page of its own, and the fragment htmx polls for newer items."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import current_app, render_template, request
from flask_babel import gettext as _

from lobby.core.guards import real_player_required
from lobby.core.session import polled
from lobby.core.upstream import kore, upstream
from lobby.kore import KoreError, Link
from lobby.tournaments import bp
from lobby.tournaments.data import NEWS_REFRESH, news_or_none

log = logging.getLogger(__name__)


def _news_link(href: str | None) -> Link | None:
    """A ``latest`` link the browser sent back, only if it points at our Kore's news."""
    if not href or len(href) > 2000:
        return None
    base = urlsplit(current_app.config["LOBBY"].kore_api_url)
    parts = urlsplit(href)
    expected = base.path.rstrip("/") + "/v3/api/tournaments/news"
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.path != expected:
        return None
    if parts.username or parts.password or parts.fragment:
        return None
    return Link(href)


@bp.get("/news")
@polled
@real_player_required(poll=True)
def news():
    """The news ticker. htmx polls with the ``latest`` link and gets only newer items."""
    if request.htmx and "latest" not in request.args:
        # The lobby page loads the ticker after itself (hx-trigger="load").
        return render_template(
            "tournaments/partials/news.html", news=news_or_none(), news_refresh=NEWS_REFRESH
        )
    if request.htmx:
        link = _news_link(request.args.get("latest"))
        if link is None:
            return _("That news link is not ours."), 400
        try:
            fresh = kore().tournament_news(link)
        except KoreError as error:
            if error.session_over:
                raise
            # Keep polling from the same point: nothing is lost, nothing read twice.
            log.info("tournament news unavailable: error=%s", error.raw_code)
            return render_template("tournaments/partials/news_poll.html", items=(), latest=link.href)
        latest = fresh.latest.href if fresh.latest else link.href
        return render_template("tournaments/partials/news_poll.html", items=fresh.news, latest=latest)
    user, items = upstream().gather(kore().user, news_or_none)
    return render_template("tournaments/news.html", user=user, news=items)
