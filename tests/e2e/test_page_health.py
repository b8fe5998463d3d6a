"""Every page in Chromium at a phone's and a desktop's size: no console error and no
CSP violation; the selectors operators' test suites rely on; and every tournament page
as narrow as a 320 px phone, with its leaderboard, for a player and for a visitor."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_phone_and_desktop import DESKTOP, PHONE, sign_in

VISITOR_PAGES = ("/", "/login", "/register", "/password/reset", "/tournaments/", "/competitions/", "/nowhere",
                 "/r/q8bbb", "/play/midnight-racer-video-slot", "/play/sportsbook")
PLAYER_PAGES = ("/", "/account", "/tournaments/", "/tournaments/101", "/tournaments/104", "/tournaments/105/join",
                "/competitions/", "/offers", "/referrals", "/password/change", "/play/midnight-racer-video-slot",
                "/play/sportsbook", "/?q=zodiac", "/?category=tablegames", "/")


def watch(page: Page) -> list[str]:
    """Console errors (CSP violations are reported there too) and uncaught exceptions."""
    seen: list[str] = []
    page.on("console", lambda message: seen.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.append(f"{page.url}: {error}"))
    return seen


def visit(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_logs_an_error_or_a_csp_violation(browser: Browser, base_url, size):
    context = browser.new_context(viewport=size)
    page = context.new_page()
    errors = watch(page)
    for path in VISITOR_PAGES:
        visit(page, base_url + path)
    visit(page, base_url + "/")
    page.get_by_test_id("menu-button").click()
    sign_in(page, base_url)
    for path in PLAYER_PAGES:
        visit(page, base_url + path)
    page.get_by_test_id("menu-button").click()
    context.close()
    # A 404 page is the answer the page is about, not a fault of it.
    assert [e for e in errors if "404 (NOT FOUND)" not in e.upper()] == []


def test_the_selectors_operators_test_suites_use(page: Page, base_url):
    page.goto(base_url + "/")
    tiles = page.get_by_test_id("game-tile")
    assert tiles.count() >= 45
    racer = page.locator('[data-testid="game-tile"][data-slug="midnight-racer-video-slot"]').first
    # The tile's accessible name is the game's name alone: no jackpot, provider or badge in it.
    expect(racer).to_have_accessible_name("Midnight Racer")
    expect(page.get_by_role("link", name="Aladdin's Loot", exact=True).first).to_have_attribute(
        "data-slug", "aladdins-loot-video-slot")
    page.get_by_test_id("header-sign-in").click()
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_label("Password").fill("Demo-pass-1")
    page.get_by_test_id("sign-in-submit").click()
    page.wait_for_url(base_url + "/")
    expect(page.get_by_test_id("balance-value")).to_have_text("$1,300.00")
    expect(page.get_by_test_id("balance")).to_contain_text("$1,300.00")
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_the_menu_control_is_named_in_the_pages_language(browser: Browser, base_url):
    context = browser.new_context(locale="de-DE", extra_http_headers={"Accept-Language": "de-DE"})
    page = context.new_page()
    page.goto(base_url + "/")
    expect(page.get_by_role("button", name="Menü")).to_be_visible()
    context.close()


def wider_than_the_screen(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("who", ["player", "visitor"])
def test_every_tournament_page_fits_a_320_px_phone(browser: Browser, base_url, who):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    if who == "player":
        sign_in(page, base_url)
    visit(page, base_url + "/tournaments/")
    assert wider_than_the_screen(page) <= 0, "the list"
    links = sorted(set(page.eval_on_selector_all(
        "a[href^='/tournaments/']", "links => links.map(a => a.getAttribute('href'))")))
    details = [link for link in links if re.fullmatch(r"/tournaments/\d+", link)]
    if who == "player":
        assert len(details) >= 6  # every tournament of the demo brand, in every status
    for link in details + ["/tournaments/104", "/tournaments/105", "/tournaments/107"]:
        for width in (320, 360):
            page.set_viewport_size({"width": width, "height": 640})
            visit(page, base_url + link)
            assert wider_than_the_screen(page) <= 0, f"{link} at {width} px"
    context.close()


OVERLAPS = """() => {
  const box = el => el && el.getBoundingClientRect();
  const meet = (a, b) => a && b && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const problems = [];
  for (const tile of document.querySelectorAll('.tile')) {
    const slug = tile.dataset.slug, art = box(tile.querySelector('.tile-art'));
    const text = [...tile.querySelectorAll('.tile-name, .tile-provider, .tile-note')].map(box);
    const over = [...tile.querySelectorAll('.tile-medal, .favourite button, .tile-jackpot .jackpot')];
    for (const el of over) {
      const b = box(el);
      if (b.left < art.left - 0.5 || b.right > art.right + 0.5 || b.top < art.top - 0.5 || b.bottom > art.bottom + 0.5)
        problems.push(slug + ': ' + el.className + ' leaves the picture');
      for (const t of text) if (meet(b, t)) problems.push(slug + ': ' + el.className + ' covers the text');
    }
    for (let i = 0; i < over.length; i++) for (let j = i + 1; j < over.length; j++)
      if (meet(box(over[i]), box(over[j]))) problems.push(slug + ': ' + over[i].className + ' on ' + over[j].className);
    const name = tile.querySelector('.tile-name');
    if (name.scrollWidth > name.clientWidth + 1) problems.push(slug + ': the name is cut sideways');
    for (const note of tile.querySelectorAll('.tile-note'))
      if (note.scrollWidth > note.clientWidth + 1) problems.push(slug + ': ' + note.textContent + ' is cut');
  }
  return problems;
}"""


@pytest.mark.parametrize("mode", ["Real", "Practice"])
def test_tiles_never_cover_their_own_text_from_320_px(browser: Browser, base_url, mode):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    sign_in(page, base_url, mode=mode)
    for width in (320, 360, 414, 768, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(100)
        assert page.evaluate(OVERLAPS) == [], width
        assert wider_than_the_screen(page) <= 0, width
    # A phone's first screen: what is on today, then games, three to a row.
    page.set_viewport_size({"width": 360, "height": 740})
    if mode == "Real":
        expect(page.get_by_test_id("promotions")).to_be_in_viewport()
    columns = page.evaluate("getComputedStyle(document.querySelector('.game-section .tiles')).gridTemplateColumns")
    assert len(columns.split()) == 3
    context.close()
