"""A redis-server of a test's own, to stop, freeze (SIGSTOP) and restart empty."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from contextlib import closing

import redis

REDIS_SERVER = "/usr/bin/redis-server"


def _free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self) -> None:
        assert os.path.exists(REDIS_SERVER), "redis-server is missing: `make test` installs Debian's redis-server"
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> "RedisServer":
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                if redis.Redis.from_url(self.url, socket_timeout=0.5).ping():
                    return self
            except redis.RedisError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def __enter__(self) -> "RedisServer":
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is not None:
            self.thaw()
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def restart_empty(self) -> None:
        """What a restart without persistence (or a flush) leaves: nothing."""
        self.stop()
        self.start()

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGCONT)


def lobby_on(sandbox_url: str, redis_url: str, tmp_path):
    """A lobby app (testing mode) whose shared store is that Redis."""
    from lobby import create_app
    from lobby.config import Config

    app = create_app(Config(kore_api_url=sandbox_url, secret_key="test-secret-" * 4, env="development",
                            player_state_db=tmp_path / "favourites.sqlite3", redis_url=redis_url))
    app.config.update(TESTING=True)
    return app
