"""Live pages in Chromium: the balance follows the game, a sign-in elsewhere is noticed at
once, an operator's chat opens (Kore's notifications, relayed by the lobby: docs/live.md)."""

from __future__ import annotations

import re

import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import client_address, game_frame, sign_in, wait_for_hub
from tests.e2e.test_game_host import SLOT


def live(page: Page) -> None:
    """Wait until the page's stream is open."""
    expect(page.locator("html")).to_have_attribute("data-live", "open")


def test_spins_move_the_header_balance_without_a_reload(page: Page, base_url):
    sign_in(page, base_url, next_path=f"/play/{SLOT}")
    expect(page).to_have_url(re.compile(rf"/play/{SLOT}$"))
    live(page)
    amount = page.get_by_test_id("balance").locator(".amount")
    before = amount.inner_text()
    frame = game_frame(page)
    reloads = []
    page.on("framenavigated", lambda f: reloads.append(f.url) if f == page.main_frame else None)
    for _ in range(5):
        frame.get_by_role("button", name=re.compile("Spin")).click()
        frame.wait_for_load_state()
    expect(amount).not_to_have_text(before, timeout=3000)
    assert reloads == []
    # What a fresh page says of the balance now, written the same way, in the header and
    # over the game.
    fresh = page.context.new_page()
    fresh.goto(f"{base_url}/account")
    now = fresh.get_by_test_id("account-balance").inner_text().strip()
    fresh.close()
    expect(amount).to_have_text(now)
    expect(page.get_by_test_id("game-balance")).to_have_text(now)


def test_a_sign_in_elsewhere_is_noticed_within_two_seconds(page: Page, browser: Browser, base_url):
    sign_in(page, base_url, next_path=f"/play/{SLOT}")
    expect(page).to_have_url(re.compile(rf"/play/{SLOT}$"))
    game_frame(page)
    live(page)
    other = browser.new_context(extra_http_headers=client_address())
    try:
        second = other.new_page()
        sign_in(second, base_url)
        expect(second.get_by_test_id("balance")).to_be_visible()
        notice = page.get_by_test_id("session-ended")
        expect(notice).to_be_visible(timeout=2000)
        expect(notice).to_contain_text("signed in on another device")
        # No play on a dead session: the game is gone from the page.
        expect(page.locator("iframe[data-game-frame]")).to_have_count(0)
        notice.get_by_role("link", name="Sign in again").click()
        expect(page).to_have_url(re.compile(r"/login"))
    finally:
        other.close()


def test_an_operator_chat_opens_on_the_players_page_once(page: Page, base_url, sandbox):
    sign_in(page, base_url)
    expect(page.get_by_test_id("balance")).to_be_visible()
    live(page)
    wait_for_hub(sandbox)  # the chat below is pushed over it
    started = requests.post(f"{sandbox.url}/_sandbox/chats", json={"email": "alice@demo.kore"}, timeout=5)
    started.raise_for_status()
    chat = page.get_by_test_id("chat-panel")
    expect(chat).to_be_visible(timeout=3000)
    expect(chat.locator("iframe")).to_have_attribute("src", re.compile(re.escape(started.json()["chat_id"].replace("+", "%2B").replace("/", "%2F"))))
    expect(page.get_by_role("button", name="Close the chat")).to_be_focused()
    page.keyboard.press("Escape")
    expect(chat).to_have_count(0)
    # Once per chat: the next page does not open it again.
    page.reload()
    live(page)
    wait_for_hub(sandbox)
    # Something that must not happen: the page is watched a moment for it.
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("chat-panel")).to_have_count(0)


def test_the_help_chat_opens_in_the_panel_from_the_menu(page: Page, base_url):
    page.goto(base_url + "/")
    page.locator("summary.menu-button").click()
    page.get_by_test_id("help-chat").click()
    chat = page.get_by_test_id("chat-panel")
    expect(chat).to_be_visible()
    expect(chat.get_by_role("heading")).to_have_text("Help chat")
    expect(chat.locator("iframe")).to_have_attribute("src", re.compile(r"/pages/help_chat\?"))
    expect(page.locator("details.menu")).not_to_have_attribute("open", "")
    page.get_by_role("button", name="Close the chat").click()
    expect(chat).to_have_count(0)
    expect(page.locator("summary.menu-button")).to_be_focused()
