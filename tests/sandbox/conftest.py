"""Fixtures for the sandbox tests: a client helper, a brand token, a signed-in player."""

from __future__ import annotations

import pytest
from sandbox_helpers import Kore, Player

from kore_sandbox.server import SandboxServer


@pytest.fixture
def kore(sandbox: SandboxServer) -> Kore:
    return Kore(sandbox.url)


@pytest.fixture
def brand_token(kore: Kore) -> str:
    return kore.brand_token()


@pytest.fixture
def alice(kore: Kore) -> Player:
    return kore.login("alice@demo.kore", "Real")
