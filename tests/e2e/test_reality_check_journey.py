"""Reality checks in Chromium, on the lobby's clock moved by the test: the dialog comes
live when the interval ends on an open page, Continue keeps the page, it comes over a
game on a phone, Sign out works from it, and without JavaScript it comes at page load."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from lobby.extensions import limiter
from tests.e2e.helpers import client_address, sign_in
from tests.e2e.test_accessibility import violations

DEMO_PASSWORD = "Demo-pass-1"
MINUTE = 60


@pytest.fixture
def lobby_clock(live_lobby):
    """The live lobby's clock: real time plus what the test adds; the test's interval is
    forgotten after it (the lobby and its store live for the whole session)."""
    offset = [0.0]
    app = live_lobby.app
    app.extensions["lobby.clock"] = lambda: time.time() + offset[0]
    with app.app_context():
        limiter.reset()

    def advance(seconds: float) -> None:
        offset[0] += seconds

    yield advance
    app.extensions.pop("lobby.clock", None)
    app.extensions["lobby.care"]._connection().execute("DELETE FROM reality_check_intervals")


@pytest.fixture
def at(browser: Browser):
    contexts = []

    def open_page(size=None, javascript=True) -> Page:
        context = browser.new_context(extra_http_headers=client_address(), viewport=size or {"width": 1280, "height": 800},
                                      java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in_and_choose(page: Page, base_url: str, minutes: str = "Every 10 minutes") -> None:
    sign_in(page, base_url)
    page.goto(f"{base_url}/account")
    settings = page.get_by_test_id("reality-check-settings")
    settings.get_by_label("Remind me of my play").select_option(label=minutes)
    settings.get_by_role("button", name="Set reminder").click()
    expect(page.get_by_text("after every 10 minutes of play")).to_be_visible()


def test_the_dialog_comes_live_and_continue_keeps_the_page(at, base_url, lobby_clock):
    page = at()
    sign_in_and_choose(page, base_url)
    lobby_clock(10 * MINUTE - 8)
    page.goto(f"{base_url}/")
    page.evaluate("window.__samePage = true")
    dialog = page.get_by_role("dialog", name="Reality check")
    # The page was served before the check was due (its timer armed, no dialog in it): the
    # dialog below comes from the page's timer. Read from the page, not from how long a busy
    # machine took to load it.
    assert int(page.locator("#reality-check").get_attribute("data-due-in") or 0) > 0
    expect(dialog).to_be_visible(timeout=20_000)  # the page's timer, no reload
    assert page.evaluate("window.__samePage") is True
    assert page.evaluate("document.querySelector('dialog.reality-check').matches(':modal')")
    expect(dialog).to_contain_text("You have been playing for 10 minutes.")
    expect(dialog).to_contain_text("Balance when you signed in")
    expect(dialog.get_by_role("button", name="Continue")).to_be_focused()
    assert violations(page) == []
    page.keyboard.press("Escape")  # the player chooses: Escape does not dismiss it
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Continue").click()
    expect(dialog).to_be_hidden()
    assert page.evaluate("window.__samePage") is True
    timer = page.locator("#reality-check")
    assert 595 <= int(timer.get_attribute("data-due-in")) <= 600  # armed for another interval


def test_over_a_game_on_a_phone_and_sign_out_from_it(at, base_url, lobby_clock):
    page = at({"width": 360, "height": 740})
    sign_in_and_choose(page, base_url)
    lobby_clock(10 * MINUTE + 5)
    page.goto(f"{base_url}/play/midnight-racer-video-slot")
    dialog = page.get_by_role("dialog", name="Reality check")
    expect(dialog).to_be_visible()
    expect(page.locator("iframe[data-game-frame]")).to_be_attached()
    assert page.evaluate("document.querySelector('dialog.reality-check').matches(':modal')")
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 740
    dialog.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{base_url}/")
    expect(page.get_by_text("You are signed out")).to_be_visible()
    expect(page.get_by_role("dialog", name="Reality check")).to_have_count(0)


def test_without_javascript_it_comes_at_the_next_page(at, base_url, lobby_clock):
    page = at(javascript=False)
    sign_in_and_choose(page, base_url)
    lobby_clock(10 * MINUTE + 5)
    page.goto(f"{base_url}/tournaments/")
    dialog = page.locator("dialog.reality-check")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base_url}/tournaments/")
    expect(page.locator("dialog.reality-check")).to_have_count(0)
    lobby_clock(10 * MINUTE)
    page.goto(f"{base_url}/")
    page.locator("dialog.reality-check").get_by_role("link", name="See my history").click()
    expect(page).to_have_url(re.compile(r"/pages/account_playback\?"))
