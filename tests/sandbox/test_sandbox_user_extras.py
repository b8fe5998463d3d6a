"""The endpoints behind a user's _links: stats, email_status, tags, custom, player_day."""

from __future__ import annotations

import pytest
from sandbox_helpers import Kore, Player, assert_error


def links(kore: Kore, player: Player) -> dict[str, str]:
    body = kore.get(player.user_url, token=player.token).json()
    return {name: link["href"] for name, link in body["_links"].items()}


def test_stats_with_highest_win(kore: Kore, alice: Player) -> None:
    body = kore.get(links(kore, alice)["statistics"], token=alice.token).json()
    assert body["highest_win"]["payout"] == {"currency": "USD", "amount": 11750, "exponent": 2}
    assert body["highest_win"]["game"]["slug"] == "spartians-video-slot"
    assert [t["name"] for t in body["tournaments"]] == ["Midweek Mayhem"]  # her history: test_sandbox_users.py


def test_stats_without_wins(kore: Kore) -> None:
    bruno = kore.login("bruno@demo.kore")
    body = kore.get(links(kore, bruno)["statistics"], token=bruno.token).json()
    assert body == {"tournaments": [], "competitions": []}


@pytest.mark.parametrize(("email", "blocked"), [("alice@demo.kore", False), ("chidi@demo.kore", True)])
def test_email_status(kore: Kore, email: str, blocked: bool) -> None:
    player = kore.login(email)
    status = kore.get(links(kore, player)["email_status"], token=player.token).json()["email_status"]
    assert status["is_blocked"] is blocked
    assert ("blocked_until" in status) is blocked
    assert isinstance(status["is_casino_subscribed"], bool) and isinstance(status["is_group_subscribed"], bool)


@pytest.mark.parametrize("email", ["fresh+success@new.kore", "fresh+mobile@new.kore"])
def test_new_account_email_status_is_plausible(kore: Kore, brand_token: str, email: str) -> None:
    """A new account's address has not bounced, and nobody subscribed it to news."""
    body = {
        "user_type": "player", "email": email, "password": "Secret-pass-1", "play_mode": "Real",
        "currency": "USD", "player_info": {"firstname": "Nora", "lastname": "Newman", "birth_date": "1990-07-14"},
    }
    created = kore.post("users", token=brand_token, json=body)
    assert created.status_code == 201, created.text
    player = kore.login(email, password="Secret-pass-1")
    status = kore.get(links(kore, player)["email_status"], token=player.token).json()["email_status"]
    assert status["is_blocked"] is False and "blocked_until" not in status
    assert status["is_casino_subscribed"] is False and status["is_group_subscribed"] is False
    assert "last_tracked" not in status


def test_tags_by_category(kore: Kore, alice: Player) -> None:
    url = links(kore, alice)["tags"]
    body = kore.get(url, token=alice.token, params={"categories": "LoyaltyTier,BrandGroup"}).json()
    assert sorted((t["category"], t["name"]) for t in body["tags"]) == [
        ("BrandGroup", "BrandGroup_KoreDemo"), ("LoyaltyTier", "KoreDemoGold"),
    ]
    assert kore.get(url, token=alice.token, params={"categories": "Promotions"}).json() == {"tags": []}


@pytest.mark.parametrize("categories", [None, "", "NotACategory", "LoyaltyTier,Nope"])
def test_tags_need_valid_categories(kore: Kore, alice: Player, categories: str | None) -> None:
    params = {} if categories is None else {"categories": categories}
    response = kore.get(links(kore, alice)["tags"], token=alice.token, params=params)
    assert assert_error(response, "invalid_request", 400)["properties"] == ["categories"]


def test_custom(kore: Kore, alice: Player) -> None:
    [row] = kore.get(links(kore, alice)["custom"], token=alice.token).json()["result"]
    assert row["nickname"] == "Lucky Alice" and row["is_locked"] is False


def test_player_day_decimal_money(kore: Kore, alice: Player) -> None:
    response = kore.get(links(kore, alice)["player_day"], token=alice.token, params={"date": "2024-01-01"})
    assert '"decimal_amount": 123.700000000' in response.text  # exact, not a rounded float
    body = response.json()
    assert body["deposit_count"] == 2
    assert body["deposit_total_usd"]["currency"] == "USD"


@pytest.mark.parametrize("date", [None, "2024-13-01", "01/02/2024", "yesterday"])
def test_player_day_needs_a_date(kore: Kore, alice: Player, date: str | None) -> None:
    params = {} if date is None else {"date": date}
    response = kore.get(links(kore, alice)["player_day"], token=alice.token, params=params)
    assert assert_error(response, "invalid_request", 400)["properties"] == ["date"]


@pytest.mark.parametrize("suffix", ["stats", "email_status", "tags?categories=BrandGroup", "custom",
                                    "player_day?date=2024-01-01"])
def test_extras_refuse_another_player(kore: Kore, alice: Player, suffix: str) -> None:
    bruno = kore.login("bruno@demo.kore")
    response = kore.get(f"{bruno.user_url}/{suffix}", token=alice.token)
    assert_error(response, "player_not_found", 404)


@pytest.mark.parametrize("suffix", ["stats", "email_status", "custom"])
def test_extras_need_a_player_token(kore: Kore, brand_token: str, alice: Player, suffix: str) -> None:
    assert_error(kore.get(f"{alice.user_url}/{suffix}", token=brand_token), "access_denied", 403)
