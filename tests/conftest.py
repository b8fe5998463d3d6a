"""Fixtures shared by every test suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from betcore_sandbox import BetcoreSandboxServer
from kore_sandbox.server import SandboxServer


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxServer]:
    """One Kore sandbox on a free port for the whole test session."""
    server = SandboxServer(port=0).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sandbox(sandbox_server: SandboxServer) -> SandboxServer:
    """The sandbox, reset to its seeded state before the test."""
    response = requests.post(f"{sandbox_server.url}/_sandbox/reset", timeout=5)
    response.raise_for_status()
    return sandbox_server


@pytest.fixture(scope="session")
def betcore_sandbox_server() -> Iterator[BetcoreSandboxServer]:
    """One BETCORE sandbox (the aggregator's JWKS, frame and WebFrame) for the session."""
    server = BetcoreSandboxServer(port=0).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def betcore_sandbox(betcore_sandbox_server: BetcoreSandboxServer) -> BetcoreSandboxServer:
    """The BETCORE sandbox without the WebFrame sessions of earlier tests."""
    requests.post(f"{betcore_sandbox_server.url}/_betcore/reset", timeout=5).raise_for_status()
    return betcore_sandbox_server
