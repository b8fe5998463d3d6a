"""The promotions row at the head of the lobby (live sandbox): what Kore says is on today,
each card leading to its page; the operator's PROMOTIONS banners; jackpots in the
player's currency only."""

from __future__ import annotations

import json
import re

import pytest

from lobby import create_app
from lobby.config import Config, ConfigError
from tests.web.conftest import DEMO_PASSWORD, csrf_from


def row(html: str) -> str:
    match = re.search(r'<section class="promos-row".*?</section>', html, re.S)
    return match.group(0) if match else ""


def cards(html: str) -> list[str]:
    return re.findall(r'<a class="promo [^"]*" href="([^"]+)"', row(html))


@pytest.fixture
def make_app(sandbox, tmp_path):
    def make(**settings):
        app = create_app(Config(kore_api_url=sandbox.url, secret_key="promo-secret-" * 4, env="development",
                                player_state_db=tmp_path / "favourites.sqlite3", **settings))
        app.config.update(TESTING=True)
        return app

    return make


def sign_in(client, email="alice@demo.kore", play_mode="Real"):
    page = client.get("/login")
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD, "play_mode": play_mode,
                                           "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303


def test_a_real_money_player_sees_running_and_opening_tournaments_offers_and_the_biggest_jackpot(make_app):
    client = make_app(offer_bonus_codes=("WELCOME10", "DEPOSIT100", "VIPPASS")).test_client()
    sign_in(client)
    page = client.get("/").text
    links = cards(page)
    tournaments = [link for link in links if link.startswith("/tournaments/")]
    # The demo brand has more than three tournaments running or open: the row shows three,
    # each once, ending soonest first.
    assert len(tournaments) == len(set(tournaments)) == 3, tournaments
    for link in tournaments:  # each card leads to a tournament that is on
        detail = client.get(link).text
        assert re.search(r'data-testid="status">(Running|Registration open)<', detail), link
    assert "/offers" in links and "/play/aladdins-loot-video-slot" in links  # the biggest jackpot in dollars
    promos = row(page)
    assert "Prize pool: $" in promos and "data-countdown-to=" in promos and re.search(r"(Ends|Starts) <time", promos)
    assert "Biggest jackpot" in promos and "$125,0" in promos
    # The row comes before the games, and the countdowns' script is on the page.
    assert page.index("promos-row") < page.index('id="games"') and "js/tournaments.js" in page


def test_a_visitor_is_offered_the_welcome_offer_and_join(make_app):
    page = make_app(offer_bonus_codes=("DEPOSIT100", "WELCOME10")).test_client().get("/").text
    promos = row(page)
    assert cards(page)[0] == "/register" and "Welcome bonus of $10.00" in promos and ">Join<" in promos
    assert not [link for link in cards(page) if link.startswith("/tournaments/")]


def test_no_promotions_over_a_search_or_a_category(make_app):
    client = make_app().test_client()
    assert row(client.get("/").text)
    assert not row(client.get("/?category=tablegames").text) and not row(client.get("/?q=zodiac").text)


def test_the_operators_banners_lead_the_row_in_the_readers_language(make_app):
    banners = [{"image": "https://promo.example.com/spring.webp", "title": {"en": "Spring spins", "de": "Frühlingsspins"},
                "link": "/tournaments/"},
               {"image": "/static/favicon.svg", "title": "Summer", "link": "https://example.com/summer"},
               {"image": "/static/favicon.svg", "title": "Autumn", "link": "/offers"}]
    app = make_app(promotions=Config.from_env({"PROMOTIONS": json.dumps(banners), "SECRET_KEY": "x" * 40}).promotions)
    client = app.test_client()
    english = client.get("/")
    assert cards(english.text)[:3] == ["/tournaments/", "https://example.com/summer", "/offers"]
    assert "Spring spins" in row(english.text) and "https://promo.example.com" in english.headers["Content-Security-Policy"]
    images = re.findall(r'<img src="([^"]+)" alt="" width="480" height="200"( loading="lazy")?', row(english.text))
    assert [lazy for _, lazy in images] == ["", "", ' loading="lazy"']  # the first screen's at once, the rest lazily
    client.set_cookie("lobby_locale", "de-DE")
    assert "Frühlingsspins" in row(client.get("/").text)


@pytest.mark.parametrize("raw", ['{"image": "x"}', '[{"image": "ftp://x", "title": "t", "link": "/"}]',
                                 '[{"image": "/a.png", "title": "", "link": "/"}]', "not json"])
def test_promotions_that_cannot_be_shown_are_refused_at_start(raw):
    with pytest.raises(ConfigError, match="PROMOTIONS"):
        Config.from_env({"PROMOTIONS": raw, "SECRET_KEY": "x" * 40})


def test_jackpots_only_in_the_players_currency(make_app):
    client = make_app().test_client()
    sign_in(client, email="chidi@demo.kore")  # a ZAR player
    page = client.get("/").text
    shown = re.findall(r'<span class="jackpot" id="jackpot-([^"]+)"[^>]*>([^<]+)<', page)
    assert shown and all(text.startswith("R") for _, text in shown), shown
    # Only Aladdin's Loot offers a jackpot in rand: the others show none, and are not in the Jackpots row.
    assert {slug for slug, _ in shown} == {"aladdins-loot-video-slot"}
    assert "$" not in "".join(text for _, text in shown)
