"""Real-money features: joining a tournament, claiming an offer."""

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.kore_reset  # the seeded schedule: another test may have moved the clock past its start
def test_the_player_joins_a_tournament_and_pays_from_their_balance(signed_in_page: Page):
    page = signed_in_page
    before = page.get_by_test_id("balance-value").inner_text()
    page.goto("/tournaments/")
    card = page.get_by_test_id("tournament-card").filter(has_text="Daily Slots Showdown")
    card.get_by_role("link", name="Join").click()
    page.get_by_label("Pay $6.00 in cash").check()
    page.get_by_role("button", name="Confirm and join").click()
    expect(page.get_by_text("You have joined Daily Slots Showdown.")).to_be_visible()
    expect(page.get_by_test_id("registration")).to_contain_text("You are registered.")
    expect(page.get_by_test_id("balance-value")).not_to_have_text(before)


def test_the_player_claims_an_offer_in_place(signed_in_page: Page):
    page = signed_in_page
    page.goto("/offers")
    page.get_by_role("button", name="Claim Welcome bonus of $10.00").click()
    # The confirmation sits with the offers, and says what the claim added.
    expect(page.get_by_test_id("notice")).to_have_text("Welcome bonus of $10.00 claimed: $10.00 is in your bonus balance.")
    expect(page.get_by_role("button", name="Claim Welcome bonus of $10.00")).to_have_count(0)
    expect(page.get_by_test_id("claimed-offers")).to_contain_text("Welcome bonus of $10.00")
