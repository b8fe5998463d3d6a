"""Gunicorn's worker for lobby.asgi: uvicorn's, serving with ``LiveUvicorn``.

Live pages hold their streams open for as long as they are shown. On a restart (a deploy,
``max_requests``) uvicorn's own server would wait for them until gunicorn's
``graceful_timeout`` killed the worker, cutting the requests in flight too; ``LiveUvicorn``
ends the streams first (the browsers reconnect to the workers that are up at once) and then
lets the requests in flight finish, as gthread did.

Only public hooks are used: gunicorn's ``Worker.run`` (what a worker class implements) and
``handle_exit``, uvicorn's ``Config`` as uvicorn's worker builds it from gunicorn's settings,
and ``Server.serve``. No private method of either is overridden (tests/web/live/test_worker.py).
"""

from __future__ import annotations

import asyncio
import signal
import sys

from gunicorn.arbiter import Arbiter
from uvicorn_worker import UvicornWorker

from .server import LiveUvicorn


class LobbyWorker(UvicornWorker):
    """uvicorn's gunicorn worker (its configuration, logging and signals), with the lobby's server."""

    #: uvicorn never rewrites the client's address from X-Forwarded-For (it would believe
    #: any loopback peer): TRUSTED_PROXIES decides, in the lobby (LiveUvicorn says why).
    CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, "proxy_headers": False}

    def run(self) -> None:
        """Serve until gunicorn stops the worker (gunicorn calls it once the app is loaded)."""
        with asyncio.Runner(loop_factory=self.config.get_loop_factory()) as runner:
            runner.run(self.serve())

    async def serve(self) -> None:
        self.config.app = self.wsgi
        server = LiveUvicorn(config=self.config)
        # gunicorn's quick shutdown (SIGQUIT) ends the worker at once, as uvicorn's worker has it;
        # SIGTERM and SIGINT are the server's own (graceful: streams, then requests in flight).
        asyncio.get_running_loop().add_signal_handler(signal.SIGQUIT, self.handle_exit, signal.SIGQUIT, None)
        await server.serve(sockets=self.sockets)
        if not server.started:
            sys.exit(Arbiter.WORKER_BOOT_ERROR)
