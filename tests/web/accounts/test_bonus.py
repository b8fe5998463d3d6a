"""The account page's "Claim a bonus" form (Flask test client, live sandbox): the one claim
(POST /offers/claim, page=account, as the Offers page's buttons), every bonus refusal in
plain words, validation, CSRF, limits, and a lost answer that is never sent again."""

from __future__ import annotations

import re

import pytest
import requests

from lobby.core.messages import PLAYER_MESSAGES
from lobby.kore import ErrorCode
from tests.web.conftest import client_addresses, csrf_from, text_of

new_address = client_addresses("203.0")


@pytest.fixture
def alice(client, login):
    assert login().status_code == 303
    return client


def claim(client, code: str, invite: str | None = None, *, environ: dict[str, str] | None = None):
    """Submit the form from the account page, as a browser would, and follow the 303."""
    page = client.get("/account")
    data = {"bonus_code": code, "page": "account", "csrf_token": csrf_from(page.text)}
    if invite is not None:
        data["invite_code"] = invite
    response = client.post("/offers/claim", data=data, environ_base=environ or new_address())
    assert response.status_code == 303, response.status_code
    assert response.headers["Location"].endswith("/account#claim-bonus")
    return client.get("/account")


def bonus_balance(page) -> str:
    match = re.search(r"<dt>Bonus</dt><dd[^>]*>([^<]+)</dd>", page.text)
    assert match, "no bonus balance on the page"
    return match.group(1)


def test_the_form_is_on_the_account_page_with_csrf(alice):
    page = alice.get("/account")
    assert 'data-testid="bonus-form"' in page.text
    assert 'name="bonus_code"' in page.text and 'name="invite_code"' in page.text
    form = page.text.split('data-testid="bonus-form"')[1].split("</form>")[0]
    assert 'name="csrf_token"' in form
    assert "style=" not in form and "onclick" not in form


def beside_the_form(page) -> str:
    """The bonus section's confirmation (not the top of the page)."""
    section = page.text.split('aria-labelledby="claim-bonus"', 1)[1].split("</section>", 1)[0]
    found = re.search(r'data-testid="notice-bonus">([^<]+)</p>', section)
    return found.group(1) if found else ""


def test_a_claim_updates_the_bonus_balance(alice):
    assert bonus_balance(alice.get("/account")) == "$50.00"
    page = claim(alice, "WELCOME10")
    # What the claim added, from Kore's bonus balance before and after (as on the Offers page).
    assert beside_the_form(page) == "Welcome bonus of $10.00 claimed: $10.00 is in your bonus balance."
    assert 'class="flashes"' not in page.text
    assert bonus_balance(page) == "$60.00"
    claimed = page.text.split("Offers claimed</h3>", 1)[1].split("</ul>", 1)[0]
    assert "Welcome bonus of $10.00" in claimed  # among the offers claimed, by its name
    again = claim(alice, "WELCOME10")
    assert str(PLAYER_MESSAGES[ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED]) in beside_the_form(again)
    assert bonus_balance(again) == "$60.00"


def test_a_deposit_bonus_waits_for_the_deposit(alice):
    page = claim(alice, "DEPOSIT100")
    assert beside_the_form(page) == "Deposit bonus of $100.00 is yours once you make a deposit."
    assert bonus_balance(page) == "$50.00"


def test_an_invite_code_goes_with_the_bonus_code(alice):
    assert str(PLAYER_MESSAGES[ErrorCode.BONUS_REQUIRES_INVITE]) in text_of(claim(alice, "INVITEME"))
    assert str(PLAYER_MESSAGES[ErrorCode.BONUS_INVALID_INVITE]) in text_of(claim(alice, "INVITEME", "WRONG1"))
    page = claim(alice, "INVITEME", "kore42")
    assert beside_the_form(page) == "INVITEME claimed: $15.00 is in your bonus balance."
    assert bonus_balance(page) == "$65.00"


@pytest.mark.parametrize(
    ("email", "code", "error"),
    [
        ("alice@demo.kore", "NOSUCHCODE", ErrorCode.BONUS_INVALID),
        ("alice@demo.kore", "OLDCODE", ErrorCode.BONUS_EXPIRED),
        ("alice@demo.kore", "COMINGSOON", ErrorCode.BONUS_NOT_YET_VALID),
        ("alice@demo.kore", "ALLGONE", ErrorCode.BONUS_CLAIMS_EXHAUSTED),
        ("alice@demo.kore", "BUSYNOW", ErrorCode.BONUS_CLAIM_IN_PROGRESS),
        ("alice@demo.kore", "BIGDEPOSIT", ErrorCode.BONUS_DEPOSIT_UNMET),
        ("alice@demo.kore", "NOTFORYOU", ErrorCode.BONUS_USER_RESTRICTED),
        ("alice@demo.kore", "FREEBIELIMIT", ErrorCode.BONUS_LIMIT_REACHED),
        ("alice@demo.kore", "WITHDRAWN", ErrorCode.BONUS_WITHDRAWAL_MADE),
        ("alice@demo.kore", "AFFILIATE", ErrorCode.BONUS_AFFILIATE_UNMET),
        ("alice@demo.kore", "NOCAMPAIGN", ErrorCode.BONUS_CAMPAIGN_INELIGIBLE),
        ("alice@demo.kore", "STEPTWO", ErrorCode.BONUS_DEPENDENCY_UNMET),
        ("bruno@demo.kore", "VIPPASS", ErrorCode.BONUS_TAG_VIOLATION),
        ("lars@demo.kore", "FIRSTBUY", ErrorCode.BONUS_PURCHASE_REQUIRED),
    ],
)
def test_every_refusal_in_plain_words(client, login, email, code, error):
    assert login(email=email).status_code == 303
    page = claim(client, code)
    assert str(PLAYER_MESSAGES[error]) in text_of(page)
    assert "claimed:" not in text_of(page)


def test_bonus_user_claims_deposit(alice):
    claim(alice, "DEPOSIT100")
    page = claim(alice, "DEPOSIT100")
    assert str(PLAYER_MESSAGES[ErrorCode.BONUS_USER_CLAIMS_DEPOSIT]) in text_of(page)


@pytest.mark.parametrize(
    ("code", "invite", "message"),
    [
        ("", None, "Enter your bonus code."),
        ("ABCD", None, "A bonus code has 5 to 30 characters."),
        ("A" * 31, None, "A bonus code has 5 to 30 characters."),
        ("WELCOME10", "KORE4", "An invite code has exactly 6 characters."),
        ("WELCOME10", "KORE421", "An invite code has exactly 6 characters."),
    ],
)
def test_the_form_checks_the_documented_lengths(alice, code, invite, message):
    page = claim(alice, code, invite)
    assert message in text_of(page)
    assert bonus_balance(page) == "$50.00"  # nothing was claimed


def test_csrf_is_required(alice):
    assert alice.post("/offers/claim", data={"bonus_code": "WELCOME10", "page": "account"}).status_code == 400
    assert bonus_balance(alice.get("/account")) == "$50.00"


def test_signed_out_players_go_to_sign_in(client):
    token = csrf_from(client.get("/login").text)
    response = client.post("/offers/claim", data={"bonus_code": "WELCOME10", "page": "account", "csrf_token": token})
    assert response.status_code == 303
    assert "/login" in response.headers["Location"]


def test_the_old_address_keeps_the_post(alice):
    """A page from before the one claim posts to /account/bonus: on, with its body, to the claim."""
    token = csrf_from(alice.get("/account").text)
    response = alice.post("/account/bonus", data={"bonus_code": "WELCOME10", "csrf_token": token})
    assert response.status_code == 308 and response.headers["Location"] == "/offers/claim"
    assert bonus_balance(alice.get("/account")) == "$50.00"  # nothing claimed until the claim itself


def test_practice_players_are_asked_to_switch(client, login):
    assert login(play_mode="Practice").status_code == 303
    page = client.get("/account")
    assert 'data-testid="bonus-form"' not in page.text
    response = client.post("/offers/claim", data={"bonus_code": "WELCOME10", "page": "account",
                                                  "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303 and response.headers["Location"].endswith("/account#claim-bonus")
    assert "Switch to real money to claim a bonus." in beside_the_form(client.get("/account"))


def test_the_lobby_limits_claims_below_kore(alice):
    here = new_address()
    claim(alice, "NOSUCHCODE", environ=here)
    page = alice.get("/account")
    limited = alice.post("/offers/claim", data={"bonus_code": "WELCOME10", "page": "account",
                                                "csrf_token": csrf_from(page.text)}, environ_base=here)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0
    assert bonus_balance(alice.get("/account")) == "$50.00"


def test_a_lost_answer_is_not_sent_again(alice, sandbox):
    rule = {"method": "POST", "path": "/v3/api/bonuses/claim", "kind": "reset", "times": 1}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    page = claim(alice, "WELCOME10")
    text = text_of(page)
    assert "it may or may not have gone through" in text
    assert "Check your claimed offers" in text
    # The rule answered exactly one request and is used up; had the lobby sent the
    # claim again, that second request would have been claimed (balance 60.00).
    assert requests.get(f"{sandbox.url}/_sandbox/faults", timeout=5).json() == []
    assert bonus_balance(page) == "$50.00"
    # The player checks, sees it did not go through, and claims once more: it works once.
    assert "Welcome bonus of $10.00 claimed" in beside_the_form(claim(alice, "WELCOME10"))
    assert bonus_balance(alice.get("/account")) == "$60.00"


def test_a_server_error_is_an_unknown_outcome_too(alice, sandbox):
    rule = {"method": "POST", "path": "/v3/api/bonuses/claim", "kind": "error", "error": "server_error", "times": 1}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    assert "it may or may not have gone through" in text_of(claim(alice, "WELCOME10"))


def test_kore_rate_limit_is_a_plain_message(alice, sandbox):
    rule = {"method": "POST", "path": "/v3/api/bonuses/claim", "kind": "error", "error": "rate_limit_exceeded",
            "retry_after": 1, "times": 5}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    page = claim(alice, "WELCOME10")
    assert str(PLAYER_MESSAGES[ErrorCode.RATE_LIMIT_EXCEEDED]) in text_of(page)
