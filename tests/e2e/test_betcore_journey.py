"""BETCORE in Chromium: sign in, open BETCORE, the sandbox's WebFrame shows the wallet and
its balance; sign out, and the frame's next call is refused."""

from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from lobby import create_app
from lobby.config import Config
from tests.e2e.helpers import sign_out

DEMO_PASSWORD = "Demo-pass-1"


def _luminance(css: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"[\d.]+", css)[:3])
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG's contrast ratio of two computed CSS colours (rgb()/rgba(), opaque)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture(scope="module")
def betcore_lobby(sandbox_server, betcore_sandbox_server, tmp_path_factory):
    """A lobby of its own with BETCORE configured on the BETCORE sandbox."""
    sandbox = betcore_sandbox_server
    app = create_app(Config(
        kore_api_url=sandbox_server.url, secret_key="e2e-betcore-" * 4, env="development",
        player_state_db=tmp_path_factory.mktemp("betcore") / "favourites.sqlite3",
        betcore_jwks_url=sandbox.jwks_url, betcore_frame_url=sandbox.frame_url,
        betcore_issuer=sandbox.issuer, betcore_client_id=sandbox.client_id, betcore_test_accounts=True,
    ))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


def test_the_webframe_shows_the_wallet_until_the_player_signs_out(page: Page, betcore_lobby, betcore_sandbox):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(betcore_lobby + "/betcore")
    page.get_by_label("Email").fill("alice@demo.kore")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_label("Real money").check()
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/betcore")
    frame = page.frame_locator(".betcore-frame iframe")
    expect(frame.locator("#status")).to_have_attribute("data-state", "authenticated")
    expect(frame.locator("#partner-user-id")).to_have_text(re.compile(r"^kl-[0-9a-f]{32}$"))
    expect(frame.locator("#currency")).to_have_text("USD")
    expect(frame.locator("#is-test")).to_have_text("true")
    expect(frame.locator("#balance")).to_have_text("1300.00 USD")

    # The header keeps the player's balance beside the frame.
    expect(page.get_by_test_id("balance")).to_contain_text("$1,300.00")
    # "Authenticate again" is readable (WCAG AA: 4.5:1 for its text).
    colours = frame.locator("#refresh").evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    assert contrast(*colours) >= 4.5, colours

    # The frame authenticates again with the newest refresh token.
    frame.locator("#refresh").click()
    expect(frame.locator("#status")).to_have_attribute("data-state", "authenticated")

    # Signed out in another tab: the frame's next call is refused.
    other = page.context.new_page()
    other.goto(betcore_lobby + "/")
    sign_out(other)
    expect(other.get_by_text("You are signed out")).to_be_visible()
    frame.locator("#refresh").click()
    expect(frame.locator("#status")).to_have_attribute("data-state", "refused")
    expect(frame.locator("#status")).to_contain_text("103805")
    assert problems == []
