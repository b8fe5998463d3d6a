"""Gunicorn's worker for lobby.asgi: uvicorn's, with a bounded graceful shutdown.

Live pages hold their streams open for as long as they are shown; on a restart, uvicorn
would wait for them until gunicorn's graceful_timeout kills the worker. After
``LIVE_SHUTDOWN_GRACE`` seconds (default 3) the streams end instead, and the browsers
reconnect to the workers that are up (EventSource retries on its own).
"""

from __future__ import annotations

import os

from uvicorn_worker import UvicornWorker


class LobbyWorker(UvicornWorker):
    CONFIG_KWARGS = {
        **UvicornWorker.CONFIG_KWARGS,
        "timeout_graceful_shutdown": int(os.environ.get("LIVE_SHUTDOWN_GRACE") or 3),
    }
