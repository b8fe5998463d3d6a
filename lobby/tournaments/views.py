"""Tournaments: the list, a tournament's page and leaderboard, registration, rebuys, news."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from lobby.extensions import cache
from lobby.kore import (
    KoreAuthError,
    KoreError,
    KoreServerError,
    KoreUnavailable,
    Link,
    Money,
    Tournament,
)
from lobby.core.messages import player_message
from lobby.core.session import current_player
from lobby.forms.tournaments import ConfirmForm, RegisterForm
from lobby.core.upstream import client_ip, return_url, upstream

bp = Blueprint("tournaments", __name__, url_prefix="/tournaments")
log = logging.getLogger(__name__)

STATUSES = {
    "Created": _l("Coming soon"),
    "RegistrationOpened": _l("Registration open"),
    "Started": _l("Running"),
    "Finishing": _l("Finishing"),
    "Finished": _l("Finished"),
    "Canceled": _l("Canceled"),
}
CATEGORIES = {
    "classicslots": _l("Classic slots"),
    "videoslots": _l("Video slots"),
    "videopokers": _l("Video poker"),
    "tablegames": _l("Table games"),
    "other": _l("Other games"),
}
TYPES = {"Scheduled": _l("Scheduled"), "SitAndGo": _l("Sit & Go")}
#: The leaderboard of a running tournament refreshes this often (seconds).
LEADERBOARD_REFRESH = 10
NEWS_REFRESH = 15
#: A tournament's _self link, by its id, in the shared cache: the links Kore hands out
#: are the same for every player, and a page needs one without listing them all.
LINK_TTL = 600

#: Kore refusals a form shows as a message (the rest go to the error pages).
_REFUSED = (400, 403, 404, 409)


# -- helpers ------------------------------------------------------------------------


def key_of(tournament: Tournament) -> str:
    """The tournament's id in our URLs: the last segment of its ``_self`` link."""
    href = tournament.links["_self"].href
    return urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]


def total(*amounts: Money | None) -> Money | None:
    """The sum of amounts in one currency (fee + buy-in), or None when they differ."""
    present = [a for a in amounts if a is not None]
    if not present or any((a.currency, a.exponent) != (present[0].currency, present[0].exponent) for a in present):
        return None
    return Money(present[0].currency, sum(a.amount for a in present), present[0].exponent)


def _gate():
    """The page for a visitor who cannot see tournaments yet, or None for a Real player."""
    player = current_player()
    if player is not None and player.real:
        return None
    # The header's play-mode switch (lobby.switch_mode, Kore's mutate) does the switching.
    views = current_app.view_functions
    switch_url = url_for("lobby.switch_mode") if "lobby.switch_mode" in views else None
    return render_template("tournaments/gate.html", next=request.full_path.rstrip("?"), switch_url=switch_url)


def _kore():
    player = current_player()
    return player, upstream(), return_url(), client_ip()


def _list(player, ret, ip) -> list[Tournament]:
    tournaments = upstream().client.list_tournaments(token=player.token, return_url=ret, client_ip=ip)
    for t in tournaments:
        if "_self" in t.links:
            cache.set(f"tournament-link:{_brand()}:{key_of(t)}", t.links["_self"].href, timeout=LINK_TTL)
    return tournaments


def _self_link(player, key: str, ret, ip) -> Link | None:
    href = cache.get(f"tournament-link:{_brand()}:{key}")
    if href is None:
        found = next((t for t in _list(player, ret, ip) if "_self" in t.links and key_of(t) == key), None)
        if found is None:
            return None
        href = found.links["_self"].href
    return Link(href)


def _detail(player, key: str, ret, ip) -> Tournament | None:
    link = _self_link(player, key, ret, ip)
    if link is None:
        return None
    try:
        return upstream().client.get_tournament(token=player.token, link=link, return_url=ret, client_ip=ip)
    except KoreError as error:
        if error.status == 404:  # gone since the link was cached
            cache.delete(f"tournament-link:{key}")
            return None
        raise


def news_or_none(player, ret, ip):
    """The news ticker is a nicety: without it the page still works."""
    try:
        return upstream().client.tournament_news(token=player.token, return_url=ret, client_ip=ip)
    except KoreError as error:
        if isinstance(error, KoreAuthError) and error.session_over:
            raise
        log.info("tournament news unavailable: error=%s", error.raw_code)
        return None


def _not_found(user=None):
    return render_template("tournaments/not_found.html", user=user), 404


def _load(key: str):
    """The player's account and the detailed tournament, side by side."""
    player, up, ret, ip = _kore()
    user, tournament = up.gather(lambda: up.user(player, ret, ip), lambda: _detail(player, key, ret, ip))
    return user, tournament


def relative_time(when: datetime) -> str:
    """``in 10 minutes`` / ``5 minutes ago``: the text before (or without) the script."""
    return format_timedelta(when - datetime.now(timezone.utc), add_direction=True)


def duration(seconds: int) -> str:
    return format_timedelta(timedelta(seconds=seconds), threshold=1.5)


@bp.record_once
def _template_globals(state) -> None:
    # Globals, not a context processor: the macros of partials/when.html need them too.
    state.app.jinja_env.globals.update(
        key_of=key_of,
        status_label=lambda status: str(STATUSES.get(status, status)),
        category_label=lambda category: str(CATEGORIES.get(category, category)),
        type_label=lambda kind: str(TYPES.get(kind, kind)),
        relative_time=relative_time,
        duration=duration,
        cash_total=lambda option: total(option.fee, option.buy_in),
        tournament_statuses=STATUSES,
        tournament_categories=CATEGORIES,
        leaderboard_refresh=LEADERBOARD_REFRESH,
        news_refresh=NEWS_REFRESH,
    )


# -- pages --------------------------------------------------------------------------


@bp.get("/")
def index():
    """Every tournament as a card, filtered by status and category; news alongside."""
    gate = _gate()
    if gate is not None:
        return gate
    player, up, ret, ip = _kore()
    status = request.args.get("status") if request.args.get("status") in STATUSES else ""
    category = request.args.get("category") if request.args.get("category") in CATEGORIES else ""
    htmx = request.htmx and not request.htmx.history_restore_request
    calls = [lambda: _list(player, ret, ip), lambda: up.user(player, ret, ip)]
    if not htmx:
        calls.append(lambda: news_or_none(player, ret, ip))
    results = up.gather(*calls)
    tournaments = [
        t for t in results[0]
        if (not status or t.status == status) and (not category or t.game_category == category)
    ]
    context = dict(
        user=results[1],
        tournaments=tournaments,
        status=status,
        category=category,
        news=results[2] if not htmx else None,
    )
    if htmx:
        return render_template("tournaments/partials/list.html", **context)
    return render_template("tournaments/index.html", **context)


@bp.get("/<key>")
def detail(key: str):
    """One tournament: prizes, games, and the leaderboard (alone for htmx refreshes)."""
    gate = _gate()
    if gate is not None:
        return gate
    player, up, ret, ip = _kore()
    htmx = request.htmx and not request.htmx.history_restore_request
    if htmx:
        tournament = _detail(player, key, ret, ip)
        if tournament is None:
            return "", 286  # htmx: stop polling
        return render_template("tournaments/partials/leaderboard.html", t=tournament, key=key)
    user, tournament, news = up.gather(
        lambda: up.user(player, ret, ip),
        lambda: _detail(player, key, ret, ip),
        lambda: news_or_none(player, ret, ip),
    )
    if tournament is None:
        return _not_found(user)
    return render_template("tournaments/detail.html", user=user, t=tournament, key=key, news=news)


@bp.get("/<key>/play/<slug>")
def play(key: str, slug: str):
    """A tournament game in our game host, only while it runs and the player has joined."""
    gate = _gate()
    if gate is not None:
        return gate
    user, tournament = _load(key)
    if tournament is None:
        return _not_found(user)
    game = next((g for g in tournament.games if g.slug == slug), None)
    link = game.actions.get("play_tournament") if game else None
    reason = None
    if game is None or link is None:
        reason = _("This game is not part of the tournament.")
    elif tournament.registration is None or not tournament.registration.registered:
        reason = _("Join the tournament to play its games.")
    elif tournament.status != "Started":
        reason = (_("The tournament has not started yet.") if tournament.status in ("Created", "RegistrationOpened")
                  else _("The tournament is over: its games can no longer be played."))
    if reason:
        return render_template("tournaments/cannot_play.html", user=user, t=tournament, key=key, reason=reason), 409
    parts = urlsplit(link.href)
    return render_template(
        "games/play.html", user=user, game=game, play_link=link, frame_origin=f"{parts.scheme}://{parts.netloc}"
    )


# -- actions: confirm (GET) then do (POST → 303) ---------------------------------------


def _brand() -> str:
    return current_app.config["LOBBY"].kore_brand_id


def _uncertain(key: str, user, what: str):
    """A POST whose answer was lost: never repeated; say so and show what Kore says now.

    The balance is fetched again too: money may have moved, and a balance from before
    would be wrong ("unavailable" if Kore cannot say).
    """
    player, up, ret, ip = _kore()

    def detail():
        try:
            return _detail(player, key, ret, ip)
        except KoreError:
            return None

    user, tournament = up.gather(lambda: up.user(player, ret, ip), detail)
    return render_template("tournaments/uncertain.html", user=user, t=tournament, key=key, what=what), 503


def _refused(error: KoreError) -> bool:
    if isinstance(error, KoreAuthError) and error.session_over:
        return False
    return error.status in _REFUSED or isinstance(error, KoreAuthError)


@bp.route("/<key>/register", methods=["GET", "POST"])
def register(key: str):
    """What joining costs, per registration option; POST joins."""
    gate = _gate()
    if gate is not None:
        return gate
    user, tournament = _load(key)
    if tournament is None:
        return _not_found(user)
    options = {o.type: o for o in tournament.registration_options}
    form = RegisterForm(options=list(options))
    status = 200
    if form.validate_on_submit():
        player, up, ret, ip = _kore()
        try:
            up.client.register_for_tournament(
                token=player.token, link=tournament, type=form.type.data,
                bonus_code=(form.bonus_code.data or "").strip() or None, return_url=ret, client_ip=ip,
            )
        except (KoreUnavailable, KoreServerError):
            return _uncertain(key, user, _("joining"))
        except KoreError as error:
            if not _refused(error):
                raise
            form.form_errors.append(player_message(error))
            status = 400
        else:
            flash(_("You have joined %(name)s.", name=tournament.name), "success")
            return redirect(url_for(".detail", key=key), 303)
    elif request.method == "POST":
        status = 400
    return render_template(
        "tournaments/register.html", user=user, t=tournament, key=key, form=form, options=options,
        cash_total=total(options["Cash"].fee, options["Cash"].buy_in) if "Cash" in options else None,
    ), status


def _confirmed(key: str, template: str, act, what: str, done, extra=lambda tournament: {}):
    """Show what an action costs; on the confirming POST, do it once.

    ``act(client, player, tournament, ret, ip)`` calls Kore; ``done(tournament)`` is the
    success message; ``extra(tournament)`` adds to the page's context. A lost answer is
    never retried: the player is told it may or may not have happened. (Leaving is a
    DELETE, which the client does retry; a retry after a lost answer reads "You are not
    registered for this tournament", which is then true.)
    """
    gate = _gate()
    if gate is not None:
        return gate
    user, tournament = _load(key)
    if tournament is None:
        return _not_found(user)
    form = ConfirmForm()
    message, status = None, 200
    if form.validate_on_submit():
        player, up, ret, ip = _kore()
        try:
            act(up.client, player, tournament, ret, ip)
        except (KoreUnavailable, KoreServerError):
            return _uncertain(key, user, what)
        except KoreError as error:
            if not _refused(error):
                raise
            message, status = player_message(error), 400
        else:
            flash(done(tournament), "success")
            return redirect(url_for(".detail", key=key), 303)
    elif request.method == "POST":
        status = 400
    return render_template(
        template, user=user, t=tournament, key=key, form=form, message=message, **extra(tournament)
    ), status


@bp.route("/<key>/unregister", methods=["GET", "POST"])
def unregister(key: str):
    """Leave a tournament before it starts; POST leaves."""
    return _confirmed(
        key,
        "tournaments/unregister.html",
        lambda client, player, t, ret, ip: client.unregister_from_tournament(
            token=player.token, link=t, return_url=ret, client_ip=ip
        ),
        _("leaving"),
        lambda t: _("You have left %(name)s.", name=t.name),
    )


@bp.route("/<key>/rebuy", methods=["GET", "POST"])
def rebuy(key: str):
    """What a rebuy costs and how many are left; POST buys one."""
    return _confirmed(
        key,
        "tournaments/rebuy.html",
        lambda client, player, t, ret, ip: client.purchase_rebuy(token=player.token, link=t, return_url=ret, client_ip=ip),
        _("the rebuy"),
        lambda t: _("Rebuy done: your tournament credits are back to the start."),
        _rebuy_costs,
    )


def _rebuy_costs(tournament) -> dict:
    rebuys = tournament.rebuys
    cost = next((p.cost for p in rebuys.purchase_options if p.type == "Cash"), None) if rebuys else None
    return {"rebuys": rebuys, "cost": cost}


# -- news -----------------------------------------------------------------------------


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
def news():
    """The news ticker. htmx polls with the ``latest`` link and gets only newer items."""
    player = current_player()
    if player is None or not player.real:
        return ("", 286) if request.htmx else _gate()
    up, ret, ip = upstream(), return_url(), client_ip()
    if request.htmx and "latest" not in request.args:
        # The lobby page loads the ticker after itself (hx-trigger="load").
        return render_template(
            "tournaments/partials/news.html", news=news_or_none(player, ret, ip), news_refresh=NEWS_REFRESH
        )
    if request.htmx:
        link = _news_link(request.args.get("latest"))
        if link is None:
            return _("That news link is not ours."), 400
        try:
            fresh = up.client.tournament_news(token=player.token, link=link, return_url=ret, client_ip=ip)
        except KoreError as error:
            if isinstance(error, KoreAuthError) and error.session_over:
                raise
            # Keep polling from the same point: nothing is lost, nothing read twice.
            log.info("tournament news unavailable: error=%s", error.raw_code)
            return render_template("tournaments/partials/news_poll.html", items=(), latest=link.href)
        latest = fresh.latest.href if fresh.latest else link.href
        return render_template("tournaments/partials/news_poll.html", items=fresh.news, latest=latest)
    user, items = up.gather(lambda: up.user(player, ret, ip), lambda: news_or_none(player, ret, ip))
    return render_template("tournaments/news.html", user=user, news=items)
