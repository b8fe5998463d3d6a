"""Serve the lobby: `python app.py` (or `make run`).

With no KORE_API_URL set, the Kore sandbox starts in the same command and the
lobby uses it, so a fresh clone shows a working casino.
"""

from __future__ import annotations

import sys

from lobby import create_app
from lobby.config import Config, ConfigError


def main() -> int:
    try:
        config = Config.from_env()
    except ConfigError as error:
        print(f"Cannot start the lobby: {error}", file=sys.stderr)
        return 2
    sandbox = None
    if not config.kore_api_url:
        from lobby.sandbox.server import SandboxConfig, SandboxServer

        sandbox = SandboxServer(port=config.sandbox_port, config=SandboxConfig.from_env()).start()
        config = config.with_kore(sandbox.url)
        print(f"Kore sandbox: {sandbox.url}/v3/api (demo players: see README)")
    app = create_app(config)
    print(f"Lobby: http://{config.lobby_host}:{config.lobby_port}/  (Kore: {config.kore_api_url})")
    try:
        # Werkzeug's threaded server for development; production uses gunicorn (README).
        app.run(host=config.lobby_host, port=config.lobby_port, threaded=True, use_reloader=False)
    finally:
        if sandbox is not None:
            sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
