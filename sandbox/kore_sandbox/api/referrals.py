"""Referral and chat endpoints."""

from __future__ import annotations

from flask import Response

from ..context import client_ip
from ..serializers.users import referral_json, referral_status_json
from .endpoint import PLAYER_ONLY, PUBLIC, Call, endpoint, reply
from .validation import Validator

#: The doc's rate limits, (requests, seconds), per client address.
CHAT_LIMITS = ((1, 10),)
REFERRAL_LIMITS = ((100, 60), (500, 600), (1000, 3600))
REFERRAL_CODE_LIMITS = ((100, 60), (500, 600), (1500, 3600))
REFERRAL_CLAIM_LIMITS = ((50, 60), (250, 600), (750, 3600))

#: The doc spells the referrer claim type ``referrrer`` in its tables: both are accepted.
CLAIM_TYPES = ("referrer", "referrrer", "referee")


# -- Chats --------------------------------------------------------------------------


@endpoint("GET", "/chats", grants=PLAYER_ONLY, limits=CHAT_LIMITS)
def chats(call: Call) -> Response:
    """Get Active Chats (one at most)."""
    chats = [
        {
            "chat_id": chat_id,
            "_actions": {"open_chat": {"href": call.urls.page("help_chat", ChatID=chat_id), "method": "GET"}},
            "is_operator_initiated": operator,
        }
        for chat_id, operator in call.backend.chats(call.player_token)
    ]
    return reply({"chats": chats})


# -- Referrals ----------------------------------------------------------------------


@endpoint("GET", "/referrals", grants=PLAYER_ONLY, limits=REFERRAL_LIMITS)
def get_referral(call: Call) -> Response:
    """Get Player Referral: the player's code and the referrer bonus to claim."""
    player, unclaimed = call.backend.get_referral(call.player_token)
    return reply(referral_status_json(call.backend.referral_code(player), player, unclaimed))


@endpoint("GET", "/referrals/<code>", grants=PUBLIC, limits=REFERRAL_CODE_LIMITS)
def get_referral_code(call: Call, code: str) -> Response:
    """Get Referral Code Info."""
    referrer = call.backend.get_referral_code(code)
    return reply({"referral": referral_json(code, referrer), "locale": referrer.profile.locale})


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
    assert call.player_token is not None and claim_type is not None  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
    referral_code, bonus = call.backend.claim_referral(call.player_token, claim_type, code, client_ip())
    claim = {"claim_type": claim_type, "referral_code": referral_code, "bonus": bonus.to_json()}
    return reply({"referral": claim, **claim})


