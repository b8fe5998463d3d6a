"""The header's menu, as a player uses it: sections, play mode, language, sign out."""

from __future__ import annotations

from playwright.sync_api import Page


def open_menu(page: Page) -> None:
    if page.locator("details.menu[open]").count() == 0:
        page.locator("summary.menu-button").click()


def sign_out(page: Page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()


def signed_in(page: Page):
    """The Sign out button (in the menu, so attached rather than visible)."""
    return page.locator("form.sign-out button")
