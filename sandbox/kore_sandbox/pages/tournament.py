"""The demo game behind play_tournament links: play that moves tournament credits and feeds the leaderboard."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ..backend.tournaments import TOURNAMENT_BET
from ..context import get_backend
from .common import launch_args, pages, safe_return_url

REASONS = {
    "not_registered": "You have not joined this tournament, so you cannot play in it.",
    "not_started": "This tournament is not running: play opens when it starts and closes when it ends.",
    "no_credits": "You have no tournament credits left. A rebuy may be available in the lobby.",
}


def xtc(amount: int) -> str:
    return f"{amount // 100:,}.{amount % 100:02d} credits"


@pages.route("/play/tournament/<platform>/<code>", methods=["GET", "POST"])
def play_tournament(platform: str, code: str) -> ResponseReturnValue:
    """A tournament round: bet tournament credits (XTC), never the player's money.

    An ended session sends the player back to the ReturnUrl, like the normal game.
    """
    backend = get_backend()
    return_url = safe_return_url(request.args.get("returnurl"))
    opened = backend.open_play_session(request.args.get("sessionid"))
    if opened is None:
        if return_url:
            return redirect(return_url, 302)
        abort(401)
    _, player = opened
    tournament_id = request.args.get("tournamentId", "")
    if not tournament_id.isdigit():
        abort(404)
    tournament, entry = backend.open_tournament_game(player, int(tournament_id))
    game = backend.get_game(platform, code)
    if tournament is None or game is None or game.slug not in tournament.spec.games:
        abort(404)
    message = None
    if request.method == "POST":
        result = backend.play_tournament_round(player, tournament.id)
        if isinstance(result, str):
            message = REASONS[result]
        else:
            bet, win = result
            query = launch_args() | {"bet": bet, "win": win}
            return redirect(f"{url_for('.play_tournament', platform=platform, code=code)}?{urlencode(query)}", 303)
    # Read again after the round: the tournament cannot have gone (tournaments are never removed).
    tournament, entry = backend.open_tournament_game(player, tournament.id)
    if tournament is None:
        abort(404)
    status = 200
    if entry is None:
        message, status = REASONS["not_registered"], 403
    elif tournament.status != "Started" and message is None:
        message = REASONS["not_started"]
    last_win = request.args.get("win")
    html = render_template(
        "sandbox/tournaments/play.html",
        game=game,
        tournament=tournament,
        player=player,
        entry=entry,
        credits=xtc(entry.credits) if entry else None,
        bet=xtc(TOURNAMENT_BET),
        last_win=xtc(int(last_win)) if last_win and last_win.isdigit() else None,
        message=message,
        can_play=entry is not None and tournament.status == "Started",
        return_url=return_url,
        spin_url=f"{url_for('.play_tournament', platform=platform, code=code)}?{urlencode(launch_args())}",
    )
    return html, status
