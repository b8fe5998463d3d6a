"""What a player is told when a state-changing action meets an upstream fault: one table.

The answer depends on what is known, never on which page asks:
- refused before sending (no connection, a 503 from Kore or a gateway in front of it):
  nothing happened, the player may simply try again;
- no answer after sending (a timeout, a reset mid-request, a 5xx from Kore itself): it
  may or may not have gone through; it was not sent again, and the player is told how
  to check before trying again.

Kore's own refusals (a business rule, a wrong code) are not faults: lobby/core/messages.py.
"""

from __future__ import annotations

import logging
from enum import Enum

from flask_babel import lazy_gettext as _l

from lobby.kore import KoreError

log = logging.getLogger(__name__)


class Known(Enum):
    NOTHING_HAPPENED = "nothing-happened"
    MAYBE = "maybe"


def what_is_known(error: KoreError) -> Known | None:
    """For an upstream fault, whether the action may have happened; None for a refusal."""
    if not error.unavailable:
        return None
    return Known.MAYBE if error.outcome_unknown else Known.NOTHING_HAPPENED


#: action → (nothing happened, may or may not have gone through). The bonus claim's
#: texts name ``%(offer)s``, the offer as players read it.
FAULTS = {
    "sign-in": (
        _l("We could not reach the casino's servers. Nothing was lost: try again in a moment."),
        _l("The casino did not answer in time. You may or may not be signed in: open the lobby to check, "
           "then sign in again if you need to."),
    ),
    "registration": (
        _l("The casino is not answering right now. Nothing was created: please try again in a moment."),
        _l("We could not tell whether your account was created. Before registering again, "
           "try signing in with this email and password."),
    ),
    # Play mode and language, the SMS code, the password reset's code: what the lobby shows says.
    "account-step": (
        _l("We could not reach the casino's servers. Nothing was lost: try again in a moment."),
        _l("The casino did not answer in time, so this step may or may not have gone through. "
           "Open the lobby to check before you try again."),
    ),
    # The address Kore asks for before the first sign-in: sending it again does no harm.
    "address": (
        _l("We could not reach the casino's servers. Your address was not sent: please try again in a moment."),
        _l("The casino did not answer, so we cannot tell whether your address was saved. Please try again."),
    ),
    # The ZAR migration: the way to check is signing in with the new password.
    "migration": (
        _l("We could not reach the casino's servers. Your account was not moved: please try again in a moment."),
        _l("We could not tell whether your account was moved. Try signing in with your new "
           "password first; if that does not work, sign in with your old one."),
    ),
    # Account steps whose way to check is their own.
    "password-change": (
        _l("We could not reach the casino's servers. Nothing was lost: try again in a moment."),
        _l("We could not tell whether your password was changed. Try signing in with the new "
           "password; if it does not work, use the old one."),
    ),
    "password-reset": (
        _l("We could not reach the casino's servers. Nothing was lost: try again in a moment."),
        _l("The casino did not answer. A code may or may not have been sent: "
           "wait a few minutes for it before asking again."),
    ),
    "code-resend": (
        _l("We could not reach the casino's servers. Nothing was lost: try again in a moment."),
        _l("The casino did not answer, so a new code may or may not be on its way. "
           "Wait a minute before asking again."),
    ),
    # The one bonus claim (offers/claims.py): the account page's code and the Offers page's buttons.
    "bonus-claim": (
        _l("The casino cannot be reached right now: your bonus was not claimed. Please try again in a moment."),
        _l("We did not hear back about %(offer)s: it may or may not have gone through. "
           "Check your claimed offers before you try again."),
    ),
    # The new player's referee bonus, claimed right after registration (accounts/referee.py).
    "referee-claim": (
        _l("We could not claim your friend's referral bonus just now. Try again from the Refer a friend page."),
        _l("We did not hear back about your friend's referral bonus: it may or may not have gone through. "
           "Check your bonus balance."),
    ),
    "referral-claim": (
        _l("The casino cannot be reached right now: your reward was not claimed. Please try again in a moment."),
        _l("We did not hear back about your reward: it may or may not have gone through. "
           "Check your bonus balance before you try again."),
    ),
    "tournament-join": (
        _l("The casino cannot be reached right now: you have not joined. Nothing was charged: "
           "please try again in a moment."),
        _l("The casino did not answer in time, so joining may or may not have gone through. It was not sent again."),
    ),
    "tournament-leave": (
        _l("The casino cannot be reached right now: you are still registered. Please try again in a moment."),
        _l("The casino did not answer in time, so leaving may or may not have gone through. It was not sent again."),
    ),
    "tournament-rebuy": (
        _l("The casino cannot be reached right now: no rebuy was made and nothing was charged. "
           "Please try again in a moment."),
        _l("The casino did not answer in time, so the rebuy may or may not have gone through. "
           "It was not sent again."),
    ),
}


def fault_message(action: str, error: KoreError, **values: str) -> tuple[Known, str] | None:
    """What is known and the sentence for it, or None when Kore refused (not a fault)."""
    known = what_is_known(error)
    if known is None:
        return None
    nothing, maybe = FAULTS[action]
    text = str(maybe if known is Known.MAYBE else nothing)
    return known, (text % values if values else text)


def fault_notice(action: str, error: KoreError, **values: str) -> tuple[str, str] | None:
    """The fault as a message's (kind, sentence): "error" when nothing happened, "warning"
    when it may have; logged once, without personal data. None when Kore refused."""
    fault = fault_message(action, error, **values)
    if fault is None:
        return None
    log.warning("%s: no answer (%s): status=%s error=%s", action, fault[0].value, error.status, error.raw_code)
    return ("warning" if fault[0] is Known.MAYBE else "error"), fault[1]


def fault_on_form(form, action: str, error: KoreError) -> bool:
    """The fault's sentence at the top of ``form`` (its ``form_errors``): True when it was a
    fault, and the page answers 503; False when Kore refused (the view says why)."""
    fault = fault_notice(action, error)
    if fault is not None:
        form.form_errors.append(fault[1])
    return fault is not None
