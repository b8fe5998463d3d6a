"""Honest pages for every failure: what happened, what to do next, never a traceback."""

from __future__ import annotations

import logging
import time
import uuid

import redis
from flask import Flask, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from lobby.core.guards import RealMoneyRequired
from lobby.core.messages import player_message
from lobby.core.store import StoreUnavailable, health_for
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


#: The page for each kind of failure: its title, its heading, and what to do next.
PAGES = {
    400: (_l("Bad request"), _l("Bad request"), _l("The request could not be understood.")),
    403: (_l("Not allowed"), _l("Not allowed"), _l("You are not allowed to see this page.")),
    404: (_l("Page not found"), _l("Page not found"), _l("There is no page at this address.")),
    405: (_l("Not allowed"), _l("Not allowed"), _l("That action cannot be done this way.")),
    413: (_l("Too much data"), _l("Too much data"), _l("What was sent is too large.")),
    429: (_l("Too many requests"), _l("Slow down a little"), None),
    500: (_l("Something broke on our side"), _l("Something broke on our side"),
          _l("An unexpected error happened. It has been logged; please try again.")),
    "generic": (_l("Something went wrong"), _l("Something went wrong"), _l("Please try again in a moment.")),
    "csrf": (_l("Please try again"), _l("This form had expired"),
             _l("For your safety the form could not be sent. Go back, reload the page and send it again.")),
    "kore": (_l("That did not work"), _l("That did not work"), None),
    # Upstream faults, each told as it happened (the reference lets support match the logs).
    "timeout": (_l("The casino is not answering"), _l("The casino did not answer in time"),
                _l("The casino's servers took too long to answer. Nothing was lost: try again in a moment.")),
    "unreachable": (_l("The casino is not answering"), _l("The casino is not answering right now"),
                    _l("We could not reach the casino's servers. Nothing was lost: try again in a moment.")),
    # The shared store (Redis) is away: a signed-in session can be neither confirmed nor ended.
    "store": (_l("One moment, please"), _l("We cannot check your session right now"),
              _l("Part of the lobby is not answering for a moment. Nothing was lost and your session "
                 "is kept: try again in a few seconds.")),
    "upstream": (_l("The casino had a problem"), _l("The casino had a problem with this request"),
                 _l("The casino's servers answered with an error. Try again in a moment; if it goes on, "
                    "contact support with the reference below.")),
}


def _page(kind, status: int, *, message: str | None = None, retry: bool = False, kore_uuid: str | None = None,
          retry_after: int | None = None):
    """The error page of this kind; ``retry`` offers to repeat the request (a GET only)."""
    title, heading, text = PAGES[kind]
    again = request.full_path.rstrip("?") if retry and request.method == "GET" else None
    response = render_template("errors/page.html", status=status, title=title, heading=heading,
                               text=message or text, retry_url=again, kore_uuid=kore_uuid, retry_after=retry_after)
    return response, status, {"Cache-Control": "no-store"}


def _login_redirect():
    """Back to login, and from there back to this page."""
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    location = url_for("auth.login", next=target) if target else url_for("auth.login")
    if getattr(request, "htmx", False):
        # htmx follows HX-Redirect with a full page load instead of swapping the login page in.
        return "", 204, {"HX-Redirect": location}
    return redirect(location, 303)


def _too_many(retry: int, kore_uuid: str | None = None):
    message = ngettext("Too many requests in a short time. Please try again in %(num)d second.",
                       "Too many requests in a short time. Please try again in %(num)d seconds.", retry)
    return _page(429, 429, message=message, kore_uuid=kore_uuid, retry_after=retry)


def _unreadable_body(error: Exception) -> bool:
    """The server could not read the request's body (a broken chunked encoding, a body
    cut short): the client's fault, raised by gunicorn's parser while the form is read."""
    return type(error).__module__.startswith("gunicorn.http")


def init_error_pages(app: Flask) -> None:
    app.jinja_env.globals["request_id"] = request_id

    @app.after_request
    def tag_response(response):
        response.headers.setdefault("X-Request-Id", request_id())
        return response

    @app.errorhandler(RealMoneyRequired)
    def real_money_required(error: RealMoneyRequired):
        # How to play for real, then back here: the header's play-mode switch (games.switch_mode,
        # Kore's mutate) does the switching, where the lobby page is installed.
        switch_url = url_for("games.switch_mode") if "games.switch_mode" in app.view_functions else None
        return render_template("tournaments/gate.html", next=request.full_path.rstrip("?"), switch_url=switch_url)

    @app.errorhandler(KoreAuthError)
    def kore_auth(error: KoreAuthError):
        if error.session_over:
            had_player = current_player() is not None
            sign_out()
            if had_player:
                flash(_("Your session has ended. Please sign in again."), "info")
            return _login_redirect()
        log.warning("Kore refused credentials: error=%s uuid=%s id=%s", error.raw_code, error.uuid, request_id())
        return _page("kore", 502, message=player_message(error), kore_uuid=error.uuid)

    @app.errorhandler(KoreRateLimited)
    def kore_rate_limited(error: KoreRateLimited):
        retry = int(error.retry_after) if error.retry_after else 60
        response, status, headers = _too_many(retry, kore_uuid=error.uuid)
        headers["Retry-After"] = str(retry)
        return response, status, headers

    @app.errorhandler(KoreUnavailable)
    def kore_unavailable(error: KoreUnavailable):
        log.warning("Kore unavailable: %s id=%s", error.description, request_id())
        # What a gateway would say: 504 when Kore did not answer in time, else 503.
        status = 504 if error.timed_out else error.status if error.status in (502, 503, 504) else 503
        return _page("timeout" if error.timed_out else "unreachable", status, retry=True)

    @app.errorhandler(KoreServerError)
    def kore_server_error(error: KoreServerError):
        log.warning("Kore server error: status=%s error=%s uuid=%s id=%s", error.status, error.raw_code, error.uuid, request_id())
        status = error.status if error.status in (502, 503, 504) else 502
        kind = "timeout" if error.status == 504 else "unreachable" if error.status in (502, 503) else "upstream"
        return _page(kind, status, retry=True, kore_uuid=error.uuid)

    @app.errorhandler(KoreError)
    def kore_error(error: KoreError):
        log.warning("Kore error: status=%s error=%s uuid=%s id=%s", error.status, error.raw_code, error.uuid, request_id())
        return _page("kore", 502, message=player_message(error), kore_uuid=error.uuid)

    @app.errorhandler(StoreUnavailable)
    @app.errorhandler(redis.ConnectionError)
    @app.errorhandler(redis.TimeoutError)
    def store_unavailable(error: Exception):
        # One log line per outage (lobby/core/store.py), not one per request.
        url = app.config["LOBBY"].redis_url
        if url and isinstance(error, redis.RedisError):
            health_for(url).failed(error)
        g.player = None  # the page itself reads nothing more from the store
        response, status, headers = _page("store", 503, retry=True)
        headers["Retry-After"] = "2"
        return response, status, headers

    @app.errorhandler(RateLimitExceeded)
    def lobby_rate_limited(error: RateLimitExceeded):
        current = limiter.current_limit
        retry = max(1, int(current.reset_at - time.time())) if current else 60
        log.info("lobby rate limit reached on %s id=%s", request.endpoint, request_id())
        response, status, headers = _too_many(retry)
        headers["Retry-After"] = str(retry)
        return response, status, headers

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError):
        # A Host other than PUBLIC_URL's: refused before routing, so no page of ours.
        return "Unknown host.\n", 400, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _page("csrf", 400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        return _page(status if status in PAGES else "generic", status)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if _unreadable_body(error):
            log.info("request body could not be read: %s id=%s", type(error).__name__, request_id())
            return _page(400, 400)
        log.exception("Unexpected error id=%s", request_id())
        return _page(500, 500)
