"""Inputs that once answered 500, each answered now with a plain 4xx (live sandbox)."""

from __future__ import annotations

import pytest

from lobby import create_app
from lobby.config import Config
from lobby.core.transport import plain_ip, valid_host
from tests.web.accounts.pages import outbox, submit
from tests.web.accounts.test_tracking import tracking_info
from tests.web.conftest import DEMO_PASSWORD, csrf_from


@pytest.fixture
def proxied(sandbox):
    """The lobby behind one trusted proxy (TRUSTED_PROXIES=1)."""
    app = create_app(Config(kore_api_url=sandbox.url, secret_key="proxy-secret-" * 4, env="development",
                            trusted_proxies=1))
    app.config.update(TESTING=True)
    return app.test_client()


@pytest.mark.parametrize(
    "forwarded, seen",
    [
        ("203.0.113.7", "203.0.113.7"),
        ("203.0.113.7:51234", "203.0.113.7"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("unknown", "127.0.0.1"),  # garbage: the address of whoever connected (the proxy)
        ("_hidden", "127.0.0.1"),
        ("", "127.0.0.1"),
    ],
)
def test_forwarded_addresses_of_every_form_sign_in_and_reach_kore_plain(proxied, sandbox, forwarded, seen):
    headers = {"X-Forwarded-For": forwarded}
    proxied.get("/?cid=PROXY1", headers=headers)  # a landing Kore tracks (with the address)
    page = proxied.get("/login", headers=headers)
    assert page.status_code == 200
    response = proxied.post("/login", headers=headers, data={
        "email": "alice@demo.kore", "password": DEMO_PASSWORD, "play_mode": "Real", "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303
    assert proxied.get("/account", headers=headers).status_code == 200
    info = tracking_info(sandbox, proxied.get_cookie("tracking_id").value)
    assert info["ip"] == seen


@pytest.mark.parametrize("value, ip", [
    ("198.51.100.2:80", "198.51.100.2"), ("[::1]:8080", "::1"), (" 10.0.0.1 ", "10.0.0.1"),
    ("1.2.3", None), ("300.1.1.1", None), ("[nope]:1", None), ("", None), (None, None),
])
def test_plain_ip(value, ip):
    assert plain_ip(value) == ip


@pytest.mark.parametrize("host", ["a..b", "x" * 64 + ".example", "", "bad host", "ex\u00e4mple.com", "a.b:port",
                                  ".example.com", "-a.example"])
def test_a_host_header_that_is_no_host_name_is_a_plain_400(client, host):
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("text/plain")
    assert not valid_host(host)


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "casino.example.com", "127.0.0.1:8000",
                                  "[::1]:8000", "x" * 63 + ".example"])
def test_real_host_names_pass(client, host):
    assert valid_host(host)
    assert client.get("/healthz", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("play_mode", [" ", "\t", ""])
def test_a_blank_play_mode_on_the_account_switch_changes_nothing(client, login, play_mode):
    login()
    response = submit(client, "/account/switch", {"play_mode": play_mode}, page="/account")
    assert response.status_code == 303
    assert "Real money" in client.get("/account").text


def test_a_blank_reset_code_asks_for_the_code(client, sandbox):
    email = "bruno@demo.kore"
    started = submit(client, "/password/reset", {"email": email, "mobile_phone": "", "birth_date": "1979-11-02",
                                                 "play_mode": "Real", "captcha": "sandbox-captcha-ok"})
    assert started.status_code == 303 and outbox(sandbox, email)
    response = submit(client, "/password/reset/code", {"code": " "})
    assert response.status_code == 400
    assert "Enter the code we sent you." in response.text


@pytest.mark.parametrize("ids", ["%C2%B2", "%D9%A3", "1,%C2%B2", "%EF%BC%91"])
def test_competition_ids_in_other_digits_are_not_competitions(client, ids):
    response = client.get(f"/competitions/{ids}/leaderboard")
    assert response.status_code == 404
    assert "That is not a competition." in response.text
