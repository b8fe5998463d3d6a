"""The Offers page (Flask test client, live sandbox): the brand's bonus codes Kore keeps
(bonuses/filter), the email check's offers, campaigns, claimed offers with dates; claims
with and without htmx, every refusal in plain words, CSRF, limits, a lost answer."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from lobby.core.messages import PLAYER_MESSAGES
from lobby.offer_details import parse as parse_offer_details
from lobby.extensions import limiter
from lobby.kore import ErrorCode
from tests.web.conftest import DEMO_PASSWORD, client_addresses, csrf_from, text_of

CODES = ("WELCOME10", "DEPOSIT100", "ONCEONLY", "VIPPASS", "STEPTWO", "OLDCODE", "ALLGONE", "NOSUCHCODE")
new_address = client_addresses("192.0")
#: The operator's words for codes without a telling shape (OFFER_DETAILS).
DETAILS = parse_offer_details(json.dumps({
    "ONCEONLY": {"name": {"en": "A $5 thank-you bonus", "de": "5 $ Dankeschön-Bonus"},
                 "text": {"en": "Once per player.", "de": "Einmal pro Spieler."}, "wagering": 30},
    "VIPPASS": {"name": "VIP bonus of $25", "expires": "2027-12-31"},
}))


@pytest.fixture
def app(sandbox, tmp_path):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                    player_state_db=tmp_path / "favourites.sqlite3", offer_bonus_codes=CODES, offer_campaigns=(1, 2),
                    offer_details=DETAILS)
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
    assert "Welcome bonus of $10.00 $10.00 in your bonus balance as soon as you claim it. Code WELCOME10" in codes
    assert "Deposit bonus of $100.00 $100.00 in your bonus balance with your next deposit. Code DEPOSIT100" in codes
    # The operator's words (OFFER_DETAILS) where the code says nothing, with the wagering and last day.
    assert "A $5 thank-you bonus Once per player. Play it through 30 times before you can withdraw it. Code ONCEONLY" in codes
    assert "VIP bonus of $25 A bonus from the casino for you" not in codes
    assert "VIP bonus of $25 Claim it by December 31, 2027. Code VIPPASS" in codes
    # A code nobody described still says what it is; never just "Bonus code".
    assert "STEPTWO A bonus from the casino for you: claim it and it goes to your bonus balance." in codes
    assert "Bonus code" not in codes
    assert "$10.00 in your bonus balance as soon as you claim it." in codes
    for gone in ("OLDCODE", "ALLGONE", "NOSUCHCODE"):
        assert gone not in codes
    # Kore's campaign list check first: campaign 2's list does not hold her, so no button
    # that could only fail (its claim is bonus_campaign_ineligible).
    assert section(page, "campaigns") == "Campaign offer 1 Claim"
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
    # The value, from Kore's bonus balance before and after the claim.
    assert "Welcome bonus of $10.00 claimed: $10.00 is in your bonus balance." in text_of(page)
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
    assert re.search(r"Campaign offer 1 claimed: (\$[\d.,]+|it) is in your bonus balance\.", text_of(page))
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


def test_the_offers_page_in_german_uses_the_operators_german_words(alice):
    page = alice.get("/account")
    alice.post("/account/switch", data={"play_mode": "Real", "locale": "de-DE", "csrf_token": csrf_from(page.text)})
    codes = section(alice.get("/offers"), "bonus-codes")
    assert "5 $ Dankeschön-Bonus Einmal pro Spieler." in codes and "thank-you" not in codes


def test_a_described_claim_says_its_value(alice):
    claim(alice, bonus_code="ONCEONLY")
    assert "A $5 thank-you bonus claimed: $5.00 is in your bonus balance." in text_of(alice.get("/offers"))


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
    if path.endswith("emailcheck"):
        # Campaigns are offered only once Kore said the player is on their lists.
        assert 'data-testid="campaigns-unchecked"' in page.text and 'data-testid="campaigns"' not in page.text


def test_campaigns_are_asked_about_with_the_players_address(alice, sandbox):
    """Each configured campaign is checked (campaign_list_check), the player's own address."""
    page = alice.get("/offers")
    assert section(page, "campaigns") == "Campaign offer 1 Claim"
    # The list check is Kore's, not the lobby's: with campaign 2 alone, nothing is offered.
    alice.application.config["LOBBY"] = replace(alice.application.config["LOBBY"], offer_campaigns=(2,))
    page = alice.get("/offers")
    assert 'data-testid="campaigns"' not in page.text and 'data-testid="campaigns-unchecked"' not in page.text


def test_without_configured_codes_the_page_says_so(sandbox, tmp_path):
    base = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                  player_state_db=tmp_path / "favourites.sqlite3")
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
