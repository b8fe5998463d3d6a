"""`make run` (app.py): the demo casino as one command — the lobby served as ASGI under uvicorn
with the Kore and BETCORE sandboxes — and its request lines through the lobby's redacting logs."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

#: Whole servers, timed: run apart from the parallel suite (make test).
pytestmark = pytest.mark.serial

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def make_run(tmp_path: Path, **settings: str) -> Iterator[str]:
    """`python app.py` as a newcomer runs it (free ports, no Kore or Redis of theirs), until it
    answers; yields its URL, and stops it with Ctrl-C (SIGINT) at the end. Its output is in
    ``tmp_path / "run.log"``."""
    lobby, kore, betcore = free_port(), free_port(), free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KORE_", "REDIS_", "LOBBY_"))}
    env.update(LOBBY_PORT=str(lobby), SANDBOX_PORT=str(kore), BETCORE_SANDBOX_PORT=str(betcore),
               PLAYER_STATE_DB=str(tmp_path / "favourites.sqlite3"), **settings)
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        base = f"http://127.0.0.1:{lobby}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=20)


def test_make_run_serves_the_live_lobby_and_logs_no_secrets(tmp_path):
    with make_run(tmp_path) as base:
        assert requests.get(f"{base}/?code=SECRET123&email=someone@example.com", timeout=10).status_code == 200
        # Served as ASGI: the live stream's path exists (a visitor is told there is no session).
        stream = requests.get(f"{base}/live/events", timeout=10)
        assert stream.headers["Content-Type"].startswith("text/event-stream") and "event: ended" in stream.text
        time.sleep(0.5)
    text = (tmp_path / "run.log").read_text()
    # The lobby's own request line: the client, the path without its query, a request id.
    assert re.search(r'INFO lobby\.access \[[0-9a-f]{32}\]: 127\.0\.0\.1 "GET /" 200 [0-9.]+ms', text), text
    assert "uvicorn.access" not in text
    assert "SECRET123" not in text and "someone@example.com" not in text
    assert "Logging error" not in text and "Traceback" not in text
