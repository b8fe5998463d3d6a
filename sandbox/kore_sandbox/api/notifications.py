"""GET ~/v3/api/notifications?access_token=…: the SignalR hub, JSON hub protocol over
WebSockets only (the doc's ``skipNegotiation: true``), as ASP.NET Core speaks it.

Handshake ``{"protocol":"json","version":1}`` + 0x1E → ``{}`` + 0x1E, or
``{"error": …}`` + 0x1E and the socket closes (bad handshake; a missing, unknown, expired
token or an ended session). Then: invocations ``{"type":1,"target","arguments":[…]}``
without invocationId, a ping ``{"type":6}`` every ``hub_ping_interval`` seconds, and a
close ``{"type":7}`` after UserLogout or a sandbox reset.
"""

from __future__ import annotations

import json
import queue
import socket
import time
from typing import Any

from flask import request
from flask_sock import Sock
from simple_websocket import ConnectionClosed, Server

from ..backend import SandboxBackend
from ..backend.events import HubClose, HubConnection, UserLogout
from ..backend.grants import PLAYER
from ..context import get_backend
from ..exceptions import SandboxError
from ..serializers.common import Urls
from ..serializers.notifications import invocation
from .endpoint import ENDPOINTS, Endpoint, api

RECORD_SEPARATOR = "\x1e"
#: ASP.NET Core's default HandshakeTimeout.
HANDSHAKE_TIMEOUT = 15.0
#: How often a connection looks at the client's messages and its session's idleness (its
#: queue wakes it at once). A thread per connection: a thousand of them must stay cheap.
TICK = 0.25
#: How long the hub waits for the client's answer to its close frame.
CLOSE_TIMEOUT = 2.0

sock = Sock()
ENDPOINTS.append(Endpoint("GET", "/v3/api/notifications", (PLAYER,)))


def frame(message: dict[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":")) + RECORD_SEPARATOR


def _handshake_error(raw: str | bytes) -> str | None:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    try:
        request_ = json.loads(text.split(RECORD_SEPARATOR, 1)[0])
    except ValueError:
        return "Handshake request is not valid JSON."
    if not isinstance(request_, dict) or "protocol" not in request_:
        return "Handshake request is missing the protocol."
    if request_.get("protocol") != "json":
        return f"The protocol '{request_.get('protocol')}' is not supported."
    if request_.get("version") != 1:
        return f"The server does not support version {request_.get('version')} of the 'json' protocol."
    return None


@sock.route("/notifications", bp=api)
def notifications(ws: Server) -> None:
    try:
        _hub(ws)
    finally:
        _close(ws)


def _close(ws: Server) -> None:
    """Close frame, the client's answer, then the TCP connection: werkzeug's server would
    otherwise keep it open, waiting for another HTTP request on it."""
    try:
        ws.close()
    except ConnectionClosed:
        pass
    ws.thread.join(timeout=CLOSE_TIMEOUT)
    raw = request.environ.get("werkzeug.socket")
    if raw is not None:
        try:
            raw.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _hub(ws: Server) -> None:
    backend = get_backend()
    access_token = request.args.get("access_token", "")
    urls = Urls(request.host_url, None)
    handshake = ws.receive(timeout=HANDSHAKE_TIMEOUT)
    if handshake is None:
        return
    error = _handshake_error(handshake)
    token = None
    if error is None:
        try:
            token = backend.authenticate(f"Bearer {access_token}" if access_token else None, (PLAYER,))
        except SandboxError as refused:
            error = f"{refused.code}: {refused.description}"
    if error is not None or token is None:
        ws.send(frame({"error": error}))
        return
    connection = backend.hub_connect(token)
    try:
        ws.send(frame({}))
        _serve(ws, backend, connection, urls)
    finally:
        backend.hub_disconnect(connection)


def _serve(ws: Server, backend: SandboxBackend, connection: HubConnection, urls: Urls) -> None:
    interval = backend.config.hub_ping_interval
    next_ping = time.monotonic() + interval
    while True:
        try:
            item = connection.queue.get(timeout=min(TICK, interval))
        except queue.Empty:
            item = None
        if isinstance(item, HubClose):
            ws.send(frame({"type": 7, "error": f"Connection closed with an error: {item.reason}."}))
            return
        if item is not None:
            ws.send(frame(invocation(item, urls)))
            if isinstance(item, UserLogout):
                ws.send(frame({"type": 7}))
                return
        if not _read_client(ws):
            return
        if time.monotonic() >= next_ping:
            ws.send(frame({"type": 6}))
            next_ping += interval
        backend.hub_check_session(connection)


def _read_client(ws: Server) -> bool:
    """Handle what the client sent; False once it closed. The hub has no methods: an
    invocation expecting an answer gets a completion with an error."""
    while (data := ws.receive(timeout=0)) is not None:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        for part in filter(None, text.split(RECORD_SEPARATOR)):
            try:
                message = json.loads(part)
            except ValueError:
                continue
            if not isinstance(message, dict):
                continue
            if message.get("type") == 7:
                return False
            if message.get("type") == 1 and message.get("invocationId"):
                ws.send(frame({
                    "type": 3, "invocationId": message["invocationId"],
                    "error": f"Unknown hub method '{message.get('target')}'",
                }))
    return ws.connected
