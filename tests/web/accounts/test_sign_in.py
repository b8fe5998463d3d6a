"""Sign-in through the lobby's pages (Flask test client, live sandbox): every refusal with its
own message, CAPTCHA, and every outcome of Kore's Player Token Response (follow, activation,
password change, SMS, address, migration)."""

from __future__ import annotations

import re

import pytest
import requests

from tests.web.accounts.pages import NEW_PASSWORD, control, outbox, submit, text_of
from tests.web.conftest import DEMO_PASSWORD, csrf_from

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
    assert re.search(r"Last text message sent at \d{1,2}:\d\d\s?[AP]M UTC", text_of(sent))  # en-US: 4:22 PM
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




def test_a_session_outlasts_thousands_of_other_records_without_redis(app, client, login):
    """One process without Redis keeps every session's record in its own memory: the cache
    never drops a signed-in player to make room for others' (the default held 500)."""
    from lobby.extensions import cache

    login()
    assert "Sign out" in client.get("/").text
    with app.app_context():
        for n in range(5_000):  # what thousands of other players' sign-ins and pages keep
            cache.set(f"lobby:live-session:other-{n}", 1, timeout=7 * 86400)
    page = client.get("/")
    assert "Sign out" in page.text and "Your session has ended" not in page.text
