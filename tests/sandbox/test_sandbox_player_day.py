"""player_day moves with play: cash bets (rounds, tournament buy-ins) and deposits since a date."""

from __future__ import annotations

from decimal import Decimal

import requests
from sandbox_helpers import Kore, Player


def day(kore: Kore, player: Player, date: str = "2024-01-01") -> tuple[Decimal, int, Decimal]:
    user = kore.get(player.user_url, token=player.token).json()
    body = kore.get(user["_links"]["player_day"]["href"], token=player.token, params={"date": date}).json()
    return (Decimal(str(body["cash_bet_total_usd"]["decimal_amount"])), body["deposit_count"],
            Decimal(str(body["deposit_total_usd"]["decimal_amount"])))


def today(kore: Kore) -> str:
    return kore.control("GET", "clock").json()["now"][:10]


def test_real_rounds_add_their_cash_bets(kore: Kore, alice: Player) -> None:
    bets, count, deposited = day(kore, alice)
    link = kore.get("games/Html/AladdinsLootVideoSlot", token=alice.token).json()["_actions"]["play"]["href"]
    for _ in range(3):
        assert requests.post(link, timeout=5).status_code == 200
    assert day(kore, alice) == (bets + 3, count, deposited)  # 1.00 USD a round


def test_practice_rounds_do_not_count(kore: Kore) -> None:
    lars = kore.login("lars@demo.kore", "Practice")
    before = day(kore, lars)
    link = kore.get("games/Html/AladdinsLootVideoSlot", token=lars.token).json()["_actions"]["play"]["href"]
    requests.post(link, timeout=5)
    assert day(kore, lars) == before


def test_the_cashier_deposit_counts_in_usd(kore: Kore) -> None:
    bruno = kore.login("bruno@demo.kore")  # EUR, at the sandbox's fixed 1.08
    bets, count, deposited = day(kore, bruno)
    deposit = kore.get(bruno.user_url, token=bruno.token).json()["_actions"]["cashier_deposit"]["href"]
    assert "Deposited 10.00" in requests.post(deposit, timeout=5).text
    assert day(kore, bruno) == (bets, count + 1, deposited + Decimal("10.80"))


def test_a_cash_tournament_buy_in_counts_as_a_bet(kore: Kore, alice: Player) -> None:
    bets, count, deposited = day(kore, alice)
    daily = {t["name"]: t for t in kore.get("tournaments", token=alice.token).json()["tournaments"]}[
        "Daily Slots Showdown"]
    assert kore.post(daily["_links"]["register"]["href"], token=alice.token, json={"type": "Cash"}).ok
    assert day(kore, alice) == (bets + 6, count, deposited)  # 1.00 + 5.00
    assert kore.request("DELETE", daily["_links"]["unregister"]["href"], token=alice.token).ok
    assert day(kore, alice) == (bets, count, deposited)  # refunded: no longer a bet


def test_the_control_endpoint_counts_play_from_elsewhere(kore: Kore, alice: Player) -> None:
    bets, count, deposited = day(kore, alice)
    response = kore.control("POST", "player_day", {"email": "alice@demo.kore", "bet": 250, "deposit": 2000})
    assert response.status_code == 200
    assert day(kore, alice) == (bets + Decimal("2.50"), count + 1, deposited + 20)
    assert kore.control("POST", "player_day", {"email": "nobody@demo.kore", "bet": 1}).status_code == 404
    for bad in ({"bet": 1}, {"email": "alice@demo.kore", "bet": -1}, {"email": "alice@demo.kore", "deposit": "1"},
                {"email": "alice@demo.kore", "bet": True}):
        assert kore.control("POST", "player_day", bad).status_code == 400


def test_the_date_bounds_the_figures(kore: Kore, alice: Player) -> None:
    now = today(kore)
    assert day(kore, alice, now) == day(kore, alice)  # everything seeded happened today
    kore.advance(24 * 3600)
    kore.control("POST", "player_day", {"email": "alice@demo.kore", "bet": 100})
    alice_again = kore.login("alice@demo.kore")
    assert day(kore, alice_again, today(kore)) == (Decimal(1), 0, Decimal(0))  # a new day
    assert day(kore, alice_again, now)[0] == Decimal("124.7")


def test_app_links_can_be_left_out(kore: Kore, brand_token: str) -> None:
    links = kore.get("users", token=brand_token).json()["_links"]
    assert {"download_apk", "download_app_store"} <= set(links)
    assert requests.get(links["download_app_store"]["href"], timeout=5).status_code == 200
    assert kore.control("POST", "apps", {"download_apk": False}).json() == {
        "download_apk": False, "download_app_store": True}
    links = kore.get("users", token=brand_token).json()["_links"]
    assert "download_apk" not in links and "download_app_store" in links
    assert kore.control("POST", "apps", {"download_apk": "no"}).status_code == 400
