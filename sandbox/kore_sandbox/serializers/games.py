"""Games, jackpots and currencies as the documented JSON."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from .. import seed
from ..backend import SandboxBackend
from ..backend.entities import Jackpot, Token
from ..backend.grants import PLAYER
from ..clock import iso
from .common import Urls, link


def game_json(backend: SandboxBackend, game: seed.Game, token: Token, urls: Urls) -> dict[str, Any]:
    player = backend.player_of(token) if token.grant_type == PLAYER else None
    body: dict[str, Any] = {
        "provider": game.provider,
        "slug": game.slug,
        "name": game.name,
        "category": game.category,
        "platform": game.platform,
        "locale": token.locale,
    }
    if game.provider in seed.ATTRIBUTE_PROVIDERS:
        body["attributes"] = dict(game.attributes)
    medal = backend.game_medal(player, game)
    if medal:
        level, awarded = medal
        body["medal"] = {"level": level, "name": seed.MEDAL_NAMES[level], "awarded_date": awarded}
    free_games = backend.free_games(player, game)
    if free_games is not None:
        body["free_games_set"] = [
            {"available_rounds": rounds, "status": status, "created_date": created, "updated_date": updated}
            for rounds, status, created, updated in free_games
        ]
    play = None
    if token.grant_type == PLAYER:
        if not (token.play_mode == "Practice" and game.provider in seed.REAL_ONLY_PROVIDERS):
            play = urls.play(game, token)
    elif game.provider in seed.UNAUTHENTICATED_PROVIDERS:
        play = urls.play_unauthenticated(game, token)
    if play:
        body["_actions"] = {"play": link(play, "GET")}
    links = {"_self": link(urls.api(f"games/{game.game_id}"), "GET")}
    if game.provider == "betconstruct":
        links["launch"] = link(urls.api(f"games/{game.game_id}/launch"), "POST")
        links["launch_token"] = link(
            urls.api(f"games/{game.game_id}/tokens?{urlencode({'deviceCategory': game.device_category})}"), "POST"
        )
    body["_links"] = links
    if game.device_category:
        body["device_category"] = game.device_category
    return body


def jackpot_json(jackpot: Jackpot) -> dict[str, Any]:
    return {
        "id": jackpot.id,
        "current": jackpot.current,
        "increment_value": jackpot.increment_value,
        "increment_interval": jackpot.increment_interval,
        "timestamp": iso(jackpot.timestamp),
    }


