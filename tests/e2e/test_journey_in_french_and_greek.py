"""A visitor on a 360 px phone picks French or Greek from the lobby and plays through: sign
in, lobby, game, tournament, account — every page in that language, none wider than the
phone (long Greek words included), with a screenshot of each page for review."""

from __future__ import annotations

import pytest
from babel.support import Translations
from playwright.sync_api import Browser, expect

from lobby.config import TRANSLATIONS_DIR
from tests.e2e.helpers import client_address

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("locale", ["fr-FR", "el-GR"])
def test_a_journey_in_the_players_language(browser: Browser, base_url, locale, tmp_path):
    words = Translations.load(str(TRANSLATIONS_DIR), [locale.replace("-", "_")])
    context = browser.new_context(viewport=PHONE, extra_http_headers=client_address())
    page = context.new_page()
    shots = []

    def looks_right(name: str) -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} is {width} px wide in {locale}"
        path = tmp_path / f"{locale}-{name}.png"
        page.screenshot(path=str(path))
        shots.append(path)

    page.goto(base_url + "/")
    page.locator("summary.menu-button").click()
    page.locator("#language-picker-locale").select_option(locale)
    page.locator("form.language-picker button").click()
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.locator(".site-header").get_by_role("link", name=words.gettext("Join"))).to_be_visible()
    looks_right("lobby")

    page.locator(".site-header .sign-in").click()
    expect(page.locator("h1")).to_have_text(words.gettext("Sign in"))
    page.locator("input[name=email]").fill("alice@demo.kore")
    page.locator("input[name=password]").fill("Demo-pass-1")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("deposit")).to_have_text(words.gettext("Deposit"))
    # Amounts the reader's way: a decimal comma in both languages.
    expect(page.get_by_test_id("balance")).to_contain_text("1.300,00" if locale == "el-GR" else "1 300,00")
    looks_right("lobby-signed-in")

    page.goto(base_url + "/play/midnight-racer-video-slot")
    expect(page.locator(".game-bar .back")).to_have_attribute("aria-label", words.gettext("Back to the lobby"))
    looks_right("game")

    page.goto(base_url + "/tournaments/")
    expect(page.locator("h1")).to_have_text(words.gettext("Tournaments"))
    looks_right("tournaments")
    card = page.locator(".tournament-card h2 a").first
    name, href = card.inner_text().strip(), card.get_attribute("href")
    card.click()
    # The tournament's own page, loaded: never measured while the click's navigation is in flight.
    page.wait_for_url(f"**{href}")
    expect(page.locator("h1")).to_have_text(name)
    looks_right("tournament")

    page.goto(base_url + "/account")
    expect(page.locator("h1")).to_have_text(words.gettext("My account"))
    looks_right("account")
    context.close()
    assert all(path.stat().st_size > 10_000 for path in shots)
