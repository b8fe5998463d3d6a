"""Player accounts in Chromium: register on a phone, verify by SMS, every sign-in
outcome, password reset, wrong inputs, session expiry, the Android app bridge."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import Page, expect

from lobby import extensions
from tests.e2e.helpers import sign_in, sign_out, signed_in

DEMO_PASSWORD = "Demo-pass-1"
NEW_PASSWORD = "Fresh-pass-9"

# Records what the page tells the Android app (the APK exposes window.app_v1).
APP_V1 = """
window.__appCalls = [];
window.app_v1 = {
  onLogin: function (data) { window.__appCalls.push(["onLogin", data]); },
  onLogout: function (data) { window.__appCalls.push(["onLogout", data]); }
};
"""


@pytest.fixture(autouse=True)
def fresh_lobby_limits(live_lobby):
    """These journeys sign in more often than one person would: each starts with the
    lobby's own rate-limit counters at zero (when the lobby has them)."""
    limiter = getattr(extensions, "limiter", None)
    if limiter is not None:
        with live_lobby.app.app_context():
            limiter.reset()


def last_code(sandbox, email: str) -> str:
    messages = requests.get(f"{sandbox.url}/_sandbox/outbox", timeout=5).json()
    return [m for m in messages if m["email"] == email][-1]["code"]


def watch_problems(page: Page) -> list[str]:
    """Console errors, page errors and failed requests (by URL; the browser's own
    favicon request aside: the lobby has no favicon)."""
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error"
            and not message.text.startswith("Failed to load resource") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and not response.url.endswith("/favicon.ico")
            and problems.append(f"{response.status} {response.url}"))
    return problems


def test_new_player_registers_on_a_phone_verifies_and_lands_in_the_lobby(page: Page, base_url, sandbox):
    problems = watch_problems(page)
    page.add_init_script(APP_V1)
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(base_url + "/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="New here? Create an account").click()

    page.get_by_label("Email").fill("phone.player@new.kore")
    page.get_by_label("Email").blur()
    expect(page.get_by_text("This email is free")).to_be_visible()
    expect(page.get_by_text("75 free spins")).to_be_visible()
    expect(page.get_by_test_id("step-of")).to_have_text("Step 1 of 3: Your account")
    page.get_by_label("Password").fill("Secret-pass-1")
    expect(page.get_by_label("Currency")).to_have_value("USD")  # from the page's language
    page.get_by_label("Currency").select_option("GBP")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_test_id("step-of")).to_have_text("Step 2 of 3: About you")
    page.get_by_label("First name").fill("Pia")
    page.get_by_label("Last name").fill("Phone")
    page.get_by_label("Date of birth").fill("1992-03-04")
    page.get_by_label("Mobile phone").fill("+44 7700 900777")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_test_id("step-of")).to_have_text("Step 3 of 3: Your address")
    page.get_by_label("Town or city").fill("Leeds")
    page.get_by_label("Country", exact=True).select_option("GB")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", name="Verify your phone")).to_be_visible()
    page.get_by_label("6-digit code").fill(last_code(sandbox, "phone.player@new.kore"))
    page.get_by_role("button", name="Verify").click()

    expect(page.get_by_text("Your phone number is verified. Welcome!")).to_be_visible()
    expect(page.get_by_test_id("balance")).to_contain_text("£0.00")
    assert page.evaluate("window.__appCalls") == [["onLogin", {"email": "phone.player@new.kore"}]]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert problems == []


def test_registration_mistakes_are_explained_and_the_form_kept(page: Page, base_url):
    page.goto(base_url + "/register")
    page.get_by_label("Email").fill("keep.me@new.kore")
    page.get_by_label("Password").fill("Secret-pass-1")
    page.get_by_label("Currency").select_option("USD")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("First name").fill("Kim")
    page.get_by_label("Last name").fill("Keeper")
    page.get_by_label("Date of birth").fill("2012-01-01")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("You must be 18 or older to play.")).to_be_visible()
    expect(page.get_by_label("Last name")).to_have_value("Keeper")
    page.get_by_label("Date of birth").fill("1990-01-01")
    page.get_by_label("Nickname (optional)").fill("Zoë")
    page.get_by_role("button", name="Continue").click()
    # Refused up front, with a nickname Kore's rules take.
    expect(page.get_by_test_id("nickname-suggestion")).to_contain_text("How about Zoe?")
    page.get_by_role("button", name="Use Zoe").click()
    expect(page.get_by_test_id("step-of")).to_have_text("Step 3 of 3: Your address")
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("Nickname (optional)")).to_have_value("Zoe")
    page.get_by_label("Nickname (optional)").fill("Lucky Alice")
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Country", exact=True).select_option("US")
    page.get_by_label("State, province or region").fill("Texas")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("Use the state or province code")).to_be_visible()
    # Back keeps what was typed on every step; the password never comes back into the page.
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("First name")).to_have_value("Kim")
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("Email")).to_have_value("keep.me@new.kore")
    expect(page.get_by_label("Password")).to_have_value("")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label("State, province or region")).to_have_value("Texas")
    page.get_by_label("State, province or region").fill("TX")
    page.get_by_role("button", name="Create my account").click()
    # Kore's refusal brings the player back to the step with the field.
    expect(page.get_by_text("That nickname is taken")).to_be_visible()
    expect(page.get_by_test_id("step-of")).to_have_text("Step 2 of 3: About you")
    expect(page.get_by_label("First name")).to_have_value("Kim")
    expect(page.get_by_test_id("nickname-suggestion")).to_contain_text("Lucky Alice")


def test_sign_in_outcome_sms(page: Page, base_url, sandbox):
    sign_in(page, base_url, "sms-login@demo.kore")
    expect(page.get_by_role("heading", name="Verify your phone")).to_be_visible()
    page.get_by_label("6-digit code").fill("12345")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("The code has 6 digits.")).to_be_visible()
    page.get_by_label("6-digit code").fill(last_code(sandbox, "sms-login@demo.kore"))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("Your phone number is verified")).to_be_visible()
    expect(signed_in(page)).to_be_attached()


def test_sign_in_outcome_change_password(page: Page, base_url):
    sign_in(page, base_url, "change-password@demo.kore")
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    page.get_by_label("New password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_label("New password again").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_text("last three passwords").last).to_be_visible()
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_text("Your password is changed. Welcome back!")).to_be_visible()


def test_sign_in_outcome_address(page: Page, base_url):
    sign_in(page, base_url, "address@demo.kore")
    expect(page.get_by_role("heading", name="One more thing: your address")).to_be_visible()
    page.get_by_label("Address", exact=True).fill("372 River Oak Place")
    page.get_by_label("Town or city").fill("Waterloo")
    page.get_by_label("Country", exact=True).select_option("CA")
    page.get_by_label("State, province or region").fill("Ontario")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Use the state or province code")).to_be_visible()
    expect(page.get_by_label("Town or city")).to_have_value("Waterloo")
    page.get_by_label("State, province or region").fill("ON")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("your address is saved. Welcome!")).to_be_visible()


def test_sign_in_outcome_activation(page: Page, base_url):
    sign_in(page, base_url, "activate@demo.kore")
    expect(page.get_by_text("has an account with KoreDemoSister")).to_be_visible()
    page.get_by_label("Password of your existing account").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Activate my account here").click()
    expect(page.get_by_text("Your account is active here too")).to_be_visible()


def test_sign_in_outcome_follow(page: Page, base_url):
    sign_in(page, base_url, "follow@demo.kore")
    expect(page.get_by_role("heading", name="Confirm your account")).to_be_visible()
    page.get_by_role("button", name="Confirm my account").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    sign_in(page, base_url, "follow@demo.kore")
    expect(page.get_by_text("You are signed in")).to_be_visible()


def test_sign_in_outcome_migration(page: Page, base_url):
    sign_in(page, base_url, "migrate@demo.kore")
    expect(page.get_by_role("heading", name="Your account is moving here")).to_be_visible()
    page.get_by_label("South African ID number").fill("9007141234085")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Move my account").click()
    expect(page.get_by_text("check it for a typing mistake")).to_be_visible()
    expect(page.get_by_label("South African ID number")).to_have_value("9007141234085")
    page.get_by_label("South African ID number").fill("9007141234084")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Move my account").click()
    expect(page.get_by_text("Your account has moved here. Welcome!")).to_be_visible()


def test_password_reset_end_to_end(page: Page, base_url, sandbox):
    page.goto(base_url + "/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("bruno@demo.kore")
    page.get_by_label("Date of birth").fill("1979-11-02")
    page.get_by_label("Robot check").fill("sandbox-captcha-ok")
    page.get_by_role("button", name="Send me a code").click()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.get_by_label("Code").fill(last_code(sandbox, "bruno@demo.kore"))
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_text("Your password is changed")).to_be_visible()
    sign_out(page)
    sign_in(page, base_url, "bruno@demo.kore", NEW_PASSWORD)
    expect(page.get_by_text("You are signed in")).to_be_visible()


def test_session_expiry_mid_browse_returns_to_the_page(page: Page, base_url, sandbox):
    page.add_init_script(APP_V1)
    sign_in(page, base_url, "alice@demo.kore")
    page.goto(base_url + "/account")
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    expect(page.locator("html[data-live=open]")).to_have_count(1)
    requests.post(f"{sandbox.url}/_sandbox/clock", json={"advance": 1300}, timeout=5).raise_for_status()
    # Kore's session is over: the open page says so itself. (The live relay hears it first
    # and ends the lobby's session, quietly: a page loaded after that has nothing to add,
    # so the test follows the notice's own way back rather than racing the relay.)
    ended = page.get_by_test_id("session-ended")
    expect(ended).to_contain_text("Your session has ended.")
    ended.get_by_role("link", name="Sign in again").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert re.search(r"/login\?next=/account$", page.url)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    assert page.url.endswith("/account")
    sign_out(page)
    expect(page.get_by_text("You are signed out")).to_be_visible()
    # The bridge's script is deferred: it may run after the notice shows (a busy machine).
    expect(page.locator("#app-bridge[data-told]")).to_have_count(1)
    calls = page.evaluate("window.__appCalls")
    assert calls == [["onLogout", {}]]


def test_account_page_and_play_mode_switch(page: Page, base_url):
    sign_in(page, base_url, "alice@demo.kore")
    page.get_by_role("link", name="My account").click()
    expect(page.get_by_test_id("account-balance")).to_have_text("$1,300.00")
    expect(page.locator("main").get_by_role("link", name="Deposit")).to_have_attribute("href", re.compile(r"ReturnUrl=http"))
    page.locator("#settings ~ form").get_by_label("Practice").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Done: you are now playing for practice credits.")).to_be_visible()
    expect(page.get_by_test_id("account-balance")).to_contain_text("credits")
