"""GET games, GET games/{id} and GET progressives/games."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
import requests
from sandbox_helpers import Kore, Player, assert_error

CATEGORIES = {"classicslots", "videoslots", "videopokers", "tablegames", "sportsbook", "crashgames", "other"}
ATTRIBUTE_PROVIDERS = {"saucify", "genii", "go", "crucible"}


def games(kore: Kore, token: str, **params: str) -> list[dict]:
    response = kore.get("games", token=token, params=params)
    assert response.status_code == 200, response.text
    return response.json()["games"]


def test_catalog_covers_categories_and_providers(kore: Kore, brand_token: str) -> None:
    catalog = games(kore, brand_token)
    assert len({g["slug"] for g in catalog}) >= 40
    assert {g["category"] for g in catalog} == CATEGORIES
    providers = {g["provider"] for g in catalog}
    assert providers >= ATTRIBUTE_PROVIDERS | {
        "rival", "betsoft", "nucleus", "evolution", "pragmaticplay", "betconstruct", "bitville", "ezugi",
    }
    for game in catalog:
        assert set(game) >= {"provider", "slug", "name", "category", "platform", "locale", "_links"}
        assert game["platform"] in ("html", "auto")
        assert game["_links"]["_self"]["href"].startswith(f"{kore.url}/v3/api/games/")
        assert ("attributes" in game) == (game["provider"] in ATTRIBUTE_PROVIDERS)
        assert ("free_games_set" in game) == (game["provider"] in ATTRIBUTE_PROVIDERS)
        assert "medal" not in game


def test_platform_auto_for_betsoft_and_nucleus(kore: Kore, brand_token: str) -> None:
    for game in games(kore, brand_token):
        assert (game["platform"] == "auto") == (game["provider"] in ("betsoft", "nucleus"))


def test_device_categories(kore: Kore, brand_token: str) -> None:
    catalog = games(kore, brand_token)
    device = Counter(g.get("device_category") for g in catalog)
    assert device[None] and device["responsive"] and device["auto"] and device["mobile"] and device["desktop"]
    for game in catalog:
        if game["provider"] == "pragmaticplay":
            assert game["device_category"] == "auto"
    sports = [g for g in catalog if g["provider"] == "betconstruct" and g["slug"] == "sportsbook"]
    assert sorted(g["device_category"] for g in sports) == ["desktop", "mobile"]
    for game in sports:
        assert game["_links"]["launch"]["method"] == "POST"
        assert game["_links"]["launch_token"]["href"].endswith(f"deviceCategory={game['device_category']}")


def test_brand_token_has_no_play_except_betconstruct(kore: Kore, brand_token: str) -> None:
    for game in games(kore, brand_token):
        has_play = "play" in game.get("_actions", {})
        assert has_play == (game["provider"] == "betconstruct"), game["name"]


def test_player_token_play_links(kore: Kore, alice: Player) -> None:
    catalog = games(kore, alice.token)
    assert all("play" in g["_actions"] for g in catalog)
    practice = kore.login("bruno@demo.kore", "Practice")
    for game in games(kore, practice.token):
        real_only = game["provider"] in ("rival", "evolution")
        assert ("play" in game.get("_actions", {})) != real_only, game["name"]


def test_medals_and_free_games_for_a_demo_player(kore: Kore, alice: Player) -> None:
    by_slug = {g["slug"]: g for g in games(kore, alice.token)}
    assert by_slug["midnight-racer-video-slot"]["medal"] == {
        "level": 3, "name": "Gold", "awarded_date": "2024-03-06T12:16:17Z",
    }
    [free] = by_slug["crystal-caverns-video-slot"]["free_games_set"]
    assert free["status"] == "active" and free["available_rounds"] == 9
    assert by_slug["zodiac-video-slot"]["free_games_set"] == []
    bruno = kore.login("bruno@demo.kore")
    assert all("medal" not in g for g in games(kore, bruno.token))


def test_names_that_need_escaping_exist(kore: Kore, brand_token: str) -> None:
    names = {g["name"] for g in games(kore, brand_token)}
    assert {"Aladdin's Loot", "Rock & Roll Reels"} <= names


@pytest.mark.parametrize(("params", "expected"), [({"platform": "auto"}, {"auto"}), ({"platform": "html"}, {"html"})])
def test_platform_filter(kore: Kore, brand_token: str, params: dict, expected: set) -> None:
    assert {g["platform"] for g in games(kore, brand_token, **params)} == expected


def test_category_filter(kore: Kore, brand_token: str) -> None:
    assert {g["category"] for g in games(kore, brand_token, category="crashgames")} == {"crashgames"}


@pytest.mark.parametrize(("params", "prop"), [({"platform": "flash"}, "platform"), ({"category": "slots"}, "category")])
def test_invalid_filters(kore: Kore, brand_token: str, params: dict, prop: str) -> None:
    response = kore.get("games", token=brand_token, params=params)
    assert assert_error(response, "invalid_request", 400)["properties"] == [prop]


def test_game_detail_follows_self_link(kore: Kore, alice: Player) -> None:
    for game in games(kore, alice.token)[:10]:
        detail = kore.get(game["_links"]["_self"]["href"], token=alice.token)
        assert detail.status_code == 200
        assert detail.json() == game


def test_game_detail_with_brand_token(kore: Kore, brand_token: str) -> None:
    body = kore.get("games/Html/MrsGreensPlantEmporiumVideoSlot", token=brand_token).json()
    assert body["name"] == "Mrs Greens Plant Emporium"
    assert body["attributes"]["progressive"] == "true"
    assert "_actions" not in body


def test_betconstruct_detail_by_device(kore: Kore, brand_token: str) -> None:
    for device in ("mobile", "desktop"):
        body = kore.get("games/Html/Sportsbook", token=brand_token, params={"deviceCategory": device}).json()
        assert body["device_category"] == device
        assert "play" in body["_actions"]


def test_unknown_game_is_404(kore: Kore, brand_token: str) -> None:
    response = kore.get("games/Html/NoSuchGame", token=brand_token)
    assert response.status_code == 404
    assert response.headers["X-Kore-Version"]


def test_game_list_after_session_expiry(kore: Kore, alice: Player) -> None:
    kore.advance(1201)
    assert_error(kore.get("games", token=alice.token), "expired_player_session", 401)


# -- progressives -----------------------------------------------------------------------


def progressives(kore: Kore, token: str) -> dict[str, dict]:
    response = kore.get("progressives/games", token=token)
    assert response.status_code == 200
    return {g["game_slug"]: g for g in response.json()["games"]}


def test_progressive_games_shape(kore: Kore, brand_token: str) -> None:
    catalog = {g["slug"]: g for g in games(kore, brand_token)}
    found = progressives(kore, brand_token)
    assert len(found) >= 3
    for slug, game in found.items():
        assert catalog[slug]["attributes"]["progressive"] == "true"
        assert game["currencies"]
        assert 0 < len(game["jackpots"]) <= 3
        currents = [j["current"] for j in game["jackpots"]]
        assert currents == sorted(currents, reverse=True)
        for jackpot in game["jackpots"]:
            assert jackpot["increment_interval"] > 0 and jackpot["increment_value"] > 0
            stamp = datetime.strptime(jackpot["timestamp"], "%Y-%m-%dT%H:%M:%SZ")
            assert stamp.second % 30 == 0


def test_jackpots_grow_with_the_clock(kore: Kore, brand_token: str, alice: Player) -> None:
    before = progressives(kore, brand_token)
    kore.advance(600)
    after = progressives(kore, alice.token)
    for slug, game in before.items():
        for old, new in zip(game["jackpots"], after[slug]["jackpots"], strict=True):
            assert old["id"] == new["id"]
            elapsed = (
                datetime.strptime(new["timestamp"], "%Y-%m-%dT%H:%M:%SZ")
                - datetime.strptime(old["timestamp"], "%Y-%m-%dT%H:%M:%SZ")
            ).total_seconds()
            assert elapsed >= 600
            expected = old["increment_value"] * (elapsed // old["increment_interval"])
            assert abs(new["current"] - old["current"] - expected) <= old["increment_value"]
            assert new["current"] > old["current"]


def test_jackpots_are_cached_for_30_seconds(kore: Kore) -> None:
    kore.control("POST", "clock", {"set": "2030-01-01T00:00:01Z"})
    brand_token = kore.brand_token()
    first = progressives(kore, brand_token)
    kore.control("POST", "clock", {"set": "2030-01-01T00:00:20Z"})
    assert progressives(kore, brand_token) == first


def test_progressive_singular_path(kore: Kore, brand_token: str) -> None:
    assert requests.get(
        kore.api("progressive/games"),
        headers={"Authorization": f"Bearer {brand_token}", "X-Kore-ReturnUrl": "https://x.example/"},
        timeout=5,
    ).status_code == 200
