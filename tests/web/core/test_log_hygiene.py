"""Drive every flow with sentinel secrets; none of them may appear in what is logged.

The lobby, its Kore client and the sandbox log through the same root handler in this
process (the lobby's redacting one), so the captured stderr is what an operator's log
collector would receive.
"""

from __future__ import annotations

import html
import logging
import re
from urllib.parse import parse_qs, urlsplit

import requests

from tests.web.accounts.pages import outbox, register, registration, submit
from tests.web.conftest import csrf_from

PASSWORD = "Sentinel-Pw-7301"
NEW_PASSWORD = "Sentinel-New-7302"
EMAIL = "sentinel.7301@new.kore"
SA_ID = "9007141234084"  # a valid South African ID number, born 1990-07-14
PHONE = "+27 82 555 7301"


def test_no_secret_or_personal_data_reaches_the_logs(client, sandbox, capsys):
    logging.getLogger().setLevel(logging.DEBUG)  # the most talkative the lobby can be
    secrets: set[str] = {PASSWORD, NEW_PASSWORD, EMAIL, SA_ID}

    # Registration with an SA ID number and a phone, then the SMS code.
    data = registration(
        EMAIL, password=PASSWORD, mobile_phone=PHONE, id_type="Id", id_number=SA_ID, id_country="ZA",
        country="ZA", state="WC", birth_date="1990-07-14", currency="ZAR",
    )
    response = register(client, data)
    assert response.status_code == 303, response.text
    code = outbox(sandbox, EMAIL)[-1]["code"]
    secrets.add(code)
    assert "Sign out" in submit(client, "/verify", {"code": code}, follow_redirects=True).text

    # Playing: the frame loads the play link (its session id lands in the sandbox's
    # access log, as a provider's would), and a launch token.
    game_page = client.get("/play/midnight-racer-video-slot").text
    play_link = html.unescape(re.search(r'<iframe[^>]*src="([^"]+)"', game_page).group(1))
    assert requests.get(play_link, timeout=5).status_code == 200
    secrets.add(parse_qs(urlsplit(play_link).query)["sessionid"][0])
    page = client.get("/play/sportsbook")
    launch = client.post("/play/sportsbook/launch-token", headers={"X-CSRFToken": csrf_from(page.text)})
    assert launch.status_code == 200
    secrets.add(launch.json["token"])
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})

    # A wrong then a right sign-in.
    login_page = client.get("/login")
    for password in ("wrong-" + PASSWORD, PASSWORD):
        client.post("/login", data={"email": EMAIL, "password": password, "play_mode": "Real",
                                    "csrf_token": csrf_from(login_page.text)})
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})

    # A password reset by email and birth date: the code, then the new password.
    submit(client, "/password/reset", {"email": EMAIL, "mobile_phone": "", "birth_date": "1990-07-14",
                                       "play_mode": "Real", "captcha": "sandbox-captcha-ok"})
    reset_code = outbox(sandbox, EMAIL)[-1]["code"]
    secrets.add(reset_code)
    assert submit(client, "/password/reset/code", {"code": reset_code}).status_code == 303
    done = submit(client, "/password/change", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 303

    # Every bearer and launch token the sandbox issued in the meantime.
    secrets.update(token.value for token in sandbox.backend.tokens.values())
    secrets.update(sandbox.backend.sessions)

    logged = capsys.readouterr().err
    assert "kore POST /v3/api/users" in logged and "/verification" in logged  # the logs did run
    leaked = sorted(secret for secret in secrets if secret and secret in logged)
    assert leaked == []
