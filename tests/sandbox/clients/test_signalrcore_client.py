"""signalrcore (PyPI) with its default settings: it negotiates (version 0), then speaks the
JSON protocol's version 0, sends the token as ``Authorization: Bearer`` (its
access_token_factory) and a Host header without the port."""

from __future__ import annotations

import logging
import queue
from collections.abc import Iterator
from typing import Any

import pytest
from clients_helpers import balance_of, hub_address, sign_out, spin, start_chat
from sandbox_helpers import Kore, Player
from signalrcore.hub_connection_builder import HubConnectionBuilder

from kore_sandbox.server import SandboxServer

TIMEOUT = 15


class Client:
    """A signalrcore connection and what its handlers were called with."""

    def __init__(self, url: str, token: str) -> None:
        self.connection = HubConnectionBuilder().with_url(
            url, options={"access_token_factory": lambda: token}).configure_logging(logging.WARNING).build()
        self.received: queue.Queue[tuple[str, Any]] = queue.Queue()
        for target in ("BalanceUpdate", "OperatorInitiatedChat", "UserLogout"):
            self.connection.on(target, self._handler(target))
        self.connection.on_open(lambda: self.received.put(("open", None)))

    def _handler(self, target: str):
        return lambda arguments: self.received.put((target, arguments[0] if arguments else None))

    def expect(self, target: str) -> Any:
        try:
            got, argument = self.received.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"signalrcore did not receive {target}") from None
        assert got == target, (got, argument)
        return argument


@pytest.fixture
def client(sandbox: SandboxServer, alice: Player) -> Iterator[Client]:
    client = Client(hub_address(sandbox.url), alice.token)
    assert client.connection.start()
    try:
        yield client
    finally:
        client.connection.stop()


def test_every_notification_reaches_signalrcore(client: Client, kore: Kore, alice: Player) -> None:
    client.expect("open")
    spin(kore, alice)
    assert client.expect("BalanceUpdate")["balance"] == balance_of(kore, alice)
    chat_id = start_chat(kore, "alice@demo.kore")
    chat = client.expect("OperatorInitiatedChat")
    assert chat["secure_chat_id"] == chat_id
    # Its Host header has no port: the link is the sandbox's address all the same.
    assert chat["chat_url"].startswith(kore.url + "/pages/help_chat?")
    sign_out(kore, alice)
    assert client.expect("UserLogout") == {}
