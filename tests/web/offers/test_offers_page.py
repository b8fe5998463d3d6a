"""The Offers page (Flask test client, live sandbox): the brand's bonus codes Kore keeps
(bonuses/filter), the email check's offers, campaigns, claimed offers with dates; claims
with and without htmx, every refusal in plain words, CSRF, limits, a lost answer."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from lobby.core.messages import PLAYER_MESSAGES
from lobby.extensions import limiter
from lobby.kore import ErrorCode
from tests.web.conftest import DEMO_PASSWORD, client_addresses, csrf_from, text_of

CODES = ("WELCOME10", "DEPOSIT100", "ONCEONLY", "VIPPASS", "STEPTWO", "OLDCODE", "ALLGONE", "NOSUCHCODE")
new_address = client_addresses("192.0")


@pytest.fixture
def app(sandbox, tmp_path):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                    favourites_db=tmp_path / "favourites.sqlite3", offer_bonus_codes=CODES, offer_campaigns=(1, 2))
    app = create_app(config)
    app.config.update(TESTING=True)
    return app


@pytest.fixture
def alice(client, login):
    assert login().status_code == 303
    return client


def section(page, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">(.*?)</ul>', page.text, re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())) if match else ""


def claim(client, *, htmx: bool = False, **data):
    page = client.get("/offers")
    return client.post("/offers/claim", data={**data, "csrf_token": csrf_from(page.text)},
                       headers={"HX-Request": "true"} if htmx else {}, environ_base=new_address())


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/offers")
    assert response.status_code == 303 and "/login?next=/offers" in response.headers["Location"]


def test_the_page_lists_what_the_player_can_claim(alice):
    page = alice.get("/offers")
    assert page.status_code == 200
    codes = section(page, "bonus-codes")
    # Kore's filter keeps the claimable ones; the names are a player's, the codes beside them.
    assert "Welcome bonus of $10.00 Code WELCOME10" in codes
    assert "Deposit bonus of $100.00 Code DEPOSIT100" in codes
    assert "ONCEONLY" in codes and "VIPPASS" in codes and "STEPTWO" in codes
    for gone in ("OLDCODE", "ALLGONE", "NOSUCHCODE"):
        assert gone not in codes
    assert section(page, "campaigns") == "Campaign offer 1 Claim Campaign offer 2 Claim"
    # The email check of her own address: the offers she has not claimed.
    assert section(page, "cash-offers") == "20 free spins 10% cashback"
    assert section(page, "claimed-offers") == "75 free spins claimed on Mar 18, 2024"


def test_another_players_bonus_codes(client, login):
    assert login(email="bruno@demo.kore").status_code == 303
    codes = section(client.get("/offers"), "bonus-codes")
    assert "Welcome bonus of €10.00" in codes and "VIPPASS" not in codes  # bruno lacks the VIP tag


def test_a_claim_works_without_javascript(alice):
    response = claim(alice, bonus_code="WELCOME10")
    assert response.status_code == 303 and response.headers["Location"] == "/offers"
    page = alice.get("/offers")
    assert "Welcome bonus of $10.00 claimed: it is in your bonus balance." in text_of(page)
    assert "WELCOME10" not in section(page, "bonus-codes")
    assert section(page, "claimed-offers").startswith("Welcome bonus of $10.00 claimed on")


def test_htmx_claims_in_place(alice):
    response = claim(alice, htmx=True, bonus_code="DEPOSIT100")
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="offers"') and "<html" not in response.text
    assert "Deposit bonus of $100.00 is yours once you make a deposit." in text_of(response)
    assert 'hx-post="/offers/claim"' in response.text and 'name="csrf_token"' in response.text


def test_a_campaign_claim(alice):
    claim(alice, campaign_id="1")
    page = alice.get("/offers")
    assert "Campaign offer 1 claimed: it is in your bonus balance." in text_of(page)
    assert "Campaign offer 1 claimed on" in section(page, "claimed-offers")


@pytest.mark.parametrize(("data", "error"), [
    ({"campaign_id": "2"}, ErrorCode.BONUS_CAMPAIGN_INELIGIBLE),
    ({"campaign_id": "3"}, ErrorCode.BONUS_INVALID),
    ({"bonus_code": "OLDCODE"}, ErrorCode.BONUS_EXPIRED),
    ({"bonus_code": "STEPTWO"}, ErrorCode.BONUS_DEPENDENCY_UNMET),
    ({"bonus_code": "NOSUCHCODE"}, ErrorCode.BONUS_INVALID),
])
def test_every_refusal_in_plain_words(alice, data, error):
    claim(alice, **data)
    text = text_of(alice.get("/offers"))
    assert str(PLAYER_MESSAGES[error]) in text and error.value not in text


def test_a_claim_again_is_refused_plainly(alice):
    claim(alice, bonus_code="ONCEONLY")
    claim(alice, bonus_code="ONCEONLY")
    assert str(PLAYER_MESSAGES[ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED]) in text_of(alice.get("/offers"))


@pytest.mark.parametrize("data", [
    {}, {"bonus_code": "WELCOME10", "campaign_id": "1"}, {"bonus_code": "abc"}, {"bonus_code": "x" * 31},
    {"campaign_id": "0"}, {"campaign_id": "one"}, {"bonus_code": "WEL COME"},
])
def test_bad_claims_say_what_is_wrong_and_claim_nothing(alice, data):
    response = claim(alice, **data)
    assert response.status_code == 303
    page = alice.get("/offers")
    assert "flash-error" in page.text
    assert "claimed:" not in text_of(page)


def test_practice_players_see_offers_without_claim_buttons(client, login):
    assert login(play_mode="Practice").status_code == 303
    page = client.get("/offers")
    assert "Switch to real money to claim one." in text_of(page)
    assert 'action="/offers/claim"' not in page.text
    claim(client, bonus_code="WELCOME10")
    assert "Switch to real money to claim a bonus." in text_of(client.get("/offers"))


def test_a_claim_needs_csrf(alice):
    assert alice.post("/offers/claim", data={"bonus_code": "WELCOME10"}).status_code == 400


def test_claims_are_rate_limited(app, alice):
    here = {"REMOTE_ADDR": "192.0.2.250"}
    token = csrf_from(alice.get("/offers").text)
    assert alice.post("/offers/claim", data={"bonus_code": "NOSUCHCODE", "csrf_token": token},
                      environ_base=here).status_code == 303
    assert alice.post("/offers/claim", data={"bonus_code": "WELCOME10", "csrf_token": token},
                      environ_base=here).status_code == 429
    with app.app_context():
        limiter.reset()


def test_a_lost_answer_is_not_sent_again(alice, sandbox):
    rule = {"method": "POST", "path": "/v3/api/bonuses/claim", "kind": "reset", "times": 1}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    claim(alice, bonus_code="WELCOME10")
    assert "it may or may not have gone through" in text_of(alice.get("/offers"))
    assert requests.get(f"{sandbox.url}/_sandbox/faults", timeout=5).json() == []


@pytest.mark.parametrize("path", ["/v3/api/bonuses/filter", "/v3/api/users/emailcheck"])
def test_a_part_kore_cannot_answer_is_left_out(alice, sandbox, path):
    rule = {"method": "POST", "path": path, "kind": "error", "status": 503, "times": 5}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    page = alice.get("/offers")
    assert page.status_code == 200
    assert "cannot be checked right now" in text_of(page)
    assert section(page, "claimed-offers")


def test_without_configured_codes_the_page_says_so(sandbox, tmp_path):
    base = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                  favourites_db=tmp_path / "favourites.sqlite3")
    app = create_app(replace(base))
    app.config.update(TESTING=True)
    client = app.test_client()
    page = client.get("/login")
    client.post("/login", data={"email": "alice@demo.kore", "password": DEMO_PASSWORD, "play_mode": "Real",
                                "csrf_token": csrf_from(page.text)})
    offers = client.get("/offers")
    assert 'data-testid="no-bonus-codes"' in offers.text and 'data-testid="campaigns"' not in offers.text


def test_the_header_shows_the_balance_as_on_every_page(alice):
    assert re.search(r'<span class="amount" sse-swap="balance"[^>]*>\s*\$1,300\.00', alice.get("/offers").text)
