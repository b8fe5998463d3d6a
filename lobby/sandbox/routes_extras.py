"""Bonuses, chats, referrals, user activity (privileged) and offline sign-on, under /v3/api.

State and rules are in extras.py; the privileged ``GET users/{user_id}`` shares its path
with the player's and is served by routes.get_user; the offline sign-on page is in
signon_pages.py.
"""

from __future__ import annotations

from flask import Response, request

from .exceptions import invalid_request
from .extras import OFFLINE_SIGNON, signon_response
from .routes import ACTIVITY_GRANTS, PLAYER_ONLY, PUBLIC, Call, client_ip, endpoint, reply
from .validation import Validator

#: The doc's rate limits, (requests, seconds), per client address.
BONUS_CLAIM_LIMITS = ((1, 1), (10, 60))
CHAT_LIMITS = ((1, 10),)
REFERRAL_LIMITS = ((100, 60), (500, 600), (1000, 3600))
REFERRAL_CODE_LIMITS = ((100, 60), (500, 600), (1500, 3600))
REFERRAL_CLAIM_LIMITS = ((50, 60), (250, 600), (750, 3600))

#: The doc spells the referrer claim type ``referrrer`` in its tables: both are accepted.
CLAIM_TYPES = ("referrer", "referrrer", "referee")


# -- Bonuses ------------------------------------------------------------------------


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
    assert call.token is not None
    code, status = call.backend.claim_bonus(call.token, bonus_code, invite_code, campaign_id)
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
    assert call.token is not None
    return reply({"claimable_bonus_codes": call.backend.filter_bonus_codes(call.token, codes)})


# -- Chats --------------------------------------------------------------------------


@endpoint("GET", "/chats", grants=PLAYER_ONLY, limits=CHAT_LIMITS)
def list_chats(call: Call) -> Response:
    """Get Active Chats (one at most)."""
    assert call.token is not None
    chats = [
        {
            "chat_id": chat_id,
            "_actions": {"open_chat": {"href": call.urls.page("help_chat", ChatID=chat_id), "method": "GET"}},
            "is_operator_initiated": operator,
        }
        for chat_id, operator in call.backend.list_chats(call.token)
    ]
    return reply({"chats": chats})


# -- Referrals ----------------------------------------------------------------------


@endpoint("GET", "/referrals", grants=PLAYER_ONLY, limits=REFERRAL_LIMITS)
def get_referral(call: Call) -> Response:
    """Get Player Referral: the player's code and the referrer bonus to claim."""
    assert call.token is not None
    return reply(call.backend.get_referral(call.token))


@endpoint("GET", "/referrals/<code>", grants=PUBLIC, limits=REFERRAL_CODE_LIMITS)
def get_referral_code(call: Call, code: str) -> Response:
    """Get Referral Code Info."""
    return reply(call.backend.get_referral_code(code))


@endpoint("POST", "/referrals/claim", grants=PLAYER_ONLY, limits=REFERRAL_CLAIM_LIMITS)
def claim_referral(call: Call) -> Response:
    """Claim Referral Bonus: ``referrer`` (all pending) or ``referee`` with a code.

    The example wraps the answer in ``referral``, the table lists its properties at the
    top level: both are sent. A referrer's ``referral_code`` is ignored (the doc omits it).
    """
    v = Validator(call.body)
    claim_type = v.string("claim_type", required=True, choices=CLAIM_TYPES)
    code = v.string("referral_code", required=claim_type == "referee", max_len=50)
    v.check()
    assert call.token is not None and claim_type is not None
    referral_code, bonus = call.backend.claim_referral(call.token, claim_type, code, client_ip())
    claim = {"claim_type": claim_type, "referral_code": referral_code, "bonus": bonus.to_json()}
    return reply({"referral": claim, **claim})


# -- Users' activity (privileged) ---------------------------------------------------


def _date_arg() -> str:
    return request.args.get("date", "")


@endpoint("GET", "/users/summaries", grants=ACTIVITY_GRANTS, return_url=False)
def get_summaries(call: Call) -> Response:
    """Get Activity Summaries of every player active on ``date`` (today or before)."""
    return reply({"summaries": call.backend.get_summaries(_date_arg(), None, call.urls.api)})


@endpoint("GET", "/users/<user_id>/summaries", grants=ACTIVITY_GRANTS, return_url=False)
def get_user_summaries(call: Call, user_id: str) -> Response:
    """The index's ``users/{user_id}/summaries``: one player's summary of ``date``."""
    return reply({"summaries": call.backend.get_summaries(_date_arg(), user_id, call.urls.api)})


@endpoint("GET", "/users/<user_id>/games", grants=ACTIVITY_GRANTS, return_url=False)
def get_favorite_games(call: Call, user_id: str) -> Response:
    """Get User Favorite Games."""
    return reply({"favorite_games": call.backend.get_favorite_games(user_id)})


@endpoint("GET", "/registrations", grants=ACTIVITY_GRANTS, return_url=False)
@endpoint("GET", "/registration", grants=ACTIVITY_GRANTS, return_url=False)  # the examples' spelling
def get_registrations(call: Call) -> Response:
    """Get New Registrations of ``date``."""
    return reply({"registrations": call.backend.get_registrations(_date_arg(), call.urls.api)})


# -- Offline sign-on ----------------------------------------------------------------


@endpoint("POST", "/auth/offline_signon/token", return_url=False)
def refresh_offline_signon(call: Call) -> Response:
    """Refresh an Offline Signon Token with the Auth token: a new pair."""
    v = Validator(call.body)
    token = v.string("token", required=True)
    v.check()
    return reply(signon_response(call.backend.refresh_offline_signon(token or ""), call.urls.api))


@endpoint("GET", "/signons/<signon_id>", grants=(OFFLINE_SIGNON,), return_url=False)
def get_signon(call: Call, signon_id: str) -> Response:
    """Get Signon Information (email, signon id, extended loyalty)."""
    assert call.token is not None
    return reply(call.backend.get_signon(call.token, signon_id))
