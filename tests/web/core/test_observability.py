"""What the lobby tells its operators: a request id, request lines, JSON logs, metrics."""

from __future__ import annotations

import json
import logging
import re

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from tests.web.conftest import DEMO_PASSWORD, csrf_from


def _app(sandbox, tmp_path, **settings):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                    player_state_db=tmp_path / "favourites.sqlite3", **settings)
    app = create_app(config)
    app.config.update(TESTING=True)
    return app


# buffered=True: the test client then closes the body, as every server does, which is
# when the lobby writes the request line and counts the request.


def _records(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_every_answer_carries_a_new_request_id_and_kore_hears_it(client, sandbox):
    first = client.get("/")
    second = client.get("/")
    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["X-Request-Id"])
    assert first.headers["X-Request-Id"] != second.headers["X-Request-Id"]
    sent = requests.get(f"{sandbox.url}/_sandbox/requests", timeout=5).json()["requests"]
    assert first.headers["X-Request-Id"] in {entry["request_id"] for entry in sent}


def test_a_request_id_is_taken_only_from_a_trusted_proxy(sandbox, tmp_path):
    untrusted = _app(sandbox, tmp_path).test_client()
    assert untrusted.get("/healthz", headers={"X-Request-Id": "from-the-client"}).headers["X-Request-Id"] != "from-the-client"
    trusted = _app(sandbox, tmp_path, trusted_proxies=1).test_client()
    answer = trusted.get("/healthz", headers={"X-Request-Id": "edge-7f3a", "X-Forwarded-For": "198.51.100.7"})
    assert answer.headers["X-Request-Id"] == "edge-7f3a"
    # Not an id (spaces, quotes, newlines would forge log lines): a new one instead.
    answer = trusted.get("/healthz", headers={"X-Request-Id": 'x" 200 forged', "X-Forwarded-For": "198.51.100.7"})
    assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["X-Request-Id"])


def test_json_logs_are_one_object_a_line_with_the_request(sandbox, tmp_path, capsys):
    client = _app(sandbox, tmp_path, log_format="json", trusted_proxies=1).test_client()
    capsys.readouterr()
    answer = client.get("/login?email=someone@example.com", headers={"X-Forwarded-For": "203.0.113.9"}, buffered=True)
    lines = [json.loads(line) for line in _records(capsys)]
    access = [line for line in lines if line["logger"] == "lobby.access"]
    assert len(access) == 1
    line = access[0]
    assert line["request_id"] == answer.headers["X-Request-Id"]
    assert (line["method"], line["path"], line["status"], line["client"]) == ("GET", "/login", 200, "203.0.113.9")
    assert line["duration_ms"] > 0 and line["level"] == "INFO" and line["timestamp"].endswith("+00:00")
    assert "someone@example.com" not in json.dumps(lines)


def test_every_log_line_of_a_request_names_its_id(sandbox, tmp_path, capsys):
    app = _app(sandbox, tmp_path, log_format="json")

    @app.get("/_logs_twice")
    def logs_twice():
        logging.getLogger("lobby.test").warning("inside the request")
        return "ok"

    capsys.readouterr()
    answer = app.test_client().get("/_logs_twice", buffered=True)
    lines = [json.loads(line) for line in _records(capsys)]
    inside = [line for line in lines if line["logger"] == "lobby.test"]
    assert inside and inside[0]["request_id"] == answer.headers["X-Request-Id"]


def test_the_access_log_can_be_turned_off(sandbox, tmp_path, capsys):
    client = _app(sandbox, tmp_path, access_log=False).test_client()
    capsys.readouterr()
    client.get("/healthz", buffered=True)
    assert not [line for line in _records(capsys) if "lobby.access" in line]


def _sample(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name + "{"):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if all(found.get(key) == value for key, value in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_metrics_count_pages_kore_calls_and_refusals(client, sandbox):
    before = client.get("/metrics").text
    page = client.get("/login", buffered=True)
    client.post("/login", data={"email": "alice@demo.kore", "password": DEMO_PASSWORD, "play_mode": "Real",
                                "csrf_token": csrf_from(page.text)}, buffered=True)
    client.get("/", buffered=True)
    after = client.get("/metrics")
    assert after.status_code == 200 and after.headers["Content-Type"].startswith("text/plain")
    text = after.text
    grew = lambda name, **labels: _sample(text, name, **labels) - _sample(before, name, **labels)  # noqa: E731
    assert grew("lobby_requests_total", endpoint="auth.login", method="GET", status="200") == 1
    assert grew("lobby_requests_total", endpoint="auth.login", method="POST", status="303") == 1
    assert grew("lobby_request_duration_seconds_count", endpoint="auth.login") == 2
    assert grew("lobby_kore_calls_total", operation="POST auth/player_credentials/token", outcome="ok") >= 1
    assert grew("lobby_kore_call_duration_seconds_count") >= 2
    assert "lobby_brand_cache_total" in text and "lobby_live_streams" in text and "lobby_hub_connections" in text


def test_kore_refusals_and_outages_are_told_apart(client, sandbox):
    before = client.get("/metrics").text
    page = client.get("/login")
    client.post("/login", data={"email": "alice@demo.kore", "password": "wrong-Pass-1", "play_mode": "Real",
                                "csrf_token": csrf_from(page.text)})
    requests.post(f"{sandbox.url}/_sandbox/faults", json={"path": "/v3/api/*", "kind": "error", "status": 503},
                  timeout=5).raise_for_status()
    client.get("/readyz")
    text = client.get("/metrics").text
    assert _sample(text, "lobby_kore_calls_total", operation="POST auth/player_credentials/token", outcome="refused") > \
        _sample(before, "lobby_kore_calls_total", operation="POST auth/player_credentials/token", outcome="refused")
    assert _sample(text, "lobby_kore_calls_total", outcome="unavailable") > \
        _sample(before, "lobby_kore_calls_total", outcome="unavailable")


@pytest.mark.parametrize(("address", "headers", "allowed"), [
    ("127.0.0.1", {}, True),
    ("203.0.113.5", {}, False),
    # Through a proxy the lobby was not told of (TRUSTED_PROXIES=0): the peer is the proxy.
    ("127.0.0.1", {"X-Forwarded-For": "203.0.113.5"}, False),
])
def test_metrics_only_for_the_allowed_addresses(client, address, headers, allowed):
    answer = client.get("/metrics", headers=headers, environ_base={"REMOTE_ADDR": address})
    assert answer.status_code == (200 if allowed else 404)
    if not allowed:
        assert "lobby_requests_total" not in answer.text


def test_metrics_allow_names_networks(sandbox, tmp_path):
    client = _app(sandbox, tmp_path, metrics_allow=("10.0.0.0/8",)).test_client()
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 404
