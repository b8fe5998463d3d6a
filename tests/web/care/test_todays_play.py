"""Today's play on the account page moves with play (Kore's player_day, live sandbox):
game rounds, a cash tournament buy-in, a deposit at the cashier."""

from __future__ import annotations

import re

import requests

from tests.web.accounts.pages import text_of
from tests.web.conftest import csrf_from


def today(client) -> str:
    page = text_of(client.get("/account"))
    return re.search(r"Today's play .*? Since midnight", page).group(0)


def test_todays_play_moves_with_rounds_buy_ins_and_deposits(client, login):
    login()
    assert "2 deposits · $500.00" in today(client) and "Bets $123.70" in today(client)
    frame = re.search(r'<iframe[^>]*src="([^"]+)"', client.get("/play/midnight-racer-video-slot").text).group(1)
    for _ in range(3):  # 1.00 a round, from cash
        requests.post(frame.replace("&amp;", "&"), timeout=5).raise_for_status()
    assert "Bets $126.70" in today(client)

    confirm = client.get("/tournaments/101/join")
    client.post("/tournaments/101/join", data={"csrf_token": csrf_from(confirm.text), "type": "Cash"})
    assert "Bets $132.70" in today(client)  # the $6.00 buy-in is a cash bet

    cashier = client.get("/account/deposit").headers["Location"]  # the header's Deposit → Kore's cashier
    assert "Deposited 10.00" in requests.post(cashier, timeout=5).text
    assert "3 deposits · $510.00" in today(client)


def test_practice_play_does_not_count(client, login):
    login(play_mode="Practice")
    before = today(client)
    frame = re.search(r'<iframe[^>]*src="([^"]+)"', client.get("/play/midnight-racer-video-slot").text).group(1)
    requests.post(frame.replace("&amp;", "&"), timeout=5).raise_for_status()
    assert today(client) == before
