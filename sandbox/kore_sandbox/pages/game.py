"""The demo game behind ``play`` links, signed in or launched unauthenticated."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from .. import seed
from ..backend.entities import Money
from ..context import get_backend, public_url
from ..serializers.common import Urls
from .common import format_money, launch_args, pages, safe_return_url


def _find_game(platform: str, code: str) -> seed.Game:
    game = get_backend().get_game(platform, code, request.args.get("device"))
    if game is None:
        abort(404)
    return game


@pages.route("/play/<platform>/<code>", methods=["GET", "POST"])
def play(platform: str, code: str) -> ResponseReturnValue:
    """The demo game. An ended session sends the player back to the ReturnUrl (Version 2.7)."""
    game = _find_game(platform, code)
    backend = get_backend()
    return_url = safe_return_url(request.args.get("returnurl"))
    asked = request.args.get("playmode")
    play_mode = asked if asked in seed.PLAY_MODES and asked is not None else "Practice"
    session_id = request.args.get("sessionid")
    opened = backend.open_play_session(session_id)
    if opened is None:
        if return_url:
            return redirect(return_url, 302)
        abort(401)
    message = None
    if request.method == "POST":
        result = backend.spin(session_id, play_mode, game)
        if result is None:
            message = "Insufficient balance for a 1.00 bet."
        else:
            query = launch_args() | {"bet": result.bet.amount, "win": result.win.amount}
            return redirect(f"{url_for('.play', platform=platform, code=code)}?{urlencode(query)}", 303)
    _, player = opened
    last = None
    if "win" in request.args and request.args["win"].isdigit():
        currency = seed.PRACTICE if play_mode == "Practice" else player.profile.currency
        win = Money(currency, int(request.args["win"]), seed.CURRENCY_BY_CODE[currency].iso_exponent)
        last = format_money(win)
    cashier = url_for(
        ".action_page", action="cashier_deposit", SessionID=session_id, PlayMode=play_mode,
        ReturnUrl=return_url or "", _external=True,
    )
    return render_template(
        "sandbox/play.html",
        game=game,
        player=player,
        play_mode=play_mode,
        balance=format_money(player.balance(play_mode)),
        last_win=last,
        message=message,
        return_url=return_url,
        cashier_url=cashier,
        signin_url=None,
        section=request.args.get("section"),
        path=request.args.get("path"),
        spin_url=f"{url_for('.play', platform=platform, code=code)}?{urlencode(launch_args())}",
    )


@pages.get("/play/unauthenticated/<code>")
def play_unauthenticated(code: str) -> ResponseReturnValue:
    """A game launched before sign-in (betconstruct): browsing only, no balance.

    The host page signs the player in later by posting a launch token (obtained with
    POST games/{id}/tokens) to the frame; the game brings it here as ``launch_token``
    and continues as the player, in the same frame.
    """
    game = _find_game("html", code)
    return_url = safe_return_url(request.args.get("returnurl"))
    if "launch_token" in request.args:
        launch = get_backend().redeem_launch_token(request.args.get("launch_token"))
        if launch is None:
            abort(401)
        query = {k: v for k, v in request.args.items() if k in ("section", "path")}
        href = Urls(public_url(), return_url).play(game, launch)
        return redirect(f"{href}&{urlencode(query)}" if query else href, 303)
    signin = f"{url_for('.play_unauthenticated', code=code)}?{urlencode(launch_args())}"
    return render_template(
        "sandbox/play.html",
        game=game,
        player=None,
        play_mode=None,
        balance=None,
        last_win=None,
        message="Sign in to place bets.",
        return_url=return_url,
        cashier_url=None,
        signin_url=signin,
        section=request.args.get("section"),
        path=request.args.get("path"),
        spin_url=None,
    )
