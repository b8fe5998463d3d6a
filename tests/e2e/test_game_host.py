"""The game host end to end: the sandbox's demo game in our frame, cross-origin as in production."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.e2e.helpers import game_frame, sign_in, signed_in
from tests.e2e.test_accounts import APP_V1

DEMO_PASSWORD = "Demo-pass-1"
SLOT = "midnight-racer-video-slot"
COOKIE = "kore_game_settings"


def saved_settings(page: Page):
    for cookie in page.context.cookies():
        if cookie["name"] == COOKIE:
            return json.loads(unquote(cookie["value"]))
    return None


def toggle_sound_off(page: Page, frame: Frame) -> None:
    """Mute in the game, then wait for the host page to have saved it."""
    frame.get_by_role("button", name="Toggle sound").click()
    expect(frame.locator("#sound-state")).to_have_text("off")
    page.wait_for_function("(name) => document.cookie.includes(name + '=')", arg=COOKIE)


def open_slot(page: Page, base_url: str) -> Frame:
    sign_in(page, base_url, next_path=f"/play/{SLOT}")
    expect(page).to_have_url(re.compile(rf"/play/{SLOT}$"))
    frame = game_frame(page)
    expect(frame.locator("#sound-state")).not_to_have_text("waiting for the casino…")
    return frame


def test_the_game_is_cross_origin_and_sandboxed(page: Page, base_url):
    open_slot(page, base_url)
    frame_el = page.locator("iframe[data-game-frame]")
    src = frame_el.get_attribute("src")
    assert not src.startswith(base_url)  # the sandbox's own origin, like a real provider
    sandbox = frame_el.get_attribute("sandbox")
    assert "allow-scripts" in sandbox and "allow-same-origin" in sandbox
    assert "allow-top-navigation" not in sandbox


def test_load_cookie_before_any_save_gets_null(page: Page, base_url):
    frame = open_slot(page, base_url)
    expect(frame.locator("#sound-state")).to_have_text("not saved (default: on)")
    assert frame.locator("body").get_attribute("data-settings") == "null"


def test_saved_settings_survive_a_reload(page: Page, base_url):
    frame = open_slot(page, base_url)
    toggle_sound_off(page, frame)
    assert saved_settings(page)["fx"]["muted"] is True
    page.reload()
    frame = game_frame(page)
    expect(frame.locator("#sound-state")).to_have_text("off")


def test_payload_null_deletes_the_saved_settings(page: Page, base_url):
    frame = open_slot(page, base_url)
    toggle_sound_off(page, frame)
    frame.get_by_role("button", name="Forget settings").click()
    page.wait_for_function("(name) => !document.cookie.includes(name + '=')", arg=COOKIE)
    assert saved_settings(page) is None
    page.reload()
    expect(game_frame(page).locator("#sound-state")).to_have_text("not saved (default: on)")


def test_messages_from_another_window_change_nothing(page: Page, base_url):
    frame = open_slot(page, base_url)
    toggle_sound_off(page, frame)
    before = saved_settings(page)
    # The page itself (not the game's window) posts protocol messages: all ignored.
    page.evaluate(
        """() => {
            window.postMessage({message: "saveCookie", payload: {evil: true}}, "*");
            window.postMessage({message: "saveCookie", payload: null}, "*");
            window.postMessage({message: "openUrl", url: "https://evil.example/"}, "*");
        }"""
    )
    page.wait_for_timeout(300)
    assert saved_settings(page) == before
    assert page.url.startswith(base_url)


def test_a_payload_too_large_for_a_cookie_is_refused_and_the_old_one_kept(page: Page, base_url):
    frame = open_slot(page, base_url)
    toggle_sound_off(page, frame)
    warnings = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    frame.evaluate("() => parent.postMessage({message: 'saveCookie', payload: {blob: 'x'.repeat(5000)}}, '*')")
    page.wait_for_timeout(300)
    assert saved_settings(page)["fx"]["muted"] is True
    assert any("too large" in text for text in warnings)


def test_open_url_https_navigates_the_top_window(page: Page, base_url):
    frame = open_slot(page, base_url)
    page.route("https://cashier.example/**", lambda route: route.fulfill(body="<h1>Cashier</h1>", content_type="text/html"))
    frame.evaluate("() => parent.postMessage({message: 'openUrl', url: 'https://cashier.example/deposit'}, '*')")
    page.wait_for_url("https://cashier.example/deposit")
    expect(page.get_by_role("heading", name="Cashier")).to_be_visible()


@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", "data:text/html,<h1>x</h1>", "ftp://files.example/"])
def test_open_url_ignores_anything_but_http(page: Page, base_url, url):
    frame = open_slot(page, base_url)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    frame.evaluate("(url) => parent.postMessage({message: 'openUrl', url}, '*')", url)
    page.wait_for_timeout(300)
    assert page.url.endswith(f"/play/{SLOT}")
    assert dialogs == []


def test_the_cashier_button_opens_at_the_top_and_returns(page: Page, base_url):
    frame = open_slot(page, base_url)
    frame.get_by_role("button", name="Cashier").click()
    expect(page.get_by_role("heading", name=re.compile("Cashier"))).to_be_visible()
    assert not page.url.startswith(base_url)
    page.get_by_role("link", name=re.compile("Back to the casino")).click()
    expect(page).to_have_url(re.compile(re.escape(base_url) + r"/$"))


def test_exit_lands_the_top_window_on_the_lobby_with_the_new_balance(page: Page, base_url):
    frame = open_slot(page, base_url)
    expect(page.get_by_test_id("balance")).to_contain_text("$1,300.00")
    before = frame.locator("#balance").inner_text()
    frame.get_by_role("button", name=re.compile("Spin")).click()
    frame = game_frame(page)
    expect(frame.locator("#balance")).not_to_have_text(before)
    after = frame.locator("#balance").inner_text()
    frame.get_by_role("link", name="Exit").click()
    expect(page).to_have_url(re.compile(re.escape(base_url) + r"/$"))
    expect(page.get_by_test_id("balance")).to_contain_text(after.strip())
    assert "$1,300.00" not in page.get_by_test_id("balance").inner_text()


def test_an_expired_session_brings_the_player_to_sign_in(page: Page, base_url, sandbox):
    import requests

    open_slot(page, base_url)
    requests.post(f"{sandbox.url}/_sandbox/clock", json={"advance": 1300}, timeout=5).raise_for_status()
    page.reload()
    expect(page).to_have_url(re.compile(r"/login\?next="))
    expect(page.get_by_text("Your session has ended")).to_be_visible()


def test_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_game(page: Page, base_url):
    page.goto(f"{base_url}/")
    page.locator(f".tile[data-slug='{SLOT}'] a").click()
    expect(page).to_have_url(re.compile(r"/login\?next=/play/"))
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(rf"/play/{SLOT}$"))
    expect(game_frame(page).locator("h1")).to_have_text("Midnight Racer")


@pytest.mark.parametrize("size", [{"width": 360, "height": 640}, {"width": 640, "height": 360}, {"width": 1280, "height": 800}])
def test_the_game_frame_is_sized_as_the_iframe_section_asks(page: Page, base_url, size):
    open_slot(page, base_url)
    page.set_viewport_size(size)
    page.wait_for_timeout(100)
    box = page.locator("iframe[data-game-frame]").bounding_box()
    smaller_viewport = min(size["width"], size["height"])
    assert min(box["width"], box["height"]) >= min(400, smaller_viewport - 40)
    assert box["width"] >= 20 and box["height"] >= 20
    expect(page.get_by_role("link", name="Back to the lobby")).to_be_visible()


def test_unauthenticated_game_signs_in_with_a_launch_token_without_leaving(page: Page, base_url):
    page.goto(f"{base_url}/")
    page.locator(".tile[data-slug='sportsbook'] a").click()
    frame = game_frame(page)
    expect(frame.locator("#game-message")).to_have_text("Sign in to place bets.")
    page.get_by_text("Sign in to bet").click()
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("You are signed in.")).to_be_visible()
    # The game received the launch token and continued as the player, in the same frame.
    expect(game_frame(page).locator("#balance")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/play/sportsbook$"))
    expect(signed_in(page)).to_be_attached()


def test_signing_in_beside_a_game_tells_the_android_app(page: Page, base_url):
    page.add_init_script(APP_V1)
    page.goto(f"{base_url}/play/sportsbook")
    page.get_by_text("Sign in to bet").click()
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("You are signed in.")).to_be_visible()
    page.wait_for_function("window.__appCalls.length > 0")
    assert page.evaluate("window.__appCalls") == [["onLogin", {"email": "alice@demo.kore"}]]


def test_custom_launch_opens_the_section_and_path(page: Page, base_url):
    sign_in(page, base_url)
    page.goto(f"{base_url}/play/sportsbook?section=live&path=Football/England/Premier-League")
    expect(game_frame(page).locator(".note")).to_contain_text("live / Football/England/Premier-League")
