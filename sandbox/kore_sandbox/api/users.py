"""The player's user resources: users links, GET users/{id} (and its privileged
variant), stats, email status, tags, custom info, player day."""

from __future__ import annotations

import datetime
import re

from flask import Response, request

from .. import seed
from ..backend.grants import ACTIVITY_GRANTS
from ..exceptions import invalid_request
from ..serializers.users import custom_json, email_status_json, player_json, stats_json, user_json, users_links
from .endpoint import PLAYER_ONLY, PUBLIC, Call, endpoint, reply


@endpoint("GET", "/users", grants=PUBLIC)
def get_users_links(call: Call) -> Response:
    """Get Unregistered Users Links."""
    return reply(users_links(call.player_token, call.urls, call.backend.app_links))


@endpoint("GET", "/users/<user_id>", grants=PLAYER_ONLY + ACTIVITY_GRANTS, return_url=PLAYER_ONLY)
def get_user(call: Call, user_id: str) -> Response:
    """Get User Information: the player's own, or any player's with a privileged token
    (no X-Kore-ReturnUrl needed; restricted_activity_subscriber sees no contact details)."""
    if call.player_token.grant_type in ACTIVITY_GRANTS:
        restricted = call.player_token.grant_type == "restricted_activity_subscriber"
        return reply(player_json(call.backend.get_player(user_id), restricted, call.urls))
    player = call.backend.get_user(call.player_token, user_id)
    return reply(user_json(player, call.player_token, call.urls))


@endpoint("GET", "/users/<user_id>/stats", grants=PLAYER_ONLY)
def get_stats(call: Call, user_id: str) -> Response:
    """Get User Statistics."""
    player = call.backend.get_stats(call.player_token, user_id)
    return reply(stats_json(call.backend, player, call.player_token, call.urls))


@endpoint("GET", "/users/<user_id>/email_status", grants=PLAYER_ONLY)
def get_email_status(call: Call, user_id: str) -> Response:
    """Get Email Delivery Status."""
    status = call.backend.get_email_status(call.player_token, user_id)
    return reply({"email_status": email_status_json(status)})


@endpoint("GET", "/users/<user_id>/tags", grants=PLAYER_ONLY)
def get_tags(call: Call, user_id: str) -> Response:
    """Get User Tags: ``categories`` is mandatory, comma separated, from the doc's list."""
    categories = [c.strip() for c in request.args.get("categories", "").split(",") if c.strip()]
    if not categories or any(c not in seed.TAG_CATEGORIES for c in categories):
        raise invalid_request(["categories"])
    tags = call.backend.get_tags(call.player_token, user_id, categories)
    return reply({"tags": [{"name": name, "category": category} for name, category in tags]})


@endpoint("GET", "/users/<user_id>/custom", grants=PLAYER_ONLY)
def get_custom(call: Call, user_id: str) -> Response:
    """Get Custom User Info: the sandbox's stand-in for pGetUserCustomInfo."""
    return reply(custom_json(call.backend.get_custom(call.player_token, user_id)))


@endpoint("GET", "/users/<user_id>/player_day", grants=PLAYER_ONLY)
def get_player_day(call: Call, user_id: str) -> Response:
    """Get Player Day: ``date`` (yyyy-mm-dd) is mandatory."""
    date = request.args.get("date", "")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or not _is_date(date):
        raise invalid_request(["date"])
    bets, count, deposits = call.backend.get_player_day(call.player_token, user_id,
                                                        datetime.date.fromisoformat(date))
    return reply({
        "cash_bet_total_usd": {"currency": "USD", "decimal_amount": bets},
        "deposit_count": count,
        "deposit_total_usd": {"currency": "USD", "decimal_amount": deposits},
    })


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


