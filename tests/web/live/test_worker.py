"""The lobby's gunicorn worker (lobby.live.worker): live streams end first when it stops, and it
builds on uvicorn's worker through public hooks only."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
import requests
from uvicorn_worker import UvicornWorker

from lobby.live.worker import LobbyWorker
from tests.web.core.test_production import ROOT, _environment, _free_port, _stop
from tests.web.live.conftest import Stream, hub, sign_in, wait_for

#: Whole servers, timed: run apart from the parallel suite (make test).
pytestmark = pytest.mark.serial


def test_the_worker_overrides_no_private_method_of_uvicorns():
    """A private method is no promise: overriding one breaks silently when uvicorn-worker changes."""
    private = {name for name in vars(LobbyWorker) if name.startswith("_") and not name.startswith("__")}
    inherited = {name for name in private if any(name in vars(base) for base in UvicornWorker.__mro__)}
    assert inherited == set()


class _Served:
    def __init__(self, url: str) -> None:
        self.url = url


def test_a_stopping_worker_ends_the_live_streams_then_exits(sandbox, tmp_path):
    port = _free_port()
    # Development: the session cookie travels over plain http to this test.
    env = _environment(port, KORE_API_URL=sandbox.url, SECRET_KEY="worker-test-secret-" * 3, LOBBY_ENV="development",
                       GUNICORN_GRACEFUL_TIMEOUT="20")
    log = tmp_path / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "-c", "python:lobby.gunicorn_conf", "lobby.asgi:app"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        lobby = _Served(f"http://127.0.0.1:{port}")
        wait_for(lambda: _answers(lobby.url) or process.poll() is not None, timeout=30, what="gunicorn answering")
        assert process.poll() is None, log.read_text()
        browser = sign_in(lobby)  # type: ignore[arg-type]
        stream = Stream(browser, f"{lobby.url}/live/events")
        wait_for(lambda: hub(sandbox)["connections"] == 1, what="the page's hub connection")

        stopped = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert stream.ended(timeout=10), "the stream is ended by the stopping worker"
        process.wait(timeout=15)
        # Well within the graceful timeout: the open stream did not hold the worker up.
        assert time.monotonic() - stopped < 15
        assert "Traceback" not in log.read_text()
    finally:
        _stop(process)


def _answers(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=2).status_code == 200
    except requests.ConnectionError:
        return False
