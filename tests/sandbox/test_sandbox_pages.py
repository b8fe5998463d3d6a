"""The HTML pages behind _actions links and the demo game behind play links."""

from __future__ import annotations

import re

import requests
from sandbox_helpers import RETURN_URL, Kore, Player


def play_link(kore: Kore, token: str, game_id: str = "Html/AladdinsLootVideoSlot") -> str:
    return kore.get(f"games/{game_id}", token=token).json()["_actions"]["play"]["href"]


def balance(kore: Kore, player: Player) -> int:
    return kore.get(player.user_url, token=player.token).json()["balance"]["amount"]


def test_play_page_escapes_game_names(kore: Kore, alice: Player) -> None:
    page = requests.get(play_link(kore, alice.token), timeout=5)
    assert page.status_code == 200
    assert "Aladdin&#39;s Loot" in page.text and "Aladdin's Loot" not in page.text
    page = requests.get(play_link(kore, alice.token, "Html/RockRollReelsVideoSlot"), timeout=5)
    assert "Rock &amp; Roll Reels" in page.text and "Rock & Roll" not in page.text
    assert f'href="{RETURN_URL}"' in page.text  # the Exit link


def test_spins_move_the_real_balance(kore: Kore, alice: Player) -> None:
    link = play_link(kore, alice.token)
    start = balance(kore, alice)
    total_won = 0
    for _ in range(5):
        page = requests.post(link, timeout=5)
        assert page.status_code == 200  # after the 303 back to the game
        won = re.search(r"win=(\d+)", page.url)
        assert won
        total_won += int(won.group(1))
    assert balance(kore, alice) == start - 5 * 100 + total_won


def test_spins_in_practice_move_practice_credits(kore: Kore) -> None:
    player = kore.login("lars@demo.kore", "Practice")
    link = play_link(kore, player.token)
    start = balance(kore, player)
    page = requests.post(link, timeout=5)
    won = int(re.search(r"win=(\d+)", page.url).group(1))
    assert balance(kore, player) == start - 100 + won
    real = kore.login("lars@demo.kore", "Real")  # SEK 0.00: no bet possible
    page = requests.post(play_link(kore, real.token), timeout=5)
    assert "Insufficient balance" in page.text


def test_play_link_redirects_to_return_url_when_session_expired(kore: Kore, alice: Player) -> None:
    link = play_link(kore, alice.token)
    kore.advance(1201)
    response = requests.get(link, allow_redirects=False, timeout=5)
    assert response.status_code == 302
    assert response.headers["Location"] == RETURN_URL


def test_play_link_redirects_after_logout(kore: Kore, alice: Player) -> None:
    link = play_link(kore, alice.token)
    kore.delete("auth/player_credentials", token=alice.token)
    assert requests.get(link, allow_redirects=False, timeout=5).status_code == 302


def test_playing_keeps_the_session_alive(kore: Kore, alice: Player) -> None:
    link = play_link(kore, alice.token)
    kore.advance(1000)
    requests.post(link, timeout=5)
    kore.advance(1000)
    assert kore.get(alice.user_url, token=alice.token).status_code == 200


def test_unauthenticated_betconstruct_launch(kore: Kore, brand_token: str) -> None:
    link = kore.get("games/Html/Sportsbook", token=brand_token, params={"deviceCategory": "mobile"}).json()
    page = requests.get(link["_actions"]["play"]["href"], timeout=5)
    assert page.status_code == 200
    assert "Sportsbook" in page.text and "Sign in" in page.text


def test_return_url_that_is_not_http_is_never_a_link(kore: Kore, alice: Player) -> None:
    hostile = "javascript:alert(1)"
    link = kore.get("games/Html/ZodiacVideoSlot", token=alice.token, return_url=hostile).json()
    page = requests.get(link["_actions"]["play"]["href"], timeout=5)
    assert "javascript:" not in page.text
    actions = kore.get(alice.user_url, token=alice.token, return_url=hostile).json()["_actions"]
    assert "javascript:" not in requests.get(actions["help_chat"]["href"], timeout=5).text


def test_action_page_after_logout_says_session_expired(kore: Kore, alice: Player) -> None:
    actions = kore.get(alice.user_url, token=alice.token).json()["_actions"]
    kore.delete("auth/player_credentials", token=alice.token)
    page = requests.get(actions["cashier_withdrawal"]["href"], timeout=5)
    assert "session has expired" in page.text


def test_unknown_action_page_is_404(kore: Kore) -> None:
    assert requests.get(f"{kore.url}/pages/nope", timeout=5).status_code == 404
