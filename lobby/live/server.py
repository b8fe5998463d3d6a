"""The lobby as one ASGI application: the Flask app (through a2wsgi's WSGI adapter, in a
pool of threads, as gunicorn's gthread workers ran it) and the live stream beside it.

Served by uvicorn: ``make run`` (app.py) and in production ``gunicorn -c gunicorn.conf.py
lobby.asgi:app`` with uvicorn's worker class (README, "Production"; docs/live.md).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from typing import Any

import uvicorn

from a2wsgi import WSGIMiddleware
from flask import Flask

from lobby.core.session import revoke_ended_elsewhere

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
        self.relay = Relay(hub_url(config.kore_api_url), linger=config.live_linger, on_ended=self._ended)
        self.stream = Stream(app, self.relay, keepalive=config.live_keepalive)
        self.wsgi = WSGIMiddleware(self._marked, workers=config.wsgi_threads)  # type: ignore[arg-type]

    def close_streams(self, timeout: float = 5.0) -> None:
        """From another thread, before the server stops: end every page's stream and close
        the hub connections, so the server's graceful shutdown has nothing left to wait for."""
        loop = getattr(self, "loop", None)
        if loop is not None and loop.is_running():
            asyncio.run_coroutine_threadsafe(self.relay.close(), loop).result(timeout)

    def _marked(self, environ: dict[str, Any], start_response: Any) -> Any:
        # Pages served here may open the stream (views.live_channel).
        environ[SERVED_LIVE] = self.enabled
        return self.flask(environ, start_response)

    def _ended(self, sid: str) -> None:
        """Kore ended a session: every process forgets it at its next request."""

        def forget() -> None:
            with self.flask.app_context():
                revoke_ended_elsewhere(sid)

        asyncio.get_running_loop().run_in_executor(None, forget)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http" and self.enabled and scope["path"] == "/live/events":
            await self.stream(scope, receive, send)
        else:
            await self.wsgi(scope, receive, send)  # type: ignore[arg-type]

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.loop = asyncio.get_running_loop()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.relay.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


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
        config = uvicorn.Config(self.asgi, log_level="warning", lifespan="on", timeout_graceful_shutdown=1,
                                access_log=False)
        self.server = uvicorn.Server(config)
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
        self.asgi.close_streams()
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()
