"""No absolute URL is built from a client's Host header; production cannot start without
PUBLIC_URL (issue 25, item 7)."""

from __future__ import annotations

import json
import re

import pytest

from lobby import create_app
from lobby.config import Config, ConfigError
from tests.web.conftest import DEMO_PASSWORD, csrf_from


def test_production_refuses_to_start_without_public_url():
    with pytest.raises(ConfigError, match="PUBLIC_URL is not set"):
        Config.from_env({"KORE_API_URL": "http://127.0.0.1:9", "SECRET_KEY": "s" * 40})


def test_a_forged_host_never_comes_back_in_the_anonymous_lobby(client):
    page = client.get("/", headers={"Host": "evil.example"})
    assert page.status_code == 200
    links = re.findall(r'hreflang="[^"]+" href="([^"]+)"', page.text)
    assert len(links) == 11
    assert "evil.example" not in page.text
    assert all(link.startswith("http://127.0.0.1:8000/") for link in links)


def test_a_loopback_host_is_kept_in_development(client):
    """A test server or make run on a port of its own: its links point back at it."""
    page = client.get("/", headers={"Host": "127.0.0.1:5123"})
    assert 'href="http://127.0.0.1:5123/?lang=fr-FR"' in page.text or "http://127.0.0.1:5123/" in page.text


def test_the_betcore_frame_addresses_never_come_from_the_host_header(sandbox, betcore_sandbox, tmp_path):
    app = create_app(Config(
        kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
        player_state_db=tmp_path / "f.sqlite3", betcore_jwks_url=betcore_sandbox.jwks_url,
        betcore_frame_url=betcore_sandbox.frame_url,
    ))
    client = app.test_client()
    evil = {"Host": "evil.example"}
    page = client.get("/login", headers=evil)
    client.post("/login", headers=evil, data={"email": "alice@demo.kore", "password": DEMO_PASSWORD,
                                              "play_mode": "Real", "csrf_token": csrf_from(page.text)})
    frame = client.get("/betcore", headers=evil)
    options = json.loads(re.search(r'id="betcore-options">([^<]+)<', frame.text).group(1))
    assert frame.status_code == 200
    assert (options["server"], options["exitUrl"]) == ("http://127.0.0.1:8000/betcore", "http://127.0.0.1:8000/")
    assert "evil.example" not in frame.text


def test_production_links_come_from_public_url(sandbox, tmp_path):
    app = create_app(Config(
        kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="production", secure_cookies=False,
        public_url="https://casino.example.com", player_state_db=tmp_path / "f.sqlite3",
    ))
    client = app.test_client()
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400  # not our host: refused
    page = client.get("/", headers={"Host": "casino.example.com"})
    assert "https://casino.example.com/?lang=fr-FR" in page.text
