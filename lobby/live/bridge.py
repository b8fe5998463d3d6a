"""The Flask app's requests under ASGI: each answered whole, in one trip to a thread.

a2wsgi's ``WSGIMiddleware`` streams a WSGI answer: the status line, each chunk of the body
and its end each cross from the app's thread to the event loop and back, three round
trips of a page of which the body is one chunk. The lobby's pages are rendered in full
before they are sent, and its request bodies are small forms (``MAX_CONTENT_LENGTH``), so
``WholeAnswers`` reads the request body on the loop, runs the app on a thread to the end of
its answer, and sends that: one hop. A request costs 0.2 ms less of CPU than through
a2wsgi (``/healthz``, README "CPU per page and saturation"). The environ is a2wsgi's own
(``build_environ``), as the live stream's (stream.py) is.

The app's streamed answers (none of the lobby's pages; static files are read through) are
joined before they are sent; the live stream, the one answer that never ends, is not
served here.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import io
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import Executor
from typing import Any

from a2wsgi.wsgi import build_environ

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Any]


def call_wsgi(app: WSGIApp, environ: dict[str, Any]) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """The app's whole answer to ``environ``, which it may write into (werkzeug's run_wsgi_app
    would hand the app a copy, and what the app leaves in it would be lost)."""
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        answer["status"] = int(status.split(" ", 1)[0])
        answer["headers"] = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        written: list[bytes] = answer.setdefault("written", [])
        return written.append  # the WSGI write() of old apps: kept, sent before the body

    chunks = app(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    written = answer.get("written")
    return answer["status"], answer["headers"], b"".join(written) + body if written else body


class WholeAnswers:
    """``WholeAnswers(app, executor, max_body)``: an ASGI app serving the WSGI ``app``.

    At most ``max_body`` bytes of a request body are read (the app's own limit and one
    byte: the app then refuses it, 413, as it would under any server).
    """

    def __init__(self, app: WSGIApp, executor: Executor, max_body: int) -> None:
        self.app, self.executor, self.max_body = app, executor, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await self._body(receive)
        if body is None:
            return  # the client went away before its request was whole
        environ: dict[str, Any] = build_environ(scope, io.BytesIO(body))  # type: ignore[arg-type,assignment]
        if "CONTENT_LENGTH" not in environ:
            # A chunked body (or none), here whole: the app sees it as a body of that length
            # (werkzeug reads a chunked body without wsgi.input_terminated as empty), and one
            # over the limit is refused as such (413).
            environ.pop("HTTP_TRANSFER_ENCODING", None)
            environ["CONTENT_LENGTH"] = str(len(body))
        loop = asyncio.get_running_loop()
        # In a copy of this task's context variables, as a2wsgi ran the app.
        run = functools.partial(contextvars.copy_context().run, call_wsgi, self.app, environ)
        status, headers, content = await loop.run_in_executor(self.executor, run)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})

    async def _body(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            chunks.append(chunk)
            size += len(chunk)
            if not message.get("more_body", False) or size > self.max_body:
                return b"".join(chunks)
