"""A visitor's first visit: browse, sign in, see the balance, sign out."""


from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_out

DEMO_PASSWORD = "Demo-pass-1"


def test_visitor_browses_signs_in_sees_balance_and_signs_out(page: Page, base_url):
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Video slots")).to_be_visible()
    assert page.locator(".tile").count() >= 30
    expect(page.get_by_text("Rock & Roll Reels")).to_be_visible()

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_label("Real money").check()
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_text("You are signed in")).to_be_visible()
    expect(page.get_by_test_id("balance")).to_contain_text("$1,300.00")

    sign_out(page)
    expect(page.get_by_text("You are signed out")).to_be_visible()
    expect(page.get_by_test_id("balance")).to_have_count(0)
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_wrong_password_keeps_the_email_and_says_what_to_do(page: Page, base_url):
    page.goto(base_url + "/login")
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match an account")
    expect(page.get_by_label("Email")).to_have_value("alice@demo.kore")
    expect(page.get_by_label("Password")).to_have_value("")


def test_lobby_is_usable_on_a_360px_phone(page: Page, base_url):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(base_url + "/")
    # Nothing wider than the screen: no sideways scrolling on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    # Three games to a row, each still large enough to see and tap.
    tiles = [page.locator(".game-section .tile").nth(i).bounding_box() for i in range(3)]
    assert len({round(box["y"]) for box in tiles}) == 1 and all(box["width"] >= 96 for box in tiles)


def test_no_console_errors_or_csp_violations(page: Page, base_url):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(base_url + "/")
    page.goto(base_url + "/login")
    assert page.evaluate("typeof window.htmx") == "object"
    assert problems == []
