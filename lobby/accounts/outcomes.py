"""Where a Player Token Response leads: signed in, or the page of the next step.

Login, registration, activation, SMS verification, password change, address capture,
migration and password recovery all answer with the same object (doc: "Player Token
Response" → Outcomes); ``proceed`` turns any of them into the redirect that follows.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import flash, redirect, session, url_for
from flask_babel import gettext as _

from lobby.accounts import pending, referee
from lobby.core.security import safe_next
from lobby.core.session import current_player, sign_in
from lobby.kore import NonFatalError, Outcome, PlayerTokenResponse

log = logging.getLogger(__name__)

_APP_EVENT = "app_event"
_FOLLOW = "follow_href"

#: Outcome → (step kind, the view that handles it).
STEP_VIEWS = {
    Outcome.SMS_VERIFICATION: ("sms", "verify.index"),
    Outcome.CHANGE_PASSWORD: ("change_password", "password.change"),
    Outcome.EXTRA_PLAYER_INFO: ("address", "register.address"),
}


def log_non_fatal(errors: tuple[NonFatalError, ...], where: str) -> None:
    for error in errors:
        log.info("%s: non-fatal error=%s properties=%s uuid=%s", where, error.error,
                 ",".join(error.properties), error.uuid)


def _links(response: PlayerTokenResponse) -> dict[str, list[str]]:
    return {name: [link.href, link.method] for name, link in response.links.items()}


def proceed(response: PlayerTokenResponse, *, email: str, play_mode: str, next_url: str = "",
            welcome: str | None = None):
    """The redirect for an outcome; the step's token is kept (encrypted) for its page."""
    log_non_fatal(response.errors, "token response")
    outcome = response.outcome
    email = response.email or email
    if outcome is Outcome.SUCCESS:
        waiting = referee.carry_over()  # a new player's friend's referral code, across the fresh session
        sign_in(response, email=email, play_mode=play_mode)
        signed_in()
        flash(welcome or _("Welcome back! You are signed in."), "success")
        notice = referee.claim_waiting(waiting)
        if notice:
            flash(notice[1], notice[0])
        return redirect(safe_next(next_url, url_for("games.index")), 303)
    if outcome is Outcome.FOLLOW and response.follow is not None:
        # Legacy: Kore's own page finishes setting up the account, then comes back.
        # A page of ours sends the browser there: the CSP's form-action keeps form
        # submissions (and their redirects) on our own origin.
        # Sealed: Kore's follow links may carry the email (UserActivation.aspx?...&Email=).
        session[_FOLLOW] = pending.seal({"href": response.follow.href})
        return redirect(url_for("auth.follow"), 303)
    step = pending.Step(kind="", email=email, play_mode=play_mode, next=safe_next(next_url, ""))
    if outcome is Outcome.ACTIVATION and response.activation is not None:
        activation = response.activation
        step.kind = "activation"
        step.expiration = activation.expiration.isoformat() if activation.expiration else ""
        step.data = {
            "code": activation.code,
            "brands": list(activation.brands),
            "password_required": activation.password_required,
            "reset_password": activation.reset_password.href if activation.reset_password else "",
        }
        pending.save(step)
        return redirect(url_for("auth.activate"), 303)
    if outcome is Outcome.MIGRATION and response.migration is not None:
        migration = response.migration
        step.kind = "migration"
        step.expiration = migration.expiration.isoformat() if migration.expiration else ""
        step.data = {"migration_id": migration.migration_id, "target_brand": migration.target_brand}
        pending.save(step)
        return redirect(url_for("auth.migrate"), 303)
    if outcome in STEP_VIEWS and response.bearer is not None:
        kind, view = STEP_VIEWS[outcome]
        step.kind = kind
        step.token = response.bearer.value
        step.expiration = response.bearer.expiration.isoformat()
        step.links = _links(response)
        step.data = {"missing": list(response.missing_player_info)}
        pending.save(step)
        return redirect(url_for(view), 303)
    log.warning("unexpected token response: outcome=%s grant=%s", outcome.name, response.grant_type)
    flash(_("Your account needs a step this site cannot do yet. Please contact support."), "error")
    return redirect(url_for("auth.login"), 303)


def finish_step(step: "pending.Step", auth: PlayerTokenResponse | None, *, welcome: str, without_tokens: str):
    """A pending step is done: forget it, then on to where Kore's answer leads, or to
    sign-in when Kore sent no tokens with it."""
    pending.clear()
    if auth is None:
        flash(without_tokens, "success")
        return redirect(url_for("auth.login"), 303)
    return proceed(auth, email=step.email, play_mode=step.play_mode, next_url=step.next, welcome=welcome)


def step_expired(message: str | None = None):
    """Kore refused a pending step's own token: the step is over; back to sign-in, saying so."""
    pending.clear()
    flash(message or _("This step took too long and has expired. Please sign in again."), "info")
    return redirect(url_for("auth.login"), 303)


def follow_href() -> str | None:
    """The Kore page a follow outcome sends the player to (http(s) only), once."""
    sealed = pending.unseal(session.pop(_FOLLOW, None))
    href = sealed.get("href") if sealed else None
    if not href or urlsplit(href).scheme not in ("http", "https"):
        return None
    return href


def signed_in_player_email() -> str | None:
    player = current_player()
    return player.email if player else None


def app_bridge() -> dict[str, str] | None:
    """The APK notification due on this page, once (the page after sign-in or sign-out)."""
    event = session.pop(_APP_EVENT, None)
    if event == "login":
        email = signed_in_player_email()
        return {"event": "login", "email": email} if email else None
    if event == "logout":
        return {"event": "logout"}
    return None


def signed_in() -> None:
    """The next page (or fragment) tells the Android app about the sign-in."""
    session[_APP_EVENT] = "login"


def signed_out() -> None:
    session[_APP_EVENT] = "logout"
