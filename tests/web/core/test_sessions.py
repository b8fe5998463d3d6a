"""Sessions end when they should: after Kore's idle time without a player action (polls do
not count), with the token's lifetime, and at sign-out whatever Kore answers (live sandbox)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest
import requests

from tests.web.conftest import csrf_from

HX = {"HX-Request": "true"}
MINUTE = 60


@pytest.fixture
def clock(app):
    """The lobby's clock, moved by the test."""
    now = [1_800_000_000.0]
    app.extensions["lobby.clock"] = lambda: now[0]

    def advance(seconds: float) -> None:
        now[0] += seconds

    return advance


def signed_in(client) -> bool:
    return "Sign out" in client.get("/").text


def test_an_idle_tab_is_signed_out_after_kores_idle_time_whatever_it_polls(client, login, clock):
    login()
    for _ in range(21):  # news every minute for 21 minutes, the page left alone
        clock(MINUTE)
        client.get("/tournaments/news", headers=HX)
        client.get("/jackpots", headers=HX)
    response = client.get("/account", follow_redirects=True)
    assert "signed out after 20 minutes without activity" in response.text
    assert response.request.path == "/login" and "Sign out" not in response.text
    assert not signed_in(client)


def test_a_player_who_plays_stays_signed_in(client, login, clock):
    login()
    for _ in range(4):  # a page every 15 minutes for an hour
        clock(15 * MINUTE)
        assert client.get("/account").status_code == 200
    assert signed_in(client)


def test_a_poll_after_the_idle_time_stops_and_the_next_page_says_why(client, login, clock):
    login()
    clock(21 * MINUTE)
    assert client.get("/tournaments/news", headers=HX).status_code == 286  # htmx: stop polling
    assert "without activity" in client.get("/").text


def test_the_idle_time_is_a_setting(sandbox, clock_free_app_factory):
    app = clock_free_app_factory(session_idle_timeout=5 * MINUTE)
    now = [1_800_000_000.0]
    app.extensions["lobby.clock"] = lambda: now[0]
    client = app.test_client()
    page = client.get("/login")
    client.post("/login", data={"email": "alice@demo.kore", "password": "Demo-pass-1", "play_mode": "Real",
                                "csrf_token": csrf_from(page.text)})
    now[0] += 4 * MINUTE
    assert signed_in(client)
    now[0] += 6 * MINUTE
    assert "signed out after 5 minutes" in client.get("/").text


@pytest.fixture
def clock_free_app_factory(sandbox):
    from lobby import create_app
    from lobby.config import Config

    def make(**settings):
        app = create_app(Config(kore_api_url=sandbox.url, secret_key="idle-secret-" * 4, env="development",
                                **settings))
        app.config.update(TESTING=True)
        return app

    return make


def test_the_session_cookie_lives_as_long_as_the_token(client, login):
    response = login()
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("lobby_session="))
    expires = parsedate_to_datetime(cookie.split("Expires=", 1)[1].split(";", 1)[0])
    left = expires - datetime.now(timezone.utc)
    assert timedelta(hours=23) < left <= timedelta(hours=24)


def test_a_sign_out_holds_when_kores_logout_fails(client, login, sandbox):
    login()
    stolen = client.get_cookie("lobby_session").value
    requests.post(f"{sandbox.url}/_sandbox/faults", json={
        "method": "DELETE", "path": "/v3/api/auth/player_credentials", "kind": "error", "status": 503, "error": None,
    }, timeout=5).raise_for_status()
    page = client.get("/")
    done = client.post("/logout", data={"csrf_token": csrf_from(page.text)}, follow_redirects=True)
    assert "You are signed out" in done.text
    client.set_cookie("lobby_session", stolen)  # the old cookie, kept by someone
    assert client.get("/account").status_code == 303
    for path in ("/", "/login", "/tournaments/"):
        text = client.get(path).text
        assert "Sign out" not in text and "$1,300.00" not in " ".join(text.split())


def _rewrite_player(app, client, change) -> None:
    """The session cookie's player record, opened, changed and sealed again (as another
    process of the lobby, or a forger holding the signing key but not the player key, would)."""
    from lobby.core.session import _fernet

    with client.session_transaction() as kept, app.test_request_context():
        record = json.loads(_fernet().decrypt(kept["player"].encode()))
        kept["player"] = change(record, kept["player"])


def test_a_cookie_read_before_is_still_refused_once_its_token_has_expired(app, client, login):
    from lobby.core.session import _fernet

    login()
    assert signed_in(client) and signed_in(client)  # the same cookie, opened and then reused

    def expired(record, blob):
        record["expiration"] = (datetime.now(timezone.utc) - timedelta(seconds=1)).isoformat()
        return _fernet().encrypt(json.dumps(record).encode()).decode()

    _rewrite_player(app, client, expired)
    assert not signed_in(client)


def test_a_changed_player_record_signs_the_visitor_out_without_an_error(app, client, login):
    login()
    assert signed_in(client)
    _rewrite_player(app, client, lambda record, blob: blob[:-6] + ("A" if blob[-6] != "A" else "B") + blob[-5:])
    page = client.get("/")
    assert page.status_code == 200 and "Sign out" not in page.text
