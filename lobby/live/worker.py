"""Gunicorn's worker for lobby.asgi: uvicorn's, serving with ``LiveUvicorn``.

Live pages hold their streams open for as long as they are shown. On a restart (a deploy,
``max_requests``) uvicorn's own server would wait for them until gunicorn's
``graceful_timeout`` killed the worker, cutting the requests in flight too; ``LiveUvicorn``
ends the streams first (the browsers reconnect to the workers that are up at once) and then
lets the requests in flight finish, as gthread did.
"""

from __future__ import annotations

import sys

from gunicorn.arbiter import Arbiter
from uvicorn_worker import UvicornWorker

from .server import LiveUvicorn


class LobbyWorker(UvicornWorker):
    #: uvicorn never rewrites the client's address from X-Forwarded-For (it would believe
    #: any loopback peer): TRUSTED_PROXIES decides, in the lobby (LiveUvicorn says why).
    CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, "proxy_headers": False}

    async def _serve(self) -> None:  # UvicornWorker._serve, with the lobby's server
        self.config.app = self.wsgi
        server = LiveUvicorn(config=self.config)
        self._install_sigquit_handler()
        await server.serve(sockets=self.sockets)
        if not server.started:
            sys.exit(Arbiter.WORKER_BOOT_ERROR)
