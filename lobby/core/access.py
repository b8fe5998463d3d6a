"""Each request's id, its request line in the log, and its count in the metrics.

``RequestObserver`` is WSGI middleware just inside ProxyFix: it sees the client's address
as the lobby's own rule (``TRUSTED_PROXIES``) made it, whatever the server in front of it
believed. The request id is the trusted proxy's ``X-Request-Id`` (only when a proxy is
trusted, and only when it looks like an id) or a new one; it goes in the environ (every
log line of the request, the Kore calls it makes), in the response's ``X-Request-Id``,
and in the request line.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any, Callable, Iterable

from lobby.core import metrics
from lobby.core.transport import plain_ip

#: The environ key of the request's id.
REQUEST_ID = "lobby.request_id"
#: A proxy's id is kept when it is this tame (no spaces, quotes or newlines in the logs).
_ID = re.compile(r"[A-Za-z0-9._:@-]{1,128}")

access_log = logging.getLogger("lobby.access")


def client_address(environ: dict[str, Any]) -> str:
    """The client's address by the lobby's rule (also for a request refused before Flask)."""
    address = plain_ip(environ.get("REMOTE_ADDR"))
    if address is None:
        address = plain_ip(environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR"))
    return address or "-"


#: The environ key of the route's endpoint, noted once Flask has matched the URL.
ENDPOINT = "lobby.endpoint"


def note_endpoint(sender: Any, **extra: Any) -> None:
    """``request_started``: the endpoint of the matched route, for the metrics' label
    (Flask clears its own reference to the request before the body is closed)."""
    from flask import request

    if request.url_rule is not None:
        request.environ[ENDPOINT] = request.url_rule.endpoint


def _endpoint(environ: dict[str, Any]) -> str:
    return environ.get(ENDPOINT) or "unmatched"


class RequestObserver:
    def __init__(self, app: Callable[..., Iterable[bytes]], *, trust_request_id: bool, log_requests: bool) -> None:
        self.app = app
        self.trust_request_id = trust_request_id
        self.log_requests = log_requests

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        offered = environ.get("HTTP_X_REQUEST_ID", "") if self.trust_request_id else ""
        request_id = offered if _ID.fullmatch(offered) else uuid.uuid4().hex
        environ[REQUEST_ID] = request_id
        status: list[str] = []

        def observed_start_response(code: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[:] = [code.split(" ", 1)[0]]
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"]
            headers.append(("X-Request-Id", request_id))
            return start_response(code, headers, exc_info)

        try:
            body = self.app(environ, observed_start_response)
        except BaseException:
            self._done(environ, "500", started)
            raise
        return _ClosingIterable(body, lambda: self._done(environ, status[0] if status else "500", started))

    def _done(self, environ: dict[str, Any], status: str, started: float) -> None:
        seconds = time.perf_counter() - started
        endpoint = _endpoint(environ)
        method = environ.get("REQUEST_METHOD", "-")
        metrics.child(metrics.REQUESTS, endpoint, method, status).inc()
        metrics.child(metrics.REQUEST_SECONDS, endpoint).observe(seconds)
        if status == "429":
            metrics.child(metrics.RATE_LIMITED, endpoint).inc()
        if self.log_requests and endpoint != "health.metrics":
            path = environ.get("PATH_INFO", "")
            client = client_address(environ)
            # The path only: query strings can carry codes and emails (the filter would take
            # them out too, but nothing needs them in a request line).
            access_log.info(
                '%s "%s %s" %s %.1fms', client, method, path, status, seconds * 1000,
                extra={"request_id": environ[REQUEST_ID], "method": method, "path": path, "status": int(status),
                       "duration_ms": round(seconds * 1000, 1), "client": client},
            )


class _ClosingIterable:
    """The response body, with ``on_close`` run once when the server is done with it."""

    def __init__(self, body: Iterable[bytes], on_close: Callable[[], None]) -> None:
        self.body = body
        self.on_close = on_close

    def __iter__(self):
        return iter(self.body)

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.on_close()
