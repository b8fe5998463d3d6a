"""The lobby as one ASGI application: the Flask app (each request answered whole on a pool
of threads, as gunicorn's gthread workers ran it: bridge.py) and the live stream beside it.

Served by uvicorn (``LiveUvicorn``, which ends the live streams first when it stops): ``make
run`` (app.py) and in production ``gunicorn -c python:lobby.gunicorn_conf lobby.asgi:app`` with the
lobby's uvicorn worker (worker.py; README, "Production"; docs/live.md).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import uvicorn

from flask import Flask

from lobby.core.session import revoke_ended_elsewhere
from lobby.core.upstream import upstream

from .bridge import WholeAnswers
from .hub import hub_url
from .relay import Relay
from .stream import Receive, Scope, Send, Stream
from .views import SERVED_LIVE

log = logging.getLogger(__name__)


class LiveLobby:
    """``LiveLobby(create_app(config))``: the ASGI application."""

    def __init__(self, app: Flask) -> None:
        config = app.config["LOBBY"]
        self.flask = app
        self.enabled = config.live_notifications
        # The streams' Flask work (identity, rendering, Kore's word on a refusal): threads of
        # their own, so a slow Kore holds up neither the event loop nor the pages' requests.
        self.executor = ThreadPoolExecutor(max_workers=config.wsgi_threads, thread_name_prefix="live")
        self.relay = Relay(hub_url(config.kore_api_url), linger=config.live_linger, on_ended=self._ended,
                           confirm_refusal=self._over_for_kore, executor=self.executor)
        self.stream = Stream(app, self.relay, keepalive=config.live_keepalive, executor=self.executor)
        # The pages' requests: threads of their own too (as many as gthread's per worker).
        self.pages = ThreadPoolExecutor(max_workers=config.wsgi_threads, thread_name_prefix="pages")
        self.wsgi = WholeAnswers(self._marked, self.pages, max_body=(app.config["MAX_CONTENT_LENGTH"] or 2**20) + 1)

    def _over_for_kore(self, token: str, return_url: str) -> bool:
        """Does Kore itself say this token's session is over? (``GET users`` with it: any
        player token may ask.) Anything else than "over" leaves the relay retrying."""
        with self.flask.app_context():
            return upstream().session_over(token, return_url)

    def _marked(self, environ: dict[str, Any], start_response: Any) -> Any:
        # Pages served here may open the stream (views.live_channel).
        environ[SERVED_LIVE] = self.enabled
        return self.flask(environ, start_response)

    def _ended(self, sid: str) -> None:
        """Kore ended a session: every process forgets it at its next request."""

        def forget() -> None:
            with self.flask.app_context():
                revoke_ended_elsewhere(sid)

        asyncio.get_running_loop().run_in_executor(self.executor, forget)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http" and self.enabled and scope["path"] == "/live/events":
            await self.stream(scope, receive, send)
        elif scope["type"] == "http":
            await self.wsgi(scope, receive, send)
        else:
            # The lobby serves no WebSocket: refused (403 to the upgrade), as a2wsgi did.
            await send({"type": "websocket.close", "code": 1000})

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.relay.close()
                self.stream.watch.stop()
                self.executor.shutdown(wait=False, cancel_futures=True)
                self.pages.shutdown(wait=False)
                await send({"type": "lifespan.shutdown.complete"})
                return


class LiveUvicorn(uvicorn.Server):
    """uvicorn's server, ending the live streams before its graceful shutdown: the pages
    reconnect elsewhere at once, and the shutdown waits only for requests in flight (as
    gunicorn's graceful_timeout allows), not for streams that never end.

    Its own proxy-header handling is off, whoever configured it: uvicorn would otherwise
    believe ``X-Forwarded-For`` from any loopback peer and rewrite the client's address
    before the lobby sees it. The lobby's ``TRUSTED_PROXIES`` (ProxyFix, lobby/__init__.py)
    is the one rule for the address the rate limits, the logs and Kore's ``client_ip`` use.
    """

    def __init__(self, config: uvicorn.Config) -> None:
        config.proxy_headers = False
        super().__init__(config)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        app = self.config.app
        if isinstance(app, LiveLobby):
            await app.relay.close()
        await super().shutdown(sockets=sockets)


class LiveServer:
    """The ASGI lobby under uvicorn on a free port, in a thread (tests, screenshots), as
    SandboxServer serves the sandbox."""

    def __init__(self, app: Flask, host: str = "127.0.0.1") -> None:
        self.app = app
        self.asgi = LiveLobby(app)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind((host, 0))
        self.url = f"http://{host}:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(self.asgi, log_level="warning", lifespan="on", timeout_graceful_shutdown=5,
                                access_log=False)
        self.server = LiveUvicorn(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def start(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the lobby did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()
