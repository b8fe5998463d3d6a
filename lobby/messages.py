"""What a player is told when Kore refuses something: plain words, no codes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .kore import KoreError
from .kore.errors import ErrorCode as E

PLAYER_MESSAGES = {
    E.INVALID_PASSWORD: _l("That email and password do not match an account. Check them and try again."),
    E.ACCOUNT_LOCKED: _l("This account is locked. Please contact support to unlock it."),
    E.ACCOUNT_TEMPORARILY_LOCKED: _l(
        "Too many wrong passwords in a row: this account is locked for a while. "
        "Try again later, or reset your password."
    ),
    E.ACCOUNT_PASSWORD_LOCKED: _l(
        "This account's password is locked after three wrong attempts. Reset your password to sign in."
    ),
    E.ACCOUNT_REVIEW: _l("This account is under review. Support will contact you; you cannot sign in until then."),
    E.GEOBLOCKED: _l("Sorry, playing is not available from the country you are in."),
    E.BLOCKED_GAMSTOP: _l(
        "This account is registered with the GAMSTOP self-exclusion scheme, so it cannot sign in."
    ),
    E.CAPTCHA_REQUIRED: _l("Please confirm you are not a robot, then sign in again."),
    E.CAPTCHA_INVALID: _l("The robot check did not pass. Please try it again."),
    E.RATE_LIMIT_EXCEEDED: _l("Too many attempts in a short time. Please wait a minute and try again."),
    E.UNSUPPORTED_PLAY_MODE: _l("That play mode is not offered here. Choose the other one."),
    E.EXPIRED_PLAYER_SESSION: _l("Your session has ended. Please sign in again."),
    E.EXPIRED_TOKEN: _l("Your session has ended. Please sign in again."),
    E.INVALID_CREDENTIALS: _l("Your session has ended. Please sign in again."),
    E.MISSING_CREDENTIALS: _l("Please sign in first."),
    E.ACCESS_DENIED: _l("That is not available to your account."),
    E.DUPLICATE_REQUEST: _l("That was already sent a moment ago; it has been done once."),
    E.INSUFFICIENT_BALANCE: _l("Your balance is too low for that."),
    E.SERVER_ERROR: _l("The casino had a problem with that request. Please try again in a moment."),
}

GENERIC = _l("Something went wrong with that request. Please try again.")


def player_message(error: KoreError) -> str:
    """The sentence to show a player for a Kore error."""
    return str(PLAYER_MESSAGES.get(error.code, GENERIC))
