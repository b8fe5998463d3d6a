"""A new player's referee claim: the friend's referral code a registration carried is
claimed (``referrals/claim``, ``referee``) as soon as the new account is signed in.

Between the registration and the sign-in (an SMS code, an address, a review) the code
waits in the session, with a hash of the new account's email so that nobody else who
signs in on this browser claims it. A claim Kore could not be asked about stays waiting:
the "Refer a friend" page offers it again.
"""

from __future__ import annotations

import hashlib
import logging

from flask import session
from flask_babel import gettext as _

from lobby.core.faults import Known, fault_message
from lobby.core.messages import player_message
from lobby.core.session import current_player
from lobby.core.upstream import kore
from lobby.kore import KoreError

log = logging.getLogger(__name__)

_KEY = "referee"


def _account(email: str) -> str:
    # The session cookie is signed, not encrypted: no email in it, only a hash.
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:32]


def remember(code: str, email: str) -> None:
    """The registration of ``email`` came with ``code``: claim it once signed in."""
    session[_KEY] = {"code": code, "account": _account(email)}


def carry_over() -> dict | None:
    """The waiting claim, taken out of the session before sign-in starts a fresh one."""
    pending = session.pop(_KEY, None)
    return pending if isinstance(pending, dict) else None


def waiting() -> str | None:
    """The referral code waiting for the signed-in player's referee claim, if any."""
    pending = session.get(_KEY)
    player = current_player()
    if not isinstance(pending, dict) or player is None or pending.get("account") != _account(player.email):
        return None
    code = pending.get("code")
    return code if isinstance(code, str) and code else None


def claim_waiting(carried: dict | None = None) -> tuple[str, str] | None:
    """Claim the waiting referee bonus (``carried`` over the sign-in, or in the session)
    for the signed-in player: (flash category, sentence) of how it went, or None.

    Kore refused: said in plain words, and forgotten. No answer: kept, to try again from
    the "Refer a friend" page, unless the claim may have gone through (never sent twice).
    """
    if carried is not None:
        session[_KEY] = carried
    code = waiting()
    if code is None:
        if session.get(_KEY) is not None and current_player() is not None:
            session.pop(_KEY, None)  # another account signed in: not theirs to claim
        return None
    from lobby.core.templating import money

    try:
        claim = kore().claim_referral("referee", referral_code=code)
    except KoreError as error:
        if error.session_over:
            raise
        fault = fault_message("referee-claim", error)
        if fault is not None:  # the fault table: not claimed (keep the code to claim later), or maybe
            log.warning("referee claim: no answer (%s): error=%s", fault[0].value, error.raw_code)
            if fault[0] is Known.MAYBE:
                session.pop(_KEY, None)
            return ("warning", fault[1])
        session.pop(_KEY, None)
        log.info("referee claim refused: error=%s", error.raw_code)
        return ("error", player_message(error))
    session.pop(_KEY, None)
    if claim.bonus is not None:
        return ("success", _("Your friend's referral bonus of %(amount)s is in your bonus balance.",
                             amount=money(claim.bonus)))
    return ("success", _("Your friend's referral bonus is claimed."))
