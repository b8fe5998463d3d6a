"""``GET /live/events``: a page's stream of Server-Sent Events (an ASGI endpoint).

1. Who the page is: the request is first handed to the Flask app as it came (in a worker
   thread), so it passes the same host checks, session cookie, revocation and idle clock as
   any page; views.events leaves the session in the environ, or answers by itself (a
   session that has ended gets an "ended" event), and that answer goes back as it is.
2. The page subscribes to its session's upstream (relay.py) and receives its events, each
   rendered to HTML in a request context made from the page's own request: the balance
   in the page's language and currency, the session's end, an operator's chat.
3. A comment every ``keepalive`` seconds keeps proxies from closing an idle stream, and
   ``X-Accel-Buffering: no`` keeps nginx from holding events back.
4. Whether the lobby has ended a session meanwhile (a sign-out whose call to Kore failed,
   the idle clock) is looked up for all the process's open streams at once, every
   ``keepalive`` seconds, in one read of the store (``Watch``): the pages of an ended
   session are told, as for Kore's UserLogout. Thousands of idle pages cost one lookup a
   round, not a thread hop each.
"""

from __future__ import annotations

import asyncio
import io
import logging
from concurrent.futures import Executor
from typing import Any

from a2wsgi.wsgi import build_environ
from flask import Flask

from lobby.core import metrics
from lobby.core.session import ended_sessions

from .bridge import Receive, Scope, Send, call_wsgi
from .relay import Event, Relay
from .render import fragments
from .views import PAGE, SERVED_LIVE, STREAM_REQUEST, LivePage, sse, unopened_chat

log = logging.getLogger(__name__)

#: The browser's reconnection delay after a lost stream (milliseconds; the SSE "retry" field).
RETRY_MS = 3000
HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"x-accel-buffering", b"no"),
    (b"x-content-type-options", b"nosniff"),
]


#: Events that end a page's stream without a word: the browser reconnects by itself.
SILENT_ENDS = ("reconnect", "closing")


class Watch:
    """The sessions of the open streams, looked up together every ``period`` seconds: each
    session's flag is set once the lobby has ended it (``ended_sessions``)."""

    def __init__(self, app: Flask, period: float, executor: Executor | None) -> None:
        self.app, self.period, self.executor = app, period, executor
        self._flags: dict[str, tuple[asyncio.Event, int]] = {}
        self._task: asyncio.Task[None] | None = None

    def flag(self, sid: str) -> asyncio.Event:
        """The session's flag; ``release`` it when the stream ends."""
        flag, streams = self._flags.get(sid) or (asyncio.Event(), 0)
        self._flags[sid] = (flag, streams + 1)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._rounds())
        return flag

    def release(self, sid: str) -> None:
        flag, streams = self._flags.get(sid, (None, 0))
        if flag is not None and streams > 1:
            self._flags[sid] = (flag, streams - 1)
        else:
            self._flags.pop(sid, None)

    def stop(self) -> None:
        """No more rounds (the server stops)."""
        if self._task is not None:
            self._task.cancel()

    async def _rounds(self) -> None:
        loop = asyncio.get_running_loop()
        while self._flags:
            await asyncio.sleep(self.period)
            sids = [sid for sid, (flag, _) in self._flags.items() if not flag.is_set()]
            if not sids:
                continue
            try:
                ended = await loop.run_in_executor(self.executor, self._ended, sids)
            except RuntimeError:  # the executor was shut down: the server is stopping
                return
            for sid in ended:
                if sid in self._flags:
                    self._flags[sid][0].set()

    def _ended(self, sids: list[str]) -> set[str]:
        try:
            with self.app.app_context():
                return ended_sessions(sids)
        except Exception as error:  # noqa: BLE001 - the store cannot say: the streams go on
            log.info("session state unavailable: %s", type(error).__name__)
            return set()


class Stream:
    def __init__(self, app: Flask, relay: Relay, *, keepalive: float, executor: Executor | None = None) -> None:
        self.app = app
        self.relay = relay
        self.keepalive = keepalive
        #: Threads for the Flask side (identity, rendering): not the event loop's default pool.
        self.executor = executor
        self.watch = Watch(app, keepalive, executor)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        loop = asyncio.get_running_loop()
        environ: dict[str, Any] = {
            **build_environ(scope, io.BytesIO()),  # type: ignore[arg-type]
            SERVED_LIVE: True, STREAM_REQUEST: True,
        }
        status, headers, body = await loop.run_in_executor(self.executor, call_wsgi, self.app, environ)
        page = environ.get(PAGE)
        if not isinstance(page, LivePage):
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        # The page's request as the app saw it (client address and scheme from trusted proxies,
        # an unparsable Referer dropped), to render its events in.
        page_environ = {key: value for key, value in environ.items()
                        if not key.startswith(("werkzeug.request", "lobby.live"))}
        await self._stream(page, page_environ, receive, send)

    def _render(self, environ: dict[str, Any], page: LivePage, event: Event | None) -> str:
        """The event as SSE text; None: the chats found when the upstream is new. A failure
        loses the event, never the stream."""
        try:
            with self.app.request_context(dict(environ, **{"wsgi.input": io.BytesIO()})):
                if event is None:
                    panel = unopened_chat(page.sid, page.token)
                    return sse("chat", panel) if panel else ""
                return "".join(sse(name, html) for name, html in fragments(event, page.sid))
        except Exception as error:  # noqa: BLE001 - logged by type: its text could carry anything
            log.warning("live event not shown: %s", type(error).__name__)
            return ""

    async def _stream(self, page: LivePage, environ: dict[str, Any], receive: Receive, send: Send) -> None:
        loop = asyncio.get_running_loop()

        async def disconnected() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass

        gone = asyncio.create_task(disconnected())
        ended = asyncio.create_task(self.watch.flag(page.sid).wait())
        next_event: asyncio.Future[Event] | None = None
        metrics.LIVE_STREAMS.inc()
        try:
            await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
            await send({"type": "http.response.body", "body": f"retry: {RETRY_MS}\n: live\n\n".encode(),
                        "more_body": True})
            async with self.relay.subscribe(page.sid, page.token, page.return_url) as (events, fresh):
                if fresh:
                    # Chats the operator started while no page of the session was open here.
                    text = await loop.run_in_executor(self.executor, self._render, environ, page, None)
                    if text:
                        await send({"type": "http.response.body", "body": text.encode(), "more_body": True})
                while True:
                    # One wait for the next event across keep-alives: no task made and
                    # cancelled per keep-alive of each of thousands of idle pages.
                    next_event = next_event or asyncio.ensure_future(events.get())
                    waits: set[asyncio.Future[Any]] = {next_event, gone, ended}
                    done, _ = await asyncio.wait(waits, timeout=self.keepalive,
                                                 return_when=asyncio.FIRST_COMPLETED)
                    if gone in done:
                        return
                    if next_event in done:
                        event, next_event = next_event.result(), None
                    elif ended in done:
                        event = Event("ended", {"reason": "lobby"})
                    else:
                        await send({"type": "http.response.body", "body": b": keep-alive\n\n",
                                    "more_body": True})
                        continue
                    if event.kind in SILENT_ENDS:
                        await send({"type": "http.response.body", "body": b""})
                        return
                    text = await loop.run_in_executor(self.executor, self._render, environ, page, event)
                    if text:
                        await send({"type": "http.response.body", "body": text.encode(), "more_body": True})
                    if event.kind == "ended":
                        await send({"type": "http.response.body", "body": b""})
                        return
        except OSError:
            return  # the page went away while we wrote to it
        except asyncio.CancelledError:
            # The server stops (its graceful shutdown timed out): the page reconnects elsewhere.
            return
        finally:
            metrics.LIVE_STREAMS.dec()
            for waiting in (gone, ended, next_event):
                if waiting is not None:
                    waiting.cancel()
            self.watch.release(page.sid)
