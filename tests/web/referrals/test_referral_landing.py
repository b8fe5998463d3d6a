"""A shared link /r/<code> (Flask test client, live sandbox): the landing in the referrer's
language, registration with the code carried through, the new player's referee claim right
after it (and after an SMS step), the referrer's reward, and every error in plain words."""

from __future__ import annotations

import re

import pytest
import requests

from lobby.core.messages import PLAYER_MESSAGES
from lobby.kore import ErrorCode
from tests.web.accounts.pages import outbox, registration, submit
from tests.web.accounts.pages import register as register_in_steps
from tests.web.conftest import text_of


def referrals(sandbox, body: dict) -> None:
    requests.post(f"{sandbox.url}/_sandbox/referrals", json=body, timeout=5).raise_for_status()


def register(client, email: str, code: str, **environ):
    """The landing's button, then the registration form as a browser sends it."""
    landing = client.get(f"/r/{code}")
    href = re.search(r'href="([^"]+)" data-testid="register-with-code"', landing.text).group(1).replace("&amp;", "&")
    form = client.get(href)
    hidden = re.search(r'name="referral_code" type="hidden" value="([^"]*)"|type="hidden" name="referral_code" value="([^"]*)"|id="referral_code" name="referral_code" type="hidden" value="([^"]*)"', form.text)
    assert hidden, "the registration form carries no referral code"
    carried = next(v for v in hidden.groups() if v is not None)
    return register_in_steps(client, registration(email, referral_code=carried), page=href,
                             **({"environ_base": environ} if environ else {}))


def test_the_landing_shows_the_friends_bonus_and_leads_to_registration(client, sandbox):
    page = client.get("/r/q8aaa")
    assert page.status_code == 200
    text = text_of(page)
    assert "A friend invited you to Kore Casino" in text
    assert 'data-testid="referee-bonus">$20.00<' in page.text
    assert 'href="/register?ref=q8aaa' in page.text
    form = client.get("/register?ref=q8aaa")
    assert 'value="q8aaa"' in form.text and 'data-testid="referral-note"' in form.text


def test_the_landing_is_in_the_referrers_language(client, sandbox):
    page = client.get("/r/q8bbb")  # bruno, fr-FR
    assert '<html lang="fr-FR">' in page.text
    assert 'href="/register?ref=q8bbb&amp;lang=fr-FR"' in page.text
    assert "20,00" in text_of(page)


def test_a_visitors_own_choice_wins(client, sandbox):
    assert '<html lang="de-DE">' in client.get("/r/q8bbb?lang=de-DE").text
    client.set_cookie("lobby_locale", "it-IT", domain="localhost")
    page = client.get("/r/q8bbb")
    assert '<html lang="it-IT">' in page.text and 'href="/register?ref=q8bbb"' in page.text


@pytest.mark.parametrize("code", ["zzzzz", "nope1", "a" * 31, "q8aaa!", "%C3%A9t%C3%A9", "..", " "])
def test_an_unknown_code_gets_an_honest_page_and_a_way_on(client, sandbox, code):
    page = client.get(f"/r/{code}")
    assert page.status_code == 404
    text = text_of(page)
    assert "This invitation does not work" in text
    assert str(PLAYER_MESSAGES[ErrorCode.REFERRAL_CODE_NOT_FOUND]) in text
    assert 'href="/register" data-testid="register-anyway"' in page.text


def test_referrals_disabled_on_the_landing(client, sandbox):
    referrals(sandbox, {"enabled": False})
    page = client.get("/r/q8aaa")
    assert page.status_code == 404
    assert str(PLAYER_MESSAGES[ErrorCode.REFERRAL_DISABLED]) in text_of(page)
    assert 'data-testid="register-anyway"' in page.text


def test_a_signed_in_player_is_told_the_link_is_for_someone_new(client, login, sandbox):
    assert login(email="bruno@demo.kore").status_code == 303
    page = client.get("/r/q8aaa")
    assert page.status_code == 200
    assert "You already have an account" in text_of(page)
    assert 'data-testid="register-with-code"' not in page.text


def test_register_with_the_code_claims_both_sides(client, login, sandbox):
    response = register(client, "nina+success@new.kore", "q8aaa")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    home = client.get("/")
    assert "Your friend's referral bonus of $20.00 is in your bonus balance." in text_of(home)
    # The referrer's side: one more referee waiting (alice starts with 2).
    client.post("/logout", data={"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', home.text).group(1)})
    assert login().status_code == 303
    assert "3 friends have joined with your link. Your reward: $60.00." in text_of(client.get("/referrals"))


def test_the_claim_waits_for_the_sms_step(client, sandbox):
    response = register(client, "nora@new.kore", "q8aaa")
    assert response.headers["Location"] == "/verify"
    code = outbox(sandbox, "nora@new.kore")[-1]["code"]
    done = submit(client, "/verify", {"code": code}, follow_redirects=True)
    assert "Your friend's referral bonus of $20.00 is in your bonus balance." in text_of(done)


def test_another_account_signing_in_does_not_claim(client, login, sandbox):
    response = register(client, "a+review@new.kore", "q8aaa")
    assert response.headers["Location"] == "/register/welcome/review"
    assert login(email="bruno@demo.kore").status_code == 303
    page = client.get("/referrals")
    assert "referral bonus of" not in text_of(page) and 'data-testid="claim-referee"' not in page.text


def test_a_code_without_referrer_is_said_after_registration(client, sandbox):
    response = register_in_steps(client, registration("nils+success@new.kore", referral_code="zzzzz"),
                                 page="/register?ref=zzzzz")
    assert response.status_code == 303
    assert str(PLAYER_MESSAGES[ErrorCode.REFERRAL_CODE_NOT_FOUND]) in text_of(client.get("/"))


def test_too_many_claims_from_one_device(app, sandbox):
    here = {"REMOTE_ADDR": "192.0.2.77"}
    for n in range(3):
        client = app.test_client()
        register(client, f"n{n}+success@new.kore", "q8ccc", **here)
        text = text_of(client.get("/", environ_base=here))
        if n < 2:
            assert "referral bonus of" in text
    assert str(PLAYER_MESSAGES[ErrorCode.REFERRAL_CLAIM_EXHAUSTED]) in text


@pytest.mark.parametrize("error", ["referral_claim_failed", "referral_disabled"])
def test_a_refused_referee_claim_in_plain_words(client, sandbox, error):
    rule = {"method": "POST", "path": "/v3/api/referrals/claim", "kind": "error", "error": error, "times": 1}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    register(client, "nell+success@new.kore", "q8aaa")
    text = text_of(client.get("/"))
    assert str(PLAYER_MESSAGES[ErrorCode(error)]) in text and error not in text


def test_an_unreachable_claim_can_be_claimed_later(client, sandbox):
    rule = {"method": "POST", "path": "/v3/api/referrals/claim", "kind": "error", "status": 503, "times": 1}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    register(client, "noel+success@new.kore", "q8aaa")
    assert "Try again from the Refer a friend page." in text_of(client.get("/"))
    page = client.get("/referrals")
    assert 'data-testid="claim-referee"' in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    done = client.post("/referrals/claim", data={"claim_type": "referee", "csrf_token": token},
                       headers={"HX-Request": "true"})
    assert "Your friend's referral bonus of $20.00 is in your bonus balance." in text_of(done)
    assert 'data-testid="claim-referee"' not in done.text
