"""What a request of the sandbox app can reach: its backend, the client's address."""

from __future__ import annotations

from flask import current_app, request

from .backend import SandboxBackend


def get_backend() -> SandboxBackend:
    return current_app.extensions["kore_sandbox"]


def public_url() -> str:
    """The base of the URLs the sandbox hands out: its configured public address, else the
    request's. Never the Host header when configured: a client that sends no port there
    (signalrcore does) would get dead links."""
    return get_backend().config.public_url or request.host_url


def client_ip() -> str:
    # The lobby calls Kore from its own server on the player's behalf and forwards the
    # player's address in X-Forwarded-For; per-IP limits must count players, not the
    # lobby, so the first X-Forwarded-For entry wins over the socket address.
    forwarded = request.headers.get("X-Forwarded-For", "")
    first = forwarded.split(",")[0].strip()
    return first or request.remote_addr or "unknown"
