"""Accounts through the lobby's pages (Flask test client, live sandbox): every sign-in
outcome and refusal, registration, SMS verification, password change and reset,
activation, migration, the account page, tracking."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests

from tests.web.conftest import DEMO_PASSWORD, csrf_from

NEW_PASSWORD = "Fresh-pass-9"


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.text).split())


def outbox(sandbox, email: str) -> list[dict[str, Any]]:
    messages = requests.get(f"{sandbox.url}/_sandbox/outbox", timeout=5).json()
    return [m for m in messages if m["email"] == email]


def control(sandbox, path: str, body: dict) -> None:
    requests.post(f"{sandbox.url}/_sandbox/{path}", json=body, timeout=5).raise_for_status()


def submit(client, url: str, data: dict[str, Any], *, page: str | None = None, **kwargs):
    """POST a form the way a browser does: with the CSRF token of the page it is on."""
    token = csrf_from(client.get(page or url).text)
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


def registration(email: str, **changes: Any) -> dict[str, Any]:
    data = {
        "email": email, "password": "Secret-pass-1", "currency": "USD", "play_mode": "Real",
        "title": "Ms.", "firstname": "Nora", "lastname": "Newman", "nickname": "",
        "birth_date": "1990-07-14", "mobile_phone": "+44 7700 900555", "home_phone": "",
        "first_line": "1 High Street", "second_line": "", "city": "Dover", "zip_code": "CT16 1AA",
        "country": "GB", "state": "Kent", "id_type": "", "id_number": "", "id_country": "",
        "fund_source": "Salary", "captcha": "",
    }
    data.update(changes)
    return data


# -- sign-in refusals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "email, password, play_mode, message, status",
    [
        ("alice@demo.kore", "wrong-pass", "Real", "do not match an account", 401),
        ("locked@demo.kore", DEMO_PASSWORD, "Real", "This account is locked", 403),
        ("review@demo.kore", DEMO_PASSWORD, "Real", "under review", 400),
        ("geoblocked@demo.kore", DEMO_PASSWORD, "Real", "not available from the country", 403),
        ("gamstop@demo.kore", DEMO_PASSWORD, "Real", "GAMSTOP", 403),
        ("practice-only@demo.kore", DEMO_PASSWORD, "Real", "play mode is not offered", 400),
    ],
)
def test_each_refusal_has_its_own_message(client, login, email, password, play_mode, message, status):
    response = login(email=email, password=password, play_mode=play_mode)
    assert response.status_code == status
    assert message in text_of(response)
    assert f'value="{email}"' in response.text and password not in response.text


def test_temporary_lock_says_when_to_try_again(client, login):
    for _ in range(3):
        login(email="bruno@demo.kore", password="wrong-pass")
    response = login(email="bruno@demo.kore")
    assert response.status_code == 429
    assert "locked for a while" in text_of(response) and "about 60 minutes" in text_of(response)


def test_password_lock_after_three_wrong_passwords(client, login):
    for _ in range(3):
        response = login(email="password-lock@demo.kore", password="wrong-pass")
    assert response.status_code == 403 and "password is locked" in text_of(response)
    assert "Forgot your password?" in response.text


def test_rate_limit_message(client, login, sandbox):
    control(sandbox, "faults", {"path": "/v3/api/auth/player_credentials/token", "kind": "error",
                                "error": "rate_limit_exceeded", "retry_after": 30, "times": 1})
    response = login()
    assert response.status_code == 429 and "Too many attempts" in text_of(response)


def test_captcha_required_then_invalid_then_accepted(client, login, sandbox):
    control(sandbox, "captcha", {"required": True})
    page = client.get("/login")
    assert 'name="captcha"' in page.text and "sandbox-captcha-ok" in page.text
    response = login()
    assert response.status_code == 401 and "confirm you are not a robot" in text_of(response)
    token = csrf_from(client.get("/login").text)
    base = {"email": "alice@demo.kore", "password": DEMO_PASSWORD, "play_mode": "Real", "csrf_token": token}
    response = client.post("/login", data={**base, "captcha": "i-am-a-bot"})
    assert response.status_code == 401 and "robot check did not pass" in text_of(response)
    response = client.post("/login", data={**base, "captcha": "sandbox-captcha-ok"})
    assert response.status_code == 303


def test_captcha_widget_and_csp_in_production(sandbox):
    from lobby import create_app
    from lobby.config import Config

    app = create_app(Config(kore_api_url=sandbox.url, secret_key="p" * 40, env="production", secure_cookies=False))
    client = app.test_client()
    plain = client.get("/login")
    assert "recaptcha" not in plain.text and "google" not in plain.headers["Content-Security-Policy"]
    control(sandbox, "captcha", {"required": True})
    page = client.get("/login")
    assert 'class="g-recaptcha" data-sitekey="6LeSandbox' in page.text
    assert 'type="hidden"' in re.search(r'<input[^>]*name="captcha"[^>]*>', page.text).group(0)
    csp = page.headers["Content-Security-Policy"]
    assert "https://www.google.com/recaptcha/" in csp and "https://www.gstatic.com/recaptcha/" in csp
    assert "sandbox-captcha-ok" not in page.text


# -- sign-in outcomes ----------------------------------------------------------------------


def test_success_signs_in_and_tells_the_app(client, login):
    response = login(follow=True)
    assert 'id="app-bridge"' in response.text and 'data-event="login"' in response.text
    assert 'data-email="alice@demo.kore"' in response.text
    assert "app-bridge.js" in response.text
    # Only once: the next page does not notify again.
    assert 'id="app-bridge"' not in client.get("/").text
    out = client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)}, follow_redirects=True)
    assert 'data-event="logout"' in out.text and "data-email" not in out.text


def test_follow_outcome_goes_to_kores_page_and_back_to_sign_in(client, login, sandbox):
    response = login(email="follow@demo.kore", next="/account")
    assert response.status_code == 303 and response.headers["Location"] == "/login/follow"
    page = client.get("/login/follow")
    location = re.search(r'<a class="button primary" href="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    assert location.startswith(sandbox.url + "/pages/account/follow")
    assert f'content="0;url={location}'.replace("&", "&amp;") in page.text
    page = requests.get(location, timeout=5)
    ref = re.search(r'name="ref" value="([^"]+)"', page.text).group(1)
    back = requests.post(location, data={"ref": ref}, allow_redirects=False, timeout=5).headers["Location"]
    assert back.startswith("http://localhost/return?next=") and "login" in back
    assert login(email="follow@demo.kore").status_code == 303


def test_activation_asks_the_password_then_signs_in(client, login):
    response = login(email="activate@demo.kore")
    assert response.headers["Location"] == "/login/activate"
    page = client.get("/login/activate")
    assert "KoreDemoSister" in page.text and 'name="password"' in page.text
    wrong = submit(client, "/login/activate", {"password": "not-it-123"})
    assert wrong.status_code == 400 and "could not be activated" in text_of(wrong)
    empty = submit(client, "/login/activate", {"password": ""})
    assert empty.status_code == 400 and "Enter the password of your existing account" in text_of(empty)
    done = submit(client, "/login/activate", {"password": DEMO_PASSWORD})
    assert done.status_code == 303 and done.headers["Location"] == "/"
    assert "active here too" in client.get("/").text


def test_activation_without_password(client, login):
    login(email="activate-nopass@demo.kore")
    page = client.get("/login/activate")
    assert 'name="password"' not in page.text
    assert submit(client, "/login/activate", {}).headers["Location"] == "/"


def test_change_password_outcome(client, login):
    response = login(email="change-password@demo.kore")
    assert response.headers["Location"] == "/password/change"
    reuse = submit(client, "/password/change", {"password": DEMO_PASSWORD, "confirm": DEMO_PASSWORD})
    assert reuse.status_code == 400 and "last three passwords" in text_of(reuse)
    mismatch = submit(client, "/password/change", {"password": NEW_PASSWORD, "confirm": "other-pass-1"})
    assert mismatch.status_code == 400 and "not the same" in text_of(mismatch)
    short = submit(client, "/password/change", {"password": "short", "confirm": "short"})
    assert short.status_code == 400 and "8 to 20 characters" in text_of(short)
    done = submit(client, "/password/change", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 303 and done.headers["Location"] == "/"
    assert "password is changed" in client.get("/").text


def test_password_change_too_soon(client, login):
    login(email="changed-recently@demo.kore")
    response = submit(client, "/password/change", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 429 and "changed very recently" in text_of(response)


def test_sms_outcome_at_sign_in(client, login, sandbox):
    response = login(email="sms-login@demo.kore", next="/account")
    assert response.headers["Location"] == "/verify"
    [sms] = outbox(sandbox, "sms-login@demo.kore")
    wrong = "000000" if sms["code"] != "000000" else "111111"
    bad = submit(client, "/verify", {"code": wrong})
    assert bad.status_code == 400 and "not right" in text_of(bad)
    short = submit(client, "/verify", {"code": "12"})
    assert short.status_code == 400 and "6 digits" in text_of(short)
    done = submit(client, "/verify", {"code": sms["code"]})
    assert done.status_code == 303 and done.headers["Location"] == "/account"


def test_sms_resend_is_queued_then_sent_with_its_time(client, login, sandbox):
    login(email="sms-login@demo.kore")
    queued = submit(client, "/verify/resend", {}, page="/verify", follow_redirects=True)
    assert "on its way" in text_of(queued)
    control(sandbox, "clock", {"advance": 31})
    sent = submit(client, "/verify/resend", {}, page="/verify", follow_redirects=True)
    assert "We sent you a new code" in text_of(sent)
    assert re.search(r"Last text message sent at \d\d:\d\d UTC", text_of(sent))
    assert len(outbox(sandbox, "sms-login@demo.kore")) == 2


def test_sms_code_expired_and_too_many(client, login, sandbox):
    login(email="sms-login@demo.kore")
    code = outbox(sandbox, "sms-login@demo.kore")[-1]["code"]
    control(sandbox, "clock", {"advance": 601})
    expired = submit(client, "/verify", {"code": code})
    assert "code has expired" in text_of(expired) and "Ask for a new one" in text_of(expired)
    for _ in range(3):
        control(sandbox, "clock", {"advance": 31})
        submit(client, "/verify/resend", {}, page="/verify")
    control(sandbox, "clock", {"advance": 31})
    limited = submit(client, "/verify/resend", {}, page="/verify", follow_redirects=True)
    assert "Too many attempts" in text_of(limited)


def test_signed_in_player_verifies_the_phone(client, login, sandbox):
    login(email="unverified@demo.kore")
    page = client.get("/account")
    assert "Verify my phone" in page.text
    verify = client.get("/verify")
    assert "not verified yet" in text_of(verify)
    nothing = submit(client, "/verify", {"code": "123456"})
    assert "no code waiting" in text_of(nothing)
    submit(client, "/verify/resend", {}, page="/verify")
    code = outbox(sandbox, "unverified@demo.kore")[-1]["code"]
    done = submit(client, "/verify", {"code": code}, follow_redirects=True)
    assert "Your phone number is verified" in text_of(done)
    status = done.text.split('data-testid="phone-status"')[1].split("</dd>")[0]
    assert "Verified" in status and "Verify my phone" not in status


def test_address_outcome(client, login):
    assert login(email="address@demo.kore").headers["Location"] == "/register/address"
    bad = submit(client, "/register/address", {"first_line": "1 Main St", "city": "Austin", "country": "US",
                                               "state": "Texas", "zip_code": "73301", "second_line": ""})
    assert bad.status_code == 400 and "state or province code" in text_of(bad)
    assert 'value="1 Main St"' in bad.text and 'value="Austin"' in bad.text
    done = submit(client, "/register/address", {"first_line": "1 Main St", "city": "Austin", "country": "US",
                                                "state": "tx", "zip_code": "73301", "second_line": ""})
    assert done.status_code == 303 and done.headers["Location"] == "/"


def test_migration_outcome(client, login):
    assert login(email="migrate@demo.kore").headers["Location"] == "/login/migrate"
    page = client.get("/login/migrate")
    assert "South African ID number" in page.text
    checksum = submit(client, "/login/migrate", {"id_number": "9007141234085", "password": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD})
    assert checksum.status_code == 400 and "typing mistake" in text_of(checksum)
    other = submit(client, "/login/migrate", {"id_number": "8801235111088", "password": NEW_PASSWORD,
                                              "confirm": NEW_PASSWORD})
    assert other.status_code == 400 and "does not match your account" in text_of(other)
    done = submit(client, "/login/migrate", {"id_number": "9007141234084", "password": NEW_PASSWORD,
                                             "confirm": NEW_PASSWORD})
    assert done.status_code == 303 and done.headers["Location"] == "/"
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    assert login(email="migrate@demo.kore", password=NEW_PASSWORD).status_code == 303


def test_migration_failed(client, login):
    login(email="migrate-failed@demo.kore")
    response = submit(client, "/login/migrate", {"id_number": "9007141234084", "password": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD})
    assert response.status_code == 502 and "Moving your account failed" in text_of(response)
    again = client.get("/login/migrate")
    assert "did not finish" in text_of(again)


def test_migration_not_available(client, login):
    login(email="migrate-taken@demo.kore")
    response = client.get("/login/migrate", follow_redirects=True)
    assert "already have an account here" in text_of(response) and 'action="/login"' in response.text


def test_steps_without_a_pending_outcome_go_to_sign_in(client):
    for url in ("/login/activate", "/login/migrate", "/password/change", "/register/address", "/verify"):
        assert client.get(url).headers["Location"].startswith("/login")


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


@pytest.mark.parametrize(
    "changes, field, message, status",
    [
        ({"email": "alice@demo.kore"}, "email", "already exists", 400),
        ({"nickname": "Lucky Alice"}, "nickname", "nickname is taken", 400),
        ({"firstname": "Darnella"}, "firstname", "real first name", 400),
        ({"lastname": "Heckler"}, "lastname", "real last name", 400),
        ({"nickname": "CrapKing"}, "nickname", "nickname is not allowed", 400),
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
    assert "75free" in fragment.text
    taken = submit(client, "/register/email", {"email": "alice@demo.kore"}, page="/register",
                   headers={"HX-Request": "true"})
    assert "already claimed" in taken.text and "75free" in taken.text


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


# -- password reset ------------------------------------------------------------------------


def test_password_reset_by_email_end_to_end(client, login, sandbox):
    page = client.get("/password/reset")
    assert "sandbox-captcha-ok" in page.text
    response = submit(client, "/password/reset", {"email": "bruno@demo.kore", "mobile_phone": "",
                                                  "birth_date": "1979-11-02", "play_mode": "Real",
                                                  "captcha": "sandbox-captcha-ok"})
    assert response.headers["Location"] == "/password/reset/code"
    code = outbox(sandbox, "bruno@demo.kore")[-1]["code"]
    wrong = "000000" if code != "000000" else "111111"
    bad = submit(client, "/password/reset/code", {"code": wrong})
    assert bad.status_code == 400 and "code is not right" in text_of(bad) and "Attempts left: 2" in text_of(bad)
    resent = submit(client, "/password/reset/resend", {}, page="/password/reset/code", follow_redirects=True)
    assert "We sent you a new code" in text_of(resent) and "(2 left)" in text_of(resent)
    code = outbox(sandbox, "bruno@demo.kore")[-1]["code"]
    ok = submit(client, "/password/reset/code", {"code": code})
    assert ok.headers["Location"] == "/password/change"
    done = submit(client, "/password/change", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.headers["Location"] == "/"
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    assert login(email="bruno@demo.kore", password=NEW_PASSWORD).status_code == 303


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "", "mobile_phone": ""}, "one of the two"),
        ({"email": "bruno@demo.kore", "mobile_phone": "+44 7700 900123"}, "one of the two"),
        ({"captcha": ""}, "complete the robot check"),
        ({"captcha": "bot"}, "robot check did not pass"),
        ({"birth_date": "1979-11-03"}, "cannot be reset online"),
    ],
)
def test_password_reset_request_errors(client, data, message):
    base = {"email": "bruno@demo.kore", "mobile_phone": "", "birth_date": "1979-11-02", "play_mode": "Real",
            "captcha": "sandbox-captcha-ok"}
    response = submit(client, "/password/reset", {**base, **data})
    assert response.status_code in (400, 401)
    assert message in text_of(response)


def test_password_reset_exhausted_and_expired(client, sandbox):
    base = {"email": "", "mobile_phone": "+44 7700 900123", "birth_date": "1990-01-01", "play_mode": "Real",
            "captcha": "sandbox-captcha-ok"}
    for _ in range(3):
        submit(client, "/password/reset", base)
    response = submit(client, "/password/reset", base)
    assert response.status_code == 429 and "this phone number" in text_of(response)
    control(sandbox, "clock", {"advance": 16 * 60})
    gone = submit(client, "/password/reset/code", {"code": "123456"}, follow_redirects=True)
    assert "has expired" in text_of(gone)


def test_password_reset_code_exhausted(client, sandbox):
    submit(client, "/password/reset", {"email": "bruno@demo.kore", "mobile_phone": "", "birth_date": "1979-11-02",
                                       "play_mode": "Real", "captcha": "sandbox-captcha-ok"})
    code = outbox(sandbox, "bruno@demo.kore")[-1]["code"]
    wrong = "000000" if code != "000000" else "111111"
    submit(client, "/password/reset/code", {"code": wrong})
    submit(client, "/password/reset/code", {"code": wrong})
    last = submit(client, "/password/reset/code", {"code": wrong}, follow_redirects=True)
    assert "Too many wrong codes" in text_of(last) and "Reset your password" in last.text


def test_password_reset_resend_exhausted(client, sandbox):
    submit(client, "/password/reset", {"email": "bruno@demo.kore", "mobile_phone": "", "birth_date": "1979-11-02",
                                       "play_mode": "Real", "captcha": "sandbox-captcha-ok"})
    for _ in range(3):
        submit(client, "/password/reset/resend", {}, page="/password/reset/code")
    last = submit(client, "/password/reset/resend", {}, page="/password/reset/code", follow_redirects=True)
    assert "No more codes can be sent" in text_of(last)


# -- account page --------------------------------------------------------------------------


def test_account_page_shows_everything(client, login):
    login()
    page = client.get("/account")
    text = text_of(page)
    for expected in ("$1,300.00", "$1,250.00", "$50.00", "Gold", "1520 points", "Lucky Alice", "alice@demo.kore",
                     "Highest win", "Spartians", "75free", "Casino news", "Deposit", "Withdraw", "Statement"):
        assert expected in text, expected
    assert 'target="_top"' in page.text and "ReturnUrl=http" in page.text
    assert 'href="/account"' in client.get("/").text  # the header's "My account"


def test_account_switches_play_mode_and_language(client, login):
    login()
    done = submit(client, "/account/switch", {"play_mode": "Practice", "locale": "en-US"}, page="/account",
                  follow_redirects=True)
    assert "practice credits" in text_of(done)
    assert "Deposit" in done.text and "Statement" not in done.text
    french = submit(client, "/account/switch", {"play_mode": "Practice", "locale": "fr-FR"}, page="/account",
                    follow_redirects=True)
    assert '<html lang="fr-FR">' in french.text


def test_account_needs_sign_in(client):
    assert client.get("/account").headers["Location"] == "/login?next=/account"


def test_session_expiry_on_the_account_page_returns_after_sign_in(client, login, sandbox):
    login()
    control(sandbox, "clock", {"advance": 1300})
    response = client.get("/account")
    assert response.status_code == 303 and response.headers["Location"] == "/login?next=/account"
    again = login(next="/account")
    assert again.headers["Location"] == "/account"


# -- tracking ------------------------------------------------------------------------------


def tracking_info(sandbox, tracking_id: str) -> dict[str, Any]:
    token = requests.post(f"{sandbox.url}/v3/api/auth/brand_credentials/token", timeout=5, json={
        "brand_id": "KoreDemo", "locale": "en-US", "secret": "sandbox-secret"}).json()["tokens"][0]["value"]
    return requests.get(f"{sandbox.url}/v3/api/tracking/{tracking_id}", timeout=5,
                        headers={"Authorization": f"Bearer {token}"}).json()


def test_landing_url_and_referrer_are_sent_with_the_sign_in(client, login, sandbox):
    client.get("/?cid=9V147K&mid=22JC0492", headers={"Referer": "https://affiliate.example.org/best.html",
                                                      "User-Agent": "TestPhone/1.0"})
    response = login()
    cookie = client.get_cookie("tracking_id")
    assert cookie is not None and response.status_code == 303
    info = tracking_info(sandbox, cookie.value)
    assert info["cid"] == "9V147K" and info["referrer_url"] == "https://affiliate.example.org/best.html"
    assert info["origin_url"].endswith("/?cid=9V147K&mid=22JC0492")


def test_tg_parameter_wins_and_the_same_id_keeps_its_expiry(client, login, sandbox):
    client.get("/?cid=ABC")
    login()
    first = client.get_cookie("tracking_id")
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    # The same id back from Kore: the cookie is not set again (its expiry stays).
    response = login()
    assert "tracking_id=" not in " ".join(response.headers.getlist("Set-Cookie"))
    assert client.get_cookie("tracking_id").value == first.value
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    client.get("/?tg=made-up-id")
    response = login()
    assert client.get_cookie("tracking_id").value != first.value  # an unknown tg → a new id


def test_no_tracking_id_back_deletes_the_cookie(client, login, sandbox):
    # An id Kore refuses (over 36 characters: non-fatal validation drops it) brings no
    # id back: the cookie goes.
    client.set_cookie("tracking_id", "x" * 40)
    response = login()
    assert response.status_code == 303
    assert client.get_cookie("tracking_id") is None


def test_visitor_with_tracking_registers_with_their_own_brand_token(client, sandbox):
    client.get("/register?cid=REG1", headers={"Referer": "https://affiliate.example.org/"})
    response = submit(client, "/register", registration("tracked+success@new.kore"))
    assert response.status_code == 303
    tracking_id = client.get_cookie("tracking_id").value
    assert tracking_info(sandbox, tracking_id)["cid"] == "REG1"
