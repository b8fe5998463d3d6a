"""The sandbox as a Flask app and as a threaded HTTP server (tests, benchmarks, app.py)."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections import deque
from typing import Any

from flask import Flask, Response, request
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from lobby.kore.errors import ErrorCode

from .api import api
from .backend import SandboxBackend
from .config import SandboxConfig
from .context import get_backend
from .control import control
from .exceptions import SandboxError
from .pages import pages

__all__ = ["SandboxConfig", "SandboxServer", "create_sandbox_app"]

API_PREFIX = "/v3/api"
#: The hub's bearer token may travel in the query string (browsers' WebSockets carry no headers).
_ACCESS_TOKEN = re.compile(r"(access_token=)[^&\s]*", re.IGNORECASE)


class RedactingRequestHandler(WSGIRequestHandler):
    """werkzeug's request log with the ``access_token`` query parameter masked."""

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        # Logged once the WSGI environ is built: the path is only read for the log now.
        if hasattr(self, "path"):
            self.path = _ACCESS_TOKEN.sub(r"\1[redacted]", self.path)
        self.requestline = _ACCESS_TOKEN.sub(r"\1[redacted]", getattr(self, "requestline", ""))
        super().log_request(code, size)


def create_sandbox_app(config: SandboxConfig | None = None, backend: SandboxBackend | None = None) -> Flask:
    """A Flask app serving the Kore API v3, the sandbox pages and the /_sandbox controls."""
    config = config or SandboxConfig()
    app = Flask(__name__)
    app.extensions["kore_sandbox"] = backend or SandboxBackend(config)
    #: The last API requests' method, path and correlation headers (GET /_sandbox/requests).
    app.extensions["kore_sandbox.requests"] = deque(maxlen=1000)
    app.register_blueprint(api)
    app.register_blueprint(control)
    app.register_blueprint(pages)

    @app.before_request
    def inject_faults() -> Response | None:
        """Global latency, then the first matching fault rule; /v3/api only."""
        if not request.path.startswith(API_PREFIX + "/") and request.path != API_PREFIX:
            return None
        app.extensions["kore_sandbox.requests"].append({
            "method": request.method, "path": request.path,
            "request_id": request.headers.get("X-Request-Id"), "forwarded_for": request.headers.get("X-Forwarded-For"),
        })
        backend = get_backend()
        rule = backend.faults.take(request.method, request.path)
        delay_ms = backend.latency_ms + (rule.latency_ms if rule else 0)
        if delay_ms:
            generation = backend.generation
            time.sleep(delay_ms / 1000)
            if backend.generation != generation:
                # Reset while this request slept (its client gave up long ago): acting
                # on it now would sign someone in, or spend money, in the next test.
                return Response("503 sandbox reset\n", status=503, mimetype="text/plain")
        if rule is None or rule.kind in ("latency", "timeout"):
            return None
        if rule.kind == "reset":
            _drop_connection()
            return Response(status=204)
        if rule.error:
            raise SandboxError(ErrorCode(rule.error), status=rule.status, retry_after=rule.retry_after)
        # No Kore code: answer like a load balancer would, in plain text.
        status = rule.status or 503
        response = Response(f"{status} upstream unavailable\n", status=status, mimetype="text/plain")
        if rule.retry_after is not None:
            response.headers["Retry-After"] = str(int(rule.retry_after))
        return response

    @app.after_request
    def version_header(response: Response) -> Response:
        response.headers["X-Kore-Version"] = config.version
        return response

    return app


def _drop_connection() -> None:
    """Close the client's TCP connection without a byte of response."""
    sock = request.environ.get("werkzeug.socket")
    if sock is None:  # not under werkzeug's server (e.g. a WSGI test client)
        raise ConnectionResetError("fault: connection reset")
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class SandboxServer:
    """The sandbox on a real port, served from a daemon thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        self.app = create_sandbox_app(self.config)
        self.backend: SandboxBackend = self.app.extensions["kore_sandbox"]
        self.host = host
        self.port = port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._own_public_url = False

    def start(self) -> "SandboxServer":
        self._server = make_server(
            self.host, self.port, self.app, threaded=True, request_handler=RedactingRequestHandler
        )
        self.port = self._server.server_port
        if not self.config.public_url or self._own_public_url:
            # Its own address is the public one unless told otherwise (SANDBOX_PUBLIC_URL).
            self.config.public_url = self.url
            self._own_public_url = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="kore-sandbox", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.backend.close_hub_connections("sandbox stopped")
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> "SandboxServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
