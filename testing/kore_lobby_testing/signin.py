"""Signing a player in through the lobby's real form once, and reusing the session through
Playwright's storage state, so a suite signs in once per worker rather than once per test
(the lobby allows 5 sign-ins a minute per account outside testing mode)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from playwright.sync_api import BrowserContext, Page

from .control import Player


def sign_in_through_the_form(page: Page, player: Player, play_mode: str = "Real") -> None:
    """The header's Sign in link, the form filled in, its button pressed; back where it was.
    Only the selector contract is used (docs/testing.md), so it works in every language."""
    page.get_by_test_id("header-sign-in").click()
    page.wait_for_url(re.compile(r"/login"))
    page.locator("input[name=email]").fill(player.email)
    page.locator("input[name=password]").fill(player.password)
    page.locator(f"input[name=play_mode][value={play_mode}]").check()
    with page.expect_navigation():
        page.get_by_test_id("sign-in-submit").click()
    if page.get_by_test_id("header-sign-in").count() or "/login" in page.url:
        raise AssertionError(f"{player.email} could not sign in: the page is {page.url}")


class SignedInStates:
    """One saved storage state per player and reset generation, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saved: dict[str, tuple[int, Path]] = {}

    def page(self, new_context: Callable[..., BrowserContext], lobby_url: str, player: Player,
             generation: int) -> Page:
        kept = self.saved.get(player.email)
        state = kept[1] if kept and kept[0] == generation else None
        context = new_context(storage_state=state) if state else new_context()
        page = context.new_page()
        page.goto(f"{lobby_url}/")
        # A saved session Kore or the lobby has since ended (idle, signed in elsewhere)
        # shows the visitor's header: sign in again, once.
        if page.get_by_test_id("header-sign-in").count():
            sign_in_through_the_form(page, player)
            path = self.folder / f"{re.sub(r'[^a-z0-9]+', '-', player.email.lower())}.json"
            context.storage_state(path=path)
            self.saved[player.email] = (generation, path)
            page.goto(f"{lobby_url}/")
        return page
