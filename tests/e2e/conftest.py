"""End-to-end: the lobby and the sandbox as live servers, driven in Debian's Chromium."""

from __future__ import annotations

import os

import pytest

from lobby import create_app
from lobby.config import Config
from lobby.core.upstream import upstream
from lobby.extensions import cache, limiter
from lobby.live.server import LiveServer
from tests.e2e.helpers import client_address

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class LiveLobby(LiveServer):
    """The lobby as production serves it (ASGI under uvicorn), on a free port, behind one
    trusted proxy: each browser context's X-Forwarded-For (helpers.client_address) is its
    client address, by the lobby's own rule (uvicorn believes no forwarded header)."""

    def __init__(self, kore_url: str, player_state_db) -> None:
        config = Config(kore_api_url=kore_url, secret_key="e2e-secret-" * 4, env="development",
                        player_state_db=player_state_db, live_linger=0.5, trusted_proxies=1)
        super().__init__(create_app(config))


@pytest.fixture(scope="session")
def live_lobby(sandbox_server, tmp_path_factory):
    lobby = LiveLobby(sandbox_server.url, tmp_path_factory.mktemp("lobby") / "favourites.sqlite3").start()
    yield lobby
    lobby.stop()


@pytest.fixture(scope="session")
def base_url(live_lobby):
    return live_lobby.url


@pytest.fixture(autouse=True)
def fresh_sandbox(sandbox, live_lobby):
    """Each browser test starts from the sandbox's seeded state, and with the lobby's
    rate-limit counters at zero (every test signs in from the same address) and its
    caches empty (an earlier test may have moved the sandbox's clock)."""
    with live_lobby.app.app_context():
        limiter.reset()
        cache.clear()
        upstream().clear()
    return sandbox


@pytest.fixture
def browser_context_args(browser_context_args):
    """Every test's browser with a client address of its own (helpers.client_address)."""
    return {**browser_context_args, "extra_http_headers": client_address()}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium (playwright cannot download its own here), without the
    # background traffic a closed network refuses.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
