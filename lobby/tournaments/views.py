"""Tournament pages: the list, one tournament with its leaderboard, a tournament game."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import render_template, url_for
from flask_babel import gettext as _

from lobby.core.guards import optional, real_player_required
from lobby.core.htmx import request
from lobby.core.i18n import kore_locale
from lobby.core.session import polled
from lobby.core.upstream import kore, upstream
from lobby import art
from lobby.art import game_for
from lobby.tournaments import bp
from lobby.tournaments.data import (
    CATEGORIES,
    STATUSES,
    find_tournament,
    list_tournaments,
    load,
    news_or_none,
    not_found,
)


@bp.get("/")
@real_player_required
def index():
    """Every tournament as a card, filtered by status and category; news alongside."""
    up = upstream()
    status = request.args.get("status") if request.args.get("status") in STATUSES else ""
    category = request.args.get("category") if request.args.get("category") in CATEGORIES else ""
    htmx = request.htmx and not request.htmx.history_restore_request
    # The brand's game list (cached) gives each card a picture of its game category.
    calls = [list_tournaments, kore().user,
             lambda: optional(lambda: up.public_games(kore_locale()), [], what="game list") or []]
    if not htmx:
        calls.append(news_or_none)
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
        news=results[3] if not htmx else None,
        games=results[2],
        art=art.Links.here(),
        game_for=game_for,
    )
    if htmx:
        return render_template("tournaments/partials/list.html", **context)
    return render_template("tournaments/index.html", **context)


@bp.get("/<key>")
@polled
@real_player_required
def detail(key: str):
    """One tournament: prizes, games, and the leaderboard (alone for htmx refreshes)."""
    up = upstream()
    htmx = request.htmx and not request.htmx.history_restore_request
    if htmx:
        tournament = find_tournament(key)
        if tournament is None:
            return "", 286  # htmx: stop polling
        return render_template("tournaments/partials/leaderboard.html", t=tournament, key=key)
    user, tournament, news, games = up.gather(
        kore().user,
        lambda: find_tournament(key),
        news_or_none,
        # The brand's game list (cached) knows each game's provider, for its picture.
        lambda: optional(lambda: up.public_games(kore_locale()), [], what="game list") or [],
    )
    if tournament is None:
        return not_found(user)
    return render_template("tournaments/detail.html", user=user, t=tournament, key=key, news=news,
                           lobby_games=_by_slug(games), art=art.Links.here())


#: The last game list seen and its games by slug (one tuple: replaced at once, never torn).
_by_slug_kept: tuple[object, dict] = ((), {})


def _by_slug(games) -> dict:
    """The brand's games by slug, made once per game list (held by identity) and reused."""
    global _by_slug_kept
    kept_games, by_slug = _by_slug_kept
    if kept_games is not games:
        by_slug = {game.slug: game for game in games}
        _by_slug_kept = (games, by_slug)
    return by_slug


@bp.get("/<key>/play/<slug>")
@real_player_required
def play(key: str, slug: str):
    """A tournament game in our game host, only while it runs and the player has joined."""
    user, tournament = load(key)
    if tournament is None:
        return not_found(user)
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
    if reason or link is None:
        return render_template("tournaments/cannot_play.html", user=user, t=tournament, key=key, reason=reason), 409
    parts = urlsplit(link.href)
    return render_template(
        "games/play.html", user=user, game=game, play_link=link, frame_origin=f"{parts.scheme}://{parts.netloc}",
        back_url=url_for(".detail", key=key), back_label=_("Back to the tournament")
    )
