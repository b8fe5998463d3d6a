"""Redis down is an honest degradation, not an outage (issue 25, items 4 and 5): visitors
browse, rate limits hold from memory, a signed-in session that cannot be checked gets a
branded 503 (never honoured, never ended), one log line per outage, every call bounded by
a short timeout, and no sign-out is undone by a Redis that restarts empty."""

from __future__ import annotations

import logging
import time

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from lobby.core.store import RETRY_AFTER
from tests.web.conftest import DEMO_PASSWORD, csrf_from, text_of
from tests.web.core.redis_server import RedisServer

STORE_PAGE = "We cannot check your session right now"


@pytest.fixture
def store():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def app(sandbox, store, tmp_path):
    app = create_app(Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                            favourites_db=tmp_path / "favourites.sqlite3", redis_url=store.url))
    app.config.update(TESTING=True)
    return app


def _sign_in(client):
    page = client.get("/login")
    signed_in = client.post("/login", data={"email": "alice@demo.kore", "password": DEMO_PASSWORD,
                                            "play_mode": "Real", "csrf_token": csrf_from(page.text)},
                            follow_redirects=True)
    assert "Sign out" in signed_in.text


def test_redis_stopped_visitors_browse_and_signed_in_players_get_a_branded_503(app, client, store, caplog):
    _sign_in(client)
    visitor = app.test_client()
    assert visitor.get("/").status_code == 200  # the brand data is cached in Redis now
    store.stop()
    caplog.set_level(logging.INFO)
    for _ in range(5):
        page = visitor.get("/")
        assert page.status_code == 200 and "Sign in" in page.text  # from Kore: the cache is a miss
        mine = client.get("/")
        assert mine.status_code == 503 and STORE_PAGE in text_of(mine)
        assert "Try again" in mine.text and mine.headers["Retry-After"]
        assert "Internal Server Error" not in mine.text
    assert client.get("/readyz").status_code == 503
    assert "Traceback" not in caplog.text
    assert caplog.text.count("shared store (Redis) unavailable") == 1
    store.start()  # empty: the session's live record went with the data
    time.sleep(RETRY_AFTER + 0.1)
    assert client.get("/readyz").status_code == 200
    assert caplog.text.count("shared store (Redis) answers again") == 1
    # The record that vouched for the session is gone: the lobby says so rather than guess.
    after = client.get("/")
    assert after.status_code == 200 and "Your session has ended" in text_of(after) and "Sign out" not in after.text


def test_redis_stopped_the_sign_in_limit_still_counts_in_memory(app, client, store):
    token = csrf_from(client.get("/login").text)
    store.stop()
    statuses = [client.post("/login", data={"email": f"nobody{n}@demo.kore", "password": "wrong", "play_mode": "Real",
                                            "csrf_token": token}).status_code for n in range(11)]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429


def test_a_frozen_redis_costs_a_request_a_fraction_of_a_second(app, client, store):
    _sign_in(client)
    visitor = app.test_client()
    store.freeze()
    try:
        for _ in range(4):
            started = time.monotonic()
            assert client.get("/").status_code == 503
            assert visitor.get("/").status_code == 200
            assert time.monotonic() - started < 1.0
    finally:
        store.thaw()


def test_a_sign_out_holds_when_redis_restarts_empty(app, client, sandbox, store):
    """Kore's logout fails at sign-out, then Redis loses everything: the copy stays out."""
    _sign_in(client)
    stolen = client.get_cookie("lobby_session").value
    requests.post(f"{sandbox.url}/_sandbox/faults", json={
        "method": "DELETE", "path": "/v3/api/auth/player_credentials", "kind": "error", "status": 503, "error": None,
    }, timeout=5).raise_for_status()
    page = client.get("/")
    client.post("/logout", data={"csrf_token": csrf_from(page.text)})
    thief = app.test_client()
    thief.set_cookie("lobby_session", stolen)
    assert thief.get("/account").status_code == 303  # refused before the restart
    store.restart_empty()
    time.sleep(RETRY_AFTER + 0.1)
    thief = app.test_client()
    thief.set_cookie("lobby_session", stolen)
    answer = thief.get("/account")
    assert answer.status_code == 303 and "/login" in answer.headers["Location"]
