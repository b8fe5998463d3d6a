"""A signed-in page reads the player's records in one Redis round trip (issue 21): the
session's check, favourites and recently played, the reality check's interval and clock.
What it shows must be what the store holds after every change, as with one read each."""

from __future__ import annotations

import re
import time

import pytest
import redis.connection

from tests.web.conftest import DEMO_PASSWORD, csrf_from
from tests.web.core.redis_server import RedisServer, lobby_on
from tests.web.games.test_lobby_face import row

HX = {"HX-Request": "true"}


@pytest.fixture(scope="module")
def store():
    with RedisServer() as server:
        yield server


@pytest.fixture
def app(sandbox, store, tmp_path):
    redis.Redis.from_url(store.url).flushall()
    app = lobby_on(sandbox.url, store.url, tmp_path)
    offset = [0.0]
    app.extensions["lobby.clock"] = lambda: time.time() + offset[0]
    app.extensions["test.clock"] = offset
    return app


@pytest.fixture
def round_trips(monkeypatch):
    """Every packet of commands the lobby sends Redis (a pipeline is one), as sent."""
    sent: list[bytes] = []
    send = redis.connection.AbstractConnection.send_packed_command

    def counted(self, command, check_health=True):
        sent.append(b"".join(command) if isinstance(command, list) else command)
        return send(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counted)
    return sent


def sign_in(client) -> None:
    page = client.get("/login")
    done = client.post("/login", data={"email": "alice@demo.kore", "password": DEMO_PASSWORD, "play_mode": "Real",
                                       "csrf_token": csrf_from(page.text)})
    assert done.status_code == 303


def test_a_signed_in_lobby_page_is_one_round_trip_to_redis(app, client, round_trips):
    sign_in(client)
    client.get("/")  # the brand's data is cached now
    client.get("/")
    round_trips.clear()
    assert client.get("/").status_code == 200
    assert len(round_trips) == 1, round_trips
    sent = round_trips[0]
    for record in (b"lobby:live-session:", b"lobby:revoked-session:", b"lobby:favourites:", b"lobby:recent:",
                   b"lobby:reality-interval:", b"lobby:reality-session:"):
        assert record in sent, record


def test_favourites_and_recently_played_show_what_the_store_holds(app, client):
    sign_in(client)
    page = client.get("/")
    assert row(page.text, "favourites") == []
    added = client.post("/favourites/zodiac-video-slot", headers=HX, data={
        "action": "add", "name": "Zodiac", "csrf_token": csrf_from(page.text)})
    assert 'aria-pressed="true"' in added.text
    page = client.get("/")
    assert row(page.text, "favourites") == ["zodiac-video-slot"]
    assert client.get("/play/midnight-racer-video-slot").status_code == 200
    page = client.get("/")
    assert row(page.text, "recent")[:1] == ["midnight-racer-video-slot"]
    client.post("/favourites/zodiac-video-slot", data={"action": "remove", "name": "Zodiac", "next": "/",
                                                       "csrf_token": csrf_from(page.text)})
    assert row(client.get("/").text, "favourites") == []


def test_the_reality_check_comes_when_due_and_goes_on_continue(app, client):
    sign_in(client)
    page = client.get("/account")
    assert 'id="reality-check"' not in client.get("/").text  # off by default
    client.post("/care/reality-check/interval", data={"interval": "10", "csrf_token": csrf_from(page.text)})
    page = client.get("/")
    assert re.search(r'data-due-in="(\d+)"', page.text).group(1) in {"600", "599"}
    app.extensions["test.clock"][0] += 10 * 60 + 1
    page = client.get("/")
    assert 'data-testid="reality-check"' in page.text and "You have been playing for 10 minutes." in page.text
    client.post("/care/reality-check/continue", data={"csrf_token": csrf_from(page.text), "next": "/"})
    page = client.get("/")
    assert 'data-testid="reality-check"' not in page.text
    assert re.search(r'data-due-in="(\d+)"', page.text).group(1) in {"600", "599"}


def test_a_session_ended_elsewhere_is_refused_with_the_reads_in_the_same_trip(app, client):
    sign_in(client)
    stolen = client.get_cookie("lobby_session").value
    page = client.get("/")
    client.post("/logout", data={"csrf_token": csrf_from(page.text)})
    thief = app.test_client()
    thief.set_cookie("lobby_session", stolen)
    answer = thief.get("/")
    assert answer.status_code == 200 and "Sign out" not in answer.text
