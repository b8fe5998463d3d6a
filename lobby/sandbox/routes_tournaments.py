"""Kore API v3 tournaments, competitions and tournament news endpoints.

Endpoints are declared with ``routes.endpoint`` on the same ``/v3/api`` blueprint;
server.py imports this module so they are registered. The rules live in
``tournaments.TournamentBook``; this module reads requests and writes the documented JSON.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Response, request
from werkzeug.exceptions import NotFound

from . import seed
from .clock import iso
from .entities import Player, Token
from .exceptions import invalid_request
from .models import BRAND_PUBLIC, PLAYER
from .routes import Call, api, endpoint, get_backend, reply
from .serializers import Urls, link
from .tournaments import Entry, Tournament, TournamentBook, credits, money
from .validation import Validator

REAL_PLAYER = (PLAYER,)  # and Real play mode: checked by the book (unsupported_play_mode)
LEADERBOARD_GRANTS = (BRAND_PUBLIC, PLAYER, "leaderboard", "leaderboad")
REGISTRATION_TYPES = ("Cash", "Loyalty", "Bonus")
DEFAULT_LIMIT = 100
MAX_LIMIT = 500

_GAMES = {g.slug: g for g in seed.GAMES}


@api.before_request
def tournaments_follow_the_clock() -> None:
    """Tournaments move with time whichever endpoint is called (users/{id} included)."""
    get_backend().tournaments.tick()


def _book(call: Call) -> TournamentBook:
    return call.backend.tournaments


def _token(call: Call) -> Token:
    assert call.token is not None
    return call.token


# -- JSON ---------------------------------------------------------------------------


def status_change_date(t: Tournament) -> str | None:
    """What the date means depends on the status (doc, Type and Status)."""
    when = {
        "Created": t.opens_at,
        "RegistrationOpened": t.starts_at if t.spec.type == "Scheduled" else None,
        "Started": t.ends_at,
        "Finished": t.changed_at,
    }.get(t.status)
    return iso(when) if when else None


def registration_options(t: Tournament, currency: str) -> list[dict[str, Any]]:
    options: list[dict[str, Any]] = []
    if t.spec.cash:
        fee, buy_in = (money(v, currency).to_json() for v in t.spec.cash)
        # The examples spell it ``buyin``, the Registration Options table ``buy_in``: both.
        options.append({"type": "Cash", "fee": fee, "buyin": buy_in, "buy_in": dict(buy_in)})
    if t.spec.bonus:
        options.append({"type": "Bonus"})
    if t.spec.loyalty is not None:
        options.append({"type": "Loyalty", "cost": t.spec.loyalty})
    return options


def rebuys_json(book: TournamentBook, t: Tournament, entry: Entry | None, currency: str) -> dict[str, Any]:
    assert t.spec.rebuys is not None
    max_count, cost = t.spec.rebuys
    return {
        "is_allowed": book.rebuy_allowed(t, entry),
        "use_count": entry.rebuys if entry else 0,
        "max_use_count": max_count,
        "purchase_options": [{"type": "Cash", "cost": money(cost, currency).to_json()}],
    }


def entry_json(t: Tournament, entry: Entry, currency: str, now) -> dict[str, Any]:
    active = (
        t.status == "Started"
        and (entry.player_id is None or (entry.last_played is not None
                                         and (now - entry.last_played).total_seconds() <= 300))
    )
    return {
        "nickname": entry.nickname,
        "rank": entry.rank,
        "credits": credits(entry.credits).to_json(),
        "win_amount": money(entry.prize if t.status == "Finished" else t.prize_for(entry.rank), currency).to_json(),
        "is_active": active,
    }


def play_tournament_url(urls: Urls, game: seed.Game, t: Tournament, token: Token) -> str:
    query = {
        "sessionid": token.session_id,
        "tournamentId": str(t.id),
        "locale": token.locale,
        "returnurl": urls.return_url,
    }
    return f"{urls.base}/play/tournament/{game.platform}/{game.code}?{urlencode(query)}"


def tournament_json(
    book: TournamentBook, t: Tournament, player: Player, token: Token, urls: Urls, *, detailed: bool
) -> dict[str, Any]:
    currency = player.profile.currency
    entry = t.entry_of(player)
    registration = {"status": "Registered" if entry else "None"}
    body: dict[str, Any] = {
        "name": t.spec.name,
        "game_category": t.spec.game_category,
        "type": t.spec.type,
        # The example says ``registration``, the property table ``registrations``: both.
        "registration": registration,
        "registrations": dict(registration),
        "registration_options": registration_options(t, currency),
        "player_counts": {"registered": len(t.entries), "minimum": t.spec.minimum, "maximum": t.spec.maximum},
        "status": t.status,
    }
    date = status_change_date(t)
    if date:
        body["status_change_date"] = date
    body["prize_pool"] = {
        "type": t.spec.prize_pool,
        "minimum": money(t.pool_minimum, currency).to_json(),
        "current": money(t.pool, currency).to_json(),
    }
    if t.spec.rebuys:
        body["rebuys"] = rebuys_json(book, t, entry, currency)
    base = f"tournaments/{t.id}"
    body["_links"] = {
        "_self": link(urls.api(base), "GET"),
        "register": link(urls.api(f"{base}/registration"), "POST"),
        "unregister": link(urls.api(f"{base}/registration"), "DELETE"),
        "rebuy": link(urls.api(f"{base}/rebuys"), "POST"),
    }
    if not detailed:
        return body
    body["description"] = t.spec.description
    body["credits"] = credits(t.spec.credits).to_json()
    if t.status in ("Started", "Finishing", "Finished"):
        now = book.backend.clock.now()
        ranked = t.ranked()
        body["leaderboard"] = [entry_json(t, e, currency, now) for e in ranked]
        if entry is not None:
            body["player"] = entry_json(t, entry, currency, now)
    body["games"] = [
        {
            "slug": game.slug,
            "name": game.name,
            "locale": token.locale,
            "category": game.category,
            "platform": game.platform,
            # The doc guarantees play_tournament on every game; the game page itself
            # refuses players who have not joined and tournaments that are not running.
            "_actions": {"play_tournament": link(play_tournament_url(urls, game, t, token), "GET")},
            "_links": {"_self": link(urls.api(f"games/{game.game_id}"), "GET")},
        }
        for game in (_GAMES[slug] for slug in t.spec.games)
    ]
    body["prizes"] = [
        {
            "rank": rank,
            "minimum": money(t.prize_for(rank, minimum=True), currency).to_json(),
            "current": money(t.prize_for(rank), currency).to_json(),
        }
        for rank in range(1, len(t.spec.prizes) + 1)
    ]
    body["duration"] = t.spec.duration
    return body


def _found(result: Any) -> Any:
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
    items, next_id = _book(call).tournament_news(_token(call), min_id)
    return reply({
        "news": [{"text": item.text} for item in items],
        "_links": {"latest": link(call.urls.api(f"tournaments/news?min_id={next_id}"))},
    })


@endpoint("GET", "/tournaments", grants=REAL_PLAYER)
def list_tournaments(call: Call) -> Response:
    """Get List of Tournaments (partial representations)."""
    book = _book(call)
    player, tournaments = book.list_tournaments(_token(call))
    with call.backend.lock:
        return reply({
            "tournaments": [
                tournament_json(book, t, player, _token(call), call.urls, detailed=False) for t in tournaments
            ]
        })


@endpoint("GET", "/tournaments/<int:tournament_id>", grants=REAL_PLAYER)
def get_tournament(call: Call, tournament_id: int) -> Response:
    """Get Tournament Details."""
    book = _book(call)
    player, t = _found(book.get_tournament(_token(call), tournament_id))
    with call.backend.lock:
        return reply(tournament_json(book, t, player, _token(call), call.urls, detailed=True))


@endpoint("POST", "/tournaments/<int:tournament_id>/registration", grants=REAL_PLAYER)
def register_for_tournament(call: Call, tournament_id: int) -> Response:
    """Register for Tournament: ``type`` Cash, Loyalty or Bonus (with ``bonus_code``)."""
    v = Validator(call.body)
    kind = v.string("type", required=True, choices=REGISTRATION_TYPES)
    bonus_code = v.string("bonus_code", max_len=100)
    if kind == "Bonus" and not bonus_code and "bonus_code" not in v.failed:
        v.failed.append("bonus_code")
    v.check()
    _found(_book(call).register_for_tournament(_token(call), tournament_id, kind or "", bonus_code))
    return reply({"status": "Registered"})


@endpoint("DELETE", "/tournaments/<int:tournament_id>/registration", grants=REAL_PLAYER)
def unregister_from_tournament(call: Call, tournament_id: int) -> Response:
    """Unregister from Tournament: an empty answer."""
    _found(_book(call).unregister_from_tournament(_token(call), tournament_id))
    return reply({})


@endpoint("POST", "/tournaments/<int:tournament_id>/rebuys", grants=REAL_PLAYER)
@endpoint("POST", "/tournaments/<int:tournament_id>/rebuy", grants=REAL_PLAYER)  # the links table's spelling
def purchase_rebuy(call: Call, tournament_id: int) -> Response:
    """Purchase Rebuy (Cash): the updated Rebuys Status."""
    v = Validator(call.body)
    kind = v.string("type", required=True, choices=("Cash",))
    v.check()
    book = _book(call)
    player, t = _found(book.purchase_rebuy(_token(call), tournament_id, kind or "Cash"))
    with call.backend.lock:
        return reply(rebuys_json(book, t, t.entry_of(player), player.profile.currency))


# -- Competitions ---------------------------------------------------------------------


@endpoint("GET", "/competitions", grants=LEADERBOARD_GRANTS)
def list_competitions(call: Call) -> Response:
    """Get Competitions: this brand group's live ones; ``?all=true`` every group's, with ``brand_group``."""
    raw = request.args.get("all", "false").lower()
    if raw not in ("true", "false"):
        raise invalid_request(["all"])
    everything = raw == "true"
    body = []
    for c in _book(call).list_competitions(everything):
        item: dict[str, Any] = {"id": c.spec.id, "name": c.spec.name}
        if everything:
            item["brand_group"] = c.spec.brand_group
        item["start_date"] = iso(c.start)
        item["end_date"] = iso(c.end)
        body.append(item)
    return reply({"competitions": body})


@endpoint("GET", "/competitions/<competition_ids>/leaderboard", grants=LEADERBOARD_GRANTS)
def get_leaderboard(call: Call, competition_ids: str) -> Response:
    """Get Leaderboard: comma separated ids merge into one board (by email); ``limit``
    1..500, default 100 (the ``leaderboard`` grant is not limited)."""
    token = _token(call)
    parts = competition_ids.split(",")
    if not all(p.strip().isdigit() and int(p) > 0 for p in parts):
        raise invalid_request(["competitionIds"])
    privileged = token.grant_type in ("leaderboard", "leaderboad")
    raw = request.args.get("limit")
    limit = DEFAULT_LIMIT
    if raw is not None:
        if not raw.isdigit() or int(raw) < 1 or (int(raw) > MAX_LIMIT and not privileged):
            raise invalid_request(["limit"])
        limit = int(raw)
    player = call.backend.player_of(token) if token.grant_type == PLAYER else None
    ids, board, mine = _book(call).get_leaderboard([int(p) for p in parts], limit, player)
    row = lambda r: {"nickname": r[0], "ranking": r[1], "score": r[2]}  # noqa: E731
    body: dict[str, Any] = {"competition_ids": ids, "leaderboard": [row(r) for r in board]}
    if mine is not None:
        body["player"] = row(mine)
    return reply(body)
