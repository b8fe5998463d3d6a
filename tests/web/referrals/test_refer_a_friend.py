"""The "Refer a friend" page (Flask test client, live sandbox): the code, the share link,
both bonuses in the reader's currency, the referrer's claim with and without htmx, and
every referral refusal in plain words."""

from __future__ import annotations

import re

import pytest
import requests

from lobby.core.messages import PLAYER_MESSAGES
from lobby.extensions import limiter
from lobby.kore import ErrorCode
from tests.web.conftest import client_addresses, csrf_from, text_of

new_address = client_addresses("198.51")


def control(sandbox, body: dict) -> None:
    requests.post(f"{sandbox.url}/_sandbox/referrals", json=body, timeout=5).raise_for_status()


@pytest.fixture
def alice(client, login):
    assert login().status_code == 303
    return client


def claim(client, claim_type: str = "referrer", *, htmx: bool = False):
    page = client.get("/referrals")
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post("/referrals/claim", data={"claim_type": claim_type, "csrf_token": csrf_from(page.text)},
                       headers=headers, environ_base=new_address())


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/referrals")
    assert response.status_code == 303 and "/login?next=/referrals" in response.headers["Location"]


def test_the_page_shows_the_code_the_link_and_both_bonuses(alice):
    page = alice.get("/referrals")
    assert page.status_code == 200
    text = text_of(page)
    assert 'data-testid="referral-code">q8aaa<' in page.text
    assert 'value="http://localhost/r/q8aaa"' in page.text
    assert "they get $20.00 in bonus money, and you get $20.00" in text
    assert "2 friends have joined with your link. Your reward: $40.00." in text
    # Progressive enhancement: the buttons wait for the script, which is a file (CSP).
    assert "/static/js/share.js" in page.text and "<script>" not in page.text
    assert 'data-copy="share-url"' in page.text and 'data-share="share-url"' in page.text
    assert "onclick" not in page.text


def test_the_bonuses_are_in_the_readers_currency(client, login):
    assert login(email="bruno@demo.kore").status_code == 303
    text = text_of(client.get("/referrals"))
    assert "they get €20.00 in bonus money, and you get €20.00" in text


def test_the_link_uses_the_public_url(sandbox, tmp_path):
    from dataclasses import replace

    from lobby import create_app
    from lobby.referrals.data import share_url

    app = create_app(replace(_config(sandbox, tmp_path), public_url="https://casino.example.com"))
    with app.test_request_context("/referrals", base_url="http://casino.example.com:8080"):
        assert share_url("q8aaa") == "https://casino.example.com/r/q8aaa"


def _config(sandbox, tmp_path):
    from lobby.config import Config

    return Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                  player_state_db=tmp_path / "favourites.sqlite3")


def test_the_referrer_claims_the_rewards(alice):
    response = claim(alice)
    assert response.status_code == 303 and response.headers["Location"] == "/referrals"
    page = alice.get("/referrals")
    assert "Done: $40.00 is in your bonus balance." in text_of(page)
    assert 'data-testid="no-rewards"' in page.text
    assert "$90.00" in text_of(alice.get("/account"))  # bonus 50.00 + 40.00


def test_htmx_claims_in_place(alice):
    response = claim(alice, htmx=True)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="panel" id="referral-rewards"')
    assert "<html" not in response.text
    assert "Done: $40.00 is in your bonus balance." in text_of(response)
    assert 'data-testid="no-rewards"' in response.text


def test_nothing_to_claim_is_said_plainly(client, login):
    assert login(email="bruno@demo.kore").status_code == 303
    page = client.get("/referrals")
    assert 'data-testid="no-rewards"' in page.text and 'data-testid="claim-referrer"' not in page.text
    # A stale page's button: Kore says referral_claim_failed.
    claim(client)
    assert str(PLAYER_MESSAGES[ErrorCode.REFERRAL_CLAIM_FAILED]) in text_of(client.get("/referrals"))


def test_rewards_appear_when_the_sandbox_says_so(client, login, sandbox):
    control(sandbox, {"email": "bruno@demo.kore", "unclaimed": 3})
    assert login(email="bruno@demo.kore").status_code == 303
    assert "3 friends have joined with your link. Your reward: €60.00." in text_of(client.get("/referrals"))


def test_referrals_disabled_is_said_plainly(alice, sandbox):
    control(sandbox, {"enabled": False})
    page = alice.get("/referrals")
    assert page.status_code == 200
    assert str(PLAYER_MESSAGES[ErrorCode.REFERRAL_DISABLED]) in text_of(page)
    assert 'data-testid="share-url"' not in page.text


@pytest.mark.parametrize("error", ["referral_claim_failed", "referral_claim_exhausted", "referral_disabled",
                                   "referral_code_not_found"])
def test_every_refusal_of_a_claim_in_plain_words(alice, sandbox, error):
    rule = {"method": "POST", "path": "/v3/api/referrals/claim", "kind": "error", "error": error, "times": 1}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    claim(alice)
    text = text_of(alice.get("/referrals"))
    assert str(PLAYER_MESSAGES[ErrorCode(error)]) in text
    assert error not in text


def test_a_lost_answer_is_not_sent_again(alice, sandbox):
    rule = {"method": "POST", "path": "/v3/api/referrals/claim", "kind": "reset", "times": 1}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    claim(alice)
    assert "it may or may not have gone through" in text_of(alice.get("/referrals"))
    assert requests.get(f"{sandbox.url}/_sandbox/faults", timeout=5).json() == []


def test_a_claim_needs_csrf_and_a_claim_type(alice):
    assert alice.post("/referrals/claim", data={"claim_type": "referrer"}).status_code == 400
    page = alice.get("/referrals")
    response = alice.post("/referrals/claim", data={"claim_type": "everything", "csrf_token": csrf_from(page.text)},
                          environ_base=new_address())
    assert response.status_code == 303
    assert "Choose a reward to claim." in text_of(alice.get("/referrals"))
    assert "$40.00" in text_of(alice.get("/referrals"))  # nothing claimed


def test_claims_are_rate_limited(app, alice):
    here = {"REMOTE_ADDR": "198.51.100.200"}
    page = alice.get("/referrals")
    token = csrf_from(page.text)
    first = alice.post("/referrals/claim", data={"claim_type": "referee", "csrf_token": token}, environ_base=here)
    assert first.status_code == 303
    second = alice.post("/referrals/claim", data={"claim_type": "referrer", "csrf_token": token}, environ_base=here)
    assert second.status_code == 429
    with app.app_context():
        limiter.reset()


def test_the_account_page_and_the_menu_link_here(alice):
    account = alice.get("/account")
    assert 'href="/referrals"' in account.text and 'href="/offers"' in account.text
    menu = alice.get("/").text.split('data-testid="menu"', 1)[1]
    assert 'href="/referrals"' in menu and 'href="/offers"' in menu


def test_a_visitor_menu_has_no_player_links(client):
    assert 'href="/referrals"' not in client.get("/").text


def test_the_header_shows_the_balance_as_on_every_page(alice, sandbox):
    page = alice.get("/referrals").text
    assert re.search(r'<span class="amount" sse-swap="balance"[^>]*>\s*\$1,300\.00', page)
    # Also when Kore refuses the referral itself.
    requests.post(f"{sandbox.url}/_sandbox/referrals", json={"enabled": False}, timeout=5).raise_for_status()
    assert re.search(r'<span class="amount" sse-swap="balance"[^>]*>\s*\$1,300\.00', alice.get("/referrals").text)
