"""A Real player's tournament, end to end in Chromium: join, play, follow, get paid."""

import re
from urllib.parse import urlsplit

import requests
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in

DEMO_PASSWORD = "Demo-pass-1"


def advance(sandbox, seconds: int) -> None:
    assert requests.post(f"{sandbox.url}/_sandbox/clock", json={"advance": seconds}, timeout=5).ok


def test_join_play_follow_the_leaderboard_and_get_the_prize(page: Page, base_url, fresh_sandbox):
    problems = []
    # The browser's own /favicon.ico request is not ours to judge; everything else is.
    page.on("console", lambda message: message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, base_url)

    page.get_by_role("link", name="Tournaments").click()
    card = page.get_by_test_id("tournament-card").filter(has_text="Daily Slots Showdown")
    expect(card).to_contain_text("$1.00 fee + $5.00 buy-in = $6.00")
    # The countdown script takes over the server's "in 10 minutes".
    expect(card.locator("time[data-countdown-to]")).to_have_text(re.compile(r"^in \d\d:\d\d$"))
    card.get_by_role("link", name="Join").click()

    expect(page.get_by_text("Pay $6.00 in cash")).to_be_visible()
    page.get_by_label(re.compile("Pay \\$6.00 in cash")).check()
    page.get_by_role("button", name="Confirm and join").click()
    expect(page.get_by_text("You have joined Daily Slots Showdown.")).to_be_visible()
    expect(page.get_by_test_id("balance")).to_contain_text("$1,294.00")
    expect(page.get_by_test_id("registration")).to_contain_text("You are registered.")

    advance(fresh_sandbox, 600)
    page.reload()
    expect(page.get_by_test_id("status")).to_have_text("Running")
    expect(page.get_by_test_id("my-row")).to_contain_text("1,000.00")
    page.get_by_role("link", name="Play Zodiac").click()
    game = page.frame_locator("#game-frame")
    expect(game.get_by_text("Tournament credits")).to_be_visible()
    game.get_by_role("button", name=re.compile("Spin")).click()
    expect(game.get_by_text("Last spin won")).to_be_visible()
    credits = game.locator("#credits").inner_text()

    page.goto(base_url + "/tournaments/101")
    expect(page.get_by_test_id("my-board-row")).to_contain_text("Lucky Alice")
    expect(page.get_by_test_id("my-row")).to_contain_text(credits.replace(" credits", ""))

    # Two steps: an idle gap over 20 minutes would end the player's session.
    advance(fresh_sandbox, 1000)
    page.reload()
    expect(page.get_by_test_id("status")).to_have_text("Running")
    advance(fresh_sandbox, 800 + 20)
    page.reload()
    expect(page.get_by_test_id("status")).to_have_text("Finished")
    prize = re.search(r"Prize: \$(\d+\.\d\d)", page.get_by_test_id("my-row").inner_text()).group(1)
    assert float(prize) > 0
    expect(page.get_by_test_id("balance")).to_contain_text(f"${1294 + float(prize):,.2f}")
    expect(page.get_by_test_id("news")).to_contain_text("Lucky Alice has won")
    assert problems == []


def test_competition_leaderboard_highlights_the_player(page: Page, base_url):
    sign_in(page, base_url)
    page.goto(base_url + "/competitions/")
    expect(page.get_by_test_id("competition").first.get_by_test_id("podium")).to_be_visible()
    expect(page.get_by_test_id("my-place")).to_contain_text("You are ranked")
    page.get_by_text("Combine leaderboards").click()
    page.get_by_label("Include Spring Slots Sprint in a combined leaderboard").check()
    page.get_by_role("button", name="Show one leaderboard for the ticked competitions").click()
    page.get_by_label("Rows to show").fill("5")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("my-row")).to_contain_text("You are ranked")
    expect(page.get_by_test_id("my-board-row")).to_contain_text("Lucky Alice")
    expect(page.get_by_test_id("hole")).to_be_visible()


def _registrations(sandbox, method: str) -> int:
    """How many times Kore was asked to join (POST) or leave (DELETE) tournament 101."""
    log = requests.get(f"{sandbox.url}/_sandbox/requests", timeout=5).json()["requests"]
    return sum(1 for r in log if r["method"] == method and r["path"] == "/v3/api/tournaments/101/registration")


def test_a_page_from_before_the_move_still_joins_and_leaves_exactly_once(page: Page, base_url, fresh_sandbox):
    """Joining moved from /register to /join, leaving from /unregister to /leave: a page
    opened before the move posts to the old address, the lobby answers 308, and Chromium
    sends the same POST (token and choice) to the new one, which does it once."""
    moved = []
    page.on("response", lambda response: response.status == 308 and moved.append(
        (response.request.method, urlsplit(response.url).path, urlsplit(response.headers["location"]).path)))
    sign_in(page, base_url)

    page.goto(base_url + "/tournaments/101/join")
    page.locator("main form").evaluate("form => form.setAttribute('action', '/tournaments/101/register')")
    page.get_by_label(re.compile("Pay \\$6.00 in cash")).check()
    page.get_by_role("button", name="Confirm and join").click()
    expect(page.get_by_text("You have joined Daily Slots Showdown.")).to_be_visible()
    expect(page.get_by_test_id("balance")).to_contain_text("$1,294.00")  # 1,300.00 less one $6.00
    expect(page.get_by_test_id("registration")).to_contain_text("You are registered.")
    assert _registrations(fresh_sandbox, "POST") == 1

    page.goto(base_url + "/tournaments/101/leave")
    page.locator("main form").evaluate("form => form.setAttribute('action', '/tournaments/101/unregister')")
    page.get_by_role("button", name="Confirm and leave").click()
    expect(page.get_by_text("You have left Daily Slots Showdown.")).to_be_visible()
    expect(page.get_by_test_id("balance")).to_contain_text("$1,300.00")
    assert _registrations(fresh_sandbox, "DELETE") == 1
    assert moved == [("POST", "/tournaments/101/register", "/tournaments/101/join"),
                     ("POST", "/tournaments/101/unregister", "/tournaments/101/leave")]
