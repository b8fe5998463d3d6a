"""Offline sign-on endpoints: refresh the token pair, signon information.
The sign-on page itself is pages/signon.py."""

from __future__ import annotations

from flask import Response

from ..backend.grants import OFFLINE_SIGNON
from ..serializers.auth import signon_response
from ..serializers.users import extended_loyalty
from .endpoint import Call, endpoint, reply
from .validation import Validator


@endpoint("POST", "/auth/offline_signon/token", return_url=False)
def refresh_offline_signon(call: Call) -> Response:
    """Refresh an Offline Signon Token with the Auth token: a new pair."""
    v = Validator(call.body)
    token = v.string("token", required=True)
    v.check()
    return reply(signon_response(call.backend.refresh_offline_signon(token or ""), call.urls))


@endpoint("GET", "/signons/<signon_id>", grants=(OFFLINE_SIGNON,), return_url=False)
def get_signon(call: Call, signon_id: str) -> Response:
    """Get Signon Information (email, signon id, extended loyalty)."""
    player = call.backend.get_signon(call.player_token, signon_id)
    return reply({"email": player.email, "signon_id": signon_id, "loyalty": extended_loyalty(player)})
