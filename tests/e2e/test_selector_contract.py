"""The selector contract operators' suites rely on (docs/testing.md, "The selector contract"):
renaming or reshaping any of it is a breaking change (CHANGELOG.md)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kore_sandbox import seed
from tests.e2e.helpers import signed_in

NAMES = {game.slug: game.name for game in seed.GAMES}
MENU = {"en-US": "Menu", "de-DE": "Menü", "el-GR": "Μενού", "fr-FR": "Menu"}


def sign_in(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_test_id("header-sign-in").click()
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_label("Password").fill("Demo-pass-1")
    page.get_by_label("Real money").check()
    page.get_by_test_id("sign-in-submit").click()
    expect(page.get_by_test_id("header-sign-in")).to_have_count(0)


@pytest.mark.parametrize("signed_in_player", [False, True], ids=["visitor", "player"])
def test_every_tile_has_its_test_id_slug_and_the_games_name_alone(page: Page, base_url, signed_in_player):
    if signed_in_player:
        sign_in(page, base_url)
    page.goto(base_url + "/")
    tiles = page.get_by_test_id("game-tile")
    expect(tiles.first).to_be_visible()
    slugs = tiles.evaluate_all("tiles => tiles.map(t => t.dataset.slug)")
    assert len(slugs) == page.locator(".tile").count()
    assert set(slugs) <= set(NAMES) and len(set(slugs)) >= 30
    for slug in sorted(set(slugs)):
        # The same game in several rows: every one of its tiles has the name alone.
        of_game = page.locator(f'[data-testid="game-tile"][data-slug="{slug}"]')
        for index in range(of_game.count()):
            expect(of_game.nth(index)).to_have_accessible_name(NAMES[slug])
        expect(page.get_by_role("listitem", name=NAMES[slug], exact=True)).to_have_count(of_game.count())
    # A tile's link opens its game.
    page.locator('[data-testid="game-tile"][data-slug="zodiac-video-slot"]').first.click()
    expect(page).to_have_url(re.compile(r"/play/zodiac-video-slot$"))


def test_the_header_link_and_the_forms_button_are_told_apart(page: Page, base_url):
    page.goto(base_url + "/login")
    link, button = page.get_by_test_id("header-sign-in"), page.get_by_test_id("sign-in-submit")
    expect(link).to_have_count(1)
    expect(button).to_have_count(1)
    expect(link).to_have_attribute("href", re.compile(r"^/login"))
    expect(page.get_by_role("button").and_(button)).to_have_count(1)
    expect(page.locator("main").get_by_test_id("header-sign-in")).to_have_count(0)


@pytest.mark.parametrize("locale", sorted(MENU))
def test_the_menu_opens_by_a_button_named_menu_in_the_pages_language(page: Page, base_url, locale):
    page.goto(f"{base_url}/?lang={locale}")
    expect(page.locator("html")).to_have_attribute("lang", locale)
    menu = page.get_by_role("button", name=MENU[locale], exact=True)
    expect(menu).to_have_count(1)
    expect(page.get_by_test_id("language-picker")).not_to_be_visible()
    menu.click()
    expect(page.get_by_test_id("language-picker")).to_be_visible()


def test_the_balance_value_is_the_amount_without_its_label(page: Page, base_url):
    sign_in(page, base_url)
    value = page.get_by_test_id("balance-value")
    expect(value).to_have_text("$1,300.00")  # alice: 1,250.00 cash + 50.00 bonus
    assert value.text_content().strip() == "$1,300.00"  # nothing hidden beside it either
    expect(page.get_by_test_id("balance")).to_contain_text("$1,300.00")
    expect(signed_in(page)).to_have_count(1)


@pytest.mark.parametrize("path", ["/login", "/register", "/password/reset"])
def test_every_field_of_the_forms_has_a_label(page: Page, base_url, path):
    page.goto(base_url + path)
    fields = page.locator("main").locator("input:not([type=hidden]):not([type=submit]), select, textarea")
    assert fields.count() >= 1
    for index in range(fields.count()):
        expect(fields.nth(index)).to_have_accessible_name(re.compile(r"\w"))
