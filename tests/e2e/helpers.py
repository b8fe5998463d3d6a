"""What the browser tests share: signing in as a player does, the header's menu, and the
game frame. Every helper waits on a condition the player would see (a URL reached, an
element there), never on time, and returns only once the navigation it started is over."""

from __future__ import annotations

import itertools
import time
from urllib.parse import urlsplit

import requests
from playwright.sync_api import Frame, Page

DEMO_PASSWORD = "Demo-pass-1"
_ADDRESSES = itertools.count(1)


def client_address() -> dict[str, str]:
    """Headers giving a browser context a client address of its own (loopback, never used as
    a destination): Kore and the lobby count some requests per address (sign-ins, GET chats
    once per 10 s), and each test's count starts at zero. The e2e lobby trusts one proxy
    (TRUSTED_PROXIES=1), so it counts this address and forwards it to the sandbox."""
    n = next(_ADDRESSES)
    return {"X-Forwarded-For": f"127.20.{n // 250}.{n % 250 + 1}"}


def wait_for_hub(sandbox, email: str = "alice@demo.kore", timeout: float = 10.0) -> None:
    """Until the player's session has its hub connection open at the sandbox (the lobby's
    upstream): events the sandbox pushes from then on reach the page."""
    deadline = time.monotonic() + timeout
    while True:
        players = requests.get(f"{sandbox.url}/_sandbox/hub", timeout=5).json()["players"]
        if players.get(email):
            return
        assert time.monotonic() < deadline, f"no hub connection for {email} within {timeout} s"
        time.sleep(0.05)


def sign_in(page: Page, base_url: str, email: str = "alice@demo.kore", password: str = DEMO_PASSWORD, *,
            mode: str = "Real", next_path: str | None = None) -> None:
    """Sign in through the form; back once the page after /login (the lobby, ``next_path``,
    or the outcome's own step) has loaded."""
    page.goto(f"{base_url}/login" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Real money" if mode == "Real" else "Practice").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path != "/login")


def open_menu(page: Page) -> None:
    if page.locator("details.menu[open]").count() == 0:
        page.locator("summary.menu-button").click()


def sign_out(page: Page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()


def signed_in(page: Page):
    """The Sign out button (in the menu, so attached rather than visible)."""
    return page.locator("form.sign-out button")


def game_frame(page: Page) -> Frame:
    page.wait_for_selector("iframe[data-game-frame]")
    handle = page.query_selector("iframe[data-game-frame]")
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_load_state()
    return frame
