"""Referral forms: the referrer's claim, and the referral code a new player brings along."""

from __future__ import annotations

import re

from wtforms import HiddenField
from wtforms.validators import AnyOf, InputRequired

from lobby.forms.base import Form

#: Kore: "a short alphanumerical ASCII string".
REFERRAL_CODE = re.compile(r"[A-Za-z0-9]{1,30}")


def referral_code_or_empty(value: str | None) -> str:
    """A referral code as it came in a link or a form, or "" when it cannot be one."""
    value = (value or "").strip()
    return value if REFERRAL_CODE.fullmatch(value) else ""


def referral_code_field() -> HiddenField:
    """The referral code a registration carries along (hidden: it came with the link).
    Anything that cannot be a code is dropped: the registration goes on without one."""
    return HiddenField(filters=[referral_code_or_empty])


class ReferralClaimForm(Form):
    """Claim a referral bonus: the referrer's rewards, or the new player's waiting referee bonus."""

    claim_type = HiddenField(validators=[InputRequired(), AnyOf(("referrer", "referee"))])
