"""Health endpoints for load balancers: is this process alive, and can it reach Kore."""

from __future__ import annotations

from flask import Blueprint, jsonify

from lobby.core.store import store_available
from lobby.core.upstream import upstream
from lobby.extensions import csrf
from lobby.kore import KoreError

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process answers (no Kore call: a Kore outage must not restart the lobby)."""
    return jsonify(status="ok"), 200, {"Cache-Control": "no-store"}


@bp.get("/readyz")
def readyz():
    """Kore and the shared store answer: send traffic here. Kore's unauthenticated CAPTCHA
    status endpoint; a PING to Redis when REDIS_URL is set (signed-in pages need it)."""
    if not store_available():
        return jsonify(status="unavailable", store="unavailable"), 503, {"Cache-Control": "no-store"}
    try:
        upstream().client.captcha_status()
    except KoreError as error:
        return jsonify(status="unavailable", kore=error.raw_code or type(error).__name__), 503, {"Cache-Control": "no-store"}
    return jsonify(status="ok", kore="ok"), 200, {"Cache-Control": "no-store"}


csrf.exempt(bp)
