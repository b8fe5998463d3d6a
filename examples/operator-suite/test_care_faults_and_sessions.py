"""Time, faults and other devices: a reality check when the interval is over, Kore down,
another language, a sign-out in another window, an operator's chat."""

from playwright.sync_api import Browser, Page, expect

from kore_lobby_testing import sign_in_through_the_form


def test_a_reality_check_comes_when_the_interval_is_over(page: Page, sandbox):
    # The interval stays with the player: a player of this test's own.
    minded = sandbox.players.create(currency="USD", balance="80.00")
    page.goto("/")
    sign_in_through_the_form(page, minded)
    page.goto("/account")
    settings = page.get_by_test_id("reality-check-settings")
    settings.get_by_label("Remind me of my play").select_option(label="Every 10 minutes")
    settings.get_by_role("button", name="Set reminder").click()
    expect(page.get_by_text("after every 10 minutes of play")).to_be_visible()
    sandbox.clock.advance(10 * 60 + 1)
    page.goto("/")
    dialog = page.get_by_role("dialog", name="Reality check")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("You have been playing for 10 minutes.")
    dialog.get_by_role("button", name="Continue").click()
    expect(dialog).to_have_count(0)


def test_kore_down_is_an_honest_page_with_a_way_forward(page: Page, sandbox):
    sandbox.reset()  # nothing the lobby kept from Kore can stand in for it
    sandbox.faults.add("/v3/api/*", kind="error", status=503)
    answer = page.goto("/")
    assert answer.status == 503
    expect(page.get_by_text("The casino is not answering right now")).to_be_visible()
    sandbox.faults.clear()
    page.get_by_role("link", name="Try again").click()
    expect(page.get_by_test_id("game-tile").first).to_be_visible()


def test_the_lobby_in_german(page: Page):
    page.goto("/")
    page.get_by_role("button", name="Menu", exact=True).click()
    page.get_by_test_id("language-picker").get_by_role("combobox").select_option("de-DE")
    page.get_by_test_id("language-picker").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "de-DE")
    expect(page.get_by_role("button", name="Menü", exact=True)).to_be_visible()
    expect(page.get_by_test_id("header-sign-in")).to_have_text("Anmelden")


def test_a_sign_out_in_another_window_is_told_on_the_open_page(signed_in_page: Page, browser: Browser, sandbox,
                                                              player):
    page = signed_in_page
    expect(page.locator("html")).to_have_attribute("data-live", "open")
    sandbox.hub.wait_for(player)
    # The same browser session in another window (the saved state), signed out there.
    other = browser.new_context(storage_state=page.context.storage_state(), base_url=page.url)
    try:
        elsewhere = other.new_page()
        elsewhere.goto("/")
        elsewhere.get_by_role("button", name="Menu", exact=True).click()
        elsewhere.get_by_role("button", name="Sign out").click()
        expect(elsewhere.get_by_test_id("header-sign-in")).to_be_visible()
    finally:
        other.close()
    notice = page.get_by_test_id("session-ended")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("You signed out in another window or tab.")


def test_an_operator_chat_opens_on_the_players_page(signed_in_page: Page, sandbox, player):
    page = signed_in_page
    expect(page.locator("html")).to_have_attribute("data-live", "open")
    sandbox.hub.wait_for(player)
    sandbox.chats.start(player)
    chat = page.get_by_test_id("chat-panel")
    expect(chat).to_be_visible()
    page.get_by_role("button", name="Close the chat").click()
    expect(chat).to_have_count(0)
