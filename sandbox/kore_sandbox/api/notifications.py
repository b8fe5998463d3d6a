"""The SignalR hub ``~/v3/api/notifications``, as ASP.NET Core serves an authorised hub with
JWT bearer authentication: the JSON hub protocol over WebSockets only.

- The token: the ``access_token`` query parameter (what browsers send: their WebSockets
  carry no headers), else the ``Authorization: Bearer`` header (what Node and Python
  clients send). A missing, unknown, expired or ended token is refused with 401 before
  the WebSocket (403 for a token that is not a player's), at the upgrade and at negotiate.
- ``POST …/notifications/negotiate?negotiateVersion=0|1``: a connectionId (and for 1 a
  connectionToken), WebSockets the only transport; the WebSocket then presents ``id=``.
  Clients that skip negotiation connect without it.
- Handshake ``{"protocol":"json","version":0|1}`` + 0x1E → ``{}`` + 0x1E, or ``{"error": …}``
  + 0x1E and the socket closes (another protocol or version). Then: invocations
  ``{"type":1,"target","arguments":[…]}`` without invocationId, a ping ``{"type":6}`` every
  ``hub_ping_interval`` seconds, and a close ``{"type":7}`` after UserLogout or when the hub
  goes (``allowReconnect: true`` when it restarts).
"""

from __future__ import annotations

import json
import queue
import socket
import time
from typing import Any

from flask import Response, g, jsonify, request
from flask_sock import Sock
from simple_websocket import ConnectionClosed, Server

from ..backend import SandboxBackend
from ..backend.events import HubClose, HubConnection, UserLogout
from ..backend.entities import Token
from ..backend.grants import PLAYER
from ..context import get_backend, public_url
from ..exceptions import SandboxError
from ..serializers.common import Urls
from ..serializers.notifications import invocation
from .endpoint import ENDPOINTS, Endpoint, api

RECORD_SEPARATOR = "\x1e"
#: The JSON hub protocol's version: ASP.NET Core accepts every version up to its own.
JSON_PROTOCOL_VERSION = 1
#: ASP.NET Core's default HandshakeTimeout.
HANDSHAKE_TIMEOUT = 15.0
#: How often a connection checks that its session is still alive (idleness ends a session
#: without any request, and the sandbox's clock may be moved). Nothing else is polled: the
#: player's messages and the client's both wake the connection's thread at once, so
#: thousands of idle connections cost no CPU (bench/live.py holds 5,000).
SESSION_CHECK = 1.0
#: How long the hub waits for the client's answer to its close frame.
CLOSE_TIMEOUT = 2.0

sock = Sock()
ENDPOINTS.append(Endpoint("GET", "/v3/api/notifications", (PLAYER,)))
ENDPOINTS.append(Endpoint("POST", "/v3/api/notifications/negotiate", (PLAYER,)))
#: What a client negotiates: WebSockets only (the documentation's recommended transport).
TRANSPORTS = [{"transport": "WebSockets", "transferFormats": ["Text", "Binary"]}]


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
    version = request_.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 0 <= version <= JSON_PROTOCOL_VERSION:
        return f"The server does not support version {version} of the 'json' protocol."
    return None


def _authorization() -> str | None:
    """The bearer token as the Authorization value: the query's ``access_token`` first (as
    ASP.NET Core's documented OnMessageReceived hook reads it), else the header."""
    access_token = request.args.get("access_token")
    if access_token:
        return f"Bearer {access_token}"
    return request.headers.get("Authorization")


def _unauthorized(refused: SandboxError) -> Response:
    """401 (403 for a token of the wrong kind) with JWT bearer's WWW-Authenticate; the body
    is Kore's error object (ASP.NET Core sends none; clients read the status)."""
    status = 403 if refused.code == "access_denied" else 401
    response = jsonify({"error": str(refused.code), "error_description": refused.description})
    response.status_code = status
    if status == 401:
        challenge = "Bearer"
        if refused.code != "missing_credentials":
            challenge += f' error="invalid_token", error_description="{refused.code}"'
        response.headers["WWW-Authenticate"] = challenge
    return response


def _authenticate() -> Token | Response:
    try:
        return get_backend().authenticate(_authorization(), (PLAYER,))
    except SandboxError as refused:
        return _unauthorized(refused)


@api.before_request
def authorise_hub() -> Response | None:
    """Before the WebSocket upgrade: the token, and a negotiated connection's ``id``."""
    if request.endpoint != "kore_api.notifications":
        return None
    token = _authenticate()
    if isinstance(token, Response):
        return token
    key = request.args.get("id")
    if key is not None:
        taken = get_backend().hub_take_negotiated(key, token)
        if taken == "unknown":
            return Response("No Connection with that ID", status=404, mimetype="text/plain")
        if taken == "other":
            return Response(status=403)
    g.hub_token = token
    return None


@api.post("/notifications/negotiate")
def negotiate() -> Response:
    """SignalR's negotiate: a connection id (and token), WebSockets as the transport."""
    token = _authenticate()
    if isinstance(token, Response):
        return token
    try:
        version = int(request.args.get("negotiateVersion", "0"))
    except ValueError:
        version = 0
    version = 1 if version >= 1 else 0
    connection_id, connection_token = get_backend().hub_negotiate(token, version)
    body: dict[str, Any] = {"negotiateVersion": version, "connectionId": connection_id}
    if version:
        body["connectionToken"] = connection_token
    body["availableTransports"] = TRANSPORTS
    return jsonify(body)


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
    token: Token = g.hub_token
    urls = Urls(public_url(), None)
    handshake = ws.receive(timeout=HANDSHAKE_TIMEOUT)
    if handshake is None:
        return
    error = _handshake_error(handshake)
    if error is not None:
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
    now = time.monotonic()
    next_ping, next_check = now + interval, now + SESSION_CHECK
    # One event wakes the thread: simple-websocket sets it for the client's frames (and its
    # close), the connection for each message queued for the player.
    connection.wake = ws.event.set
    ws.event.set()  # what was queued before the wake was in place
    while True:
        ws.event.wait(timeout=max(0.0, min(next_ping, next_check) - time.monotonic()))
        ws.event.clear()
        while True:
            try:
                item = connection.queue.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, HubClose):
                close: dict[str, Any] = {"type": 7, "error": f"Connection closed with an error: {item.reason}."}
                if item.allow_reconnect:
                    close["allowReconnect"] = True
                ws.send(frame(close))
                return
            ws.send(frame(invocation(item, urls)))
            if isinstance(item, UserLogout):
                ws.send(frame({"type": 7}))
                return
        if not _read_client(ws):
            return
        if not connection.queue.empty():
            # Queued while the client's frames were read, whose wait may have taken the wake-up.
            ws.event.set()
            continue
        now = time.monotonic()
        if now >= next_ping:
            ws.send(frame({"type": 6}))
            next_ping += interval
        if now >= next_check:
            backend.hub_check_session(connection)
            next_check = now + SESSION_CHECK


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
