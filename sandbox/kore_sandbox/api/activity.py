"""Privileged endpoints: players' activity summaries, favourite games, new
registrations, and tracking debug info. The privileged ``GET users/{user_id}`` shares
its path with the player's and is served by users.get_user."""

from __future__ import annotations

from flask import Response, request

from ..backend.grants import ACTIVITY_GRANTS
from ..serializers.users import favorite_game_json, registration_json, summary_json, tracking_json
from .endpoint import Call, endpoint, reply


def _date_arg() -> str:
    return request.args.get("date", "")


@endpoint("GET", "/users/summaries", grants=ACTIVITY_GRANTS, return_url=False)
def summaries(call: Call) -> Response:
    """Get Activity Summaries of every player active on ``date`` (today or before)."""
    return reply({"summaries": [summary_json(s, call.urls) for s in call.backend.summaries(_date_arg())]})


@endpoint("GET", "/users/<user_id>/summaries", grants=ACTIVITY_GRANTS, return_url=False)
def user_summaries(call: Call, user_id: str) -> Response:
    """The index's ``users/{user_id}/summaries``: one player's summary of ``date``."""
    summaries = call.backend.summaries(_date_arg(), user_id)
    return reply({"summaries": [summary_json(s, call.urls) for s in summaries]})


@endpoint("GET", "/users/<user_id>/games", grants=ACTIVITY_GRANTS, return_url=False)
def get_favorite_games(call: Call, user_id: str) -> Response:
    """Get User Favorite Games."""
    games = call.backend.get_favorite_games(user_id)
    return reply({"favorite_games": [favorite_game_json(g) for g in games]})


@endpoint("GET", "/registrations", grants=ACTIVITY_GRANTS, return_url=False)
@endpoint("GET", "/registration", grants=ACTIVITY_GRANTS, return_url=False)  # the examples' spelling
def registrations(call: Call) -> Response:
    """Get New Registrations of ``date``."""
    players = call.backend.registrations(_date_arg())
    return reply({"registrations": [registration_json(p, call.urls) for p in players]})



# -- Tracking -----------------------------------------------------------------------


@endpoint("GET", "/tracking/<tracking_id>", grants=("brand_credentials", "tracking"), return_url=False)
def tracking_info(call: Call, tracking_id: str) -> Response:
    """Get Tracking Debug Info."""
    return reply(tracking_json(call.backend.tracking_info(tracking_id)))
