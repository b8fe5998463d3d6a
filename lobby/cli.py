"""``kore-lobby``: the one command an operator runs.

- ``kore-lobby serve``: the production server (gunicorn with the lobby's uvicorn workers,
  live pages included; ``--wsgi`` for gthread workers without them). Settings from the
  environment as everywhere (README, "Settings" and "Production"); nothing is read from
  the working folder.
- ``kore-lobby check``: the settings, then Kore, Redis, the front-end files and the
  catalogs, one line each; exit status 0 only when every check passes.
- ``kore-lobby sandbox``: the Kore sandbox alone (with the ``sandbox`` extra), for
  operators' test environments.
- ``kore-lobby run``: development: the lobby with the sandboxes when no Kore is named
  (what ``make run`` does).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from lobby.config import ConfigError, serving_config


def _settings_error(error: ConfigError) -> int:
    print(f"Cannot start the lobby: {error}", file=sys.stderr)
    return 2


def _metrics_folder() -> Path | None:
    """The folder every worker writes its metrics to (prometheus-client's multiprocess
    mode), emptied before the workers start; a new temporary one unless one is named.
    Returns the folder to remove at exit (None when the operator named it)."""
    named = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if named:
        folder = Path(named)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink()  # the previous run's processes are gone
        return None
    folder = Path(tempfile.mkdtemp(prefix="kore-lobby-metrics-"))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    return folder


def serve(args: argparse.Namespace) -> int:
    for flag, name in ((args.host, "LOBBY_HOST"), (args.port, "LOBBY_PORT"), (args.workers, "WEB_CONCURRENCY")):
        if flag is not None:
            os.environ[name] = str(flag)
    try:
        serving_config()
    except ConfigError as error:
        return _settings_error(error)
    temporary = _metrics_folder()
    target = "lobby.wsgi:app" if args.wsgi else "lobby.asgi:app"
    from gunicorn.app.wsgiapp import WSGIApplication

    sys.argv = ["kore-lobby serve", "-c", "python:lobby.gunicorn_conf", target]
    try:
        WSGIApplication("%(prog)s").run()
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    return 0


def check(args: argparse.Namespace) -> int:
    from lobby import checks

    try:
        config = serving_config()
    except ConfigError as error:
        print(f"FAIL  settings: {error}")
        return 1
    print(f"ok    settings: {config.env}, Kore {config.kore_api_url}, brand {config.kore_brand_id}, "
          f"Redis {'set' if config.redis_url else 'not set (one process)'}")
    for note in config.renamed:
        print(f"warn  settings: {note}")
    results = checks.everything(config)
    for result in results:
        print(result.line(), flush=True)
    return 0 if all(result.ok for result in results) else 1


def _wait_for_signal() -> None:
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()


def sandbox(args: argparse.Namespace) -> int:
    from lobby.devserver import NO_SANDBOX

    try:
        from kore_sandbox.server import SandboxConfig, SandboxServer
    except ImportError:
        print(f"kore-lobby sandbox: {NO_SANDBOX.split(' (')[0]}", file=sys.stderr)
        return 2
    servers: list[Any] = [SandboxServer(args.host, args.port, SandboxConfig.from_env()).start()]
    print(f"Kore sandbox: {servers[0].url} (set KORE_API_URL={servers[0].url})", flush=True)
    if args.betcore_port is not None:
        from betcore_sandbox import BetcoreSandboxServer

        betcore = BetcoreSandboxServer(port=args.betcore_port).start()
        servers.append(betcore)
        print(f"BETCORE sandbox: {betcore.url} (BETCORE_JWKS_URL={betcore.jwks_url} "
              f"BETCORE_FRAME_URL={betcore.frame_url})", flush=True)
    try:
        _wait_for_signal()
    finally:
        for server in reversed(servers):
            server.stop()
    return 0


def run(args: argparse.Namespace) -> int:
    from lobby.devserver import main

    return main(args.host, args.port)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kore-lobby", description="Kore Lobby: a casino lobby on the Kore API v3.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("serve", help="the production server (settings from the environment)")
    p.add_argument("--host", help="where to listen (LOBBY_HOST, default 127.0.0.1)")
    p.add_argument("--port", type=int, help="the port (LOBBY_PORT, default 8000)")
    p.add_argument("--workers", type=int, help="worker processes (WEB_CONCURRENCY, default 2 per CPU)")
    p.add_argument("--wsgi", action="store_true", help="gthread workers without live pages (lobby.wsgi)")
    p.set_defaults(handler=serve)

    p = commands.add_parser("check", help="check the settings, Kore, Redis, front-end files and catalogs")
    p.set_defaults(handler=check)

    p = commands.add_parser("sandbox", help="serve the Kore sandbox alone (needs kore-lobby[sandbox])")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--betcore-port", type=int, default=None, help="also serve the BETCORE sandbox on this port")
    p.set_defaults(handler=sandbox)

    p = commands.add_parser("run", help="development: the lobby, with the sandboxes when KORE_API_URL is unset")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(handler=run)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
