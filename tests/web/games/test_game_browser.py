"""Browsing, filtering and launching games, as the browser gets the pages."""

import re

import pytest

from tests.web.conftest import csrf_from


def tile_slugs(html: str) -> list[str]:
    return re.findall(r'<li class="tile" data-slug="([^"]+)"', html)


def tile_names(html: str) -> list[str]:
    return re.findall(r'<span class="tile-name"[^>]*>([^<]+)</span>', html)


@pytest.mark.parametrize(
    "category, heading",
    [
        ("videoslots", "Video slots"),
        ("classicslots", "Classic slots"),
        ("videopokers", "Video poker"),
        ("tablegames", "Table games"),
        ("sportsbook", "Sports"),
        ("crashgames", "Crash games"),
        ("other", "Other games"),
    ],
)
def test_every_documented_category_can_be_browsed_alone(client, category, heading):
    page = client.get(f"/?category={category}")
    headings = re.findall(r"<h2 id=\"cat-[^\"]+\">([^<]+)</h2>", page.text)
    assert headings == [heading]
    assert tile_slugs(page.text)
    assert 'aria-current="true">' + heading in page.text


def test_filter_by_provider(client):
    page = client.get("/?provider=evolution")
    names = tile_names(page.text)
    assert names and all(
        # Providers as people write them ("Evolution", "Pragmatic Play"), not Kore's slugs.
        provider == "Evolution" for provider in re.findall(r'<span class="tile-provider">([^<]+)</span>', page.text)
    )


def test_search_matches_words_of_name_or_provider(client):
    assert tile_names(client.get("/?q=midnight").text) == ["Midnight Racer"]
    assert "Rock &amp; Roll Reels" in client.get("/?q=rock+roll").text
    assert tile_names(client.get("/?q=zzzz-nothing").text) == []
    assert "No games match" in client.get("/?q=zzzz-nothing").text


def test_filters_combine_and_links_keep_the_others(client):
    page = client.get("/?category=videoslots&provider=saucify&q=re")
    assert all(name for name in tile_names(page.text))
    # A category link keeps the provider and the search.
    assert 'href="/?category=tablegames&amp;provider=saucify&amp;q=re"' in page.text


def test_unknown_filter_values_are_ignored_not_errors(client):
    page = client.get("/?category=<script>&provider=nobody")
    assert page.status_code == 200
    assert len(tile_slugs(page.text)) >= 30
    assert "<script>" not in page.text


def test_search_as_you_type_gets_only_the_list(client):
    response = client.get("/?q=zodiac", headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="games"')
    assert "<html" not in response.text
    assert tile_names(response.text) == ["Zodiac"]


def test_history_restore_gets_the_whole_page(client):
    response = client.get("/?q=zodiac", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.text


def test_jackpots_are_shown_formatted_and_ready_to_animate(client):
    page = client.get("/")
    jackpots = re.findall(r'<span class="jackpot" id="jackpot-([^"]+)"(.*?)>([^<]+)</span>', page.text, re.S)
    assert jackpots
    slug, attributes, text = jackpots[0]
    assert text.startswith("$")  # visitors see the default currency
    for name in ("data-current", "data-increment-value", "data-increment-interval", "data-age", "data-template"):
        assert name in attributes
    assert 'hx-trigger="every 30s"' in page.text


def test_jackpots_refresh_out_of_band(client):
    response = client.get("/jackpots")
    assert 'hx-swap-oob="true"' in response.text
    assert "<html" not in response.text


def test_jackpots_in_the_players_currency(client, login):
    login(email="bruno@demo.kore")
    page = client.get("/")
    texts = re.findall(r'<span class="jackpot"[^>]*>([^<]+)</span>', page.text)
    assert texts and all("€" in text for text in texts)


def test_switching_play_mode_changes_the_balance(client, login):
    login()
    page = client.get("/")
    assert "$1,300.00" in page.text
    response = client.post("/mode", data={"play_mode": "Practice", "next": "/?q=zodiac", "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303 and response.headers["Location"] == "/?q=zodiac"
    page = client.get("/")
    assert "$1,300.00" not in page.text and "credits" in page.text
    assert "Switch to real money" in page.text


def test_switching_play_mode_needs_csrf(client, login):
    login()
    assert client.post("/mode", data={"play_mode": "Practice"}).status_code == 400


def test_switching_play_mode_never_redirects_off_site(client, login):
    login()
    page = client.get("/")
    response = client.post("/mode", data={"play_mode": "Practice", "next": "//evil.example", "csrf_token": csrf_from(page.text)})
    assert response.headers["Location"] == "/"


def test_game_page_frames_the_play_link_with_a_sandbox(client, login):
    login()
    page = client.get("/play/midnight-racer-video-slot")
    frame = re.search(r"<iframe[^>]*data-game-frame[^>]*>", page.text, re.S).group(0)
    assert 'sandbox="allow-scripts allow-same-origin allow-forms allow-popups' in frame
    assert "allow-top-navigation" not in frame
    assert 'data-return-url="http://localhost/return"' in frame
    assert "Back to the lobby" in page.text


def test_real_money_only_games_explain_themselves_in_practice(client, login):
    login(play_mode="Practice")
    page = client.get("/play/live-blackjack")
    assert "only played for real money" in page.text
    assert "<iframe" not in page.text


def test_unknown_game_is_a_friendly_404(client):
    response = client.get("/play/no-such-game")
    assert response.status_code == 404
    assert "That game is not here" in response.text


def test_custom_launch_rejects_a_bad_section_or_path(client, login):
    login()
    assert client.get("/play/sportsbook?section=casino").status_code == 400
    assert client.get("/play/sportsbook?section=live&path=/leading-slash").status_code == 400
    assert client.get("/play/sportsbook?section=live&path=a?b").status_code == 400


def test_launch_token_needs_a_signed_in_player_and_csrf(client, login):
    page = client.get("/play/sportsbook")
    token = csrf_from(page.text)
    assert client.post("/play/sportsbook/launch-token", headers={"X-CSRFToken": token}).status_code == 401
    login()
    page = client.get("/play/sportsbook")
    assert client.post("/play/sportsbook/launch-token").status_code == 400
    response = client.post("/play/sportsbook/launch-token", headers={"X-CSRFToken": csrf_from(page.text)})
    assert response.status_code == 200 and len(response.json["token"]) > 20
    assert response.headers["Cache-Control"] == "no-store"


def test_launch_token_in_practice_says_to_switch(client, login):
    login(play_mode="Practice")
    page = client.get("/play/sportsbook")
    response = client.post("/play/sportsbook/launch-token", headers={"X-CSRFToken": csrf_from(page.text)})
    assert response.status_code == 403 and "Real money" in response.json["error"]


def test_return_page_redirects_top_level_visits(client):
    response = client.get("/return", headers={"Sec-Fetch-Dest": "document"})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_return_page_in_a_frame_asks_the_host_to_break_out(client):
    response = client.get("/return", headers={"Sec-Fetch-Dest": "iframe"})
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert "js/return.js" in response.text


def test_return_page_with_an_ended_session_goes_to_sign_in(client, login, sandbox):
    import requests

    login()
    requests.post(f"{sandbox.url}/_sandbox/clock", json={"advance": 1300}, timeout=5).raise_for_status()
    response = client.get("/return", headers={"Sec-Fetch-Dest": "document"})
    assert response.status_code == 303 and response.headers["Location"].startswith("/login")


def test_real_money_players_get_the_tournament_news_after_the_lobby(client, login):
    login()
    page = client.get("/")
    assert 'hx-get="/tournaments/news" hx-trigger="load"' in page.text
    ticker = client.get("/tournaments/news", headers={"HX-Request": "true"})
    assert 'data-testid="news"' in ticker.text and "<html" not in ticker.text
    assert re.search(r'hx-get="/tournaments/news\?latest=[^"]+"', ticker.text)


def test_practice_players_and_visitors_get_no_news(client, login):
    assert "/tournaments/news" not in client.get("/").text
    login(play_mode="Practice")
    assert "/tournaments/news" not in client.get("/").text


def test_a_players_game_list_is_reused_while_browsing_but_not_across_tokens(client, login, sandbox):
    import requests

    login()
    assert "Midnight Racer" in client.get("/").text
    # Kore's game list fails from now on; the player's own list of a moment ago serves.
    requests.post(f"{sandbox.url}/_sandbox/faults", json={"method": "GET", "path": "/v3/api/games", "kind": "error",
                                                          "status": 503, "error": None}, timeout=5)
    again = client.get("/")
    assert again.status_code == 200 and "may be out of date" not in again.text
    # A new token (play mode switched) is a new session's list: Kore is asked again,
    # and with nothing else cached the player gets the honest outage page.
    client.post("/mode", data={"play_mode": "Practice", "csrf_token": csrf_from(again.text)})
    assert client.get("/").status_code == 503
