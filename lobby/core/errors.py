"""Honest pages for every failure: what happened, what to do next, never a traceback."""

from __future__ import annotations

import logging
import time
import uuid

from flask import Flask, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from lobby.core.messages import player_message
from lobby.core.session import current_player, sign_out
from lobby.extensions import limiter
from lobby.kore import (
    KoreAuthError,
    KoreError,
    KoreRateLimited,
    KoreServerError,
    KoreUnavailable,
)

log = logging.getLogger(__name__)


def request_id() -> str:
    """A short id for this request, shown on error pages and logged, to match the two."""
    if "request_id" not in g:
        g.request_id = uuid.uuid4().hex[:12]
    return g.request_id


def _page(template: str, status: int, **context):
    response = render_template(template, status=status, **context)
    return response, status, {"Cache-Control": "no-store"}


def _login_redirect():
    """Back to login, and from there back to this page."""
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    location = url_for("auth.login", next=target) if target else url_for("auth.login")
    if getattr(request, "htmx", False):
        # htmx follows HX-Redirect with a full page load instead of swapping the login page in.
        return "", 204, {"HX-Redirect": location}
    return redirect(location, 303)


def init_error_pages(app: Flask) -> None:
    app.jinja_env.globals["request_id"] = request_id

    @app.after_request
    def tag_response(response):
        response.headers.setdefault("X-Request-Id", request_id())
        return response

    @app.errorhandler(KoreAuthError)
    def kore_auth(error: KoreAuthError):
        if error.session_over:
            had_player = current_player() is not None
            sign_out()
            if had_player:
                flash(_("Your session has ended. Please sign in again."), "info")
            return _login_redirect()
        log.warning("Kore refused credentials: error=%s uuid=%s id=%s", error.raw_code, error.uuid, request_id())
        return _page("errors/kore.html", 502, message=player_message(error), kore_uuid=error.uuid)

    @app.errorhandler(KoreRateLimited)
    def kore_rate_limited(error: KoreRateLimited):
        retry = int(error.retry_after) if error.retry_after else 60
        response, status, headers = _page("errors/429.html", 429, retry_after=retry, kore_uuid=error.uuid)
        headers["Retry-After"] = str(retry)
        return response, status, headers

    @app.errorhandler(KoreUnavailable)
    def kore_unavailable(error: KoreUnavailable):
        log.warning("Kore unavailable: %s id=%s", error.description, request_id())
        # What a gateway would say: 504 when Kore did not answer in time, else 503.
        status = 504 if error.timed_out else error.status if error.status in (502, 503, 504) else 503
        return _page("errors/unavailable.html", status, kore_uuid=None)

    @app.errorhandler(KoreServerError)
    def kore_server_error(error: KoreServerError):
        log.warning("Kore server error: status=%s error=%s uuid=%s id=%s", error.status, error.raw_code, error.uuid, request_id())
        status = error.status if error.status in (502, 503, 504) else 502
        return _page("errors/unavailable.html", status, kore_uuid=error.uuid)

    @app.errorhandler(KoreError)
    def kore_error(error: KoreError):
        log.warning("Kore error: status=%s error=%s uuid=%s id=%s", error.status, error.raw_code, error.uuid, request_id())
        return _page("errors/kore.html", 502, message=player_message(error), kore_uuid=error.uuid)

    @app.errorhandler(RateLimitExceeded)
    def lobby_rate_limited(error: RateLimitExceeded):
        current = limiter.current_limit
        retry = max(1, int(current.reset_at - time.time())) if current else 60
        log.info("lobby rate limit reached on %s id=%s", request.endpoint, request_id())
        response, status, headers = _page("errors/429.html", 429, retry_after=retry, kore_uuid=None)
        headers["Retry-After"] = str(retry)
        return response, status, headers

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError):
        # A Host other than PUBLIC_URL's: refused before routing, so no page of ours.
        return "Unknown host.\n", 400, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _page("errors/csrf.html", 400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        template = f"errors/{status}.html" if status in (400, 403, 404, 405, 413) else "errors/generic.html"
        return _page(template, status, description=error.description)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("Unexpected error id=%s", request_id())
        return _page("errors/500.html", 500)
