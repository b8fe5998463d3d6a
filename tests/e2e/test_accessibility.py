"""Pages a screen-reader or keyboard user meets, checked by axe-core (npm) in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "Demo-pass-1"


def violations(page: Page) -> list[str]:
    """Serious and critical WCAG 2 A/AA violations on the page as it is now."""
    assert AXE.exists(), "axe-core is missing: `make test` installs the npm packages"
    # Through the DevTools protocol, so the page's CSP (no inline scripts) is not bypassed.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
    )
    return result


@pytest.mark.parametrize("path", ["/", "/login", "/register", "/password/reset", "/tournaments/", "/competitions/"])
def test_public_pages_have_no_serious_accessibility_violations(page: Page, base_url, path):
    page.goto(base_url + path)
    assert violations(page) == []


def test_signed_in_pages_have_no_serious_accessibility_violations(page: Page, base_url):
    page.goto(base_url + "/login")
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/")
    for path in ("/", "/account", "/tournaments/", "/play/midnight-racer-video-slot"):
        page.goto(base_url + path)
        assert violations(page) == [], path


def test_the_lobby_works_from_the_keyboard(page: Page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    # Tab order reaches the search box, then a game tile, and Enter opens it.
    page.locator("#q").focus()
    page.keyboard.type("zodiac")
    page.wait_for_selector(".tile-name >> text=Zodiac")
    page.keyboard.press("Tab")  # the folded filters (provider)
    assert page.evaluate("document.activeElement.textContent.trim()") == "Filters"
    page.keyboard.press("Tab")  # first category link
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "All games"
