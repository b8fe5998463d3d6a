"""Stand-ins for Kore's web applications behind the API's ``_actions`` links."""

from __future__ import annotations

from flask import abort, render_template, request

from ..context import get_backend
from .common import pages, safe_return_url

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
    # The demo operator's player-care pages (the lobby's CARE_* settings under `make run`).
    "care_limits": "Deposit limits",
    "care_time_out": "Take a break",
    "care_self_exclusion": "Self-exclusion",
    "care_help": "Help with gambling",
}


#: Cashier pages with a button that moves money (10.00 cash a press).
CASHIER_ACTIONS = {"cashier_deposit": "deposit", "cashier_withdrawal": "withdrawal"}


@pages.route("/pages/<action>", methods=["GET", "POST"])
def action_page(action: str) -> str:
    """A stand-in web application page for one ``_actions`` link. The deposit and
    withdrawal pages move 10.00 cash when their button is pressed (POST)."""
    if action not in ACTION_TITLES or (request.method == "POST" and action not in CASHIER_ACTIONS):
        abort(404)
    player = None
    done = None
    session_id = request.args.get("SessionID")
    if session_id and request.method == "POST":
        moved = get_backend().cashier(session_id, CASHIER_ACTIONS[action])
        if moved is not None:
            player, amount = moved
            if not amount.amount:
                done = "Not enough cash to withdraw."
            else:
                done = "Deposited 10.00." if action == "cashier_deposit" else "Withdrew 10.00."
    elif session_id:
        opened = get_backend().open_play_session(session_id)
        player = opened[1] if opened else None
    return render_template(
        "sandbox/action.html",
        action=action,
        title=ACTION_TITLES[action],
        player=player,
        session_expired=bool(session_id) and player is None,
        params={k: v for k, v in request.args.items() if k not in ("SessionID", "ReturnUrl")},
        cashier=CASHIER_ACTIONS.get(action) if player else None,
        done=done,
        return_url=safe_return_url(request.args.get("ReturnUrl")),
    )


@pages.get("/downloads/<name>")
def download(name: str) -> str:
    """Where ``download_apk`` and ``download_app_store`` point: there is no real app behind the sandbox."""
    return render_template(
        "sandbox/action.html", action="download_apk", title=f"Download {name}", player=None,
        session_expired=False, params=dict(request.args), return_url=None,
    )


