"""Helpers for the Kore client tests (a module, not conftest, so tests can import it)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).parent / "examples"


def load_example(name: str) -> Any:
    with open(EXAMPLES / f"{name}.json", encoding="utf-8") as f:
        return json.loads(f.read(), parse_float=Decimal)


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list → JSON; str/bytes → raw
    headers: dict[str, str] = field(default_factory=dict)
    #: "reset" closes the connection without answering; a number sleeps first.
    action: str | float | None = None


class Recorder:
    """A scripted HTTP server: replies are taken in order, the last one repeats."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: list[Reply] = [Reply(200, {})]
        self._lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                with recorder._lock:
                    recorder.requests.append(Recorded(self.command, self.path, dict(self.headers), body))
                    reply = recorder.replies.pop(0) if len(recorder.replies) > 1 else recorder.replies[0]
                if reply.action == "reset":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if isinstance(reply.action, (int, float)):
                    threading.Event().wait(reply.action)
                if isinstance(reply.body, (dict, list)):
                    payload = json.dumps(reply.body, default=float).encode()
                    content_type = "application/json; charset=utf-8"
                elif isinstance(reply.body, str):
                    payload, content_type = reply.body.encode(), "text/plain"
                else:
                    payload, content_type = (reply.body or b""), "application/json"
                self.send_response(reply.status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self.replies = list(replies)
            self.requests.clear()

    @property
    def last(self) -> Recorded:
        return self.requests[-1]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
