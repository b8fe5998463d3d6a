"""Claiming a bonus, the one way: a code the player types on the account page, or a code
or campaign the Offers page offers. One form (forms/offers.py ClaimForm), one service
(here), one answer: what the claim added, Kore's refusal in plain words, or what the fault
table (core/faults.py) says is known when Kore did not answer.

A claim whose answer is lost is never sent again, by Kore's HTTP layer (no retries for
POST) or here: the player is told it may or may not have gone through.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from lobby.core.faults import fault_notice
from lobby.core.guards import optional, refused
from lobby.core.messages import player_message
from lobby.core.templating import money
from lobby.core.upstream import kore
from lobby.forms.offers import ClaimForm
from lobby.kore import Campaign, KoreError, Money, User
from lobby.offers.names import offer_details, offer_name

log = logging.getLogger(__name__)

#: The answer to a claim from anyone not playing for real money (the guard's refusal).
NOT_REAL = _l("Switch to real money to claim a bonus.")


@dataclass(frozen=True)
class Outcome:
    """The claim's answer: ``kind`` is success, error (nothing happened) or warning (it
    may have); ``text`` is the player's sentence."""

    kind: str
    text: str


def claim(form: ClaimForm) -> Outcome:
    """Claim what the form names, once (the view's guards let only Real-money players here)."""
    if not form.validate_on_submit():
        return Outcome("error", form.first_error)
    code = form.bonus_code.data or None
    invite = form.invite_code.data if code else None
    campaign = Campaign(campaign_id=int(form.campaign_id.data)) if form.campaign_id.data else None
    # Amounts in names (WELCOME10) are in the player's currency; the balance before says
    # what the claim added.
    before = optional(kore().get_user, what="user")
    currency = before.balance.currency if before is not None and before.balance else None
    name = offer_details(code, currency)[0] if code else offer_name(f"campaign{form.campaign_id.data}")
    try:
        result = kore().claim_bonus(code, invite_code=invite, campaign=campaign)
    except KoreError as error:
        fault = fault_notice("bonus-claim", error, offer=name)
        if fault is not None:  # the fault table: nothing happened, or it may have
            return Outcome(*fault)
        log.info("bonus claim refused: error=%s", refused(error).raw_code)
        return Outcome("error", player_message(error))
    if result.claim_status == "AwaitingDeposit":
        return Outcome("success", _("%(offer)s is yours once you make a deposit.", offer=name))
    gained = _gained(before, optional(kore().get_user, what="user") if before is not None else None)
    if gained:
        return Outcome("success", _("%(offer)s claimed: %(amount)s is in your bonus balance.",
                                    offer=name, amount=gained))
    return Outcome("success", _("%(offer)s claimed: it is in your bonus balance.", offer=name))


def _gained(before: User | None, after: User | None) -> str:
    """What the claim added to the bonus balance, as Kore counts it ("" when it cannot say)."""
    was = before.bonus_balance if before is not None else None
    now = after.bonus_balance if after is not None else None
    if was is None or now is None or now.currency != was.currency or now.exponent != was.exponent \
            or now.amount <= was.amount:
        return ""
    return money(Money(now.currency, now.amount - was.amount, now.exponent))
