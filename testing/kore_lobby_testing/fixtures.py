"""The fixtures (docs/testing.md, "Fixtures"). Session fixtures are per pytest-xdist worker:
each worker has its own sandbox, lobby, player and browser."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .control import Player, SandboxControl
from .servers import LobbyServer, RunningServer, start_sandbox
from .signin import SignedInStates


@pytest.fixture(scope="session")
def kore_sandbox() -> Iterator[Any]:
    """The Kore sandbox for the session (``.url``): KORE_SANDBOX_URL's, or one started here."""
    url = os.environ.get("KORE_SANDBOX_URL", "").strip()
    if url:
        yield RunningServer(url.rstrip("/"))
        return
    if os.environ.get("LOBBY_URL", "").strip():
        pytest.fail("LOBBY_URL names a lobby whose Kore the test kit cannot see: set KORE_SANDBOX_URL to the "
                    "sandbox that lobby talks to (docs/testing.md, \"A staging lobby\").", pytrace=False)
    server = start_sandbox()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def lobby_server(kore_sandbox, tmp_path_factory) -> Iterator[Any]:
    """The lobby (``.url``): LOBBY_URL's, or one served here as production serves it (gunicorn,
    live pages) in testing mode against ``kore_sandbox``."""
    url = os.environ.get("LOBBY_URL", "").strip()
    if url:
        yield RunningServer(url.rstrip("/"))
        return
    server = LobbyServer(kore_sandbox.url, tmp_path_factory.mktemp("lobby")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def kore_control(kore_sandbox, lobby_server) -> SandboxControl:
    """The session's control client (``sandbox`` is the same object, tidied after each test)."""
    return SandboxControl(kore_sandbox.url, lobby_server.url)


@pytest.fixture
def sandbox(kore_control: SandboxControl, request) -> Iterator[SandboxControl]:
    """The control client: reset(), clock, faults, outbox, players, chats, hub, captcha,
    spin. A test marked ``kore_reset`` starts from a reset (before any player signs in).
    After the test its faults are cleared and the CAPTCHA is off again, so no switch
    outlives the test that turned it on."""
    if request.node.get_closest_marker("kore_reset"):
        kore_control.reset()
    yield kore_control
    kore_control.faults.clear()
    kore_control.captcha.require(False)


@pytest.fixture(scope="session")
def player(kore_control: SandboxControl) -> Player:
    """This worker's player: made to order (USD 500.00, en-US), its own, so parallel workers
    never sign each other out. Override it in a conftest.py to pick another."""
    return kore_control.players.create(currency="USD", balance="500.00", locale="en-US")


@pytest.fixture(scope="session")
def _signed_in_states(tmp_path_factory) -> SignedInStates:
    return SignedInStates(Path(tmp_path_factory.mktemp("storage-states")))


@pytest.fixture
def signed_in_page(new_context, player: Player, sandbox: SandboxControl, lobby_server,
                   _signed_in_states: SignedInStates):
    """A page of the lobby with ``player`` signed in for real money: through the real form
    once per worker (and again only after a reset or an ended session), then from the
    saved storage state. It starts on the lobby's front page."""
    return _signed_in_states.page(new_context, lobby_server.url, player, sandbox.generation)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """KORE_LOBBY_CHROMIUM: the Chromium to drive (e.g. /usr/bin/chromium) instead of
    Playwright's own download."""
    chromium = os.environ.get("KORE_LOBBY_CHROMIUM", "").strip()
    if not chromium or "executable_path" in browser_type_launch_args:
        return browser_type_launch_args
    return {**browser_type_launch_args, "executable_path": chromium}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, request):
    """Pages open relative to the lobby (``page.goto("/")``) unless --base-url or a base_url
    fixture says otherwise."""
    if browser_context_args.get("base_url"):
        return browser_context_args
    return {**browser_context_args, "base_url": request.getfixturevalue("lobby_server").url}
