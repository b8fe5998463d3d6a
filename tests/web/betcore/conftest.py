"""BETCORE fixtures: a lobby configured for the BETCORE sandbox, a signed-in player's
refresh token, and calls to the partner API signed like BETCORE's."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from contextlib import closing

import pytest
import redis

from lobby import create_app
from lobby.betcore import issue_refresh_token, service
from lobby.config import Config
from lobby.core.session import current_player

REDIS_SERVER = "/usr/bin/redis-server"


@pytest.fixture(scope="module")
def betcore_redis_url():
    assert os.path.exists(REDIS_SERVER), "redis-server is missing: `make test` installs Debian's redis-server"
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        for _ in range(100):
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def store_kind():
    """Where refresh tokens live; store tests parametrize it with "redis"."""
    return "memory"


@pytest.fixture
def app(request, sandbox, betcore_sandbox, tmp_path, store_kind):
    redis_url = request.getfixturevalue("betcore_redis_url") if store_kind == "redis" else ""
    if redis_url:
        redis.Redis.from_url(redis_url).flushall()
    config = Config(
        kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
        player_state_db=tmp_path / "favourites.sqlite3", redis_url=redis_url,
        betcore_jwks_url=betcore_sandbox.jwks_url, betcore_frame_url=betcore_sandbox.frame_url,
        betcore_issuer=betcore_sandbox.issuer, betcore_client_id=betcore_sandbox.client_id,
        betcore_test_accounts=True,
    )
    app = create_app(config)
    app.config.update(TESTING=True)
    return app


@pytest.fixture
def player_context(app, client):
    """A request context carrying the test client's session cookie (the signed-in player)."""

    def context():
        cookie = client.get_cookie("lobby_session")
        return app.test_request_context(headers={"Cookie": f"lobby_session={cookie.value}"})

    return context


@pytest.fixture
def refresh_token(app, login, player_context):
    """Sign alice in (Real) and open the WebFrame: the refresh token the lobby hands over."""

    def issue(email="alice@demo.kore", currency="USD"):
        login(email=email)
        with player_context():
            return issue_refresh_token(current_player(), currency)

    return issue


@pytest.fixture
def partner(app, client, betcore_sandbox):
    """POST a JWT signed by the BETCORE sandbox to the partner API; the envelope back."""

    def call(operation, data=None, *, body=None, token=None, **claims):
        if body is None:
            token = token or betcore_sandbox.signer.sign(data or {}, **claims)
            body = json.dumps(token)
        response = client.post(f"/betcore/users/{operation}", data=body, content_type="application/json")
        assert response.status_code == 200
        return response.get_json()

    return call


@pytest.fixture
def clock(app):
    """Move the refresh-token store's clock: ``clock.advance(seconds)``."""

    class Clock:
        now = time.time()

        def __call__(self):
            return self.now

        def advance(self, seconds):
            self.now += seconds

    fake = Clock()
    with app.app_context():
        store = service().store
    store.clock = fake
    if hasattr(store.backend, "clock"):
        store.backend.clock = fake
    return fake
