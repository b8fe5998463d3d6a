"""pysignalr (PyPI) with its default settings: it negotiates (no negotiateVersion: version 0)
and sends the token as an ``Authorization: Bearer`` header, given as a header (its
access_token_factory is only read after negotiating, so a header is how it authenticates)."""

from __future__ import annotations

import asyncio
import gc
import threading
import warnings
from dataclasses import FrozenInstanceError
from typing import Any

import pytest
from clients_helpers import balance_of, hub_address, sign_out, spin, start_chat
from pysignalr.client import SignalRClient
from pysignalr.exceptions import AuthorizationError, NegotiationFailure
from sandbox_helpers import Kore, Player

from kore_sandbox.server import SandboxServer

TIMEOUT = 15


def run(scenario) -> None:
    """``asyncio.run(scenario())`` in a thread of its own: pytest-playwright's sync API keeps
    an event loop on the main thread once a browser test has run."""
    outcome: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread
            outcome.append(error)
        # pysignalr does not close a connection it was opening or reopening when its run()
        # task is cancelled (on a busy machine, the reconnect after UserLogout is often in
        # flight then): its socket would be found by the garbage collector in whichever test
        # runs next, as a ResourceWarning there. Collected here, with the scenario's loop gone.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=4 * TIMEOUT)
    assert not thread.is_alive(), "the pysignalr scenario did not end"
    if outcome:
        raise outcome[0]


class Received:
    """Each notification target's arguments, as pysignalr hands them to its handlers."""

    def __init__(self, client: SignalRClient) -> None:
        self.queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        for target in ("BalanceUpdate", "OperatorInitiatedChat", "UserLogout"):
            client.on(target, self._handler(target))

    def _handler(self, target: str):
        async def handle(arguments: list[Any]) -> None:
            await self.queue.put((target, arguments[0] if arguments else None))
        return handle

    async def expect(self, target: str) -> Any:
        got, argument = await asyncio.wait_for(self.queue.get(), TIMEOUT)
        assert got == target, (got, argument)
        return argument


def test_every_notification_reaches_pysignalr(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    async def scenario() -> None:
        client = SignalRClient(hub_address(sandbox.url), headers={"Authorization": f"Bearer {alice.token}"})
        received = Received(client)
        opened = asyncio.Event()

        async def on_open() -> None:
            opened.set()

        client.on_open(on_open)
        running = asyncio.create_task(client.run())
        try:
            await asyncio.wait_for(opened.wait(), TIMEOUT)
            await asyncio.to_thread(spin, kore, alice)
            assert (await received.expect("BalanceUpdate"))["balance"] == balance_of(kore, alice)
            chat_id = await asyncio.to_thread(start_chat, kore, "alice@demo.kore")
            assert (await received.expect("OperatorInitiatedChat"))["secure_chat_id"] == chat_id
            await asyncio.to_thread(sign_out, kore, alice)
            assert await received.expect("UserLogout") == {}
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)

    run(scenario)


def test_pysignalr_is_refused_a_made_up_token(sandbox: SandboxServer) -> None:
    async def scenario() -> None:
        client = SignalRClient(hub_address(sandbox.url), headers={"Authorization": "Bearer made-up"})
        # pysignalr raises its AuthorizationError for the 401 (wrapped in NegotiationFailure),
        # or, in 1.3, trips over it being a frozen dataclass: either way, at once, no retries.
        with pytest.raises((NegotiationFailure, AuthorizationError, FrozenInstanceError)):
            await asyncio.wait_for(client.run(), TIMEOUT)

    run(scenario)
