"""Password reset through the lobby's pages (live sandbox): by email end to end, refusals,
exhausted and expired codes."""

from __future__ import annotations

import pytest

from tests.web.accounts.pages import NEW_PASSWORD, control, outbox, submit, text_of
from tests.web.conftest import csrf_from

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


