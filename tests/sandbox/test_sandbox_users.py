"""GET users, GET users/{id} and GET currencies."""

from __future__ import annotations

import pytest
import requests
from sandbox_helpers import Kore, Player, assert_error

CASHIER_AND_ACCOUNT = {
    "account_details", "account_playback", "account_change_password", "account_competitions",
    "cashier_deposit", "cashier_withdrawal", "help_chat",
}
REAL_ONLY = {"cashier_withdrawal_reverse", "cashier_bonus", "cashier_loyalty", "cashier_statement", "cashier_transfer"}


@pytest.mark.parametrize("grant", ["brand", "player"])
def test_unregistered_user_links(kore: Kore, brand_token: str, alice: Player, grant: str) -> None:
    token = brand_token if grant == "brand" else alice.token
    body = kore.get("users", token=token).json()
    assert set(body["_actions"]) == {"register", "reset_password", "help_chat"}
    assert body["_links"]["register"] == {"href": f"{kore.url}/v3/api/users", "method": "POST"}
    assert body["_links"]["download_apk"]["href"].startswith(kore.url)
    for action in body["_actions"].values():
        assert requests.get(action["href"], timeout=5).status_code == 200


def test_real_user(kore: Kore, alice: Player) -> None:
    response = kore.get(alice.user_url, token=alice.token)
    assert response.status_code == 200
    user = response.json()
    assert user["balance"] == {"currency": "USD", "amount": 130000, "exponent": 2}
    assert user["cash_balance"] == {"currency": "USD", "amount": 125000, "exponent": 2}
    assert user["bonus_balance"] == {"currency": "USD", "amount": 5000, "exponent": 2}
    assert user["email"] == "alice@demo.kore"
    assert (user["firstname"], user["lastname"]) == ("Alice", "Anders")
    assert len(user["user_token"]) == 32 and user["user_token"].isascii()
    assert user["play_mode"] == "Real" and user["locale"] == "en-US"
    assert user["profile"] == "VIP" and user["has_deposited"] is True
    assert user["verification_status"] == {"email": "Verified", "mobile_phone": "Verified"}
    assert user["loyalty"] == {"tier": "KoreDemoGold", "balance": 1520, "tier_name": "Gold"}
    assert user["claimed_offers"][0]["offer_code"] == "75free"
    assert set(user["_actions"]) == CASHIER_AND_ACCOUNT | REAL_ONLY
    assert set(user["_links"]) == {
        "statistics", "email_status", "tags", "custom", "verification", "verification_retry", "player_day",
    }
    assert user["_links"]["statistics"]["href"] == f"{alice.user_url}/stats"
    assert user["registration_date"].endswith("Z") and user["birth_date"] == "1985-04-12"


def test_practice_user(kore: Kore) -> None:
    player = kore.login("alice@demo.kore", "Practice")
    user = kore.get(player.user_url, token=player.token).json()
    assert user["balance"] == {"currency": "XXX", "amount": 500000, "exponent": 2}
    assert "cash_balance" not in user and "bonus_balance" not in user and "loyalty" not in user
    assert set(user["_actions"]) == CASHIER_AND_ACCOUNT


@pytest.mark.parametrize(
    ("email", "currency", "amount", "exponent", "locale"),
    [
        ("bruno@demo.kore", "EUR", 30000, 2, "fr-FR"),
        ("chidi@demo.kore", "ZAR", 260000, 2, "en-ZA"),
        ("satoshi@demo.kore", "BTC", 5000000, 8, "en-US"),
        ("priya@demo.kore", "INR", 420000, 2, "en-US"),
        ("lars@demo.kore", "SEK", 0, 2, "sv-SE"),
    ],
)
def test_demo_players_currencies(
    kore: Kore, email: str, currency: str, amount: int, exponent: int, locale: str
) -> None:
    player = kore.login(email, "Real")
    user = kore.get(player.user_url, token=player.token).json()
    assert user["balance"] == {"currency": currency, "amount": amount, "exponent": exponent}
    assert user["email"] == email
    practice = kore.login(email, "Practice")
    assert kore.get(practice.user_url, token=practice.token).json()["balance"]["currency"] == "XXX"


def test_loyalty_only_for_members(kore: Kore) -> None:
    player = kore.login("bruno@demo.kore", "Real")
    assert "loyalty" not in kore.get(player.user_url, token=player.token).json()


def test_user_action_pages_name_the_player_and_return(kore: Kore, alice: Player) -> None:
    actions = kore.get(alice.user_url, token=alice.token).json()["_actions"]
    page = requests.get(actions["cashier_deposit"]["href"], timeout=5)
    assert page.status_code == 200
    assert "Cashier: deposit" in page.text
    assert "Alice Anders" in page.text
    assert 'href="https://lobby.example.com/casino"' in page.text


@pytest.mark.parametrize("user_id", ["OTHER", "not-a-user."])
def test_another_players_id_is_not_found(kore: Kore, alice: Player, user_id: str) -> None:
    if user_id == "OTHER":
        url = kore.login("bruno@demo.kore").user_url
    else:
        url = kore.api(f"users/{user_id}")
    assert_error(kore.get(url, token=alice.token), "player_not_found", 404)


def test_user_ids_are_stable_across_logins(kore: Kore) -> None:
    assert kore.login().user_url == kore.login("alice@demo.kore", "Practice").user_url


def test_currencies(kore: Kore, brand_token: str) -> None:
    body = kore.get("currencies", token=brand_token).json()
    by_code = {c["currency"]: c for c in body["currencies"]}
    fiat = "GBP EUR USD CAD SEK NOK DKK AUD CNY CZK CHF RUB UAH TRY NZD AMD PLN GEL MXN ZAR INR".split()
    assert set(by_code) == set(fiat) | {"BTC", "XBT", "BCH", "LTC"}
    assert "XXX" not in by_code and "XTC" not in by_code
    assert by_code["USD"] == {"currency": "USD", "symbol": "$", "iso_exponent": 2, "display_exponent": 0,
                              "display_decimals": 2}
    assert by_code["EUR"]["symbol"] == "€"
    assert (by_code["BTC"]["symbol"], by_code["BTC"]["iso_exponent"], by_code["BTC"]["display_exponent"],
            by_code["BTC"]["display_decimals"]) == ("mɃ", 8, 3, 2)
    assert by_code["XBT"]["display_decimals"] == 3
    assert (by_code["INR"]["symbol"], by_code["INR"]["display_decimals"]) == ("₹", 0)
    for currency in body["currencies"]:
        assert currency["symbol"]


@pytest.mark.parametrize("grant", ["player", "brand_credentials"])
def test_currencies_other_grants(kore: Kore, alice: Player, grant: str) -> None:
    if grant == "player":
        token = alice.token
    else:
        body = {"brand_id": "KoreDemo", "locale": "en-US", "secret": "sandbox-secret"}
        token = kore.post("auth/brand_credentials/token", json=body).json()["tokens"][0]["value"]
    assert kore.get("currencies", token=token).status_code == 200


def test_stats_hold_the_tournament_and_competition_history(kore, alice):
    """alice finished 2nd in tournament 105 (Midweek Mayhem, 25.00 for 2nd) and 2nd in the
    ended Winter Warm-up competition; the running ones are not history yet."""
    stats = kore.get(f"{alice.user_url}/stats", token=alice.token).json()
    [midweek] = stats["tournaments"]
    assert midweek["name"] == "Midweek Mayhem" and midweek["rank"] == 2
    assert midweek["win_amount"] == {"currency": "USD", "amount": 2500, "exponent": 2}
    assert midweek["start_date"] < midweek["end_date"]
    [winter] = stats["competitions"]
    assert winter["name"] == "Winter Warm-up" and winter["rank"] == 2
    assert winter["start_date"] < winter["end_date"]


def test_a_player_without_history_has_empty_lists(kore):
    bruno = kore.login("bruno@demo.kore", "Real")
    stats = kore.get(f"{bruno.user_url}/stats", token=bruno.token).json()
    assert stats["tournaments"] == [] and stats["competitions"] == []


def test_a_tournament_that_finishes_joins_the_history(kore, alice):
    """High Roller Live (104) runs an hour; once it is over (and its prizes worked out) it
    is the latest entry, before Midweek Mayhem."""
    kore.advance(2 * 3600)
    stats = kore.get(f"{alice.user_url}/stats", token=kore.login("alice@demo.kore", "Real").token).json()
    assert [t["name"] for t in stats["tournaments"]] == ["High Roller Live", "Midweek Mayhem"]
    high_roller = stats["tournaments"][0]
    assert high_roller["rank"] == 3 and "win_amount" not in high_roller  # 2 prizes, alice 3rd of 4
