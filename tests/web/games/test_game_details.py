"""The game page shows what Kore's games/{id} says of the game, in the reader's words,
under the frame (live sandbox)."""

from __future__ import annotations

import re

import requests

from tests.web.accounts.pages import submit, text_of


def facts(page) -> list[str]:
    found = re.search(r'<ul class="game-facts".*?</ul>', page.text, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li[^>]*>.*?</li>", found.group(0),
                                                                              re.S)] if found else []


def test_the_games_attributes_in_words(client, login):
    login()
    assert facts(client.get("/play/atlantic-city-blackjack")) == ["8 decks", "Surrender", "Insurance"]
    assert facts(client.get("/play/keno-express")) == ["10 picks", "Multiplier ×5"]


def test_a_player_sees_their_medal_and_free_rounds_first(client, login):
    login()
    page = client.get("/play/midnight-racer-video-slot")
    assert facts(page) == ["Your medal: Gold", "10 free rounds waiting", "30 lines", "Free spins"]
    # Under the frame: the game keeps the top of the page.
    assert page.text.index("data-game-frame") < page.text.index('class="game-facts"')


def test_the_details_are_translated(client, login):
    login()
    submit(client, "/account/switch", {"play_mode": "Real", "locale": "de-DE"}, page="/account")
    page = client.get("/play/wild-safari-video-slot")
    assert '<html lang="de-DE">' in page.text
    assert facts(page)[0] == "243 Linien"


def test_a_game_without_attributes_shows_no_list(client, login):
    login()
    page = client.get("/play/rocket-crash")
    assert page.status_code == 200 and "<iframe" in page.text and 'class="game-facts"' not in page.text


def test_details_are_left_out_when_kore_cannot_give_them(client, login, sandbox):
    login()
    requests.post(f"{sandbox.url}/_sandbox/faults", json={"method": "GET", "path": "/v3/api/games/*",
                                                          "kind": "error", "status": 503}, timeout=5)
    page = client.get("/play/european-roulette")
    assert page.status_code == 200 and "European Roulette" in text_of(page)
    assert facts(page) == ["Single zero"]  # the list's own attributes stand in
