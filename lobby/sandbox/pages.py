"""HTML pages behind the API's ``_actions`` links, and the demo game behind ``play``.

These stand in for Kore's web applications (cashier, account, chat, registration) and
game servers: enough to show where a link leads and to come back to the casino.
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from . import seed
from .entities import Money
from .routes import get_backend
from .routes_games import redeem_launch_token
from .serializers import Urls

pages = Blueprint("sandbox_pages", __name__, template_folder="templates")

ACTION_TITLES = {
    "register": "Register",
    "reset_password": "Reset your password",
    "help_chat": "Help chat",
    "landing": "Affiliate landing page",
    "account_details": "Account details",
    "account_playback": "Game playback",
    "account_change_password": "Change password",
    "account_competitions": "Competitions",
    "cashier_deposit": "Cashier: deposit",
    "cashier_withdrawal": "Cashier: withdrawal",
    "cashier_withdrawal_reverse": "Cashier: reverse a withdrawal",
    "cashier_bonus": "Cashier: bonuses",
    "cashier_loyalty": "Cashier: loyalty",
    "cashier_statement": "Cashier: statement",
    "cashier_transfer": "Cashier: transfer",
}


def safe_return_url(value: str | None) -> str | None:
    """Only http(s) URLs become links or redirects: no javascript: and friends."""
    if not value:
        return None
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def format_money(money: Money) -> str:
    """The doc's naïve display algorithm (symbol, display exponent and decimals)."""
    spec = seed.CURRENCY_BY_CODE[money.currency]
    scaled = Decimal(money.amount).scaleb(-(money.exponent + spec.display_exponent))
    text = f"{scaled:,.{spec.display_decimals}f}"
    if money.currency == seed.PRACTICE:
        return f"{text} practice credits"
    return f"{spec.symbol}{text}" if spec.symbol else f"{text} {money.currency}"


@pages.get("/pages/<action>")
def action_page(action: str) -> str:
    """A stand-in web application page for one ``_actions`` link."""
    if action not in ACTION_TITLES:
        abort(404)
    player = None
    session_id = request.args.get("SessionID")
    if session_id:
        opened = get_backend().open_play_session(session_id)
        player = opened[1] if opened else None
    return render_template(
        "sandbox/action.html",
        action=action,
        title=ACTION_TITLES[action],
        player=player,
        session_expired=bool(session_id) and player is None,
        params={k: v for k, v in request.args.items() if k not in ("SessionID", "ReturnUrl")},
        return_url=safe_return_url(request.args.get("ReturnUrl")),
    )


@pages.get("/downloads/<name>")
def download(name: str) -> str:
    """Where ``download_apk`` points: there is no real app behind the sandbox."""
    return render_template(
        "sandbox/action.html", action="download_apk", title=f"Download {name}", player=None,
        session_expired=False, params=dict(request.args), return_url=None,
    )


def _find_game(platform: str, code: str) -> seed.Game:
    game = get_backend().get_game(platform, code, request.args.get("device"))
    if game is None:
        abort(404)
    return game


@pages.route("/play/<platform>/<code>", methods=["GET", "POST"])
def play(platform: str, code: str) -> Response | str:
    """The demo game. An ended session sends the player back to the ReturnUrl (Version 2.7)."""
    game = _find_game(platform, code)
    backend = get_backend()
    return_url = safe_return_url(request.args.get("returnurl"))
    play_mode = request.args.get("playmode") if request.args.get("playmode") in seed.PLAY_MODES else "Practice"
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
            query = _launch_args() | {"bet": result.bet.amount, "win": result.win.amount}
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
        spin_url=f"{url_for('.play', platform=platform, code=code)}?{urlencode(_launch_args())}",
    )


def _launch_args() -> dict[str, str]:
    return {k: v for k, v in request.args.items() if k not in ("bet", "win")}


@pages.get("/play/unauthenticated/<code>")
def play_unauthenticated(code: str) -> Response | str:
    """A game launched before sign-in (betconstruct): browsing only, no balance.

    The host page signs the player in later by posting a launch token (obtained with
    POST games/{id}/tokens) to the frame; the game brings it here as ``launch_token``
    and continues as the player, in the same frame.
    """
    game = _find_game("html", code)
    return_url = safe_return_url(request.args.get("returnurl"))
    if "launch_token" in request.args:
        launch = redeem_launch_token(get_backend(), request.args.get("launch_token"))
        if launch is None:
            abort(401)
        query = {k: v for k, v in request.args.items() if k in ("section", "path")}
        href = Urls(request.host_url, return_url).play(game, launch)
        return redirect(f"{href}&{urlencode(query)}" if query else href, 303)
    signin = f"{url_for('.play_unauthenticated', code=code)}?{urlencode(_launch_args())}"
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
