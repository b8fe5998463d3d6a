"""Competitions: the list and the (composite) leaderboards."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _

from lobby.core.guards import optional, refused
from lobby.core.htmx import request
from lobby.core.i18n import kore_locale
from lobby.core.messages import player_message
from lobby.core.session import polled
from lobby.core.upstream import kore, upstream
from lobby.forms.tournaments import LeaderboardForm
from lobby.kore import KoreError, KoreNotFound

bp = Blueprint("competitions", __name__, url_prefix="/competitions")


def state_of(competition, now: datetime) -> str:
    if competition.start_date and now < competition.start_date:
        return "upcoming"
    if competition.end_date and now >= competition.end_date:
        return "ended"
    return "running"


def _user():
    bound = kore()
    return bound.user() if bound.player else None


def _as_viewer(call):
    """Competitions answer brand tokens; a signed-in player's token adds their own row."""
    player = kore().player
    if player is not None:
        return call(player.token)
    return upstream().as_brand(kore_locale(), call)


_ID = re.compile(r"[0-9]{1,10}")


def parse_ids(raw: str) -> list[int] | None:
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    # ASCII digits only: str.isdigit() is true for "²" too, which int() refuses.
    if not parts or len(parts) > 20 or not all(_ID.fullmatch(p) and 0 < int(p) < 2**31 for p in parts):
        return None
    return list(dict.fromkeys(int(p) for p in parts))


#: Rows of each card's leaderboard: the podium.
CARD_ROWS = 3


@bp.get("/")
def index():
    """The competitions as cards: name, state and dates, the podium and the player's place;
    several can still be picked for one combined leaderboard."""
    everything = request.args.get("all") == "true"
    up = upstream()
    user, competitions = up.gather(
        _user,
        lambda: _as_viewer(lambda token: kore().list_competitions(all=everything, token=token)),
    )
    now = datetime.now(timezone.utc)
    rows = [(c, state_of(c, now)) for c in sorted(competitions, key=lambda c: (c.start_date or now, c.id))]
    boards = up.gather(*[_podium(c.id) if state != "upcoming" else (lambda: None) for c, state in rows]) \
        if rows else []
    cards = [(c, state, board) for (c, state), board in zip(rows, boards, strict=True)]
    return render_template("tournaments/competitions/index.html", user=user, cards=cards, everything=everything,
                           podium=CARD_ROWS)


def _podium(competition_id: int):
    """The first rows of one competition's leaderboard (and the player's own), or None."""
    return lambda: optional(lambda: _as_viewer(lambda token: kore().competition_leaderboard(
        [competition_id], limit=CARD_ROWS, token=token)), what="competition leaderboard")


@bp.get("/leaderboard")
def combine():
    """The list's form: the chosen competitions, merged into one leaderboard."""
    ids = parse_ids(",".join(request.args.getlist("ids")))
    if ids is None:
        return redirect(url_for(".index"), 303)
    limit = request.args.get("limit")
    return redirect(url_for(".leaderboard", ids=",".join(map(str, ids)), limit=limit or None), 303)


@bp.get("/<ids>/leaderboard")
@polled
def leaderboard(ids: str):
    """A leaderboard of one competition, or merged over several (by email, at Kore)."""
    form = LeaderboardForm(request.args)
    parsed = parse_ids(ids)
    if parsed is None:
        return render_template("tournaments/competitions/not_found.html", user=_user(), message=_("That is not a competition.")), 404
    if not form.validate():
        return render_template("tournaments/competitions/leaderboard.html", user=_user(), form=form, board=None, ids=ids), 400
    limit = form.limit.data or 100
    up = upstream()

    def board():
        try:
            return _as_viewer(lambda token: kore().competition_leaderboard(parsed, limit=limit, token=token))
        except KoreError as error:
            return refused(error)  # said on the page; anything else goes to the error pages

    def named():
        listed = optional(lambda: _as_viewer(lambda token: kore().list_competitions(all=True, token=token)),
                          [], what="competitions") or []
        return [c for c in listed if c.id in parsed]

    user, result, competitions = up.gather(_user, board, named)
    if isinstance(result, KoreError):
        status = 404 if isinstance(result, KoreNotFound) else 400
        return render_template("tournaments/competitions/not_found.html", user=user, message=player_message(result)), status
    rows = list(_with_holes(result.leaderboard))
    if request.htmx and not request.htmx.history_restore_request:
        return render_template("tournaments/competitions/partials/board.html", board=result, rows=rows, ids=ids, limit=limit)
    return render_template("tournaments/competitions/leaderboard.html", user=user, form=form, board=result, rows=rows,
                           ids=ids, limit=limit, competitions=competitions)


def _with_holes(entries):
    """(entry, hole_before): a hole where ranks were left out (the player below the limit)."""
    hole_shown = False
    for index, entry in enumerate(entries):
        skipped = entry.ranking - 1 > index
        yield entry, skipped and not hole_shown
        hole_shown = hole_shown or skipped
