"""``python -m kore_sandbox [--host H] [--port P]``: serve the sandbox until Ctrl-C."""

from __future__ import annotations

import argparse
import time

from .config import SandboxConfig
from .server import SandboxServer


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the Kore API v3 sandbox.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    server = SandboxServer(args.host, args.port, SandboxConfig.from_env()).start()
    print(f"Kore sandbox on {server.url} (API under {server.url}/v3/api)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
