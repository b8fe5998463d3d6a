"""Testing mode (LOBBY_TESTING=1, lobby/testing.py): the lobby's limits off and its state
under a loopback-only control; refused in production, and absent from a production process."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from lobby import create_app
from lobby.config import Config, ConfigError
from lobby.core.session import clock
from tests.web.conftest import csrf_from
from tests.web.core.test_production import ROOT

SLUG = "zodiac-video-slot"


@pytest.fixture
def testing_app(sandbox, tmp_path):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                    player_state_db=tmp_path / "favourites.sqlite3", testing=True)
    return create_app(config)


def _wrong_password(client, email="someone@demo.kore"):
    token = csrf_from(client.get("/login").text)
    return client.post("/login", data={"email": email, "password": "wrong-password", "play_mode": "Real",
                                       "csrf_token": token})


@pytest.mark.parametrize("env", [
    {"LOBBY_TESTING": "1", "LOBBY_ENV": "production", "SECRET_KEY": "x" * 40},
    # Production is the default as soon as a Kore is named.
    {"LOBBY_TESTING": "1", "KORE_API_URL": "https://kore.example.com", "SECRET_KEY": "x" * 40},
])
def test_testing_mode_is_refused_in_production(env):
    with pytest.raises(ConfigError, match="LOBBY_TESTING=1 is refused when LOBBY_ENV=production"):
        Config.from_env(env)
    assert Config.from_env({**env, "LOBBY_ENV": "development"}).testing is True


def test_an_app_built_for_production_refuses_testing_mode(sandbox):
    with pytest.raises(ConfigError, match="refused when LOBBY_ENV=production"):
        create_app(Config(kore_api_url=sandbox.url, secret_key="s" * 40, env="production", testing=True))


def test_a_production_process_has_nothing_of_testing_mode(sandbox):
    # A fresh interpreter, as a production worker: the module is never imported, no route
    # exists, the limiter has no filter.
    script = (
        "import sys; from lobby import create_app; from lobby.config import Config; "
        "from lobby.extensions import limiter; "
        f"app = create_app(Config(kore_api_url={sandbox.url!r}, secret_key='s' * 40, env='production')); "
        "print('lobby.testing' in sys.modules, any(r.rule.startswith('/_lobby') for r in app.url_map.iter_rules()), "
        "len(limiter._request_filters), 'testing' in app.blueprints)"
    )
    answer = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.split() == ["False", "False", "0", "False"]


def test_a_production_app_beside_a_testing_one_keeps_its_limits_and_has_no_control(testing_app, app):
    """The limiter is shared by every app of a process: its filter asks the app."""
    assert testing_app.test_client().post("/_lobby/testing/reset").status_code == 200
    client = app.test_client()
    assert client.post("/_lobby/testing/reset").status_code in (400, 404)
    statuses = [_wrong_password(client).status_code for _ in range(6)]
    assert statuses[-1] == 429


def test_sign_in_attempts_are_not_limited_in_testing_mode(testing_app):
    client = testing_app.test_client()
    statuses = [_wrong_password(client).status_code for _ in range(12)]
    assert set(statuses) == {401}  # Kore's answer each time: the lobby's 5 a minute per account are off


def _sign_in(client):
    token = csrf_from(client.get("/login").text)
    answer = client.post("/login", data={"email": "alice@demo.kore", "password": "Demo-pass-1", "play_mode": "Real",
                                         "csrf_token": token})
    assert answer.status_code == 303, answer.text


def test_the_reset_forgets_favourites_recently_played_and_reality_checks(testing_app):
    client = testing_app.test_client()
    _sign_in(client)
    page = client.get("/")
    liked = client.post(f"/favourites/{SLUG}", data={"csrf_token": csrf_from(page.text), "action": "add"})
    assert liked.status_code in (200, 303), liked.text
    assert client.get(f"/play/{SLUG}").status_code == 200
    with testing_app.app_context():
        owners = testing_app.extensions["lobby.favourites"]._connection().execute(
            "SELECT DISTINCT owner FROM player_games").fetchall()
        assert len(owners) == 1
        owner = owners[0][0]
        favourites = testing_app.extensions["lobby.favourites"]
        assert favourites.list(owner) == [SLUG] and favourites.list(owner, "recent") == [SLUG]
        testing_app.extensions["lobby.care"].set_interval(owner, 10)
    assert client.post("/_lobby/testing/reset").json == {"reset": True}
    with testing_app.app_context():
        assert favourites.list(owner) == [] and favourites.list(owner, "recent") == []
        assert testing_app.extensions["lobby.care"].interval(owner) == 0


def test_the_reset_zeroes_the_counters_and_the_clock_moves(testing_app):
    client = testing_app.test_client()
    with testing_app.app_context():
        before = clock()
    moved = client.post("/_lobby/testing/clock", json={"advance": 600})
    assert moved.status_code == 200 and moved.json["offset"] == 600
    with testing_app.app_context():
        assert clock() - before >= 600
    assert client.post("/_lobby/testing/clock", json={"advance": -5}).status_code == 400
    assert client.post("/_lobby/testing/clock", json={}).status_code == 400
    client.post("/_lobby/testing/reset")
    with testing_app.app_context():
        assert clock() - time.time() < 1


@pytest.mark.parametrize("environ", [
    {"REMOTE_ADDR": "10.1.2.3"},
    {"REMOTE_ADDR": "192.168.0.7"},
])
def test_the_control_answers_only_this_machine(testing_app, environ):
    client = testing_app.test_client()
    assert client.post("/_lobby/testing/reset", environ_base=environ).status_code == 404
    assert client.post("/_lobby/testing/clock", json={"advance": 1}, environ_base=environ).status_code == 404


def test_behind_a_proxy_on_this_machine_only_a_local_client_is_let_through(sandbox, tmp_path):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                    player_state_db=tmp_path / "favourites.sqlite3", testing=True, trusted_proxies=1)
    client = create_app(config).test_client()
    forwarded = {"X-Forwarded-For": "203.0.113.9"}
    assert client.post("/_lobby/testing/reset", headers=forwarded).status_code == 404
    assert client.post("/_lobby/testing/reset", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 200
