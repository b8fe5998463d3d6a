"""A client of Kore's SignalR notification hub (``~/v3/api/notifications``).

Kore speaks SignalR's JSON hub protocol over WebSockets; the documentation connects with
``skipNegotiation`` and the player's token as ``access_token``. The protocol is small:

- handshake: we send ``{"protocol":"json","version":1}`` + 0x1E, the hub answers ``{}`` +
  0x1E, or ``{"error": …}`` + 0x1E when it refuses (an expired or ended session's token);
- then records, each JSON + 0x1E: invocations ``{"type":1,"target","arguments":[…]}``
  (BalanceUpdate, UserLogout, OperatorInitiatedChat), pings ``{"type":6}`` both ways, and a
  close ``{"type":7}``. A client pings every 15 s, or the hub drops it after 30 s of silence.

So this uses the ``websockets`` package directly rather than a SignalR client library
(which would bring an HTTP client and its negotiation step that Kore's hub does not use).
The URL carries the token: nothing here logs it, and ``websockets``' own logger is given
one that never writes below WARNING and passes the lobby's redacting filter.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI

from lobby.core import metrics
from lobby.core.logs import RedactingFilter

RECORD_SEPARATOR = "\x1e"
HANDSHAKE = json.dumps({"protocol": "json", "version": 1}) + RECORD_SEPARATOR
#: SignalR's defaults: the client pings every KeepAliveInterval (15 s); the hub gives up
#: on a client silent for ClientTimeoutInterval (30 s), and so do we on a silent hub.
PING_INTERVAL = 15.0
SERVER_TIMEOUT = 30.0
INVOCATION, PING, CLOSE = 1, 6, 7

_ws_logger = logging.getLogger("lobby.live.websockets")
_ws_logger.setLevel(logging.WARNING)  # its DEBUG lines would carry the request line (the token)
_ws_logger.addFilter(RedactingFilter())


class HubRefused(Exception):
    """The hub said no: a handshake error, or 401/403 instead of the WebSocket.

    The issue's sandbox (and the documentation's "error event") refuse an ended session's
    token with a handshake error; ASP.NET Core's authorization answers 401 before the
    upgrade; but a handshake error may also mean "Handshake was canceled." (a hub shutting
    down). Both readings are supported: the relay asks Kore before it believes a session over.
    """


class HubUnavailable(Exception):
    """The hub could not be reached or dropped the connection: try again later."""


@dataclass(frozen=True)
class Message:
    """One invocation: ``target`` (e.g. "BalanceUpdate") and its first argument."""

    target: str
    argument: dict[str, Any]


def hub_url(kore_api_url: str) -> str:
    """The hub's WebSocket address for a Kore root (``https://kore`` → ``wss://kore/v3/api/notifications``)."""
    parts = urlsplit(kore_api_url.rstrip("/"))
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, parts.netloc, parts.path + "/v3/api/notifications", "", ""))


def _records(text: str) -> list[dict[str, Any]]:
    records = []
    for part in text.split(RECORD_SEPARATOR):
        if not part.strip():
            continue
        try:
            record = json.loads(part)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


class HubConnection:
    """An open, handshaken connection: iterate it for messages."""

    def __init__(self, ws: ClientConnection, early: list[dict[str, Any]]) -> None:
        self._ws = ws
        #: Records that came in the same frame as the handshake's answer.
        self._early = early

    async def _pinger(self) -> None:
        ping = json.dumps({"type": PING}) + RECORD_SEPARATOR
        try:
            while True:
                await asyncio.sleep(PING_INTERVAL)
                await self._ws.send(ping)
        except ConnectionClosed:
            pass  # the reader notices too

    async def messages(self) -> AsyncIterator[Message]:
        """The hub's invocations until it closes; HubUnavailable when it goes silent or away."""
        pinger = asyncio.create_task(self._pinger())
        records, self._early = self._early, []
        try:
            while True:
                for record in records:
                    kind = record.get("type")
                    if kind == CLOSE:
                        # The relay reconnects either way (with backoff): a hub that closes
                        # with an error, or with allowReconnect, asks for it; one that closes
                        # cleanly without a UserLogout has not ended the session either.
                        raise HubUnavailable("closed with an error" if record.get("error") else "closed")
                    if kind == INVOCATION and isinstance(record.get("target"), str):
                        arguments = record.get("arguments") or [{}]
                        argument = arguments[0] if isinstance(arguments, list) and arguments else {}
                        yield Message(record["target"], argument if isinstance(argument, dict) else {})
                try:
                    async with asyncio.timeout(SERVER_TIMEOUT):
                        raw = await self._ws.recv()
                except (TimeoutError, ConnectionClosed) as error:
                    raise HubUnavailable(type(error).__name__) from None
                records = _records(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw)
        finally:
            pinger.cancel()


async def _close(ws: ClientConnection) -> None:
    """SignalR's close message, then the WebSocket's closing handshake."""
    try:
        await ws.send(json.dumps({"type": CLOSE}) + RECORD_SEPARATOR)
    except ConnectionClosed:
        pass
    await ws.close()


@asynccontextmanager
async def open_hub(url: str, token: str, *, timeout: float = 10.0) -> AsyncIterator[HubConnection]:
    """Connect and handshake with the player's token; HubRefused or HubUnavailable if not."""
    address = f"{url}?access_token={quote(token, safe='')}"
    try:
        ws = await connect(address, open_timeout=timeout, logger=_ws_logger, compression=None,
                           user_agent_header="Kore Lobby", proxy=None, max_size=2**20,
                           close_timeout=2,
                           # SignalR's own pings keep the connection and tell a silent hub
                           # (PING_INTERVAL, SERVER_TIMEOUT): WebSocket pings on top would
                           # double the idle traffic of thousands of open pages.
                           ping_interval=None)
    except InvalidURI:
        raise HubUnavailable("bad hub address") from None
    except InvalidStatus as error:
        status = error.response.status_code
        if status in (401, 403):
            raise HubRefused(f"HTTP {status}") from None
        raise HubUnavailable(f"HTTP {status}") from None
    except (OSError, TimeoutError, InvalidHandshake) as error:
        # The message of these may quote the address: only the type goes further.
        raise HubUnavailable(type(error).__name__) from None
    metrics.HUB_CONNECTIONS.inc()
    try:
        try:
            await ws.send(HANDSHAKE)
            async with asyncio.timeout(timeout):
                answer = await ws.recv()
        except (TimeoutError, ConnectionClosed) as error:
            raise HubUnavailable(type(error).__name__) from None
        text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer
        records = _records(text)
        if not records:
            raise HubUnavailable("no handshake answer")
        if records[0].get("error"):
            raise HubRefused(str(records[0]["error"]))
        yield HubConnection(ws, records[1:])
    finally:
        metrics.HUB_CONNECTIONS.dec()
        await _close(ws)
