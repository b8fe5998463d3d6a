"""Tournaments, news, competitions and leaderboards as the documented JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from .. import seed
from ..backend.entities import Player, Token, credits, money
from ..backend.tournament_entities import Competition, Entry, Tournament
from ..backend.tournaments import ACTIVE_SECONDS
from ..clock import iso
from .common import Urls, link

_GAMES = {g.slug: g for g in seed.GAMES}


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


def rebuys_json(t: Tournament, entry: Entry | None, currency: str) -> dict[str, Any]:
    assert t.spec.rebuys is not None  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
    max_count, cost = t.spec.rebuys
    return {
        "is_allowed": t.rebuy_allowed(entry),
        "use_count": entry.rebuys if entry else 0,
        "max_use_count": max_count,
        "purchase_options": [{"type": "Cash", "cost": money(cost, currency).to_json()}],
    }


def entry_json(t: Tournament, entry: Entry, currency: str, now: datetime) -> dict[str, Any]:
    active = (
        t.status == "Started"
        and (entry.player_id is None or (entry.last_played is not None
                                         and (now - entry.last_played).total_seconds() <= ACTIVE_SECONDS))
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
    t: Tournament, player: Player, token: Token, urls: Urls, now: datetime, *, detailed: bool
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
        body["rebuys"] = rebuys_json(t, entry, currency)
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


def competition_json(c: Competition, everything: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"id": c.spec.id, "name": c.spec.name}
    if everything:
        item["brand_group"] = c.spec.brand_group
    item["start_date"] = iso(c.start)
    item["end_date"] = iso(c.end)
    return item


def leaderboard_row(row: tuple[str, int, int]) -> dict[str, Any]:
    nickname, ranking, score = row
    return {"nickname": nickname, "ranking": ranking, "score": score}
