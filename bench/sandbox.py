"""The Kore sandbox as the benchmark serves it: ``python bench/sandbox.py --port P [...]``.

Two ways to be slow, both per Kore API call (``/v3/api``):

- ``total`` (the benchmark's default): each call is answered ``--latency`` ms after it
  arrived, the sandbox's own work included, as a remote Kore answering in that time
  would. The stand-in's processing then does not add to what is measured.
- ``added``: the sandbox's own ``SANDBOX_LATENCY_MS`` (docs/sandbox.md), a delay
  before its work; the figures then include the sandbox's processing on top.

Served by gunicorn's gthread worker with keep-alive (one process: the sandbox keeps its
state in memory), by werkzeug's threaded development server (``python -m kore_sandbox``),
which closes every connection, or by gevent's WSGI server (``--server gevent``,
bench/live.py): the same app with greenlets for threads, so that thousands of SignalR hub
connections, each served by a "thread" of its own, do not each take an OS thread.
"""

from __future__ import annotations

import argparse
import time

API_PREFIX = "/v3/api"


class AnsweredAfter:
    """WSGI middleware: every Kore API call is answered ``ms`` after it arrived."""

    def __init__(self, app, ms: int) -> None:
        self.app, self.seconds = app, ms / 1000

    def __call__(self, environ, start_response):
        if not environ.get("PATH_INFO", "").startswith(API_PREFIX):
            return self.app(environ, start_response)
        arrived = time.monotonic()
        body = self.app(environ, start_response)  # the whole answer, not yet sent
        remaining = self.seconds - (time.monotonic() - arrived)
        if remaining > 0:
            time.sleep(remaining)
        return body


def build_app(latency_ms: int, model: str):
    # Imported here: under gevent, after its monkey-patching (main).
    from kore_sandbox.config import SandboxConfig
    from kore_sandbox.server import create_sandbox_app

    config = SandboxConfig()
    if model == "added":
        config.latency_ms = latency_ms
        return create_sandbox_app(config)
    return AnsweredAfter(create_sandbox_app(config), latency_ms)


def serve_gunicorn(app, port: int) -> None:
    from gunicorn.app.base import BaseApplication

    options = {
        "bind": f"127.0.0.1:{port}",
        "worker_class": "gthread",
        "workers": 1,
        "threads": 128,
        "keepalive": 75,
        "timeout": 60,
        "graceful_timeout": 5,
        "accesslog": None,
        "loglevel": "warning",
        "control_socket_disable": True,  # gunicorn 24+
    }

    class Sandbox(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # older gunicorns lack some settings
                    self.cfg.set(key, value)

        def load(self):
            return app

    Sandbox().run()


def serve_werkzeug(app, port: int) -> None:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", port, app, threaded=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def serve_gevent(app, port: int) -> None:
    from gevent.pywsgi import WSGIServer

    WSGIServer(("127.0.0.1", port), app, log=None).serve_forever()


SERVERS = {"gunicorn": serve_gunicorn, "werkzeug": serve_werkzeug, "gevent": serve_gevent}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency", type=int, default=50, help="ms per Kore call")
    parser.add_argument("--latency-model", choices=("total", "added"), default="total")
    parser.add_argument("--server", choices=tuple(SERVERS), default="gunicorn")
    args = parser.parse_args()
    if args.server == "gevent":
        from gevent import monkey

        monkey.patch_all()  # before the sandbox's modules make their locks, queues and threads
    app = build_app(args.latency, args.latency_model)
    SERVERS[args.server](app, args.port)


if __name__ == "__main__":
    main()
