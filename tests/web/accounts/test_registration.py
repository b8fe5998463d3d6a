"""Registration through the lobby's pages (live sandbox): every registration status, field
validation and Kore's refusals on their fields, fast track, CAPTCHA, the email check."""

from __future__ import annotations

import re

import pytest

from tests.web.accounts.pages import control, outbox, registration, submit, text_of
from tests.web.conftest import csrf_from

# -- registration --------------------------------------------------------------------------


def test_register_then_sms_then_signed_in(client, sandbox):
    page = client.get("/register")
    assert 'hx-post="/register/email"' in page.text and 'hx-params="email"' in page.text
    assert '<option value="USD">' in page.text and '<option value="ZA">' in page.text
    response = submit(client, "/register", registration("nora@new.kore"))
    assert response.status_code == 303 and response.headers["Location"] == "/verify"
    code = outbox(sandbox, "nora@new.kore")[-1]["code"]
    done = submit(client, "/verify", {"code": code}, follow_redirects=True)
    assert "Sign out" in done.text and 'data-email="nora@new.kore"' in done.text


@pytest.mark.parametrize(
    "email, location",
    [
        ("a+success@new.kore", "/"),
        ("a+mobile@new.kore", "/verify"),
        ("a+address@new.kore", "/register/address"),
        ("a+review@new.kore", "/register/welcome/review"),
        ("a+verifyemail@new.kore", "/register/welcome/email"),
        ("activate@demo.kore", "/login/activate"),
    ],
)
def test_every_registration_status_leads_somewhere(client, sandbox, email, location):
    response = submit(client, "/register", registration(email))
    assert response.status_code == 303 and response.headers["Location"] == location
    page = client.get(location)
    assert page.status_code == 200


def test_registration_follow_goes_to_kore(client, sandbox):
    response = submit(client, "/register", registration("a+follow@new.kore"))
    assert response.headers["Location"] == "/login/follow"
    assert sandbox.url + "/pages/account/follow" in client.get("/login/follow").text


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"email": "not-an-email"}, "email", "does not look like an email"),
        ({"email": "zoë@new.kore"}, "email", "no accents"),
        ({"password": "short"}, "password", "8 to 20 characters"),
        ({"password": "x" * 21}, "password", "8 to 20 characters"),
        ({"firstname": ""}, "firstname", "Enter your first name"),
        ({"nickname": "Zoë the great"}, "nickname", "Up to 16 plain"),
        ({"nickname": "a" * 17}, "nickname", "Up to 16 plain"),
        ({"birth_date": "2015-01-01"}, "birth_date", "18 or older"),
        ({"mobile_phone": "07700 900555"}, "mobile_phone", "country code"),
        ({"mobile_phone": "+44 1234 5678 9012 34567"}, "mobile_phone", "country code"),
        ({"country": "US", "state": "Ontario"}, "state", "state or province code"),
        ({"country": ""}, "country", "Choose your country"),
        ({"id_type": "Id", "id_number": "9007141234085"}, "id_number", "typing mistake"),
        ({"id_type": "Id", "id_number": "8801235111088"}, "id_number", "does not match your date of birth"),
        ({"id_type": "Passport", "id_number": "L15", "id_country": "IN"}, "id_number", "6 to 13 capital"),
        ({"id_type": "Passport", "id_number": "L1558624", "id_country": ""}, "id_country", "issued the passport"),
    ],
)
def test_registration_form_says_what_to_fix_and_keeps_the_rest(client, changes, field, message):
    response = submit(client, "/register", registration(changes.pop("email", "keep@new.kore"), **changes))
    assert response.status_code == 400
    assert message in text_of(response)
    assert f'id="{field}-error"' in response.text
    assert 'value="Newman"' in response.text and 'value="Dover"' in response.text
    assert "Secret-pass-1" not in response.text


@pytest.mark.parametrize("lastname", ["Hecker", "Checkley", "Scrapton", "Cockburn"])
def test_real_surnames_are_not_taken_for_profanities(client, lastname):
    """A word filter matching inside names refused real people; whole words only."""
    email = f"{lastname.lower()}+success@new.kore"
    response = submit(client, "/register", registration(email, lastname=lastname, firstname="Darnell"))
    assert response.status_code == 303 and response.headers["Location"] == "/"


@pytest.mark.parametrize(
    "changes, field, message, status",
    [
        ({"email": "alice@demo.kore"}, "email", "already exists", 400),
        ({"nickname": "Lucky Alice"}, "nickname", "nickname is taken", 400),
        ({"firstname": "Darn"}, "firstname", "could not accept this first name", 400),
        ({"lastname": "Mary-Heck"}, "lastname", "could not accept this last name", 400),
        ({"nickname": "Crap King"}, "nickname", "nickname is not allowed", 400),
        ({"country": "ZA", "state": "GP"}, "currency", "cannot use that currency", 400),
    ],
)
def test_kore_refusals_land_on_their_field(client, changes, field, message, status):
    response = submit(client, "/register", registration(changes.pop("email", "kore@new.kore"), **changes))
    assert response.status_code == status
    assert message in text_of(response) and f'id="{field}-error"' in response.text
    assert 'value="Dover"' in response.text and 'value="Ms."' in response.text


def test_duplicate_registration_says_try_signing_in(client, sandbox):
    data = registration("a+success@dup.kore")
    token = csrf_from(client.get("/register").text)
    first = client.post("/register", data={**data, "csrf_token": token})
    assert first.status_code == 303
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    again = submit(client, "/register", data)
    assert again.status_code == 429 and "already sent a moment ago" in text_of(again)
    assert "Try signing in" in again.text


def test_registration_outcome_unknown_when_kore_does_not_answer(client, sandbox):
    control(sandbox, "faults", {"method": "POST", "path": "/v3/api/users", "kind": "reset", "times": 1})
    response = submit(client, "/register", registration("lost@new.kore"))
    assert response.status_code == 503
    assert "could not tell whether your account was created" in text_of(response)
    assert "try signing in" in text_of(response).lower()


def test_registration_with_captcha(client, sandbox):
    control(sandbox, "captcha", {"required": True})
    missing = submit(client, "/register", registration("c+success@new.kore"))
    assert missing.status_code == 401 and 'id="captcha-error"' in missing.text
    done = submit(client, "/register", registration("c+success@new.kore", captcha="sandbox-captcha-ok"))
    assert done.status_code == 303


def test_fast_track_registration(client, sandbox):
    check = submit(client, "/register/email", {"email": "x+fasttrack@new.kore"}, page="/register",
                   headers={"HX-Request": "true"})
    code = re.search(r'name="fast_track_registration_code" type="hidden" value="([^"]+)"', check.text)
    assert code and "Quick registration" in check.text
    data = registration("x+fasttrack@new.kore", firstname="", lastname="", birth_date="", country="",
                        currency="", mobile_phone="", fast_track_registration_code=code.group(1))
    response = submit(client, "/register", data)
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_invalid_fast_track_code(client, sandbox):
    data = registration("x+fasttrack@new.kore", fast_track_registration_code="ftr-made-up")
    response = submit(client, "/register", data)
    assert response.status_code == 404 and "quick registration offer has expired" in text_of(response)
    assert 'name="fast_track_registration_code" type="hidden" value=""' in response.text


@pytest.mark.parametrize(
    "email, expected",
    [
        ("free@new.kore", "This email is free"),
        ("alice@demo.kore", "already has an account"),
        ("activate@demo.kore", "Activate it here instead"),
        ("not-an-email", ""),
    ],
)
def test_email_check_fragment_and_page(client, email, expected):
    fragment = submit(client, "/register/email", {"email": email}, page="/register", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<div id="email-status"') and "<html" not in fragment.text
    assert expected in text_of(fragment)
    page = submit(client, "/register/email", registration(email), page="/register")
    assert "<html" in page.text and expected in text_of(page)
    assert 'value="Newman"' in page.text


def test_email_check_offers(client):
    fragment = submit(client, "/register/email", {"email": "free@new.kore"}, page="/register",
                      headers={"HX-Request": "true"})
    assert "75 free spins" in fragment.text  # the offer's name, not Kore's code 75free
    taken = submit(client, "/register/email", {"email": "alice@demo.kore"}, page="/register",
                   headers={"HX-Request": "true"})
    # Someone else's account: that it exists, and nothing about what it has claimed.
    assert "already has an account" in taken.text
    assert "75 free spins" not in taken.text and "75free" not in taken.text and "claimed" not in taken.text


def test_email_check_rate_limited_is_friendly(client, sandbox):
    control(sandbox, "faults", {"path": "/v3/api/users/emailcheck", "kind": "error",
                                "error": "rate_limit_exceeded", "retry_after": 10, "times": 1})
    fragment = submit(client, "/register/email", {"email": "free@new.kore"}, page="/register",
                      headers={"HX-Request": "true"})
    assert "when you send the form" in fragment.text


def test_welcome_page_and_bonus_codes_from_the_landing_url(client):
    page = client.get("/register?page_id=7&bonus_code=WELCOME&bonus_code=SPINS")
    assert 'name="page_id" type="hidden" value="7"' in page.text
    assert 'name="bonus_codes" type="hidden" value="WELCOME,SPINS"' in page.text
    bad = client.get("/register?page_id=0&bonus_code=WELCOME")
    assert 'name="page_id" type="hidden" value=""' in bad.text




def test_a_new_account_is_not_told_its_emails_bounce_nor_subscribed_without_consent(client):
    """A new, unverified account: plausible email status on the account page."""
    response = submit(client, "/register", registration("fresh+success@new.kore"))
    assert response.status_code == 303
    page = text_of(client.get("/account"))
    assert "Emails from us" in page
    assert "bounce" not in page
    assert "Casino news Not subscribed" in page and "Group news Not subscribed" in page
