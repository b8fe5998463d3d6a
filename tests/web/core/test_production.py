"""The production entry point: ``gunicorn -c python:lobby.gunicorn_conf lobby.wsgi:app`` serves the lobby."""

from __future__ import annotations

import os
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
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "python:lobby.gunicorn_conf", "lobby.wsgi:app"]
START_TIMEOUT = 60  # a condition, bounded: a busy machine (load 30 on 2 cores) starts gunicorn slowly


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(port: int, **settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "SECRET_KEY", "KORE_API_URL"}}
    env.update(
        LOBBY_ENV="production",
        LOBBY_HOST="127.0.0.1",
        LOBBY_PORT=str(port),
        # Production refuses to start without it (links are never built from the Host header).
        PUBLIC_URL=f"http://127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="4",
    )
    env.update(settings)
    return env


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class Gunicorn:
    def __init__(self, url: str, log: Path) -> None:
        self.url, self.log = url, log

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def gunicorn(sandbox_server, tmp_path) -> Iterator[Gunicorn]:
    """The lobby under gunicorn with the repository's configuration, on the test sandbox."""
    with _serving(sandbox_server, tmp_path) as server:
        yield server


@contextmanager
def _serving(sandbox_server, tmp_path, **settings: str) -> Iterator[Gunicorn]:
    port = _free_port()
    env = _environment(port, KORE_API_URL=sandbox_server.url, SECRET_KEY="production-test-secret-" * 2, **settings)
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(GUNICORN, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert process.poll() is None, f"gunicorn exited:\n{log.read_text()}"
            try:
                requests.get(f"{url}/healthz", timeout=2)
                break
            except requests.RequestException:  # not listening yet, or too busy booting to answer
                assert time.monotonic() < deadline, f"gunicorn did not answer:\n{log.read_text()}"
                time.sleep(0.1)
        yield Gunicorn(url, log)
    finally:
        _stop(process)


def test_gunicorn_serves_health_and_the_lobby(gunicorn):
    health = requests.get(f"{gunicorn.url}/healthz", timeout=10)
    assert health.status_code == 200
    assert health.json() == {"status": "ok"}

    lobby = requests.get(f"{gunicorn.url}/", timeout=10)
    assert lobby.status_code == 200
    assert "Kore Casino" in lobby.text
    assert 'href="/play/' in lobby.text  # the games came from the sandbox
    assert "nonce-" in lobby.headers["Content-Security-Policy"]
    # LOBBY_ENV=production: the session cookie is only ever sent over https.
    assert "Secure" in lobby.headers["Set-Cookie"]


def test_request_lines_name_the_path_without_its_query(gunicorn):
    answer = requests.get(f"{gunicorn.url}/healthz?email=someone@example.com&code=424242", timeout=10)
    request_id = answer.headers["X-Request-Id"]
    deadline = time.monotonic() + 5
    while request_id not in gunicorn.log_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    text = gunicorn.log_text()
    assert f'lobby.access [{request_id}]: 127.0.0.1 "GET /healthz" 200' in text
    assert "someone@example.com" not in text
    assert "424242" not in text


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"KORE_API_URL": "http://127.0.0.1:9"}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "production-test-secret-" * 2}, "KORE_API_URL is not set"),
        ({"KORE_API_URL": "http://127.0.0.1:9", "SECRET_KEY": "production-test-secret-" * 2, "PUBLIC_URL": ""},
         "PUBLIC_URL is not set"),
        # Rate limits per process would let several times the limit through to Kore.
        ({"KORE_API_URL": "http://127.0.0.1:9", "SECRET_KEY": "production-test-secret-" * 2, "WEB_CONCURRENCY": "3"},
         "3 worker processes need REDIS_URL"),
        # Testing mode (lobby/testing.py) never runs in production.
        ({"KORE_API_URL": "http://127.0.0.1:9", "SECRET_KEY": "production-test-secret-" * 2, "LOBBY_TESTING": "1"},
         "LOBBY_TESTING=1 is refused when LOBBY_ENV=production"),
    ],
)
def test_gunicorn_refuses_to_start_without_its_settings(settings, message):
    env = _environment(_free_port(), **settings)
    process = subprocess.Popen(GUNICORN, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = process.communicate(timeout=START_TIMEOUT)
    finally:
        _stop(process)
    assert process.returncode != 0
    assert f"Cannot start the lobby: {message}" in output


def _raw(url: str, request: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("body", [b"zz\r\nemail=a\r\n0\r\n\r\n", b"5\r\nemail=a@b.c\r\n0\r\n\r\n", b"ffffffffffff\r\n"])
def test_a_broken_chunked_body_is_a_400_not_a_500(gunicorn, body):
    answer = _raw(gunicorn.url, b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                b"Content-Type: application/x-www-form-urlencoded\r\n"
                                b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body)
    status = int(answer.split(b" ", 2)[1])
    assert 400 <= status < 500, answer[:300]
    assert b"Traceback" not in answer


def test_one_worker_without_redis_says_so_loudly(gunicorn):
    deadline = time.monotonic() + 5
    while "one worker process" not in gunicorn.log_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "WARNING" in gunicorn.log_text() and "without REDIS_URL" in gunicorn.log_text()


def test_the_old_name_of_player_state_db_is_warned_about_once_for_the_whole_server(sandbox_server, tmp_path):
    """FAVOURITES_DB still works; gunicorn's master says to rename it before it forks, and
    the worker, which builds the app from the same settings, does not say it again."""
    with _serving(sandbox_server, tmp_path, FAVOURITES_DB=str(tmp_path / "old-name.sqlite3")) as server:
        assert requests.get(f"{server.url}/", timeout=10).status_code == 200
        said = [line for line in server.log_text().splitlines() if "FAVOURITES_DB is now called PLAYER_STATE_DB" in line]
    assert len(said) == 1 and "WARNING" in said[0], server.log_text()
    assert (tmp_path / "old-name.sqlite3").is_file()  # the worker's stores opened it
