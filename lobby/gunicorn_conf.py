"""Gunicorn settings for the lobby: ``kore-lobby serve`` uses them, and so does
``gunicorn -c python:lobby.gunicorn_conf lobby.asgi:app`` (with live pages) or
``lobby.wsgi:app`` (without): they travel in the package, no file in the working folder.

A lobby request spends most of its time waiting on Kore, not on the CPU, so each
process serves many requests at once on threads (gthread) and there are a couple of
processes per core for the CPU part (templates) and to survive a worker restart.
Every value can be overridden from the environment; README "Production" lists them.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

from gunicorn.glogging import Logger

from lobby.core.logs import JsonFormatter, RedactingFilter


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# -- where --------------------------------------------------------------------------
bind = f"{os.environ.get('LOBBY_HOST', '127.0.0.1')}:{_int('LOBBY_PORT', 8000)}"

# -- how many -----------------------------------------------------------------------
#: lobby.asgi (live pages, docs/live.md) runs in uvicorn's worker: one event loop holds the
#: pages' streams, a pool of WSGI_THREADS threads runs the Flask app. lobby.wsgi (no live
#: pages) keeps gthread. GUNICORN_WORKER_CLASS chooses otherwise.
_ASGI = any(arg.startswith("lobby.asgi") for arg in sys.argv)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or ("lobby.live.worker.LobbyWorker" if _ASGI else "gthread")
#: Processes: two per core by default (WEB_CONCURRENCY, gunicorn's own convention).
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count())
#: Threads per process: requests mostly wait on Kore, so many more threads than cores.
threads = _int("GUNICORN_THREADS", 16)
#: Connections a process keeps open at once (idle keep-alive ones included).
worker_connections = _int("GUNICORN_WORKER_CONNECTIONS", 1000)
#: Recycle processes now and then (with jitter so they do not all restart together).
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = max_requests // 10

# -- how long -----------------------------------------------------------------------
#: A page may wait on Kore for one read timeout (KORE_READ_TIMEOUT, 10 s) plus retries
#: within the client's 8 s budget; a worker silent for longer than this is stuck.
timeout = _int("GUNICORN_TIMEOUT", 30)
#: On restart or shutdown, requests in flight get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
#: Seconds an idle keep-alive connection stays open. Behind a load balancer, set it
#: above the balancer's idle timeout so the balancer closes first.
keepalive = _int("GUNICORN_KEEPALIVE", 5)

#: The client's address is the lobby's to decide (TRUSTED_PROXIES, ProxyFix): gunicorn and
#: uvicorn's worker trust no peer's X-Forwarded-* headers (their default trusts loopback,
#: so a client on the same host, or any client through a local nginx, could name any address).
forwarded_allow_ips = ""

#: Gunicorn 24+ opens a control socket in the home directory by default; the lobby does
#: not use it, and several lobbies (or tests) on one machine would fight over its path.
control_socket_disable = True

# -- logs ---------------------------------------------------------------------------
#: The lobby writes its own request lines (logger lobby.access: client by TRUSTED_PROXIES,
#: request id, duration; ACCESS_LOG=0 turns them off), so gunicorn's and uvicorn's are off.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


class RedactingLogger(Logger):
    """Gunicorn's logger with the lobby's filter (and, with LOG_FORMAT=json, its format).

    Gunicorn's own messages can quote configuration or exceptions; the filter takes
    secrets out before a line is written, in the master process as well as in the workers.
    """

    def setup(self, cfg) -> None:
        super().setup(cfg)
        json_lines = os.environ.get("LOG_FORMAT", "").strip().lower() == "json"
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactingFilter) for f in log.filters):
                log.addFilter(RedactingFilter())
            if json_lines:
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())


logger_class = RedactingLogger


def on_starting(server) -> None:
    """Check the settings once, in the master, so that a mistake is one clear line.

    (lobby.wsgi refuses them too, but in every worker and with a traceback each.)
    """
    from lobby.config import Config, ConfigError, warn_renamed

    try:
        config = Config.from_env()
    except ConfigError as error:
        sys.exit(f"Cannot start the lobby: {error}")
    warn_renamed(config, server.log)  # before the fork: the workers know it was said
    if not config.kore_api_url:
        sys.exit("Cannot start the lobby: KORE_API_URL is not set (where Kore is; README, \"Production\").")
    if not config.redis_url:
        # Rate limits, caches, sign-out records and the idle clock's revocations would be
        # per process: each of several workers would let the full limit through to Kore.
        if server.cfg.workers > 1:
            sys.exit(
                f"Cannot start the lobby: {server.cfg.workers} worker processes need REDIS_URL "
                "(shared rate limits and sign-out records), or set WEB_CONCURRENCY=1."
            )
        server.log.warning(
            "Running one worker process without REDIS_URL: rate limits and sign-out records live in "
            "this process only. Set REDIS_URL before adding processes or machines."
        )


def child_exit(server, worker) -> None:
    """A worker is gone: its live gauges leave the metrics (prometheus-client's multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
