"""The controls operators' suites use (kore_lobby_testing): a player made to order, and a
spin in a player's live session without a browser."""

from __future__ import annotations

import pytest
from sandbox_helpers import Kore


def balance_of(kore: Kore, player) -> dict:
    user = kore.get(player.user_url, token=player.token)
    assert user.status_code == 200, user.text
    return user.json()["balance"]


def test_a_player_made_to_order_signs_in_with_the_money_asked_for(kore: Kore) -> None:
    made = kore.control("POST", "players", {"currency": "EUR", "balance": "250.50", "locale": "fr-FR"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["currency"] == "EUR" and body["locale"] == "fr-FR" and body["balance"] == "250.50"
    player = kore.login(body["email"], password=body["password"])
    balance = balance_of(kore, player)
    assert (balance["currency"], balance["amount"]) == ("EUR", 25050)
    # Each call is another player (one session each: suites in parallel do not sign each other out).
    other = kore.control("POST", "players", {}).json()
    assert other["email"] != body["email"] and other["currency"] == "USD"


def test_a_player_comes_back_after_a_reset_under_the_address_it_had(kore: Kore) -> None:
    made = kore.control("POST", "players", {"balance": "5.00"}).json()
    assert kore.control("POST", "players", {"email": made["email"]}).status_code == 409
    kore.control("POST", "reset")
    assert kore.login_response(made["email"], password=made["password"]).status_code == 401
    again = kore.control("POST", "players", {"email": made["email"], "balance": "5.00"})
    assert again.status_code == 201 and again.json()["email"] == made["email"]
    kore.login(made["email"], password=made["password"])


@pytest.mark.parametrize("body, word", [
    ({"currency": "XXX"}, "currency"),
    ({"currency": "NOPE"}, "currency"),
    ({"balance": "-1"}, "balance"),
    ({"balance": "1.001"}, "balance"),
    ({"balance": "lots"}, "balance"),
    ({"locale": "en-GB"}, "locale"),
])
def test_a_player_order_that_cannot_be_met_says_why(kore: Kore, body: dict, word: str) -> None:
    answer = kore.control("POST", "players", body)
    assert answer.status_code == 400
    assert word in answer.json()["error"]


def test_a_control_spin_plays_one_round_in_the_players_session(kore: Kore) -> None:
    made = kore.control("POST", "players", {"balance": "10.00"}).json()
    refused = kore.control("POST", "spin", {"email": made["email"], "game": "zodiac-video-slot"})
    assert refused.status_code == 404 and "not signed in" in refused.json()["error"]
    player = kore.login(made["email"], password=made["password"])
    spun = kore.control("POST", "spin", {"email": made["email"], "game": "zodiac-video-slot"})
    assert spun.status_code == 200, spun.text
    result = spun.json()
    assert result["bet"] == {"currency": "USD", "amount": "1.00"}
    assert balance_of(kore, player)["amount"] == int((10 - 1 + float(result["win"]["amount"])) * 100)
    assert result["balance"]["amount"] == f"{balance_of(kore, player)['amount'] / 100:.2f}"
    unknown = kore.control("POST", "spin", {"email": made["email"], "game": "no-such-game"})
    assert unknown.status_code == 404


def test_a_control_spin_without_the_money_for_the_bet_is_refused(kore: Kore) -> None:
    made = kore.control("POST", "players", {"balance": "0.50"}).json()
    kore.login(made["email"], password=made["password"])
    answer = kore.control("POST", "spin", {"email": made["email"], "game": "zodiac-video-slot"})
    assert answer.status_code == 409
