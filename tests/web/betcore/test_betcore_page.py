"""The /betcore page: the WebFrame loader for signed-in players, with its own CSP."""

from __future__ import annotations

import json
import re

import pytest

from lobby import create_app
from lobby.config import Config, ConfigError


def _options(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="betcore-options">(.*?)</script>', html, re.S)
    assert match, "no WebFrame options"
    return json.loads(match.group(1))


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/betcore")
    assert response.status_code == 303 and "/login" in response.headers["Location"]
    assert "betcore" in response.headers["Location"]


def test_the_page_opens_the_webframe(client, login, betcore_sandbox, partner):
    login()
    page = client.get("/betcore")
    assert page.status_code == 200
    assert f'<script src="{betcore_sandbox.frame_url}"></script>' in page.text
    options = _options(page.text)
    assert options["clientId"] == betcore_sandbox.client_id and options["lng"] == "en"
    assert options["server"] == "http://localhost/betcore" and options["exitUrl"] == "http://localhost/"
    assert options["containerId"] == "betcore-frame"
    assert partner("auth", {"RefreshToken": options["tokenAuth"]})["ErrorCode"] == 200
    assert page.headers["Cache-Control"] == "no-store"


def test_the_header_keeps_the_balance_on_the_betcore_page(client, login, sandbox):
    login()
    page = client.get("/betcore").text
    balance = re.search(r'data-testid="balance">(.*?)</a>', page, re.S)
    assert balance and "$1,300.00" in balance.group(1)
    # The same figure Kore gives the lobby page.
    lobby = re.search(r'data-testid="balance">(.*?)</a>', client.get("/").text, re.S).group(1)
    assert re.sub(r"\s+", " ", balance.group(1)) == re.sub(r"\s+", " ", lobby)


def test_csp_allows_exactly_the_aggregators_origin(client, login, betcore_sandbox):
    login()
    csp = client.get("/betcore").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert betcore_sandbox.url in directives["script-src"].split()
    assert betcore_sandbox.url in directives["frame-src"].split()
    assert "'unsafe-inline'" not in directives["script-src"]
    elsewhere = client.get("/").headers["Content-Security-Policy"]
    assert betcore_sandbox.url not in elsewhere


def test_the_navigation_names_betcore(client, login):
    login()
    assert 'href="/betcore"' in client.get("/").text


def test_without_settings_betcore_is_off(sandbox, tmp_path):
    app = create_app(Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="production",
                            player_state_db=tmp_path / "f.sqlite3"))
    client = app.test_client()
    assert client.get("/betcore").status_code == 404
    assert client.post("/betcore/users/auth", data='"a.b.c"').status_code == 404
    assert 'href="/betcore"' not in client.get("/").text


def test_the_settings_are_read_and_checked():
    config = Config.from_env({"BETCORE_JWKS_URL": "https://bc.example/mis-api/api/v2/auth/jwks",
                              "BETCORE_FRAME_URL": "https://bc.example/assets/frame.js",
                              "BETCORE_CLIENT_ID": "casino", "BETCORE_ISSUER": "https://bc.example/identity-api"})
    assert config.betcore_enabled and config.betcore_client_id == "casino"
    assert config.betcore_test_accounts  # development: the sandbox brand's players are test accounts
    with pytest.raises(ConfigError):
        Config.from_env({"BETCORE_JWKS_URL": "javascript:alert(1)"})
