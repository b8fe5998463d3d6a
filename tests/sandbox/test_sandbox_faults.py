"""Fault injection, latency and the other /_sandbox controls."""

from __future__ import annotations

import threading
import time

import pytest
import requests
from sandbox_helpers import Kore, assert_error

from kore_sandbox.config import SandboxConfig
from kore_sandbox.server import SandboxServer


def timed_get(kore: Kore, path: str, token: str, **kwargs: object) -> tuple[requests.Response, float]:
    start = time.monotonic()
    response = kore.get(path, token=token, **kwargs)
    return response, time.monotonic() - start


def test_latency_rule(kore: Kore, brand_token: str) -> None:
    kore.add_fault(path="/v3/api/games", kind="latency", latency_ms=300)
    response, elapsed = timed_get(kore, "games", brand_token)
    assert response.status_code == 200
    assert elapsed >= 0.3
    _, elapsed = timed_get(kore, "currencies", brand_token)
    assert elapsed < 0.3


def test_global_latency(kore: Kore, brand_token: str) -> None:
    assert kore.control("POST", "latency", {"ms": 200}).status_code == 200
    _, elapsed = timed_get(kore, "currencies", brand_token)
    assert elapsed >= 0.2
    started = time.monotonic()
    kore.control("GET", "clock")  # controls are never delayed
    assert time.monotonic() - started < 0.2


def test_error_rule_with_kore_code(kore: Kore, brand_token: str) -> None:
    kore.add_fault(method="GET", path="/v3/api/games", kind="error", error="rate_limit_exceeded", retry_after=7)
    response = kore.get("games", token=brand_token)
    assert_error(response, "rate_limit_exceeded", 429)
    assert response.headers["Retry-After"] == "7"


def test_error_rule_with_status_override(kore: Kore, brand_token: str) -> None:
    kore.add_fault(path="/v3/api/currencies", kind="error", error="server_error", status=503)
    assert_error(kore.get("currencies", token=brand_token), "server_error", 503)


@pytest.mark.parametrize("status", [502, 503, 504])
def test_error_rule_without_code_is_a_plain_body(kore: Kore, brand_token: str, status: int) -> None:
    kore.add_fault(path="/v3/api/games", kind="error", status=status)
    response = kore.get("games", token=brand_token)
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "X-Error-Code" not in response.headers


def test_method_and_glob_matching(kore: Kore, brand_token: str) -> None:
    kore.add_fault(method="POST", path="/v3/api/auth/*", kind="error", status=503)
    assert kore.get("games", token=brand_token).status_code == 200
    assert kore.login_response().status_code == 503
    assert kore.get("auth/player_credentials", return_url=None).status_code == 200  # GET: not matched


def test_times_counts_matching_requests(kore: Kore, brand_token: str) -> None:
    kore.add_fault(path="/v3/api/games", kind="error", status=503, times=2)
    assert kore.get("currencies", token=brand_token).status_code == 200  # does not match: not counted
    assert [kore.get("games", token=brand_token).status_code for _ in range(3)] == [503, 503, 200]
    assert kore.control("GET", "faults").json() == []


def test_listing_and_clearing_faults(kore: Kore) -> None:
    fault_id = kore.add_fault(path="/v3/api/users/*", kind="latency", latency_ms=10, times=3)
    [rule] = kore.control("GET", "faults").json()
    assert rule["id"] == fault_id and rule["times"] == 3 and rule["method"] == "*"
    assert kore.control("DELETE", "faults").status_code == 200
    assert kore.control("GET", "faults").json() == []


def test_timeout_rule_makes_the_client_time_out(kore: Kore, brand_token: str) -> None:
    kore.add_fault(path="/v3/api/games", kind="timeout", latency_ms=1500, times=1)
    with pytest.raises(requests.ReadTimeout):
        kore.get("games", token=brand_token, timeout=0.3)
    assert kore.get("games", token=brand_token).status_code == 200


def test_reset_rule_drops_the_connection(kore: Kore, brand_token: str) -> None:
    kore.add_fault(path="/v3/api/games", kind="reset", times=1)
    with pytest.raises(requests.ConnectionError):
        kore.get("games", token=brand_token)
    assert kore.get("games", token=brand_token).status_code == 200


def test_faults_only_touch_the_api(kore: Kore) -> None:
    kore.add_fault(path="*", kind="error", status=503)
    assert kore.control("GET", "clock").status_code == 200
    assert requests.get(f"{kore.url}/pages/register", timeout=5).status_code == 200


def test_sandbox_reset_clears_faults_and_latency(kore: Kore, brand_token: str) -> None:
    kore.add_fault(path="/v3/api/games", kind="error", status=503)
    kore.control("POST", "latency", {"ms": 500})
    kore.control("POST", "reset")
    _, elapsed = timed_get(kore, "games", kore.brand_token())
    assert elapsed < 0.5
    assert kore.control("GET", "faults").json() == []


@pytest.mark.parametrize(
    "rule",
    [
        {"path": "/v3/api/games", "kind": "explode"},
        {"kind": "latency"},
        {"path": "/v3/api/games", "kind": "error", "error": "no_such_code"},
        {"path": "/v3/api/games", "kind": "latency", "times": 0},
        {"path": "/v3/api/games", "kind": "latency", "latency_ms": -5},
        {"path": "/v3/api/games", "kind": "error", "status": 999},
        {"path": "/v3/api/games", "kind": "latency", "method": "FETCH"},
        {"path": "/v3/api/games", "kind": "latency", "colour": "red"},
    ],
)
def test_invalid_fault_rules(kore: Kore, rule: dict) -> None:
    response = kore.control("POST", "faults", rule)
    assert response.status_code == 400
    assert response.json()["error"]


def test_clock_controls(kore: Kore) -> None:
    response = kore.control("POST", "clock", {"set": "2031-05-06T07:08:09Z"})
    assert response.json()["now"].startswith("2031-05-06T07:08")
    response = kore.control("POST", "clock", {"advance": 3600})
    assert response.json()["now"].startswith("2031-05-06T08:08")
    assert kore.control("GET", "clock").json()["now"].startswith("2031-05-06T08:08")
    assert kore.control("POST", "clock", {"advance": -1}).status_code == 400
    assert kore.control("POST", "clock", {}).status_code == 400
    kore.control("POST", "reset")
    assert not kore.control("GET", "clock").json()["now"].startswith("2031")


def test_outbox_starts_empty(kore: Kore) -> None:
    assert kore.control("GET", "outbox").json() == []


def test_config_from_env() -> None:
    config = SandboxConfig.from_env(
        {
            "SANDBOX_LATENCY_MS": "25",
            "SANDBOX_IDLE_TIMEOUT": "60",
            "SANDBOX_FAULTS": '[{"path": "/v3/api/games", "kind": "error", "status": 503}]',
        }
    )
    assert config.latency_ms == 25 and config.idle_timeout == 60
    assert config.faults[0]["status"] == 503
    assert SandboxConfig.from_env({}) == SandboxConfig()


def test_configured_faults_and_idle_timeout_apply_and_survive_reset() -> None:
    config = SandboxConfig(idle_timeout=5, faults=[{"path": "/v3/api/currencies", "kind": "error", "status": 504}])
    with SandboxServer(config=config) as server:
        kore = Kore(server.url)
        token = kore.brand_token()
        assert kore.get("currencies", token=token).status_code == 504
        kore.control("POST", "reset")
        assert kore.get("currencies", token=token).status_code == 504
        player = kore.login()
        kore.advance(6)
        assert_error(kore.get(player.user_url, token=player.token), "expired_player_session", 401)


def test_a_request_delayed_across_a_reset_is_dropped(kore: Kore) -> None:
    # A client that gave up on a slow sign-in must not sign the player in after the
    # next test's reset (it would end that test's session: single sign-on).
    kore.add_fault(method="POST", path="/v3/api/auth/player_credentials/token", kind="latency",
                   latency_ms=600, times=1)
    answers: list[requests.Response] = []
    late = threading.Thread(target=lambda: answers.append(kore.login_response()))
    late.start()
    time.sleep(0.2)
    kore.control("POST", "reset")
    player = kore.login("alice@demo.kore")
    late.join(5)
    assert answers and answers[0].status_code == 503
    assert kore.get(player.user_url, token=player.token).status_code == 200
