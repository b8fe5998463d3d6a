"""Tournament, tournament news and competition endpoints."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import Response, request
from werkzeug.exceptions import NotFound

from ..backend.grants import BRAND_PUBLIC, PLAYER
from ..backend.grants import LEADERBOARD_GRANTS as LEADERBOARD_ONLY
from ..context import get_backend
from ..exceptions import invalid_request
from ..serializers import news
from ..serializers.common import link
from ..serializers.tournaments import competition_json, leaderboard_row, rebuys_json, tournament_json
from .endpoint import Call, api, endpoint, reply
from .validation import Validator

T = TypeVar("T")

REAL_PLAYER = (PLAYER,)  # and Real play mode: checked by the backend (unsupported_play_mode)
LEADERBOARD_GRANTS = (BRAND_PUBLIC, PLAYER) + LEADERBOARD_ONLY
REGISTRATION_TYPES = ("Cash", "Loyalty", "Bonus")
DEFAULT_LIMIT = 100
MAX_LIMIT = 500


@api.before_request
def tournaments_follow_the_clock() -> None:
    """Tournaments move with time whichever endpoint is called (users/{id} included)."""
    get_backend().tick_tournaments()


def _found(result: T | None) -> T:
    if result is None:
        raise NotFound()  # an unknown tournament: no error code exists for it
    return result


# -- Tournaments ----------------------------------------------------------------------


@endpoint("GET", "/tournaments/news", grants=REAL_PLAYER)
def tournament_news(call: Call) -> Response:
    """Get Tournament News; ``min_id`` (from the ``latest`` link) returns only newer items."""
    raw = request.args.get("min_id")
    min_id = None
    if raw is not None:
        if not raw.isdigit() or int(raw) < 1:
            raise invalid_request(["min_id"])
        min_id = int(raw)
    items, next_id = call.backend.tournament_news(call.player_token, min_id)
    return reply({
        "news": [{"text": news.write(item.kind, item.params, call.player_token.locale)} for item in items],
        "_links": {"latest": link(call.urls.api(f"tournaments/news?min_id={next_id}"))},
    })


@endpoint("GET", "/tournaments", grants=REAL_PLAYER)
def list_tournaments(call: Call) -> Response:
    """Get List of Tournaments (partial representations)."""
    player, tournaments = call.backend.list_tournaments(call.player_token)
    with call.backend.lock:
        now = call.backend.now()
        return reply({
            "tournaments": [
                tournament_json(t, player, call.player_token, call.urls, now, detailed=False) for t in tournaments
            ]
        })


@endpoint("GET", "/tournaments/<int:tournament_id>", grants=REAL_PLAYER)
def get_tournament(call: Call, tournament_id: int) -> Response:
    """Get Tournament Details."""
    player, t = _found(call.backend.get_tournament(call.player_token, tournament_id))
    with call.backend.lock:
        now = call.backend.now()
        return reply(tournament_json(t, player, call.player_token, call.urls, now, detailed=True))


@endpoint("POST", "/tournaments/<int:tournament_id>/registration", grants=REAL_PLAYER)
def register_for_tournament(call: Call, tournament_id: int) -> Response:
    """Register for Tournament: ``type`` Cash, Loyalty or Bonus (with ``bonus_code``)."""
    v = Validator(call.body)
    kind = v.string("type", required=True, choices=REGISTRATION_TYPES)
    bonus_code = v.string("bonus_code", max_len=100)
    if kind == "Bonus" and not bonus_code and "bonus_code" not in v.failed:
        v.failed.append("bonus_code")
    v.check()
    _found(call.backend.register_for_tournament(call.player_token, tournament_id, kind or "", bonus_code))
    return reply({"status": "Registered"})


@endpoint("DELETE", "/tournaments/<int:tournament_id>/registration", grants=REAL_PLAYER)
def unregister_from_tournament(call: Call, tournament_id: int) -> Response:
    """Unregister from Tournament: an empty answer."""
    _found(call.backend.unregister_from_tournament(call.player_token, tournament_id))
    return reply({})


@endpoint("POST", "/tournaments/<int:tournament_id>/rebuys", grants=REAL_PLAYER)
@endpoint("POST", "/tournaments/<int:tournament_id>/rebuy", grants=REAL_PLAYER)  # the links table's spelling
def purchase_rebuy(call: Call, tournament_id: int) -> Response:
    """Purchase Rebuy (Cash): the updated Rebuys Status."""
    v = Validator(call.body)
    kind = v.string("type", required=True, choices=("Cash",))
    v.check()
    player, t = _found(call.backend.purchase_rebuy(call.player_token, tournament_id, kind or "Cash"))
    with call.backend.lock:
        return reply(rebuys_json(t, t.entry_of(player), player.profile.currency))


# -- Competitions ---------------------------------------------------------------------


@endpoint("GET", "/competitions", grants=LEADERBOARD_GRANTS)
def list_competitions(call: Call) -> Response:
    """Get Competitions: this brand group's live ones; ``?all=true`` every group's, with ``brand_group``."""
    raw = request.args.get("all", "false").lower()
    if raw not in ("true", "false"):
        raise invalid_request(["all"])
    everything = raw == "true"
    competitions = call.backend.list_competitions(everything)
    return reply({"competitions": [competition_json(c, everything) for c in competitions]})


@endpoint("GET", "/competitions/<competition_ids>/leaderboard", grants=LEADERBOARD_GRANTS)
def competition_leaderboard(call: Call, competition_ids: str) -> Response:
    """Get Leaderboard: comma separated ids merge into one board (by email); ``limit``
    1..500, default 100 (the ``leaderboard`` grant is not limited)."""
    token = call.player_token
    parts = competition_ids.split(",")
    if not all(p.strip().isdigit() and int(p) > 0 for p in parts):
        raise invalid_request(["competitionIds"])
    privileged = token.grant_type in LEADERBOARD_ONLY
    raw = request.args.get("limit")
    limit = DEFAULT_LIMIT
    if raw is not None:
        if not raw.isdigit() or int(raw) < 1 or (int(raw) > MAX_LIMIT and not privileged):
            raise invalid_request(["limit"])
        limit = int(raw)
    player = call.backend.player_of(token) if token.grant_type == PLAYER else None
    ids, board, mine = call.backend.competition_leaderboard([int(p) for p in parts], limit, player)
    body: dict[str, Any] = {"competition_ids": ids, "leaderboard": [leaderboard_row(r) for r in board]}
    if mine is not None:
        body["player"] = leaderboard_row(mine)
    return reply(body)
