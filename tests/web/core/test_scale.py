"""Two lobby processes that share nothing but SECRET_KEY and a Redis server.

A sign-in through one is honoured by the other (the lobby keeps no state of its
own), and the lobby's rate limits count requests made to both.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from contextlib import closing

import pytest
import redis
import requests

#: Whole servers, timed: run apart from the parallel suite (make test).
pytestmark = pytest.mark.serial

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
SERVE = (
    "import os; from werkzeug.serving import run_simple; from lobby import create_app; "
    "run_simple('127.0.0.1', int(os.environ['LOBBY_PORT']), create_app(), threaded=True)"
)


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, what: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, requests.RequestException, redis.RedisError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{what} did not start in {seconds} s")


@pytest.fixture(scope="module")
def redis_url():
    assert os.path.exists(REDIS_SERVER), "redis-server is missing: `make test` installs Debian's redis-server"
    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_until(lambda: redis.Redis.from_url(url).ping(), "redis-server")
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def two_lobbies(sandbox_server, redis_url):
    secret = "two-processes-one-secret-" * 2
    processes, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            env = {
                **os.environ,
                "KORE_API_URL": sandbox_server.url,
                "REDIS_URL": redis_url,
                "SECRET_KEY": secret,
                "LOBBY_ENV": "production",
                "SECURE_COOKIES": "0",  # plain http on loopback
                "LOBBY_PORT": str(port),
                "PUBLIC_URL": f"http://127.0.0.1:{port}",
                "LOG_LEVEL": "WARNING",
            }
            processes.append(subprocess.Popen([sys.executable, "-c", SERVE], env=env, stderr=subprocess.DEVNULL))
            url = f"http://127.0.0.1:{port}"
            wait_until(lambda url=url: requests.get(url + "/healthz", timeout=1).ok, f"lobby on {url}")
            urls.append(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_a_sign_in_through_one_process_is_honoured_by_the_other(two_lobbies, sandbox):
    first, second = two_lobbies
    browser = requests.Session()
    page = browser.get(first + "/login")
    signed_in = browser.post(
        first + "/login",
        data={"email": "alice@demo.kore", "password": "Demo-pass-1", "play_mode": "Real", "csrf_token": csrf(page.text)},
    )
    assert signed_in.status_code == 200 and "Sign out" in signed_in.text
    other = browser.get(second + "/")
    assert "Sign out" in other.text
    assert "$1,300.00" in " ".join(other.text.split())
    # And signing out through the second ends it for the first too.
    browser.post(second + "/logout", data={"csrf_token": csrf(other.text)})
    assert "Sign out" not in browser.get(first + "/").text


def test_rate_limits_count_requests_made_to_both_processes(two_lobbies, sandbox, redis_url):
    redis.Redis.from_url(redis_url).flushdb()
    browser = requests.Session()
    token = csrf(browser.get(two_lobbies[0] + "/login").text)

    def attempt(n: int) -> dict:  # a different unknown account each time: the address is what counts
        return {"email": f"nobody{n}@demo.kore", "password": "wrong-password", "play_mode": "Real",
                "csrf_token": token}

    statuses = [browser.post(two_lobbies[i % 2] + "/login", data=attempt(i)).status_code for i in range(10)]
    assert set(statuses) == {401}
    assert browser.post(two_lobbies[0] + "/login", data=attempt(10)).status_code == 429
    assert browser.post(two_lobbies[1] + "/login", data=attempt(11)).status_code == 429


def test_brand_data_is_cached_in_redis_for_every_process(two_lobbies, sandbox, redis_url):
    store = redis.Redis.from_url(redis_url)
    store.flushdb()
    # A locale neither process has shown yet, so neither has a copy of its own.
    french = {"Accept-Language": "fr-FR"}
    assert requests.get(two_lobbies[0] + "/", headers=french).status_code == 200
    keys = {key.decode() for key in store.keys("lobby:*")}
    assert any(key.startswith("lobby:games:KoreDemo:fr-FR:") for key in keys)
    assert requests.get(two_lobbies[1] + "/", headers=french).status_code == 200


def test_a_sign_out_holds_on_every_process_even_when_kores_logout_fails(two_lobbies, sandbox):
    """A copy of the old cookie opens nothing anywhere: the revocation is in Redis."""
    first, second = two_lobbies
    browser = requests.Session()
    page = browser.get(first + "/login")
    browser.post(first + "/login", data={"email": "alice@demo.kore", "password": "Demo-pass-1",
                                         "play_mode": "Real", "csrf_token": csrf(page.text)})
    stolen = browser.cookies.get("lobby_session")
    requests.post(f"{sandbox.url}/_sandbox/faults", json={
        "method": "DELETE", "path": "/v3/api/auth/player_credentials", "kind": "error", "status": 503, "error": None,
    }, timeout=5).raise_for_status()
    page = browser.get(first + "/")
    browser.post(first + "/logout", data={"csrf_token": csrf(page.text)})
    replay = requests.Session()
    replay.cookies.set("lobby_session", stolen)
    for url in (first, second):
        text = " ".join(replay.get(url + "/").text.split())
        assert "Sign out" not in text and "$1,300.00" not in text
        assert replay.get(url + "/account", allow_redirects=False).status_code == 303
