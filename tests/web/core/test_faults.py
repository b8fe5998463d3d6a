"""The lobby when Kore is slow, failing or refusing: honest pages, last good copies, no repeats.

Every fault is injected by the live sandbox (POST /_sandbox/faults), over real HTTP.
"""

from __future__ import annotations

import re

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from lobby.core import upstream as upstream_module

PLAYER_USER = "/v3/api/users/*"


def inject(sandbox, **rule) -> None:
    requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).raise_for_status()


@pytest.fixture
def brand_data_always_refetched(monkeypatch):
    """Brand data is fetched again on every page, as it would be once its time is up."""
    monkeypatch.setattr(upstream_module, "PUBLIC_GAMES_TTL", 0)
    monkeypatch.setattr(upstream_module, "CURRENCIES_TTL", 0)


def test_games_list_outage_serves_the_last_good_copy_and_says_so(client, sandbox, brand_data_always_refetched):
    fresh = client.get("/")
    assert "may be out of date" not in fresh.text
    inject(sandbox, method="GET", path="/v3/api/games", kind="error", status=503, error=None)
    page = client.get("/")
    assert page.status_code == 200
    assert "may be out of date" in page.text
    assert page.text.count('class="tile"') == fresh.text.count('class="tile"')


def test_games_list_outage_with_nothing_cached_is_an_honest_503(client, sandbox):
    inject(sandbox, method="GET", path="/v3/api/games", kind="error", status=503, error=None)
    page = client.get("/?q=zodiac")
    assert page.status_code == 503
    assert "The casino is not answering right now" in page.text
    assert 'href="/?q=zodiac"' in page.text  # "Try again" repeats what the player asked for
    assert "Traceback" not in page.text and "503 upstream" not in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_a_transient_error_is_retried_and_the_player_sees_nothing(client, sandbox):
    inject(sandbox, method="GET", path="/v3/api/games", kind="reset", times=1)
    inject(sandbox, method="GET", path="/v3/api/games", kind="error", status=502, error=None, times=1)
    page = client.get("/")
    assert page.status_code == 200 and "may be out of date" not in page.text


def test_a_kore_server_error_shows_kore_reference(client, sandbox):
    inject(sandbox, method="GET", path="/v3/api/games", kind="error", error="server_error")
    page = client.get("/")
    assert page.status_code == 502
    reference = re.search(r"Reference: <code>([^<]+)</code>", page.text).group(1)
    assert re.fullmatch(r"[0-9a-f-]{36}", reference)  # Kore's uuid, to quote to support


def test_kore_too_slow_is_a_504_within_the_time_budget(sandbox):
    config = Config(kore_api_url=sandbox.url, secret_key="t" * 40, env="development", kore_read_timeout=0.3)
    app = create_app(config)
    client = app.test_client()
    inject(sandbox, method="GET", path="/v3/api/games", kind="timeout", latency_ms=1500)
    page = client.get("/")
    assert page.status_code == 504
    assert "did not answer in time" in page.text


@pytest.mark.parametrize(
    "fault, status, says, never",
    [
        ({"kind": "reset"}, 503, "We could not reach the casino", "in time"),
        ({"kind": "error", "status": 503, "error": None}, 503, "is not answering right now", "in time"),
        ({"kind": "error", "error": "server_error"}, 502, "had a problem with this request", "in time"),
    ],
)
def test_each_upstream_fault_is_told_as_it_happened(client, sandbox, fault, status, says, never):
    """An immediate failure is never called slowness: the page says what happened."""
    # GETs are retried on resets and 503s: the fault holds for every try.
    inject(sandbox, method="GET", path="/v3/api/games", **fault)
    page = client.get("/?q=jackpot")
    assert page.status_code == status
    assert says in page.text and never not in page.text
    assert 'href="/?q=jackpot"' in page.text  # "Try again" repeats what the player asked for


def test_rate_limited_page_says_when_to_try_again(client, sandbox):
    inject(sandbox, method="GET", path="/v3/api/games", kind="error", error="rate_limit_exceeded", retry_after=42)
    page = client.get("/")
    assert page.status_code == 429
    assert page.headers["Retry-After"] == "42"
    assert "try again in 42 seconds" in page.text


def test_a_balance_that_cannot_be_fetched_says_unavailable_never_zero(client, login, sandbox):
    login()
    assert "$1,300.00" in client.get("/").text
    inject(sandbox, method="GET", path=PLAYER_USER, kind="error", status=503, error=None)
    page = client.get("/")
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "Balance unavailable" in text
    assert "$1,300.00" not in text and "$0.00" not in text


def test_players_games_outage_falls_back_to_the_brand_list(client, login, sandbox):
    client.get("/")  # a visitor's page: the brand's list is now cached
    login()
    inject(sandbox, method="GET", path="/v3/api/games", kind="error", status=503, error=None)
    page = client.get("/")
    assert page.status_code == 200
    assert "may be out of date" in page.text
    assert "Midnight Racer" in page.text
    assert "$1,300.00" in page.text  # the balance still came through


def test_login_whose_answer_was_lost_is_not_sent_again(client, sandbox):
    from tests.web.conftest import csrf_from

    # The connection drops once; had the lobby retried, the second try would succeed.
    inject(sandbox, method="POST", path="/v3/api/auth/player_credentials/token", kind="reset", times=1)
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"email": "alice@demo.kore", "password": "Demo-pass-1", "play_mode": "Real", "csrf_token": csrf_from(page.text)},
    )
    assert response.status_code == 503
    assert "Sign out" not in client.get("/").text


def test_healthz_does_not_depend_on_kore(client, sandbox):
    inject(sandbox, method="*", path="/v3/api/*", kind="error", status=503, error=None)
    assert client.get("/healthz").json == {"status": "ok"}


def test_readyz_follows_kore(client, sandbox):
    assert client.get("/readyz").status_code == 200
    inject(sandbox, method="*", path="/v3/api/*", kind="error", status=503, error=None)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json["status"] == "unavailable"


def test_an_outage_is_asked_once_not_once_per_amount(client, login, sandbox, brand_data_always_refetched):
    login()
    client.get("/")  # currencies cached
    # A 500 (server_error) is not retried by the client: one fetch, one use of the fault.
    inject(sandbox, method="GET", path="/v3/api/currencies", kind="error", error="server_error", times=2)
    client.get("/")  # asks once, fails, serves the last good copy
    page = client.get("/")  # within the back-off: not asked again
    assert page.status_code == 200 and "$1,300.00" in page.text
    remaining = requests.get(f"{sandbox.url}/_sandbox/faults", timeout=5).json()
    assert [rule["times"] for rule in remaining] == [1]
