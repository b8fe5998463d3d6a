"""The official JavaScript client (@microsoft/signalr, npm) under Node, default settings:
it negotiates (``negotiateVersion=1``) and sends the token as ``Authorization: Bearer``;
with ``withAutomaticReconnect`` it comes back after a hub restart."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clients_helpers import balance_of, hub_address, sign_out, spin, start_chat
from sandbox_helpers import Kore, Player

from kore_sandbox.server import SandboxServer

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).with_name("hub_client.cjs")

@pytest.fixture(autouse=True)
def _node() -> None:
    """Node.js is part of the setup (README): without it these tests fail, never skip."""
    assert shutil.which("node"), "node is missing: the README's requirements include Node.js with npm"


class NodeClient:
    """hub_client.cjs in a node process; its EVENT lines, in order."""

    def __init__(self, url: str, token: str) -> None:
        assert (ROOT / "node_modules" / "@microsoft" / "signalr").is_dir(), "run make setup (npm ci)"
        self.process = subprocess.Popen(["node", str(SCRIPT), url, token], cwd=ROOT, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.output: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            if line.startswith("EVENT "):
                self.events.put(json.loads(line[6:]))

    def next(self, timeout: float = 15) -> dict[str, Any]:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("no event from the JS client; its output:\n" + "".join(self.output)) from None

    def expect(self, event: str) -> Any:
        got = self.next()
        assert got["event"] == event, (got, "".join(self.output))
        return got["argument"]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def js_client(sandbox: SandboxServer, alice: Player) -> Iterator[NodeClient]:
    client = NodeClient(hub_address(sandbox.url), alice.token)
    try:
        yield client
    finally:
        client.stop()


def test_every_notification_reaches_the_js_client(js_client: NodeClient, kore: Kore, alice: Player) -> None:
    js_client.expect("connected")
    spin(kore, alice)
    assert js_client.expect("BalanceUpdate")["balance"] == balance_of(kore, alice)
    chat_id = start_chat(kore, "alice@demo.kore")
    chat = js_client.expect("OperatorInitiatedChat")
    assert chat["secure_chat_id"] == chat_id and chat["chat_url"].startswith(kore.url + "/pages/help_chat?")
    sign_out(kore, alice)
    assert js_client.expect("UserLogout") == {}
    assert js_client.expect("closed") is None  # a clean close: no reconnecting after a sign-out


def test_the_js_client_reconnects_after_a_hub_restart(js_client: NodeClient, kore: Kore, alice: Player) -> None:
    js_client.expect("connected")
    assert kore.control("POST", "hub/restart").status_code == 200
    assert "hub restarting" in js_client.expect("reconnecting")
    js_client.expect("reconnected")
    spin(kore, alice)
    assert js_client.expect("BalanceUpdate")["balance"] == balance_of(kore, alice)


def test_the_js_client_is_refused_a_made_up_token(sandbox: SandboxServer) -> None:
    client = NodeClient(hub_address(sandbox.url), "made-up")
    try:
        assert "401" in client.expect("failed")
    finally:
        client.stop()


def test_the_js_client_reaches_the_hub_in_time(sandbox: SandboxServer, alice: Player) -> None:
    started = time.monotonic()
    client = NodeClient(hub_address(sandbox.url), alice.token)
    try:
        client.expect("connected")
    finally:
        client.stop()
    assert time.monotonic() - started < 10
