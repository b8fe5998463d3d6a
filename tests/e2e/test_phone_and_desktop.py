"""The lobby on a 360×740 phone and a 1280×800 desktop, in Chromium: games in the first
screen, nothing scrolls sideways, Deposit always at hand, the game full-screen,
favourites, progress while the page works, the error summary, no serious axe finding."""

from __future__ import annotations


import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import client_address, sign_in
from tests.e2e.test_accessibility import violations

DEMO_PASSWORD = "Demo-pass-1"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])


@pytest.fixture
def at(browser: Browser):
    """A page at a viewport size (and colour scheme), closed after the test."""
    contexts = []

    def open_page(size, scheme="light") -> Page:
        context = browser.new_context(extra_http_headers=client_address(), viewport=size, color_scheme=scheme)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def first_tile_bottom(page: Page) -> float:
    box = page.locator(".tile .tile-art").first.bounding_box()
    return box["y"] + box["height"]


@SIZES
@pytest.mark.parametrize("who", ["visitor", "player"])
def test_the_first_games_are_in_the_first_screen(at, base_url, size, who):
    page = at(size)
    if who == "player":
        sign_in(page, base_url)
    else:
        page.goto(base_url + "/")
    assert first_tile_bottom(page) <= size["height"]
    header = page.locator(".site-header")
    if who == "visitor":
        expect(header.get_by_role("link", name="Join")).to_be_in_viewport()
    else:
        expect(header.get_by_test_id("deposit")).to_be_in_viewport()


VISITOR_PAGES = ["/", "/login", "/register", "/password/reset", "/tournaments/", "/competitions/", "/nowhere"]
PLAYER_PAGES = ["/", "/account", "/tournaments/", "/tournaments/101", "/competitions/",
                "/play/midnight-racer-video-slot"]


def check_page(page: Page, url: str, size) -> list[str]:
    page.goto(url)
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > size["width"]:
        problems.append(f"{url}: {width} px wide")
    problems += [f"{url}: {v}" for v in violations(page)]
    return problems


@SIZES
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_or_fails_axe(at, base_url, size, scheme):
    page = at(size, scheme)
    problems = []
    for path in VISITOR_PAGES:
        problems += check_page(page, base_url + path, size)
    page.goto(base_url + "/competitions/")
    board = page.locator("a[href$='/leaderboard']").first.get_attribute("href")
    problems += check_page(page, base_url + board, size)
    page.goto(base_url + "/register")
    page.locator("main form").get_by_role("button", name="Continue").click()
    problems += [f"/register with errors: {v}" for v in violations(page)]
    sign_in(page, base_url)
    for path in PLAYER_PAGES:
        problems += check_page(page, base_url + path, size)
    page.goto(base_url + "/")
    page.locator("summary.menu-button").click()
    problems += [f"menu open: {v}" for v in violations(page)]
    assert problems == []


@SIZES
def test_deposit_stays_in_view_while_scrolling(at, base_url, size):
    page = at(size)
    sign_in(page, base_url)
    for path in ("/", "/tournaments/", "/account"):
        page.goto(base_url + path)
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(100)
        expect(page.locator(".site-header").get_by_test_id("deposit")).to_be_in_viewport()


def test_on_a_phone_the_game_fills_the_screen_under_a_slim_bar(at, base_url):
    page = at(PHONE)
    sign_in(page, base_url)
    page.goto(base_url + "/play/midnight-racer-video-slot")
    box = page.locator("iframe[data-game-frame]").bounding_box()
    bar = page.locator(".game-bar")
    bar_box = bar.bounding_box()
    # The bar sits above the frame, never over the game's corners, and the frame takes the rest.
    assert bar_box["y"] == 0 and bar_box["height"] <= 48
    assert (box["x"], box["y"], box["width"]) == (0, bar_box["height"], 360)
    assert box["y"] + box["height"] == 740
    # Player care and the licence line, one tap away while playing.
    care = bar.get_by_test_id("game-care")
    expect(care.get_by_text("Play responsibly. Adults only.")).to_be_hidden()
    care.get_by_role("button", name="Play responsibly").click()
    expect(care.get_by_text("Play responsibly. Adults only.")).to_be_in_viewport()
    expect(bar.get_by_role("link", name="Back to the lobby")).to_be_in_viewport()
    expect(bar.get_by_role("link", name="Deposit")).to_be_in_viewport()
    expect(bar.get_by_test_id("game-balance")).to_contain_text("$")
    expect(page.locator(".site-header")).to_be_hidden()


def test_on_a_desktop_the_game_goes_full_screen(at, base_url):
    page = at(DESKTOP)
    sign_in(page, base_url)
    page.goto(base_url + "/play/midnight-racer-video-slot")
    frame = page.locator("iframe[data-game-frame]").bounding_box()
    assert frame["width"] >= 1200 and frame["height"] >= 600
    page.get_by_role("button", name="Full screen").click()
    page.wait_for_function("document.fullscreenElement !== null")
    assert page.evaluate("document.fullscreenElement.classList.contains('game-host')")
    page.get_by_role("button", name="Full screen").click()
    page.wait_for_function("document.fullscreenElement === null")


def test_a_heart_keeps_a_favourite_and_the_row_shows_it(at, base_url):
    page = at(PHONE)
    sign_in(page, base_url)
    tile = page.locator(".game-section .tile[data-slug='zodiac-video-slot']")
    heart = tile.get_by_test_id("favourite")
    expect(heart).to_have_attribute("aria-pressed", "false")
    box = heart.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 40
    heart.click()
    expect(tile.get_by_test_id("favourite")).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.locator("[data-row='favourites'] .tile[data-slug='zodiac-video-slot']")).to_be_visible()


def test_the_list_shows_it_is_busy_while_a_search_is_on_its_way(at, base_url):
    page = at(DESKTOP)
    page.goto(base_url + "/")

    held = []  # the search's request waits until the page has been seen busy, however slow the machine
    page.route("**/?q=*", lambda route: held.append(route))
    page.locator("#q").fill("zodiac")
    expect(page.locator("#games")).to_have_attribute("aria-busy", "true")
    expect(page.locator("html")).to_have_class("js is-busy")
    for _ in range(500):  # the routed request's event, dispatched while Playwright waits
        if held:
            break
        page.wait_for_timeout(20)
    assert held, "the search was not sent"
    for route in held:
        route.continue_()
    expect(page.locator(".tile-name")).to_have_text(["Zodiac"])
    expect(page.locator("#games")).not_to_have_attribute("aria-busy", "true")


@SIZES
def test_registration_errors_are_summed_up_and_take_the_focus(at, base_url, size):
    page = at(size)
    page.goto(base_url + "/register")
    page.get_by_label("Email").fill("someone@example.org")
    page.locator("main form").get_by_role("button", name="Continue").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    summary.get_by_role("link", name="Password").click()
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    expect(page.get_by_label("Email")).to_have_value("someone@example.org")
