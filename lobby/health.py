"""Endpoints for the machines around the lobby: liveness, readiness and metrics."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from flask import Blueprint, Response, abort, current_app, jsonify, request

from lobby import checks
from lobby.core import metrics
from lobby.core.store import store_available
from lobby.core.upstream import upstream
from lobby.extensions import csrf
from lobby.kore import KoreError

bp = Blueprint("health", __name__)

_NO_STORE = {"Cache-Control": "no-store"}


@bp.get("/healthz")
def healthz():
    """The process answers (no Kore call: a Kore outage must not restart the lobby)."""
    return jsonify(status="ok"), 200, _NO_STORE


@bp.get("/readyz")
def readyz():
    """Send traffic here? Kore answers (the unauthenticated CAPTCHA status), Redis answers
    when configured, and the package holds its front-end files and compiled catalogs."""
    config = current_app.config["LOBBY"]
    found: dict[str, str] = {}
    try:
        upstream().client.captcha_status()
        found["kore"] = "ok"
    except KoreError as error:
        found["kore"] = error.raw_code or type(error).__name__
    if config.redis_url:
        # The store's own view (lobby/core/store.py: probed at most once a second), not a
        # new connection per question: signed-in pages need it.
        found["redis"] = "ok" if store_available() else "unavailable"
    for check in (checks.front_end(), checks.catalogs()):
        found[check.name] = "ok" if check.ok else "missing"
    ready = all(value == "ok" for value in found.values())
    return jsonify(status="ok" if ready else "unavailable", **found), 200 if ready else 503, _NO_STORE


@lru_cache(maxsize=8)
def _networks(allowed: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(value, strict=False) for value in allowed)


def _may_read_metrics() -> bool:
    config = current_app.config["LOBBY"]
    if config.trusted_proxies == 0 and "X-Forwarded-For" in request.headers:
        # Came through a proxy the lobby was not told of (e.g. nginx on this machine with
        # TRUSTED_PROXIES unset): its peer address is the proxy's, not the reader's.
        return False
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in _networks(config.metrics_allow))


@bp.get("/metrics")
def metrics_view():
    """Prometheus' text format, for the addresses of METRICS_ALLOW only (404 to others)."""
    if not _may_read_metrics():
        abort(404)
    body, content_type = metrics.exposition()
    return Response(body, content_type=content_type, headers=_NO_STORE)


csrf.exempt(bp)
