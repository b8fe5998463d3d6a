"""The HTTP layer over real HTTP (the recording server): retries, budget, decoding, errors."""

from __future__ import annotations

import logging
import socket
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from email.utils import format_datetime

import pytest
from kore_testlib import Reply

from lobby.kore import (
    ErrorCode,
    KoreAuthError,
    KoreBadRequest,
    KoreRateLimited,
    KoreServerError,
    KoreUnavailable,
)
from lobby.kore.http import HttpClient


@pytest.fixture
def http():
    client = HttpClient(timeout=(1.0, 1.0), max_retries=2, backoff=0.01, budget=3.0)
    yield client
    client.close()


def kore_503():
    return Reply(503, {"error": "server_error", "error_description": "busy"})


def test_get_retries_a_503_then_succeeds(recorder, http):
    recorder.script(Reply(503, "upstream"), Reply(200, {"ok": True}))
    response = http.request("GET", recorder.url + "/v3/api/currencies")
    assert response.data == {"ok": True}
    assert len(recorder.requests) == 2


@pytest.mark.parametrize("status", [502, 503, 504])
def test_get_retries_gateway_statuses_up_to_max_retries(recorder, http, status):
    recorder.script(Reply(status, "gateway"))
    with pytest.raises(KoreUnavailable) as caught:
        http.request("GET", recorder.url + "/v3/api/games")
    assert caught.value.status == status
    assert len(recorder.requests) == 3  # 1 + max_retries


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
def test_non_idempotent_methods_are_never_retried(recorder, http, method):
    recorder.script(Reply(503, "gateway"), Reply(200, {}))
    with pytest.raises(KoreUnavailable) as caught:
        http.request(method, recorder.url + "/v3/api/bonuses/claim", json_body={"bonus_code": "ABCDE"})
    assert len(recorder.requests) == 1
    assert caught.value.outcome_unknown is False  # a 503 did not do the work


@pytest.mark.parametrize("status", [502, 504])
def test_post_behind_a_failing_gateway_has_unknown_outcome(recorder, http, status):
    recorder.script(Reply(status, "gateway"))
    with pytest.raises(KoreUnavailable) as caught:
        http.request("POST", recorder.url + "/v3/api/users", json_body={})
    assert caught.value.outcome_unknown is True
    assert len(recorder.requests) == 1


def test_delete_is_retried(recorder, http):
    recorder.script(kore_503(), Reply(200, b""))
    response = http.request("DELETE", recorder.url + "/v3/api/auth/player_credentials")
    assert response.data is None
    assert len(recorder.requests) == 2


def test_kore_500_is_not_retried(recorder, http):
    recorder.script(Reply(500, {"error": "server_error", "error_description": "boom", "uuid": "u"}))
    with pytest.raises(KoreServerError) as caught:
        http.request("GET", recorder.url + "/v3/api/games")
    assert caught.value.code is ErrorCode.SERVER_ERROR and caught.value.uuid == "u"
    assert len(recorder.requests) == 1


def test_kore_coded_503_after_retries_is_a_server_error(recorder, http):
    recorder.script(kore_503())
    with pytest.raises(KoreServerError) as caught:
        http.request("GET", recorder.url + "/v3/api/games")
    assert caught.value.code is ErrorCode.SERVER_ERROR
    assert len(recorder.requests) == 3


def test_get_429_with_retry_after_is_retried_after_waiting(recorder, http):
    recorder.script(Reply(429, {"error": "rate_limit_exceeded"}, {"Retry-After": "1"}), Reply(200, {"n": 1}))
    started = time.monotonic()
    assert http.request("GET", recorder.url + "/v3/api/chats").data == {"n": 1}
    assert time.monotonic() - started >= 0.95
    assert len(recorder.requests) == 2


def test_get_429_without_retry_after_is_not_retried(recorder, http):
    recorder.script(Reply(429, {"error": "rate_limit_exceeded"}), Reply(200, {}))
    with pytest.raises(KoreRateLimited):
        http.request("GET", recorder.url + "/v3/api/chats")
    assert len(recorder.requests) == 1


def test_post_429_is_not_retried(recorder, http):
    recorder.script(Reply(429, {"error": "rate_limit_exceeded"}, {"Retry-After": "0"}), Reply(200, {}))
    with pytest.raises(KoreRateLimited) as caught:
        http.request("POST", recorder.url + "/v3/api/bonuses/claim", json_body={})
    assert caught.value.retry_after == 0.0
    assert len(recorder.requests) == 1


def test_retry_after_http_date_is_honoured(recorder, http):
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=2), usegmt=True)
    recorder.script(Reply(503, "busy", {"Retry-After": when}), Reply(200, {}))
    started = time.monotonic()
    http.request("GET", recorder.url + "/v3/api/games")
    # HTTP dates have whole seconds: at least one second was waited
    assert time.monotonic() - started >= 0.9
    assert len(recorder.requests) == 2


def test_retry_after_beyond_the_budget_gives_up_at_once(recorder, http):
    recorder.script(Reply(503, "busy", {"Retry-After": "60"}), Reply(200, {}))
    started = time.monotonic()
    with pytest.raises(KoreUnavailable) as caught:
        http.request("GET", recorder.url + "/v3/api/games")
    assert time.monotonic() - started < 1.0
    assert caught.value.retry_after == 60.0
    assert len(recorder.requests) == 1


def test_read_timeout_on_get_is_retried_then_unavailable(recorder):
    client = HttpClient(timeout=(1.0, 0.3), max_retries=1, backoff=0.01, budget=5.0)
    recorder.script(Reply(200, {}, action=1.0))
    with pytest.raises(KoreUnavailable) as caught:
        client.request("GET", recorder.url + "/v3/api/games")
    assert len(recorder.requests) == 2
    assert caught.value.outcome_unknown is False
    client.close()


def test_read_timeout_then_success(recorder):
    client = HttpClient(timeout=(1.0, 0.3), max_retries=2, backoff=0.01, budget=5.0)
    recorder.script(Reply(200, {}, action=1.0), Reply(200, {"games": []}))
    assert client.request("GET", recorder.url + "/v3/api/games").data == {"games": []}
    client.close()


def test_read_timeout_on_post_has_unknown_outcome(recorder):
    client = HttpClient(timeout=(1.0, 0.3), max_retries=2, backoff=0.01, budget=5.0)
    recorder.script(Reply(200, {}, action=1.0))
    with pytest.raises(KoreUnavailable) as caught:
        client.request("POST", recorder.url + "/v3/api/auth/player_credentials/token", json_body={})
    assert caught.value.outcome_unknown is True
    assert len(recorder.requests) == 1
    client.close()


def test_budget_bounds_total_time(recorder):
    client = HttpClient(timeout=(1.0, 0.4), max_retries=10, backoff=0.01, budget=1.0)
    recorder.script(Reply(200, {}, action=2.0))
    started = time.monotonic()
    with pytest.raises(KoreUnavailable):
        client.request("GET", recorder.url + "/v3/api/games")
    assert time.monotonic() - started < 1.6
    assert len(recorder.requests) < 10
    client.close()


def test_connection_reset_on_post_has_unknown_outcome(recorder, http):
    recorder.script(Reply(action="reset"))
    with pytest.raises(KoreUnavailable) as caught:
        http.request("POST", recorder.url + "/v3/api/bonuses/claim", json_body={})
    assert caught.value.outcome_unknown is True
    assert len(recorder.requests) == 1


def test_connection_reset_on_get_is_retried(recorder, http):
    recorder.script(Reply(action="reset"), Reply(200, {"fine": True}))
    assert http.request("GET", recorder.url + "/v3/api/games").data == {"fine": True}
    assert len(recorder.requests) == 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_means_nothing_was_done(http):
    url = f"http://127.0.0.1:{free_port()}/v3/api/users"
    with pytest.raises(KoreUnavailable) as caught:
        http.request("POST", url, json_body={})
    assert caught.value.outcome_unknown is False
    assert caught.value.status is None


def test_json_floats_are_decimals(recorder, http):
    recorder.script(Reply(200, b'{"decimal_amount": 0.000001, "n": 3}'))
    data = http.request("GET", recorder.url + "/x").data
    assert data["decimal_amount"] == Decimal("0.000001") and isinstance(data["decimal_amount"], Decimal)
    assert data["n"] == 3 and isinstance(data["n"], int)


def test_empty_success_body_is_none(recorder, http):
    recorder.script(Reply(200, b""))
    assert http.request("DELETE", recorder.url + "/x").data is None


@pytest.mark.parametrize("method, unknown", [("GET", False), ("POST", True)])
def test_success_that_is_not_json_is_unavailable(recorder, http, method, unknown):
    recorder.script(Reply(200, "<html>captive portal</html>"))
    with pytest.raises(KoreUnavailable) as caught:
        http.request(method, recorder.url + "/v3/api/games")
    assert caught.value.outcome_unknown is unknown
    assert len(recorder.requests) == 1


def test_plain_500_is_a_server_error(recorder, http):
    recorder.script(Reply(500, "Internal Server Error"))
    with pytest.raises(KoreServerError) as caught:
        http.request("GET", recorder.url + "/x")
    assert caught.value.code is None and caught.value.status == 500


def test_html_404_is_not_kore(recorder, http):
    recorder.script(Reply(404, "<html>nginx</html>"))
    with pytest.raises(KoreUnavailable):
        http.request("GET", recorder.url + "/x")


def test_error_header_without_body(recorder, http):
    recorder.script(Reply(400, b"", {"X-Error-Code": "missing_return_url"}))
    with pytest.raises(KoreBadRequest) as caught:
        http.request("GET", recorder.url + "/x")
    assert caught.value.code is ErrorCode.MISSING_RETURN_URL


def test_no_cookie_is_kept_between_players(recorder, http):
    recorder.script(Reply(200, {}, {"Set-Cookie": "session=player-one; Path=/"}), Reply(200, {}))
    http.request("GET", recorder.url + "/a")
    http.request("GET", recorder.url + "/b")
    assert "Cookie" not in recorder.last.headers


def test_logs_carry_no_secrets(recorder, http, caplog):
    recorder.script(Reply(401, {"error": "invalid_password", "error_description": "no", "uuid": "u-42"}))
    caplog.set_level(logging.DEBUG, logger="lobby.kore")
    with pytest.raises(KoreAuthError):
        http.request(
            "POST", recorder.url + "/v3/api/auth/player_credentials/token?secret=q",
            headers={"Authorization": "Bearer TOPSECRET"},
            json_body={"email": "bob@example.com", "password": "hunter22"},
        )
    text = caplog.text
    assert "/v3/api/auth/player_credentials/token" in text and "u-42" in text and "401" in text
    for secret in ("TOPSECRET", "hunter22", "bob@example.com", "secret=q"):
        assert secret not in text


# -- retry arithmetic, with time injected -------------------------------------------------


def test_backoff_grows_with_jitter_and_cap():
    client = HttpClient(backoff=0.25, max_backoff=2.0, jitter=lambda: 1.0)
    assert [client._delay(n, None) for n in (1, 2, 3, 4, 5)] == [0.25, 0.5, 1.0, 2.0, 2.0]
    low = HttpClient(backoff=0.25, jitter=lambda: 0.0)
    assert low._delay(1, None) == 0.125  # never less than half
    assert low._delay(1, 3.0) == 3.0  # Retry-After wins when longer
    client.close()
    low.close()


def test_retries_stop_at_budget():
    now = [0.0]
    client = HttpClient(timeout=(3.05, 10.0), max_retries=5, budget=8.0, clock=lambda: now[0])
    assert client._may_retry(1, 1.0, deadline=8.0)
    now[0] = 7.0
    assert not client._may_retry(1, 1.0, deadline=8.0)
    assert not client._may_retry(6, 0.0, deadline=100.0)  # past max_retries
    client.close()


def test_configuration_errors_are_not_retried(http):
    calls = []
    http._sleep = calls.append
    with pytest.raises(KoreUnavailable):
        http.request("GET", "http://exa mple.invalid:notaport/v3/api/games")
    assert calls == []  # no backoff sleep: it was not retried


def _proxy_environment(monkeypatch, proxy: str, no_proxy: str) -> None:
    for name in ("http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(name, proxy)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, no_proxy)


def test_environment_proxies_still_apply(recorder, monkeypatch):
    """requests no longer reads the environment on every call; the client reads it once."""
    _proxy_environment(monkeypatch, "http://127.0.0.1:9", "")  # nothing listens there
    proxied = HttpClient(timeout=(0.5, 0.5), max_retries=0)
    with pytest.raises(KoreUnavailable):
        proxied.request("GET", recorder.url + "/v3/api/currencies")
    assert recorder.requests == []
    proxied.close()

    _proxy_environment(monkeypatch, "http://127.0.0.1:9", "127.0.0.1")
    direct = HttpClient(timeout=(0.5, 0.5), max_retries=0)
    recorder.script(Reply(200, {"ok": True}))
    assert direct.request("GET", recorder.url + "/v3/api/currencies").data == {"ok": True}
    direct.close()
