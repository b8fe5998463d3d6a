"""Bonus endpoints: claim a bonus code or campaign, filter bonus codes."""

from __future__ import annotations

from flask import Response

from ..exceptions import invalid_request
from .endpoint import PLAYER_ONLY, Call, endpoint, reply
from .validation import Validator

#: The doc's rate limit, (requests, seconds), per client address.
BONUS_CLAIM_LIMITS = ((1, 1), (10, 60))


@endpoint("POST", "/bonuses/claim", grants=PLAYER_ONLY, limits=BONUS_CLAIM_LIMITS)
def claim_bonus(call: Call) -> Response:
    """Claim a Bonus: a bonus code (5–30, and an invite code of 6) or a campaign."""
    v = Validator(call.body)
    bonus_code = v.string("bonus_code", min_len=5, max_len=30)
    invite_code = v.string("invite_code", min_len=6, max_len=6)
    campaign = v.obj("campaign")
    campaign_id = None
    if campaign is not None:
        campaign_id = campaign.integer("campaign_id", required=True, minimum=1)
        campaign.string("type", required=True, choices=("invite",))
        v.merge(campaign)
    v.check()
    if invite_code is not None and bonus_code is None:
        raise invalid_request(["invite_code"], "An invite_code only applies with a bonus_code.")
    if bonus_code is None and campaign_id is None:
        raise invalid_request(["bonus_code", "campaign"], "Provide a bonus_code or a campaign.")
    code, status = call.backend.claim_bonus(call.player_token, bonus_code, invite_code, campaign_id)
    return reply({"bonus_code": code, "claim_status": status})


@endpoint("POST", "/bonuses/filter", grants=PLAYER_ONLY)
def filter_bonus_codes(call: Call) -> Response:
    """Filter Bonus Codes: at most 50 codes of 5 to 30 characters."""
    codes = call.body.get("bonus_codes")
    if (
        not isinstance(codes, list)
        or len(codes) > 50
        or not all(isinstance(c, str) and 5 <= len(c) <= 30 for c in codes)
    ):
        raise invalid_request(["bonus_codes"])
    return reply({"claimable_bonus_codes": call.backend.filter_bonus_codes(call.player_token, codes)})


