"""Authentication: brand, player and privileged tokens; sessions; locks and limits."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sandbox_helpers import RETURN_URL, Kore, Player, assert_error

BRAND = "auth/brand_public_credentials/token"
LOGIN = "auth/player_credentials/token"
MUTATE = "auth/player_credentials/token/mutate"
LOGOUT = "auth/player_credentials"


def test_brand_token_response(kore: Kore) -> None:
    response = kore.post(BRAND, json={"brand_id": "KoreDemo", "locale": "fr-FR"})
    assert response.status_code == 200
    body = response.json()
    assert body["grant_type"] == "brand_public_credentials"
    assert body["locale"] == "fr-FR"
    [token] = body["tokens"]
    assert token["type"] == "Bearer"
    expiration = datetime.strptime(token["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert timedelta(hours=23, minutes=59) < expiration - datetime.now(timezone.utc) <= timedelta(hours=24)
    assert "tracking_id" not in body and "errors" not in body


@pytest.mark.parametrize(
    ("body", "properties"),
    [
        ({"locale": "en-US"}, ["brand_id"]),
        ({"brand_id": "OtherBrand", "locale": "en-US"}, ["brand_id"]),
        ({"brand_id": "KoreDemo"}, ["locale"]),
        ({"brand_id": "KoreDemo", "locale": "en-GB"}, ["locale"]),
        ({"brand_id": "KoreDemo", "locale": 7}, ["locale"]),
        ({}, ["brand_id", "locale"]),
    ],
)
def test_brand_token_validation(kore: Kore, body: dict, properties: list[str]) -> None:
    response = kore.post(BRAND, json=body)
    assert assert_error(response, "invalid_request", 400)["properties"] == properties


def test_login_success_outcome(kore: Kore) -> None:
    body = kore.login("bruno@demo.kore", "Practice").login
    assert body["grant_type"] == "player_credentials"
    assert body["locale"] == "en-US"
    assert body["tokens"][0]["type"] == "Bearer"
    assert body["_links"]["user"]["method"] == "GET"
    assert body["_links"]["user"]["href"].startswith(f"{kore.url}/v3/api/users/")
    assert body["_links"]["logout"] == {"href": f"{kore.url}/v3/api/auth/player_credentials", "method": "DELETE"}
    assert "tracking_id" not in body and "errors" not in body


def test_login_email_is_case_insensitive(kore: Kore) -> None:
    kore.login("Alice@Demo.KORE")


LOGIN_BASE = {"brand_id": "KoreDemo", "locale": "en-US", "email": "alice@demo.kore",
              "password": "Demo-pass-1", "play_mode": "Real"}


@pytest.mark.parametrize(
    ("change", "properties"),
    [
        ({"email": None}, ["email"]),
        ({"password": None}, ["password"]),
        ({"play_mode": "Fun"}, ["play_mode"]),
        ({"play_mode": None}, ["play_mode"]),
        ({"locale": "xx-XX"}, ["locale"]),
        ({"email": "a" * 250 + "@x.io"}, ["email"]),
        ({"email": 42, "password": ["x"]}, ["email", "password"]),
        ({"captcha": "token"}, ["captcha"]),
        ({"captcha": {"type": "hCaptcha", "token": "t"}}, ["captcha.type"]),
        ({"captcha": {"type": "reCAPTCHAv2"}}, ["captcha.token"]),
    ],
)
def test_login_validation(kore: Kore, change: dict, properties: list[str]) -> None:
    body = {k: v for k, v in (LOGIN_BASE | change).items() if v is not None}
    response = kore.post(LOGIN, json=body)
    assert assert_error(response, "invalid_request", 400)["properties"] == properties


@pytest.mark.parametrize("device_id", ["x" * 21, 12345, ""])
def test_invalid_device_id_is_non_fatal(kore: Kore, device_id: object) -> None:
    body = kore.login(body={"device_id": device_id}).login
    [error] = body["errors"]
    assert error["error"] == "invalid_request"
    assert error["properties"] == ["device_id"]
    assert error["uuid"]


def test_valid_device_id_is_accepted(kore: Kore) -> None:
    assert "errors" not in kore.login(body={"device_id": "W4TifY3XvBP2ZftnrKZo"}).login


@pytest.mark.parametrize("email", ["alice@demo.kore", "nobody@demo.kore"])
def test_wrong_credentials_are_invalid_password(kore: Kore, email: str) -> None:
    assert_error(kore.login_response(email, password="wrong"), "invalid_password", 401)


def test_three_wrong_passwords_lock_the_account_for_an_hour(kore: Kore) -> None:
    for _ in range(3):
        assert_error(kore.login_response(password="wrong"), "invalid_password", 401)
    response = kore.login_response()  # the right password, now refused
    assert_error(response, "account_temporarily_locked", 429)
    assert int(response.headers["Retry-After"]) > 3500
    kore.login("bruno@demo.kore")  # other players are not affected
    kore.advance(3601)
    kore.login()


def test_a_success_resets_the_wrong_password_count(kore: Kore) -> None:
    for _ in range(2):
        kore.login_response(password="wrong")
    kore.login()
    for _ in range(2):
        kore.login_response(password="wrong")
    kore.login()


def test_wrong_passwords_spread_over_more_than_an_hour_do_not_lock(kore: Kore) -> None:
    kore.login_response(password="wrong")
    kore.login_response(password="wrong")
    kore.advance(3601)
    kore.login_response(password="wrong")
    kore.login()


def test_login_rate_limit_per_client_ip(kore: Kore) -> None:
    player_ip = {"X-Forwarded-For": "203.0.113.7, 10.0.0.1"}
    for _ in range(20):
        assert kore.login_response(password="nope", email="nobody@demo.kore", headers=player_ip).status_code == 401
    response = kore.login_response(headers=player_ip)
    assert_error(response, "rate_limit_exceeded", 429)
    assert 0 < int(response.headers["Retry-After"]) <= 60
    # Another player behind the same lobby is counted separately.
    assert kore.login_response(headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    kore.advance(61)
    assert kore.login_response(headers=player_ip).status_code == 200


def test_rate_limit_ten_minute_window(kore: Kore) -> None:
    headers = {"X-Forwarded-For": "203.0.113.9"}
    for _ in range(5):
        for _ in range(20):
            kore.login_response(email="nobody@demo.kore", headers=headers)
        kore.advance(61)
    response = kore.login_response(headers=headers)
    assert_error(response, "rate_limit_exceeded", 429)
    assert 60 < int(response.headers["Retry-After"]) <= 600


def test_captcha_status_both_spellings(kore: Kore) -> None:
    body = kore.get(LOGOUT, return_url=None).json()
    assert body["recaptcha"] == {"type": "none"}
    assert body["captcha"] == {"type": "none"} == body["catpcha"]
    kore.control("POST", "captcha", {"required": True})
    body = kore.get(LOGOUT, return_url=None).json()
    assert body["recaptcha"]["type"] == "reCAPTCHAv2" and body["recaptcha"]["siteKey"]
    assert body["captcha"]["site_key"] == body["recaptcha"]["siteKey"] == body["catpcha"]["site_key"]


def test_captcha_required_and_invalid(kore: Kore) -> None:
    kore.control("POST", "captcha", {"required": True})
    assert_error(kore.login_response(), "captcha_required", 401)
    bad = {"captcha": {"type": "reCAPTCHAv2", "token": "03AGdB-nope"}}
    assert_error(kore.login_response(body=bad), "captcha_invalid", 401)
    good = {"captcha": {"type": "reCAPTCHAv2", "token": "sandbox-captcha-ok"}}
    kore.login(body=good)


def test_user_request_with_token_past_expiration(kore: Kore, alice: Player) -> None:
    brand = kore.brand_token()
    kore.advance(24 * 3600 + 1)
    assert_error(kore.get("games", token=brand), "expired_token", 401)
    assert_error(kore.get(alice.user_url, token=alice.token), "expired_token", 401)


def test_idle_session_expires(kore: Kore, alice: Player) -> None:
    kore.advance(1000)
    assert kore.get(alice.user_url, token=alice.token).status_code == 200  # touches the session
    kore.advance(1000)
    assert kore.get("games", token=alice.token).status_code == 200
    kore.advance(1201)
    assert_error(kore.get(alice.user_url, token=alice.token), "expired_player_session", 401)
    assert_error(kore.get("games", token=alice.token), "expired_player_session", 401)


def test_single_sign_on_ends_the_previous_session(kore: Kore) -> None:
    first = kore.login("alice@demo.kore")
    other = kore.login("bruno@demo.kore")
    second = kore.login("alice@demo.kore", "Practice")
    assert_error(kore.get(first.user_url, token=first.token), "expired_player_session", 401)
    assert kore.get(second.user_url, token=second.token).status_code == 200
    assert kore.get(other.user_url, token=other.token).status_code == 200


def test_logout(kore: Kore, alice: Player) -> None:
    response = kore.delete(LOGOUT, token=alice.token)
    assert response.status_code == 200
    assert_error(kore.get(alice.user_url, token=alice.token), "expired_player_session", 401)
    assert_error(kore.delete(LOGOUT, token=alice.token), "expired_player_session", 401)


def test_logout_with_brand_token_is_denied(kore: Kore, brand_token: str) -> None:
    assert_error(kore.delete(LOGOUT, token=brand_token), "access_denied", 403)


def test_mutate_switches_play_mode_and_supersedes_old_token(kore: Kore, alice: Player) -> None:
    response = kore.post(MUTATE, token=alice.token, json={"play_mode": "Practice", "locale": "sv-SE"})
    assert response.status_code == 200
    body = response.json()
    assert body["grant_type"] == "player_credentials"
    assert body["locale"] == "sv-SE"
    assert body["_links"]["user"]["href"] == alice.user_url
    new = body["tokens"][0]["value"]
    user = kore.get(alice.user_url, token=new).json()
    assert user["play_mode"] == "Practice" and user["locale"] == "sv-SE"
    assert user["balance"]["currency"] == "XXX"
    assert_error(kore.get(alice.user_url, token=alice.token), "invalid_credentials", 401)


def test_mutate_keeps_the_session(kore: Kore, alice: Player) -> None:
    new = kore.post(MUTATE, token=alice.token, json={"locale": "de-DE"}).json()["tokens"][0]["value"]
    assert kore.delete(LOGOUT, token=new).status_code == 200
    assert_error(kore.get(alice.user_url, token=new), "expired_player_session", 401)


@pytest.mark.parametrize(
    ("body", "properties"),
    [
        ({}, ["play_mode", "locale"]),
        ({"play_mode": "Demo"}, ["play_mode"]),
        ({"locale": "en"}, ["locale"]),
    ],
)
def test_mutate_validation(kore: Kore, alice: Player, body: dict, properties: list[str]) -> None:
    response = kore.post(MUTATE, token=alice.token, json=body)
    assert assert_error(response, "invalid_request", 400)["properties"] == properties


def test_mutate_needs_a_player_token(kore: Kore, brand_token: str) -> None:
    assert_error(kore.post(MUTATE, token=brand_token, json={"locale": "en-US"}), "access_denied", 403)


PRIVILEGED = {"brand_id": "KoreDemo", "locale": "en-US", "secret": "sandbox-secret"}


@pytest.mark.parametrize(
    "grant_type", ["brand_credentials", "restricted_activity_subscriber", "tracking", "leaderboard", "leaderboad"]
)
@pytest.mark.parametrize("suffix", ["token", "token/mutate"])
def test_privileged_tokens(kore: Kore, grant_type: str, suffix: str) -> None:
    response = kore.post(f"auth/{grant_type}/{suffix}", json=PRIVILEGED, return_url=None)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["grant_type"] == grant_type
    assert body["tokens"][0]["type"] == "Bearer"


def test_privileged_wrong_secret(kore: Kore) -> None:
    response = kore.post("auth/brand_credentials/token", json=PRIVILEGED | {"secret": "guess"})
    assert_error(response, "invalid_credentials", 401)


@pytest.mark.parametrize("grant_type", ["restricted_activity_secret", "offline_signon_x", "player_credentials_x"])
def test_unsupported_grant_type(kore: Kore, grant_type: str) -> None:
    assert_error(kore.post(f"auth/{grant_type}/token", json=PRIVILEGED), "unsupported_grant_type", 400)


def test_tracking_grant_refused_to_browsers(kore: Kore) -> None:
    response = kore.post("auth/tracking/token", json=PRIVILEGED, headers={"Origin": "https://lobby.example.com"})
    assert_error(response, "server_only_credentials", 401)
    response = kore.post("auth/brand_credentials/token", json=PRIVILEGED, headers={"Origin": RETURN_URL})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "properties"),
    [({"brand_id": "KoreDemo", "locale": "en-US"}, ["secret"]), ({"secret": "x"}, ["brand_id", "locale"])],
)
def test_privileged_validation(kore: Kore, body: dict, properties: list[str]) -> None:
    response = kore.post("auth/brand_credentials/token", json=body)
    assert assert_error(response, "invalid_request", 400)["properties"] == properties
