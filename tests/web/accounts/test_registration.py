"""Registration through the lobby's pages (live sandbox): every registration status, field
validation and Kore's refusals on their fields, fast track, CAPTCHA, the email check."""

from __future__ import annotations

import re

import pytest

from tests.web.accounts.pages import control, outbox, register, registration, submit, text_of
from tests.web.conftest import csrf_from

# -- registration --------------------------------------------------------------------------


def test_register_in_three_steps_then_sms_then_signed_in(client, sandbox):
    first = client.get("/register")
    assert 'hx-post="/register/email"' in first.text and 'hx-params="email"' in first.text
    assert "Step 1 of 3: Your account" in text_of(first) and 'aria-current="step"' in first.text
    # The currency of the page's language (en-US) is chosen already.
    assert '<option selected value="USD">' in first.text
    data = registration("nora@new.kore")
    assert register(client, data, upto=1).headers["Location"] == "/register/about"
    second = client.get("/register/about")
    assert "Step 2 of 3: About you" in text_of(second) and "no accents, other alphabets or emoji" in text_of(second)
    assert register(client, data, upto=2).headers["Location"] == "/register/home-address"
    third = client.get("/register/home-address")
    assert "Step 3 of 3: Your address" in text_of(third) and '<option selected value="US">' in third.text
    response = register(client, data)
    assert response.status_code == 303 and response.headers["Location"] == "/verify"
    player = sandbox.backend.player_by_email("nora@new.kore")
    assert (player.profile.firstname, player.profile.lastname, player.profile.currency) == ("Nora", "Newman", "USD")
    assert player.address["city"] == "Dover" and player.address["country_code"] == "GB"
    code = outbox(sandbox, "nora@new.kore")[-1]["code"]
    done = submit(client, "/verify", {"code": code}, follow_redirects=True)
    assert "Sign out" in done.text and 'data-email="nora@new.kore"' in done.text
    # The draft went with the registration: a new registration starts empty.
    assert 'value="nora@new.kore"' not in client.get("/register").text


@pytest.mark.parametrize("lang, currency, country", [("de-DE", "EUR", "DE"), ("en-ZA", "ZAR", "ZA"),
                                                     ("sv-SE", "SEK", "SE")])
def test_currency_and_country_start_from_the_language(client, lang, currency, country):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
    page = client.get("/register")
    assert f'<option selected value="{currency}">' in page.text
    register(client, registration("lang@new.kore", currency=currency), upto=2)
    assert f'<option selected value="{country}">' in client.get("/register/home-address").text


def test_later_steps_need_the_earlier_ones(client):
    assert client.get("/register/about").headers["Location"] == "/register"
    assert client.get("/register/home-address").headers["Location"] == "/register"
    register(client, registration("order@new.kore"), upto=1)
    assert client.get("/register/home-address").headers["Location"] == "/register/about"


def test_back_keeps_what_was_typed_and_never_the_password_in_the_page(client):
    data = registration("back@new.kore", nickname="Backer")
    register(client, data, upto=2)
    back = submit(client, "/register/home-address", {"city": "Hythe", "country": "GB", "back": "1"})
    assert back.status_code == 303 and back.headers["Location"] == "/register/about"
    about = client.get("/register/about")
    assert 'value="Newman"' in about.text and 'value="Backer"' in about.text
    # Back from step 2 keeps even what does not pass yet (it is checked on Continue).
    submit(client, "/register/about", {**{k: data[k] for k in ("firstname", "lastname", "birth_date")},
                                       "nickname": "Zoë", "back": "1"})
    account = client.get("/register")
    assert 'value="back@new.kore"' in account.text and "Secret-pass-1" not in account.text
    assert "leave this empty to keep it" in text_of(account)
    # Continue without typing the password again: the one chosen is kept.
    assert submit(client, "/register", {k: data[k] for k in ("email", "currency", "play_mode")}).status_code == 303
    assert 'value="Zoë"' in client.get("/register/about").text
    assert register(client, {**data, "nickname": "Backer"}, upto=2).headers["Location"] == "/register/home-address"
    home = client.get("/register/home-address")
    assert 'value="Hythe"' in home.text


def test_a_refused_nickname_gets_a_suggestion_kore_accepts(client, sandbox):
    response = register(client, registration("zoe@new.kore", nickname="Zoë"))
    assert response.status_code == 400 and "no accents" in text_of(response)
    assert "How about Zoe?" in text_of(response)
    assert 'name="use_nickname" value="Zoe"' in response.text
    chosen = submit(client, "/register/about", {**registration("zoe@new.kore"), "nickname": "Zoë", "use_nickname": "Zoe"})
    assert chosen.headers["Location"] == "/register/home-address"
    assert register(client, registration("zoe@new.kore"), upto=1).status_code == 303
    done = submit(client, "/register/home-address", registration("zoe@new.kore"))
    assert done.status_code == 303
    assert sandbox.backend.player_by_email("zoe@new.kore").profile.nickname == "Zoe"


def test_a_greek_nickname_is_spelled_in_plain_letters(client):
    response = register(client, registration("zoi@new.kore", nickname="Ζωή"))
    assert "How about Zoi?" in text_of(response)


def test_a_taken_nickname_is_sent_back_to_step_two_with_a_numbered_suggestion(client):
    response = register(client, registration("lucky@new.kore", nickname="Lucky Alice"))
    assert response.status_code == 400 and "nickname is taken" in text_of(response)
    assert "Step 2 of 3" in text_of(response) and 'id="nickname-error"' in response.text
    suggestion = re.search(r'name="use_nickname" value="([^"]+)"', response.text).group(1)
    assert re.fullmatch(r"Lucky Alice\d{2,3}", suggestion)


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
    response = register(client, registration(email))
    assert response.status_code == 303 and response.headers["Location"] == location
    page = client.get(location)
    assert page.status_code == 200


def test_registration_follow_goes_to_kore(client, sandbox):
    response = register(client, registration("a+follow@new.kore"))
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
    response = register(client, {**registration("keep@new.kore"), **changes})
    assert response.status_code == 400
    assert message in text_of(response)
    assert f'id="{field}-error"' in response.text
    typed = changes.get(field) or ("Newman" if field != "lastname" else "Nora")
    kept = [f'value="{typed}"', 'value="Newman"', 'value="Dover"', 'value="keep@new.kore"']
    assert any(value in response.text for value in kept)
    assert "Secret-pass-1" not in response.text


@pytest.mark.parametrize("lastname", ["Hecker", "Checkley", "Scrapton", "Cockburn"])
def test_real_surnames_are_not_taken_for_profanities(client, lastname):
    """A word filter matching inside names refused real people; whole words only."""
    email = f"{lastname.lower()}+success@new.kore"
    response = register(client, registration(email, lastname=lastname, firstname="Darnell"))
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
def test_kore_refusals_land_on_their_field(client, sandbox, changes, field, message, status):
    email = changes.pop("email", "kore@new.kore")
    response = register(client, registration(email, **changes))
    assert response.status_code == status
    assert message in text_of(response) and f'id="{field}-error"' in response.text
    assert sandbox.backend.player_by_email(email) is None or email == "alice@demo.kore"
    # The step with the field, what was typed in it kept, and the other steps still there.
    step = {"email": 1, "currency": 1}.get(field, 2)
    assert f"Step {step} of 3" in text_of(response)
    assert client.get("/register/home-address").status_code == 200
    assert 'value="Dover"' in client.get("/register/home-address").text


def test_duplicate_registration_says_try_signing_in(client, sandbox):
    data = registration("a+success@dup.kore")
    assert register(client, data).status_code == 303
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    again = register(client, data)
    assert again.status_code == 429 and "already sent a moment ago" in text_of(again)
    assert "Try signing in" in again.text


def test_registration_outcome_unknown_when_kore_does_not_answer(client, sandbox):
    control(sandbox, "faults", {"method": "POST", "path": "/v3/api/users", "kind": "reset", "times": 1})
    response = register(client, registration("lost@new.kore"))
    assert response.status_code == 503
    assert "could not tell whether your account was created" in text_of(response)
    assert "try signing in" in text_of(response).lower()


def test_registration_with_captcha(client, sandbox):
    control(sandbox, "captcha", {"required": True})
    missing = register(client, registration("c+success@new.kore"))
    assert missing.status_code == 401 and 'id="captcha-error"' in missing.text
    assert "Step 3 of 3" in text_of(missing)
    done = submit(client, "/register/home-address", registration("c+success@new.kore", captcha="sandbox-captcha-ok"))
    assert done.status_code == 303


def test_fast_track_registration(client, sandbox):
    check = submit(client, "/register/email", {"email": "x+fasttrack@new.kore"}, page="/register",
                   headers={"HX-Request": "true"})
    code = re.search(r'name="fast_track_registration_code" type="hidden" value="([^"]+)"', check.text)
    assert code and "Quick registration" in check.text
    data = registration("x+fasttrack@new.kore", firstname="", lastname="", birth_date="", country="",
                        currency="", mobile_phone="", fast_track_registration_code=code.group(1))
    response = register(client, data)
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert sandbox.backend.player_by_email("x+fasttrack@new.kore") is not None


def test_invalid_fast_track_code(client, sandbox):
    data = registration("x+fasttrack@new.kore", fast_track_registration_code="ftr-made-up")
    response = register(client, data)
    assert response.status_code == 404 and "quick registration offer has expired" in text_of(response)
    assert "Step 1 of 3" in text_of(response)
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
    assert "Step 1 of 3" in text_of(page)


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


def test_welcome_page_and_bonus_codes_from_the_landing_url(app, client):
    page = client.get("/register?page_id=7&bonus_code=WELCOME&bonus_code=SPINS")
    assert 'name="page_id" type="hidden" value="7"' in page.text
    assert 'name="bonus_codes" type="hidden" value="WELCOME,SPINS"' in page.text
    # Still there after the later steps and a way back (kept with the draft).
    register(client, registration("welcome@new.kore", page_id="7", bonus_codes="WELCOME,SPINS"), upto=2)
    assert 'name="page_id" type="hidden" value="7"' in client.get("/register").text
    bad = app.test_client().get("/register?page_id=0&bonus_code=WELCOME")
    assert 'name="page_id" type="hidden" value=""' in bad.text



def test_a_new_account_is_not_told_its_emails_bounce_nor_subscribed_without_consent(client):
    """A new, unverified account: plausible email status on the account page."""
    response = register(client, registration("fresh+success@new.kore"))
    assert response.status_code == 303
    page = text_of(client.get("/account"))
    assert "Emails from us" in page
    assert "bounce" not in page
    assert "Casino news Not subscribed" in page and "Group news Not subscribed" in page
