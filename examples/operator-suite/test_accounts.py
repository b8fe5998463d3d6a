"""Signing in, registering in three steps with the SMS code from the outbox, signing out from the menu."""

import re
import uuid

from playwright.sync_api import Page, expect

from kore_lobby_testing import sign_in_through_the_form


def test_a_player_signs_in_through_the_header(page: Page, sandbox):
    newcomer = sandbox.players.create(currency="USD", balance="42.00")
    page.goto("/")
    sign_in_through_the_form(page, newcomer)
    expect(page.get_by_test_id("balance-value")).to_have_text("$42.00")
    expect(page.get_by_test_id("header-sign-in")).to_have_count(0)


def test_a_wrong_password_is_explained_and_the_email_kept(page: Page, player):
    page.goto("/")
    page.get_by_test_id("header-sign-in").click()
    page.get_by_label("Email").fill(player.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_test_id("sign-in-submit").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value(player.email)
    expect(page.get_by_test_id("header-sign-in")).to_be_visible()


def test_a_new_player_registers_with_the_code_texted_to_them(page: Page, sandbox):
    email = f"new-{uuid.uuid4().hex[:12]}@example.com"
    page.goto("/register")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("Secret-pass-1")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_role("button", name="Continue").click()
    # Step 2 of 3, about you (/register/about).
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Newcomer")
    page.get_by_label("Date of birth").fill("1991-05-06")
    page.get_by_label("Mobile phone").fill("+44 7700 900555")
    page.get_by_role("button", name="Continue").click()
    # Step 3 of 3, the home address (/register/home-address).
    page.get_by_label("Town or city").fill("York")
    page.get_by_label("Country", exact=True).select_option("GB")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Verify your phone")).to_be_visible()
    page.get_by_label("6-digit code").fill(sandbox.outbox.sms_code("+44 7700 900555"))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("Your phone number is verified. Welcome!")).to_be_visible()
    expect(page.get_by_test_id("balance-value")).to_have_text("€0.00")


def test_the_menu_signs_the_player_out(signed_in_page: Page):
    page = signed_in_page
    page.get_by_role("button", name="Menu", exact=True).click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("header-sign-in")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))
