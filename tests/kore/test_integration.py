"""The client against the Kore sandbox over real HTTP: flows, error mapping, faults.

Fault rules count attempts: a rule with ``times: n`` fails exactly the next n matching
requests, so "fails once, then succeeds" proves exactly one retry happened and "fails
twice, then succeeds" proves at least two.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from lobby.kore import (
    Currency,
    ErrorCode,
    Game,
    KoreAuthError,
    KoreClient,
    KoreRateLimited,
    KoreServerError,
    KoreUnavailable,
    Money,
    Outcome,
    PlayerTokenResponse,
    ProgressiveGame,
    User,
    format_money,
)

EMAIL = "alice@demo.kore"
PASSWORD = "Demo-pass-1"
RETURN_URL = "http://lobby.test/"


@pytest.fixture
def kore(sandbox) -> Iterator[KoreClient]:
    """A client on a freshly reset sandbox, with short timeouts and quick retries."""
    client = KoreClient(sandbox.url, "KoreDemo", return_url=RETURN_URL, timeout=(1.0, 1.0),
                        max_retries=2, backoff=0.01, budget=4.0)
    yield client
    requests.delete(f"{sandbox.url}/_sandbox/faults", timeout=5)
    client.close()


@pytest.fixture
def fault(sandbox):
    def add(**rule):
        response = requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5)
        assert response.status_code in (200, 201), response.text
        return response.json()
    return add


@pytest.fixture
def alice(kore) -> PlayerTokenResponse:
    response = kore.login(email=EMAIL, password=PASSWORD, play_mode="Real", locale="en-US",
                          client_ip="203.0.113.10")
    assert response.outcome is Outcome.SUCCESS
    return response


def test_brand_token(kore):
    brand = kore.brand_token(locale="en-US")
    assert brand.grant_type == "brand_public_credentials"
    assert brand.bearer is not None and not brand.bearer.expired()
    assert brand.bearer.value not in repr(brand)


def test_login_then_user_by_link(kore, alice):
    assert alice.grant_type == "player_credentials"
    assert {"user", "logout"} <= set(alice.links)
    user = kore.get_user(token=alice, link=alice)
    assert isinstance(user, User)
    assert user.email == EMAIL
    assert user.play_mode == "Real"
    assert isinstance(user.balance, Money) and isinstance(user.balance.amount, int)


def test_invalid_password_maps_to_auth_error(kore):
    with pytest.raises(KoreAuthError) as caught:
        kore.login(email=EMAIL, password="Wrong-pass-1", play_mode="Real", locale="en-US",
                   client_ip="203.0.113.11")
    error = caught.value
    assert error.code is ErrorCode.INVALID_PASSWORD
    assert error.status == 401
    assert not error.session_over


def test_games_for_brand_and_player(kore, alice):
    brand = kore.brand_token(locale="en-US")
    public = kore.list_games(token=brand)
    assert public and all(isinstance(g, Game) for g in public)
    assert all("_self" in g.links for g in public)
    games = kore.list_games(token=alice)
    assert any(g.play is not None for g in games)
    detailed = kore.get_game(token=alice, link=games[0])
    assert detailed.slug == games[0].slug


def test_currencies_format_the_balance(kore, alice):
    currencies = {c.currency: c for c in kore.currencies(token=alice)}
    assert currencies and all(isinstance(c, Currency) for c in currencies.values())
    user = kore.get_user(token=alice, link=alice)
    text = format_money(user.balance, currencies.get(user.balance.currency), "en-US")
    assert text and any(ch.isdigit() for ch in text)


def test_progressives(kore):
    brand = kore.brand_token(locale="en-US")
    games = kore.progressive_games(token=brand)
    assert games and all(isinstance(g, ProgressiveGame) for g in games)
    assert all(g.jackpots and g.currencies for g in games)
    currents = [j.current for j in games[0].jackpots]
    assert currents == sorted(currents, reverse=True)  # documented order


def test_mutate_switches_play_mode(kore, alice):
    practice = kore.mutate(token=alice, play_mode="Practice")
    assert practice.outcome is Outcome.SUCCESS
    assert kore.get_user(token=practice, link=practice).play_mode == "Practice"


def test_logout_then_session_expired(kore, alice):
    kore.logout(token=alice, link=alice)
    with pytest.raises(KoreAuthError) as caught:
        kore.get_user(token=alice, link=alice)
    assert caught.value.code is ErrorCode.EXPIRED_PLAYER_SESSION
    assert caught.value.session_over


def test_captcha_status(kore):
    status = kore.captcha_status()
    assert status.type in ("none", "reCAPTCHAv2")


# -- transport, against the sandbox's fault injection ------------------------------------


def test_get_retries_one_503_then_succeeds(kore, fault):
    fault(method="GET", path="/v3/api/currencies", kind="error", status=503, error=None, times=1)
    brand = kore.brand_token(locale="en-US")
    assert kore.currencies(token=brand)


def test_get_retries_two_failures_then_succeeds(kore, fault):
    fault(method="GET", path="/v3/api/games", kind="error", status=502, times=2)
    brand = kore.brand_token(locale="en-US")
    assert kore.list_games(token=brand)


def test_get_gives_up_after_max_retries(kore, fault):
    brand = kore.brand_token(locale="en-US")
    fault(method="GET", path="/v3/api/currencies", kind="error", status=503, times=3)
    with pytest.raises(KoreUnavailable):
        kore.currencies(token=brand)
    # the three failures were used up by the three attempts: the next call succeeds
    assert kore.currencies(token=brand)


def test_post_is_never_retried(kore, fault):
    fault(method="POST", path="/v3/api/auth/brand_public_credentials/token", kind="error", status=503, times=1)
    with pytest.raises(KoreUnavailable) as caught:
        kore.brand_token(locale="en-US")
    assert caught.value.outcome_unknown is False
    # one attempt only: the single failure is used up and the next call succeeds
    assert kore.brand_token(locale="en-US").bearer is not None


def test_post_429_is_not_retried(kore, fault):
    fault(method="POST", path="/v3/api/auth/brand_public_credentials/token", kind="error",
          error="rate_limit_exceeded", retry_after=2, times=1)
    # the fault fires once: had the POST been retried, the retry would have succeeded
    with pytest.raises(KoreRateLimited) as caught:
        kore.brand_token(locale="en-US")
    assert caught.value.code is ErrorCode.RATE_LIMIT_EXCEEDED
    assert caught.value.retry_after == 2.0
    assert kore.brand_token(locale="en-US").bearer is not None


def test_retry_after_is_honoured_within_budget(kore, fault):
    brand = kore.brand_token(locale="en-US")
    fault(method="GET", path="/v3/api/currencies", kind="error", status=503, retry_after=1, times=1)
    started = time.monotonic()
    assert kore.currencies(token=brand)
    assert time.monotonic() - started >= 0.95


def test_retry_after_beyond_budget_fails_fast(kore, fault):
    brand = kore.brand_token(locale="en-US")
    fault(method="GET", path="/v3/api/currencies", kind="error", status=503, retry_after=30, times=1)
    started = time.monotonic()
    with pytest.raises(KoreUnavailable) as caught:
        kore.currencies(token=brand)
    assert time.monotonic() - started < 1.0
    assert caught.value.retry_after == 30.0


def test_kore_coded_error_is_mapped(kore, fault):
    brand = kore.brand_token(locale="en-US")
    fault(method="GET", path="/v3/api/games", kind="error", error="server_error", status=500, times=1)
    with pytest.raises(KoreServerError) as caught:
        kore.list_games(token=brand)
    assert caught.value.code is ErrorCode.SERVER_ERROR


def test_read_timeout_then_success(kore, fault):
    brand = kore.brand_token(locale="en-US")
    fault(method="GET", path="/v3/api/currencies", kind="timeout", latency_ms=1500, times=1)
    started = time.monotonic()
    assert kore.currencies(token=brand)
    assert time.monotonic() - started >= 0.9  # one read timeout (1 s) was waited


def test_timeouts_end_in_unavailable(kore, fault):
    brand = kore.brand_token(locale="en-US")
    fault(method="GET", path="/v3/api/currencies", kind="timeout", latency_ms=1500, times=3)
    with pytest.raises(KoreUnavailable) as caught:
        kore.currencies(token=brand)
    assert caught.value.status is None


def test_post_timeout_has_unknown_outcome(kore, fault):
    fault(method="POST", path="/v3/api/auth/player_credentials/token", kind="timeout", latency_ms=1500, times=1)
    with pytest.raises(KoreUnavailable) as caught:
        kore.login(email=EMAIL, password=PASSWORD, play_mode="Real", locale="en-US", client_ip="203.0.113.12")
    assert caught.value.outcome_unknown is True


def test_connection_reset_on_get_is_retried(kore, fault):
    brand = kore.brand_token(locale="en-US")
    fault(method="GET", path="/v3/api/progressives/games", kind="reset", times=1)
    assert kore.progressive_games(token=brand)


def test_connection_reset_on_post_has_unknown_outcome(kore, fault):
    fault(method="POST", path="/v3/api/auth/brand_public_credentials/token", kind="reset", times=1)
    with pytest.raises(KoreUnavailable) as caught:
        kore.brand_token(locale="en-US")
    assert caught.value.outcome_unknown is True


def test_nothing_listening_is_unavailable():
    client = KoreClient("http://127.0.0.1:9", "KoreDemo", return_url=RETURN_URL, timeout=(0.5, 0.5),
                        max_retries=1, backoff=0.01, budget=2.0)
    with pytest.raises(KoreUnavailable) as caught:
        client.brand_token(locale="en-US")
    assert caught.value.outcome_unknown is False
    client.close()
