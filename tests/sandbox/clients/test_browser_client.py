"""The official JavaScript client in Chromium: a browser's WebSocket carries no headers, so
the token travels as ``access_token`` in the query. With the client's defaults (it
negotiates, same origin) and with Kore's example (``skipNegotiation``, WebSockets)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from clients_helpers import balance_of, hub_address, sign_out, spin, start_chat
from playwright.sync_api import Browser, Page
from sandbox_helpers import Kore, Player

from kore_sandbox.server import SandboxServer

ROOT = Path(__file__).resolve().parents[3]
BUNDLE = ROOT / "node_modules" / "@microsoft" / "signalr" / "dist" / "browser" / "signalr.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: The page's script: connect with the options given, record every event in window.events.
CONNECT = """async ([url, token, options]) => {
  window.events = [];
  const record = (event, argument) => window.events.push({event, argument});
  const builder = new signalR.HubConnectionBuilder()
    .withUrl(url, {...options, accessTokenFactory: () => token})
    .withAutomaticReconnect();
  const connection = builder.build();
  for (const target of ["BalanceUpdate", "OperatorInitiatedChat", "UserLogout"]) {
    connection.on(target, (argument) => record(target, argument));
  }
  connection.onreconnected(() => record("reconnected", null));
  connection.onclose(() => record("closed", null));
  await connection.start();
}"""
OPTIONS = {
    "defaults": {},
    # Kore's example: {skipNegotiation: true, transport: HttpTransportType.WebSockets}.
    "kore's example": {"skipNegotiation": True, "transport": 1},
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's browser (one per session, shared with tests/e2e): Debian's Chromium."""
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs Debian's chromium (system-packages)"
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox", "--disable-gpu"]}


def open_page(browser: Browser, sandbox: SandboxServer) -> Page:
    """A page of the sandbox's origin (the help chat page) with the client's browser bundle:
    same origin, so the negotiate request needs no CORS. The bundle goes in as a script of
    the page (the sandbox's pages allow none of their own: CSP bypassed for the test)."""
    assert BUNDLE.is_file(), "run make setup (npm ci)"
    page = browser.new_page(bypass_csp=True)
    page.goto(f"{sandbox.url}/pages/help_chat?ReturnUrl=")
    page.add_script_tag(path=str(BUNDLE))
    return page


def expect(page: Page, count: int, event: str):
    page.wait_for_function(f"window.events.length >= {count}", timeout=15_000)
    got = page.evaluate(f"window.events[{count - 1}]")
    assert got["event"] == event, got
    return got["argument"]


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
def test_every_notification_reaches_the_browser(browser: Browser, sandbox: SandboxServer, kore: Kore,
                                                 alice: Player, options: dict) -> None:
    page = open_page(browser, sandbox)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        page.evaluate(CONNECT, [hub_address(sandbox.url), alice.token, options])
        assert len(sockets) == 1 and "access_token=" in sockets[0]
        spin(kore, alice)
        assert expect(page, 1, "BalanceUpdate")["balance"] == balance_of(kore, alice)
        assert kore.control("POST", "hub/restart").status_code == 200
        expect(page, 2, "reconnected")
        chat_id = start_chat(kore, "alice@demo.kore")
        assert expect(page, 3, "OperatorInitiatedChat")["secure_chat_id"] == chat_id
        sign_out(kore, alice)
        assert expect(page, 4, "UserLogout") == {}
        expect(page, 5, "closed")
    finally:
        page.close()
