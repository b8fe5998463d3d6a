"""Tournaments, competitions and news over HTTP, as a Kore client sees them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests
from sandbox_helpers import RETURN_URL, Kore, assert_error


def tournaments(kore: Kore, token: str) -> dict[str, dict]:
    response = kore.get("tournaments", token=token)
    assert response.status_code == 200, response.text
    return {t["name"]: t for t in response.json()["tournaments"]}


def test_list_has_both_types_in_every_status_with_the_documented_shape(kore, alice):
    listed = tournaments(kore, alice.token)
    assert {t["status"] for t in listed.values()} == {
        "Created", "RegistrationOpened", "Started", "Finishing", "Finished", "Canceled"
    }
    assert {t["type"] for t in listed.values()} == {"Scheduled", "SitAndGo"}
    daily = listed["Daily Slots Showdown"]
    assert set(daily) >= {"name", "game_category", "type", "registration", "registration_options",
                          "player_counts", "status", "status_change_date", "prize_pool", "rebuys", "_links"}
    assert "description" not in daily and "leaderboard" not in daily  # partial in the list
    cash = daily["registration_options"][0]
    assert cash["fee"] == {"currency": "USD", "amount": 100, "exponent": 2}
    assert cash["buy_in"] == cash["buyin"] == {"currency": "USD", "amount": 500, "exponent": 2}
    assert daily["registration"] == daily["registrations"] == {"status": "None"}
    # SitAndGo before it starts, Finishing and Canceled: no status_change_date.
    for name in ("Turbo Sit & Go", "Flash Finale", "Classic Cup"):
        assert "status_change_date" not in listed[name]
    assert listed["Midweek Mayhem"]["status_change_date"] < daily["status_change_date"]


def test_amounts_are_in_the_players_currency(kore):
    bruno = kore.login("bruno@demo.kore")
    option = tournaments(kore, bruno.token)["Daily Slots Showdown"]["registration_options"][0]
    assert option["fee"]["currency"] == "EUR"


def test_detail_registration_and_the_leaderboard_once_started(kore, alice):
    daily = tournaments(kore, alice.token)["Daily Slots Showdown"]
    detail = kore.get(daily["_links"]["_self"]["href"], token=alice.token).json()
    assert detail["credits"] == {"currency": "XTC", "amount": 100_000, "exponent": 2}
    assert "leaderboard" not in detail and "player" not in detail
    assert [p["rank"] for p in detail["prizes"]] == [1, 2, 3] and detail["duration"] == 1800
    game = detail["games"][0]
    assert game["_actions"]["play_tournament"]["href"].startswith(kore.url + "/play/tournament/")

    register = daily["_links"]["register"]
    response = kore.request(register["method"], register["href"], token=alice.token, json={"type": "Cash"})
    assert response.status_code == 200 and response.json() == {"status": "Registered"}
    user = kore.get(alice.user_url, token=alice.token).json()
    assert user["cash_balance"]["amount"] == 125_000 - 600

    kore.advance(600)
    detail = kore.get(daily["_links"]["_self"]["href"], token=alice.token).json()
    assert detail["status"] == "Started"
    assert detail["player"]["nickname"] == "Lucky Alice"
    assert len(detail["leaderboard"]) == 4
    assert detail["prize_pool"]["current"]["amount"] == 2_000


def test_registration_errors_are_documented_errors(kore, alice):
    listed = tournaments(kore, alice.token)
    href = listed["Weekend Loyalty Freeroll"]["_links"]["register"]["href"]
    assert_error(kore.post(href, token=alice.token, json={"type": "Loyalty"}), "tournament_not_registering", 400)
    href = listed["Turbo Sit & Go"]["_links"]["register"]["href"]
    body = assert_error(kore.post(href, token=alice.token, json={"type": "Bonus"}), "invalid_request", 400)
    assert body["properties"] == ["bonus_code"]
    assert_error(kore.post(href, token=alice.token, json={"type": "Bonus", "bonus_code": "OLDCODE"}),
                 "bonus_expired", 400)
    body = assert_error(kore.post(href, token=alice.token, json={"type": "Gold"}), "invalid_request", 400)
    assert body["properties"] == ["type"]


def test_unregister_and_rebuy_over_http(kore, alice):
    listed = tournaments(kore, alice.token)
    daily = listed["Daily Slots Showdown"]
    unregister = daily["_links"]["unregister"]
    assert_error(kore.request("DELETE", unregister["href"], token=alice.token), "player_not_registered", 400)
    kore.post(daily["_links"]["register"]["href"], token=alice.token, json={"type": "Cash"})
    response = kore.request("DELETE", unregister["href"], token=alice.token)
    assert response.status_code == 200 and response.json() == {}

    high = listed["High Roller Live"]
    assert high["rebuys"]["is_allowed"] is True
    response = kore.post(high["_links"]["rebuy"]["href"], token=alice.token, json={"type": "Cash"})
    assert response.status_code == 200
    assert response.json()["use_count"] == 2 and response.json()["is_allowed"] is False
    assert_error(kore.post(high["_links"]["rebuy"]["href"], token=alice.token, json={"type": "Cash"}),
                 "tournament_rebuys_exceeded", 400)


def test_tournaments_need_a_real_player_token(kore, brand_token):
    practice = kore.login("alice@demo.kore", "Practice")
    assert_error(kore.get("tournaments", token=practice.token), "unsupported_play_mode", 400)
    assert_error(kore.get("tournaments/news", token=practice.token), "unsupported_play_mode", 400)
    assert_error(kore.get("tournaments", token=brand_token), "access_denied", 403)
    assert_error(kore.get("tournaments"), "missing_credentials", 401)


def test_unknown_tournament_is_a_plain_404(kore, alice):
    response = kore.get("tournaments/999", token=alice.token)
    assert response.status_code == 404 and "X-Error-Code" not in response.headers


def test_news_latest_link_returns_only_newer_items(kore, alice):
    first = kore.get("tournaments/news", token=alice.token).json()
    assert first["news"] and first["news"][0]["text"] == "High Roller Live has started."
    latest = first["_links"]["latest"]["href"]
    assert kore.get(latest, token=alice.token).json()["news"] == []
    daily = tournaments(kore, alice.token)["Daily Slots Showdown"]
    kore.post(daily["_links"]["register"]["href"], token=alice.token, json={"type": "Cash"})
    kore.advance(600)
    newer = kore.get(latest, token=alice.token).json()
    # Newest first: the start (+600 s), Flash Finale's prizes (+20 s), alice joining (+0 s).
    assert [n["text"] for n in newer["news"]] == [
        "Daily Slots Showdown has started.",
        "Keno Kate has won 8.00 USD (1st place) in Flash Finale!",
        "Lucky Alice joined Daily Slots Showdown.",
    ]
    assert newer["_links"]["latest"]["href"] != latest
    assert_error(kore.get("tournaments/news?min_id=abc", token=alice.token), "invalid_request", 400)


def test_competitions_list_and_all_brand_groups(kore, brand_token):
    mine = kore.get("competitions", token=brand_token).json()["competitions"]
    assert [c["name"] for c in mine] == ["Spring Slots Sprint", "Summer Showdown"]
    assert all("brand_group" not in c for c in mine)
    everything = kore.get("competitions?all=true", token=brand_token).json()["competitions"]
    assert {c["brand_group"] for c in everything} == {"KoreDemo", "KoreSister"}
    assert all(c["start_date"].endswith("Z") and c["end_date"].endswith("Z") for c in everything)


def test_leaderboard_limit_player_row_and_errors(kore, alice, brand_token):
    public = kore.get("competitions/1/leaderboard", token=brand_token).json()
    assert len(public["leaderboard"]) == 62 and "player" not in public  # under the default limit of 100
    merged = kore.get("competitions/1,2/leaderboard?limit=3", token=alice.token).json()
    assert merged["competition_ids"] == [1, 2]
    assert merged["player"] == {"nickname": "Lucky Alice", "ranking": 51, "score": 2_700}
    assert [r["ranking"] for r in merged["leaderboard"]] == [1, 2, 3, 49, 50, 51, 52, 53]
    for limit in ("0", "501", "ten"):
        assert_error(kore.get(f"competitions/1/leaderboard?limit={limit}", token=brand_token), "invalid_request", 400)
    assert_error(kore.get("competitions/1,77/leaderboard", token=brand_token), "competition_not_found", 404)
    assert_error(kore.get("competitions/x/leaderboard", token=brand_token), "invalid_request", 400)


def play_link(kore: Kore, token: str, name: str) -> str:
    t = tournaments(kore, token)[name]
    detail = kore.get(t["_links"]["_self"]["href"], token=token).json()
    return detail["games"][0]["_actions"]["play_tournament"]["href"]


def test_tournament_game_moves_credits_and_feeds_the_leaderboard(kore, alice):
    href = play_link(kore, alice.token, "High Roller Live")
    page = requests.get(href, timeout=10)
    assert page.status_code == 200 and "50.00 credits" in page.text
    spin = requests.post(href, timeout=10, allow_redirects=False)
    assert spin.status_code == 303
    query = parse_qs(urlsplit(spin.headers["Location"]).query)
    bet, win = int(query["bet"][0]), int(query["win"][0])
    detail = kore.get("tournaments/104", token=alice.token).json()
    assert detail["player"]["credits"]["amount"] == 5_000 - bet + win
    assert detail["player"]["is_active"] is True


def test_tournament_game_refuses_players_who_have_not_joined_or_too_early(kore):
    bruno = kore.login("bruno@demo.kore")
    href = play_link(kore, bruno.token, "High Roller Live")
    page = requests.get(href, timeout=10)
    assert page.status_code == 403 and "You have not joined this tournament" in page.text
    assert requests.post(href, timeout=10, allow_redirects=False).status_code == 403


def test_tournament_game_sends_an_ended_session_to_the_return_url(kore, alice):
    href = play_link(kore, alice.token, "High Roller Live")
    kore.delete("auth/player_credentials", token=alice.token)
    response = requests.get(href, timeout=10, allow_redirects=False)
    assert response.status_code == 302 and response.headers["Location"] == RETURN_URL


def test_a_prize_is_in_the_balance_without_asking_for_the_tournament(kore, alice):
    daily = tournaments(kore, alice.token)["Daily Slots Showdown"]
    kore.post(daily["_links"]["register"]["href"], token=alice.token, json={"type": "Cash"})
    kore.advance(600)
    kore.get(alice.user_url, token=alice.token)  # keeps the session alive
    kore.advance(1000)
    kore.get(alice.user_url, token=alice.token)
    kore.advance(820)
    cash = kore.get(alice.user_url, token=alice.token).json()["cash_balance"]["amount"]
    assert cash > 125_000 - 600  # alice (1,000.00 credits, never played) is 2nd of 4: 6.00
    assert cash == 125_000 - 600 + 600


def test_tournament_news_in_the_tokens_locale(sandbox):
    """GET tournaments/news answers in the locale of the player's token."""
    base = sandbox.url + "/v3/api"
    token = requests.post(f"{base}/auth/player_credentials/token", timeout=5, headers={"X-Kore-ReturnUrl": "http://x/"},
                          json={"brand_id": "KoreDemo", "email": "alice@demo.kore", "password": "Demo-pass-1",
                                "play_mode": "Real", "locale": "de-DE"}).json()["tokens"][0]["value"]
    texts = [item["text"] for item in requests.get(f"{base}/tournaments/news", timeout=5, headers={
        "Authorization": f"Bearer {token}", "X-Kore-ReturnUrl": "http://x/"}).json()["news"]]
    assert "Die Anmeldung für Daily Slots Showdown ist geöffnet." in texts
    assert "High Roller Live hat begonnen." in texts
