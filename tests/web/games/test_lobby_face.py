"""The lobby's face as the browser gets it (live sandbox): artwork on every tile, the
header's Join, Sign in and Deposit, rows, favourites kept across a restart, the
operator's brand, and the invitations a player needs."""

from __future__ import annotations

import re

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from lobby.art import generated_svg
from tests.web.conftest import DEMO_PASSWORD, csrf_from

HX = {"HX-Request": "true"}


def images(html: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img ([^>]+)>", html)]


def row(html: str, key: str) -> list[str]:
    match = re.search(rf'data-row="{key}">(.*?)</section>', html, re.S)
    return re.findall(r'<li class="tile[^"]*" data-slug="([^"]+)"', match.group(1)) if match else []


@pytest.fixture
def make_app(sandbox, tmp_path):
    """Apps of one operator: the same settings (and favourites file) each time it starts."""

    def make(**settings):
        settings.setdefault("player_state_db", tmp_path / "favourites.sqlite3")
        app = create_app(Config(kore_api_url=sandbox.url, secret_key="face-secret-" * 4, env="development", **settings))
        app.config.update(TESTING=True)
        return app

    return make


def sign_in(client, email="alice@demo.kore", play_mode="Real"):
    page = client.get("/login")
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD, "play_mode": play_mode,
                                           "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303


# -- artwork ----------------------------------------------------------------------------


def test_every_tile_has_generated_artwork_with_its_size_and_the_name_once(client):
    page = client.get("/").text.split('id="games"', 1)[1]  # the tiles, after the promotions row
    tiles = [img for img in images(page) if img.get("data-fallback")]
    assert len(tiles) >= 45
    for img in tiles:
        assert re.fullmatch(r"/art/[\w.%-]+/[\w.%-]+\.svg", img["src"])
        # The name is printed under the picture: the picture itself is not announced again.
        assert img["width"] == "240" and img["height"] == "180" and img["alt"] == ""
    assert page.count('<span class="tile-name">') == len(tiles)
    assert sum(img.get("loading") == "lazy" for img in tiles) >= len(tiles) - 4  # the first screen loads at once


def test_the_operators_artwork_with_a_sharp_version_and_ours_to_fall_back_on(make_app):
    app = make_app(game_art_url="https://cdn.example.com/games/{provider}/{slug}@{width}.webp")
    page = app.test_client().get("/")
    racer = next(img for img in images(page.text) if "midnight-racer" in img["src"])
    assert racer["src"] == "https://cdn.example.com/games/saucify/midnight-racer-video-slot@240.webp"
    assert racer["srcset"].endswith("midnight-racer-video-slot@480.webp 2x")
    assert racer["data-fallback"] == "/art/saucify/midnight-racer-video-slot.svg"
    assert "img-src 'self' data: https://cdn.example.com" in page.headers["Content-Security-Policy"]


def test_generated_artwork_is_the_same_every_time_and_cached_long(client):
    first = client.get("/art/saucify/midnight-racer-video-slot.svg")
    assert first.status_code == 200 and first.mimetype == "image/svg+xml"
    # The name labels the picture without being printed in it (the tile prints it under it).
    assert 'aria-label="Midnight Racer"' in first.text and ">Midnight Racer<" not in first.text
    assert "<script" not in first.text
    assert first.headers["Cache-Control"] == "public, max-age=604800"
    assert client.get("/art/saucify/midnight-racer-video-slot.svg").data == first.data
    # Another provider, other colours; an unknown game still gets a picture with its slug.
    assert client.get("/art/betsoft/midnight-racer-video-slot.svg").data != first.data
    assert "Lost Game" in client.get("/art/nobody/lost-game.svg").text


def test_names_in_artwork_are_escaped():
    svg = generated_svg("p", "s", 'A <b>"Bold"</b> & Co', "videoslots")
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_the_sandbox_serves_its_demo_games_pictures_like_a_cdn(sandbox):
    found = requests.get(f"{sandbox.url}/cdn/games/saucify/midnight-racer-video-slot.svg", timeout=5)
    assert found.status_code == 200 and found.headers["Content-Type"].startswith("image/svg+xml")
    assert requests.get(f"{sandbox.url}/cdn/games/saucify/no-such-game.svg", timeout=5).status_code == 404


def test_providers_as_people_write_them(client):
    page = client.get("/?provider=pragmaticplay").text
    assert "Pragmatic Play" in page and ">Pragmaticplay<" not in page


# -- header -------------------------------------------------------------------------------


def test_a_visitor_is_offered_join_and_sign_in(client):
    page = client.get("/").text
    assert re.search(r'<a class="button primary join" href="/register">Join</a>', page)
    assert 'class="button sign-in" href="/login' in page and 'data-testid="deposit"' not in page


def test_a_real_money_player_has_deposit_in_the_header_and_it_leads_to_the_cashier(client, login):
    login()
    page = client.get("/tournaments/").text
    assert 'data-testid="deposit"' in page
    response = client.get("/account/deposit")
    assert response.status_code == 303 and "/pages/cashier_deposit?" in response.headers["Location"]


def test_a_practice_player_has_no_deposit_and_sees_real_money_only_games(client, login):
    login(play_mode="Practice")
    page = client.get("/").text
    assert 'data-testid="deposit"' not in page
    marked = re.findall(r'<li class="tile unplayable" data-slug="([^"]+)"', page)
    assert "lightning-roulette" in marked and "midnight-racer-video-slot" not in marked
    assert "Real money only" in page


def test_a_real_player_with_nothing_to_play_with_is_invited_to_deposit(client, login):
    login(email="lars@demo.kore")
    page = client.get("/").text
    assert 'data-testid="deposit-invite"' in page
    login()
    assert 'data-testid="deposit-invite"' not in client.get("/").text


# -- rows and favourites ------------------------------------------------------------------------


def test_rows_of_jackpots_new_and_live_games_above_the_categories(make_app):
    client = make_app(new_games=("crazy-time", "zodiac-video-slot", "no-such-game")).test_client()
    page = client.get("/").text
    assert row(page, "new") == ["crazy-time", "zodiac-video-slot"]
    assert set(row(page, "live")) == {"lightning-roulette", "crazy-time", "live-blackjack", "andar-bahar", "teen-patti"}
    assert "midnight-racer-video-slot" not in row(page, "jackpots") and row(page, "jackpots")
    assert page.index('data-row="jackpots"') < page.index('class="game-section"')
    assert 'data-row="' not in client.get("/?q=zodiac").text  # searching shows the matches only


def test_favourites_are_kept_across_a_restart(make_app):
    client = make_app().test_client()
    sign_in(client)
    page = client.get("/")
    answer = client.post("/favourites/zodiac-video-slot", headers=HX, data={
        "action": "add", "name": "Zodiac", "csrf_token": csrf_from(page.text)})
    assert answer.status_code == 200 and 'aria-pressed="true"' in answer.text
    assert "Remove Zodiac from your favourites" in answer.text
    restarted = make_app().test_client()  # a new process, the same favourites file
    sign_in(restarted)
    assert row(restarted.get("/").text, "favourites") == ["zodiac-video-slot"]
    page = restarted.get("/")
    taken_out = restarted.post("/favourites/zodiac-video-slot", data={
        "action": "remove", "name": "Zodiac", "next": "/", "csrf_token": csrf_from(page.text)})
    assert taken_out.status_code == 303 and taken_out.headers["Location"] == "/"
    assert row(restarted.get("/").text, "favourites") == []


def test_favourites_need_the_csrf_token_and_a_known_action(client, login):
    login()
    assert client.post("/favourites/zodiac-video-slot", data={"action": "add"}).status_code == 400
    token = csrf_from(client.get("/").text)
    for action in ("like", ""):
        assert client.post("/favourites/zodiac-video-slot", data={"action": action, "csrf_token": token}).status_code == 400
    assert row(client.get("/").text, "favourites") == []


def test_a_visitor_is_sent_to_sign_in_before_keeping_favourites(client):
    token = csrf_from(client.get("/").text)
    answer = client.post("/favourites/zodiac-video-slot", data={"action": "add", "csrf_token": token})
    assert answer.status_code == 303 and answer.headers["Location"].startswith("/login")


def test_games_opened_are_recently_played_newest_first(client, login):
    login()
    for slug in ("zodiac-video-slot", "midnight-racer-video-slot"):
        assert client.get(f"/play/{slug}").status_code == 200
    assert row(client.get("/").text, "recent")[:2] == ["midnight-racer-video-slot", "zodiac-video-slot"]


def test_a_game_goes_back_to_the_lobby(client, login):
    login()
    page = client.get("/play/zodiac-video-slot").text
    assert re.search(r'<a class="button back" href="/" data-testid="back"\s+aria-label="Back to the lobby">', page)


# -- the operator's brand ------------------------------------------------------------------------


def test_the_operators_brand_colours_logo_and_footer(make_app):
    app = make_app(brand_name="Casino Nord", brand_color="#12a4d9", brand_accent="#ff3366",
                   brand_logo_url="/static/favicon.svg",
                   footer_links=(("Responsible gaming", "https://help.example.org/rg"), ("Terms", "/terms")))
    client = app.test_client()
    page = client.get("/").text
    theme = re.search(r'<link rel="stylesheet" href="(/theme\.css\?v=\w+)">', page).group(1)
    css = client.get(theme)
    assert "--brand:#12a4d9" in css.text and "--brand-2:#ff3366" in css.text
    assert css.headers["Cache-Control"] == "public, max-age=31536000"
    assert '<img src="/static/favicon.svg" alt="Casino Nord" height="32">' in page
    assert '<a href="https://help.example.org/rg">Responsible gaming</a>' in page and ">Terms</a>" in page


@pytest.mark.parametrize("setting, value", [("BRAND_COLOR", "red"), ("GAME_ART_URL", "https://cdn/x.png"),
                                            ("FOOTER_LINKS", "Terms")])
def test_brand_settings_that_make_no_sense_stop_start_up(setting, value):
    from lobby.config import ConfigError

    with pytest.raises(ConfigError, match=setting):
        Config.from_env({setting: value})


# -- feedback -----------------------------------------------------------------------------------


def test_registration_errors_are_summed_up_at_the_top_with_links_to_the_fields(client):
    page = client.get("/register")
    answer = client.post("/register", data={"csrf_token": csrf_from(page.text), "email": "not an email"})
    assert answer.status_code == 400
    summary = re.search(r'<div class="form-errors error-summary"[^>]*data-error-summary[^>]*>(.*?)</div>',
                        answer.text, re.S).group(1)
    assert 'href="#email"' in summary and 'href="#password"' in summary
    assert 'value="not an email"' in answer.text  # what was typed stays


def test_signing_in_beside_a_game_sends_kores_tracking_and_tells_the_app(client, sandbox):
    from tests.web.accounts.test_tracking import tracking_info

    client.get("/?cid=BESIDE1&mid=7", headers={"Referer": "https://partner.example/offer"})
    page = client.get("/play/sportsbook")
    answer = client.post("/play/sportsbook/sign-in", headers=HX, data={
        "email": "alice@demo.kore", "password": DEMO_PASSWORD, "csrf_token": csrf_from(page.text)})
    assert answer.status_code == 200
    assert 'id="app-bridge" hidden data-event="login" data-email="alice@demo.kore"' in answer.text
    info = tracking_info(sandbox, client.get_cookie("tracking_id").value)
    assert info["cid"] == "BESIDE1" and info["referrer_url"] == "https://partner.example/offer"


def test_the_mode_switch_sends_kores_tracking(client, login, sandbox):
    from tests.web.accounts.test_tracking import tracking_info

    login()
    client.get("/?cid=SWITCH1")  # a landing after signing in: Kore hears of it with the next token
    page = client.get("/")
    client.post("/mode", data={"play_mode": "Practice", "next": "/", "csrf_token": csrf_from(page.text)})
    assert tracking_info(sandbox, client.get_cookie("tracking_id").value)["cid"] == "SWITCH1"


def test_player_care_links_and_the_licence_on_every_page(make_app, login):
    app = make_app(care_limits_url="https://help.example.org/limits", care_self_exclusion_url="/exclude",
                   care_time_out_url="", care_help_url="tel:+441234567890", licence_text="Licensed by the Gaming Board, No. 42.")
    client = app.test_client()
    for path in ("/", "/login", "/tournaments/", "/nowhere"):
        page = client.get(path).text
        links = re.search(r'<nav class="care-links"[^>]*>(.*?)</nav>', page, re.S).group(1)
        assert re.findall(r'<a href="([^"]+)">', links) == ["https://help.example.org/limits", "/exclude",
                                                           "tel:+441234567890"]
        assert "Licensed by the Gaming Board, No. 42." in page and "18+" in page


def test_without_care_settings_no_empty_links(client):
    assert 'data-testid="care-links"' not in client.get("/").text
