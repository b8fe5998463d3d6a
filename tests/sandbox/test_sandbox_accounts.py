"""The sandbox's account life cycle: every sign-in outcome and error, registration,
SMS verification, password change and resets, activation, ZAR migration."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_helpers import PASSWORD, RETURN_URL, Kore, assert_error

NEW_PASSWORD = "Fresh-pass-9"


def reg_body(email: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "user_type": "player",
        "email": email,
        "password": "Secret-pass-1",
        "play_mode": "Real",
        "currency": "USD",
        "player_info": {
            "firstname": "Nora",
            "lastname": "Newman",
            "birth_date": "1990-07-14",
            "mobile_phone": "+44 7700 900555",
            "address": {"country_code": "GB", "state_text": "Kent", "city": "Dover"},
        },
    }
    body.update(changes)
    return body


def register(kore: Kore, token: str, body: dict[str, Any]):
    return kore.post("users", token=token, json=body)


def outbox(kore: Kore, email: str) -> list[dict[str, Any]]:
    return [m for m in kore.control("GET", "outbox").json() if m["email"] == email]


def last_code(kore: Kore, email: str) -> str:
    return outbox(kore, email)[-1]["code"]


def bearer(auth: dict[str, Any]) -> str:
    return auth["tokens"][0]["value"]


# -- sign-in outcomes -------------------------------------------------------------------


@pytest.mark.parametrize(
    "email, code, status",
    [
        ("locked@demo.kore", "account_locked", 403),
        ("review@demo.kore", "account_review", 400),
        ("geoblocked@demo.kore", "geoblocked", 403),
        ("gamstop@demo.kore", "blocked_gamstop", 403),
        ("practice-only@demo.kore", "unsupported_play_mode", 400),
    ],
)
def test_account_refusals_after_the_right_password(kore: Kore, email, code, status):
    assert_error(kore.login_response(email, "Real"), code, status)
    # A wrong password is still just a wrong password.
    assert_error(kore.login_response(email, "Real", password="nope-nope"), "invalid_password", 401)


def test_practice_only_player_signs_in_for_practice(kore: Kore):
    assert kore.login("practice-only@demo.kore", "Practice").login["grant_type"] == "player_credentials"


def test_password_lock_after_three_wrong_passwords_until_reset(kore: Kore, brand_token):
    for _ in range(2):
        assert_error(kore.login_response("password-lock@demo.kore", password="wrong-one"), "invalid_password", 401)
    assert_error(kore.login_response("password-lock@demo.kore", password="wrong-one"), "account_password_locked", 403)
    # Even the right password: the password stays locked, not for an hour but until reset.
    assert_error(kore.login_response("password-lock@demo.kore"), "account_password_locked", 403)
    kore.advance(7200)
    assert_error(kore.login_response("password-lock@demo.kore"), "account_password_locked", 403)
    reset = kore.post("users/password_resets", token=brand_token, json={
        "captcha": {"type": "reCAPTCHAv2", "token": "sandbox-captcha-ok"},
        "email": "password-lock@demo.kore", "birth_date": "1990-01-01",
    }).json()
    entered = kore.request("PATCH", reset["_links"]["enter_password_reset_code"]["href"], token=brand_token,
                           json={"code": last_code(kore, "password-lock@demo.kore"), "play_mode": "Real"})
    auth = entered.json()["auth"]
    assert auth["_links"]["change_password"]["method"] == "PATCH"
    changed = kore.request("PATCH", auth["_links"]["change_password"]["href"], token=bearer(auth),
                           json={"password": NEW_PASSWORD})
    assert changed.json()["auth"]["grant_type"] == "player_credentials"
    assert kore.login("password-lock@demo.kore", password=NEW_PASSWORD).token


def test_follow_outcome_then_the_page_then_success(kore: Kore):
    data = kore.login_response("follow@demo.kore").json()
    assert set(data) == {"_actions"}
    href = data["_actions"]["follow"]["href"]
    page = kore.request("GET", href, return_url=None)
    assert page.status_code == 200 and "Confirm my account" in page.text
    ref = href.split("ref=")[1].split("&")[0]
    done = kore.request("POST", href, return_url=None, data={"ref": ref}, allow_redirects=False)
    assert done.status_code == 303 and done.headers["Location"] == RETURN_URL
    assert kore.login("follow@demo.kore").login["grant_type"] == "player_credentials"


@pytest.mark.parametrize("email, needs_password", [("activate@demo.kore", True), ("activate-nopass@demo.kore", False)])
def test_activation_outcome_and_activate(kore: Kore, email, needs_password):
    data = kore.login_response(email).json()
    activation = data["activation"]
    assert activation["password_required"] is needs_password
    assert activation["brands"] == ["KoreDemoSister"] and activation["reset_password"]["href"]
    assert "follow" in data["_actions"]
    body = {"brand_id": "KoreDemo", "locale": "en-US", "code": activation["code"], "play_mode": "Real"}
    if needs_password:
        assert_error(kore.post("auth/player_credentials/activate", json=body), "invalid_request", 400)
        assert_error(kore.post("auth/player_credentials/activate", json=body | {"password": "wrong-pw-1"}),
                     "activation_failed", 400)
        body["password"] = PASSWORD
    done = kore.post("auth/player_credentials/token/activate", json=body)
    assert done.status_code == 200 and done.json()["grant_type"] == "player_credentials"
    assert_error(kore.post("auth/player_credentials/activate", json=body), "activation_failed", 400)
    assert kore.login(email).login["grant_type"] == "player_credentials"


def test_activation_code_expires(kore: Kore):
    code = kore.login_response("activate@demo.kore").json()["activation"]["code"]
    kore.advance(31 * 60)
    body = {"brand_id": "KoreDemo", "locale": "en-US", "code": code, "play_mode": "Real", "password": PASSWORD}
    assert_error(kore.post("auth/player_credentials/activate", json=body), "invalid_activation_code", 404)


def test_change_password_outcome_history_and_success(kore: Kore):
    data = kore.login_response("change-password@demo.kore").json()
    assert data["grant_type"] == "player_change_password" and data["email"] == "change-password@demo.kore"
    link = data["_links"]["change_password"]
    assert link["method"] == "PUT"
    put = lambda pw: kore.request("PUT", link["href"], token=bearer(data), json={"password": pw})  # noqa: E731
    assert_error(put(PASSWORD), "password_reuse_forbidden", 400)
    assert_error(put("short"), "invalid_request", 400)
    done = put(NEW_PASSWORD)
    assert done.json()["password_change_status"] == "Success"
    assert done.json()["auth"]["grant_type"] == "player_credentials"
    # The step token is used up; the new password signs in without the outcome.
    assert_error(put("Another-pass-2"), "invalid_credentials", 401)
    assert kore.login("change-password@demo.kore", password=NEW_PASSWORD).token


def test_password_change_too_soon(kore: Kore):
    data = kore.login_response("changed-recently@demo.kore").json()
    put = lambda: kore.request("PUT", data["_links"]["change_password"]["href"], token=bearer(data),  # noqa: E731
                               json={"password": NEW_PASSWORD})
    assert_error(put(), "password_change_too_soon", 429)
    kore.advance(601)
    assert put().status_code == 200


def test_sms_outcome_code_from_the_outbox_signs_in(kore: Kore):
    data = kore.login_response("sms-login@demo.kore").json()
    assert data["grant_type"] == "player_verification_credentials"
    assert data["registration_status"] == "HardSmsVerificationRequired"
    [sms] = outbox(kore, "sms-login@demo.kore")
    assert sms["phone"] == "+27 82 555 0101" and len(sms["code"]) == 6 and sms["time"]
    verify = data["_links"]["verification"]["href"]
    wrong = "000000" if sms["code"] != "000000" else "111111"
    assert_error(kore.post(verify, token=bearer(data), json={"mode": "mobile_phone", "code": wrong}),
                 "invalid_sms_code", 400)
    # 3.35: invalid_sms_code_length is gone, "You should get a invalid_request error instead".
    refused = assert_error(kore.post(verify, token=bearer(data), json={"mode": "mobile_phone", "code": "123"}),
                           "invalid_request", 400)
    assert refused["properties"] == ["code"]
    done = kore.post(verify, token=bearer(data), json={"mode": "mobile_phone", "code": sms["code"]}).json()
    assert done["mobile_phone"] == "Verified" and done["auth"]["grant_type"] == "player_credentials"
    assert kore.login("sms-login@demo.kore").token


def test_sms_resend_queue_limits_and_expiry(kore: Kore):
    data = kore.login_response("sms-login@demo.kore").json()
    retry = data["_links"]["verification_retry"]["href"]
    verify = data["_links"]["verification"]["href"]
    token = bearer(data)
    assert_error(kore.post(retry, token=token, json={"mode": "mobile_phone"}), "queued_awaiting_sms_send", 400)
    for _ in range(3):
        kore.advance(31)
        answer = kore.post(retry, token=token, json={"mode": "mobile_phone"}).json()
        assert answer["mobile_phone"] == "AwaitingCode" and answer["last_sms_send_date"]
    kore.advance(31)
    assert_error(kore.post(retry, token=token, json={"mode": "mobile_phone"}), "too_many_verification_retries", 400)
    code = last_code(kore, "sms-login@demo.kore")
    kore.advance(600)
    assert_error(kore.post(verify, token=token, json={"mode": "mobile_phone", "code": code}),
                 "verification_code_expired", 400)


def test_sms_wrong_codes_are_limited(kore: Kore):
    data = kore.login_response("sms-login@demo.kore").json()
    verify = data["_links"]["verification"]["href"]
    code = last_code(kore, "sms-login@demo.kore")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        kore.post(verify, token=bearer(data), json={"mode": "mobile_phone", "code": wrong})
    assert_error(kore.post(verify, token=bearer(data), json={"mode": "mobile_phone", "code": code}),
                 "too_many_verification_retries", 400)


def test_signed_in_player_verifies_an_unverified_phone(kore: Kore):
    player = kore.login("unverified@demo.kore")
    user = kore.get(player.user_url, token=player.token).json()
    assert user["verification_status"]["mobile_phone"] == "Unverified"
    verify, retry = user["_links"]["verification"]["href"], user["_links"]["verification_retry"]["href"]
    assert_error(kore.post(verify, token=player.token, json={"mode": "mobile_phone", "code": "123456"}),
                 "no_pending_verification", 404)
    assert kore.post(retry, token=player.token, json={"mode": "mobile_phone"}).json()["mobile_phone"] == "AwaitingCode"
    done = kore.post(verify, token=player.token,
                     json={"mode": "mobile_phone", "code": last_code(kore, "unverified@demo.kore")}).json()
    assert done["mobile_phone"] == "Verified" and "auth" not in done
    assert kore.get(player.user_url, token=player.token).json()["verification_status"]["mobile_phone"] == "Verified"


def test_address_outcome_then_amend_user(kore: Kore):
    data = kore.login_response("address@demo.kore").json()
    assert data["grant_type"] == "extra_player_info" and data["missing_player_info"] == ["Address"]
    link = data["_links"]["amend_user"]
    assert data["_links"]["extra_player_info"] == link
    bad = kore.request("PATCH", link["href"], token=bearer(data),
                       json={"player_info": {"address": {"country_code": "US", "state_code": "ON"}}})
    assert assert_error(bad, "invalid_request", 400)["properties"] == ["player_info.address.state_code"]
    done = kore.request("PATCH", link["href"], token=bearer(data), json={"player_info": {"address": {
        "first_line": "372 River Oak Place", "city": "Waterloo", "state_code": "ON", "country_code": "CA"}}})
    assert done.json()["auth"]["grant_type"] == "player_credentials"
    assert kore.login("address@demo.kore").token


def test_migration_outcome_status_and_migrate(kore: Kore, brand_token):
    data = kore.login_response("migrate@demo.kore").json()
    migration = data["migration"]
    assert migration["target_brand"] == "KoreDemoZA" and "tokens" not in data
    path = f"migrations/{migration['migration_id']}"
    assert kore.get(path, token=brand_token).json() == {"migration": {"status": "Available"}}
    body = {"player_info": {"identification": {"country": "ZA", "type": "Id", "number": "9007141234085"}},
            "play_mode": "Real", "password": NEW_PASSWORD}
    bad = assert_error(kore.post(path, token=brand_token, json=body), "invalid_request", 400)
    assert bad["properties"] == ["player_info.identification.number"]
    body["player_info"]["identification"]["number"] = "9007141234084"
    done = kore.post(path, token=brand_token, json=body).json()
    assert done["migration"]["status"] == "Migrated" and done["auth"]["grant_type"] == "player_credentials"
    assert_error(kore.post(path, token=brand_token, json=body), "migration_completed", 400)
    assert kore.login("migrate@demo.kore", password=NEW_PASSWORD).token


@pytest.mark.parametrize(
    "email, code, status",
    [("migrate-failed@demo.kore", "migration_failed", 500), ("migrate-taken@demo.kore", "migration_not_available", 400)],
)
def test_migration_errors(kore: Kore, brand_token, email, code, status):
    migration_id = kore.login_response(email).json()["migration"]["migration_id"]
    body = {"player_info": {"identification": {"country": "ZA", "type": "Id", "number": "9007141234084"}},
            "play_mode": "Real", "password": NEW_PASSWORD}
    assert_error(kore.post(f"migrations/{migration_id}", token=brand_token, json=body), code, status)


def test_migration_not_found_and_expired(kore: Kore, brand_token):
    assert_error(kore.get("migrations/nope", token=brand_token), "migration_not_found", 404)
    migration_id = kore.login_response("migrate@demo.kore").json()["migration"]["migration_id"]
    kore.advance(3601)
    assert_error(kore.get(f"migrations/{migration_id}", token=brand_token), "migration_expired", 400)


# -- registration ----------------------------------------------------------------------


def test_register_with_a_phone_needs_the_sms_then_signs_in(kore: Kore, brand_token):
    response = register(kore, brand_token, reg_body("nora@new.kore"))
    assert response.status_code == 201 and "/v3/api/users/" in response.headers["Location"]
    data = response.json()
    assert data["registration_status"] == "HardSmsVerificationRequired"
    auth = data["auth"]
    code = last_code(kore, "nora@new.kore")
    done = kore.post(auth["_links"]["verification"]["href"], token=bearer(auth),
                     json={"mode": "mobile_phone", "code": code}).json()
    token = bearer(done["auth"])
    user = kore.get(done["auth"]["_links"]["user"]["href"], token=token).json()
    assert user["firstname"] == "Nora" and user["verification_status"]["mobile_phone"] == "Verified"
    assert kore.login("nora@new.kore", password="Secret-pass-1").token


@pytest.mark.parametrize(
    "email, status, grant",
    [
        ("a+success@new.kore", "Success", "player_credentials"),
        ("a+mobile@new.kore", "MobilePhoneVerificationRequired", "player_verification_credentials"),
        ("a+address@new.kore", "MissingPlayerInfo", "extra_player_info"),
        ("a+review@new.kore", "AccountUnderReview", None),
        ("a+verifyemail@new.kore", "EmailVerificationRequired", None),
    ],
)
def test_registration_statuses(kore: Kore, brand_token, email, status, grant):
    data = register(kore, brand_token, reg_body(email)).json()
    assert data["registration_status"] == status
    assert (data.get("auth") or {}).get("grant_type") == grant


def test_registration_without_a_phone_succeeds(kore: Kore, brand_token):
    body = reg_body("nophone@new.kore")
    del body["player_info"]["mobile_phone"]
    assert register(kore, brand_token, body).json()["registration_status"] == "Success"


def test_registration_follow_and_activation(kore: Kore, brand_token):
    follow = register(kore, brand_token, reg_body("a+follow@new.kore"))
    assert follow.status_code == 200 and set(follow.json()) == {"_actions"}
    activation = register(kore, brand_token, reg_body("activate@demo.kore")).json()
    assert activation["activation"]["password_required"] is True and "follow" in activation["_actions"]


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"email": "alice@demo.kore"}, "player_already_registered"),
        ({"player_info": {"nickname": "lucky alice"}}, "nickname_already_registered"),
        ({"player_info": {"firstname": "Darn"}}, "firstname_profanity"),
        ({"player_info": {"lastname": "Mary-Crap"}}, "lastname_profanity"),
        ({"player_info": {"lastname": "O'Heck"}}, "lastname_profanity"),
        ({"player_info": {"nickname": "Bloody Ace"}}, "nickname_profanity"),
        ({"player_info": {"address": {"country_code": "ZA", "state_code": "GP"}}}, "currency_mismatch"),
        ({"fast_track_registration_code": "ftr-made-up"}, "invalid_fast_track_registration_code"),
    ],
)
def test_registration_errors(kore: Kore, brand_token, changes, code):
    body = reg_body("err@new.kore")
    info = changes.pop("player_info", {})
    body.update(changes)
    body["player_info"].update(info)
    assert_error(register(kore, brand_token, body), code, 429 if code == "duplicate_request" else
                 404 if code.startswith("invalid_fast") else 400)


@pytest.mark.parametrize(
    "name", ["Hecker", "Checkley", "Darnell", "Scrapton", "Heckman", "Cockburn", "Dickens", "Hancock", "Sexton"]
)
@pytest.mark.parametrize("field", ["firstname", "lastname", "nickname"])
def test_real_names_containing_a_profanity_are_accepted(kore: Kore, brand_token, field, name):
    body = reg_body(f"{name.lower()}.{field}@new.kore")
    body["player_info"][field] = name
    response = register(kore, brand_token, body)
    assert response.status_code == 201, response.text


def test_duplicate_request_within_ten_seconds(kore: Kore, brand_token):
    body = reg_body("a+success@dup.kore")
    assert register(kore, brand_token, body).status_code == 201
    assert_error(register(kore, brand_token, body), "duplicate_request", 429)
    kore.advance(11)
    assert_error(register(kore, brand_token, body), "player_already_registered", 400)


@pytest.mark.parametrize(
    "info, bad",
    [
        ({"nickname": "x" * 17}, "player_info.nickname"),
        ({"nickname": "Zoë"}, "player_info.nickname"),
        ({"firstname": "x" * 51}, "player_info.firstname"),
        ({"birth_date": "1990-02-30"}, "player_info.birth_date"),
        ({"mobile_phone": "07700 900555"}, "player_info.mobile_phone"),
        ({"mobile_phone": "+1 234 567 890 123 456 78"}, "player_info.mobile_phone"),
        ({"address": {"country_code": "XX"}}, "player_info.address.country_code"),
        ({"address": {"country_code": "gb"}}, "player_info.address.country_code"),
        ({"address": {"country_code": "US", "state_code": "ZZ"}}, "player_info.address.state_code"),
        ({"address": {"country_code": "GB", "state_code": "CA"}}, "player_info.address.state_code"),
        ({"address": {"country_code": "AU", "state_code": "NSW", "city": "c" * 51}}, "player_info.address.city"),
        ({"identification": {"country": "ZA", "type": "Id", "number": "9007141234085"}},
         "player_info.identification.number"),
        ({"identification": {"country": "GB", "type": "Id", "number": "9007141234084"}},
         "player_info.identification.number"),
        ({"identification": {"country": "IN", "type": "Passport", "number": "l1558624"}},
         "player_info.identification.number"),
        ({"identification": {"country": "IN", "type": "Licence", "number": "L1558624"}},
         "player_info.identification.type"),
        ({"fund_source": "Lottery"}, "player_info.fund_source"),
    ],
)
def test_registration_validation_names_the_property(kore: Kore, brand_token, info, bad):
    body = reg_body("valid@new.kore")
    body["player_info"].update(info)
    assert assert_error(register(kore, brand_token, body), "invalid_request", 400)["properties"] == [bad]


def test_registration_accepts_the_documented_examples(kore: Kore, brand_token):
    body = reg_body("scrooge+success@new.kore", currency="ZAR")
    body["player_info"] = {
        "firstname": "Scrooge", "lastname": "McDuck", "nickname": "Uncle Scrooge", "birth_date": "1947-12-15",
        "mobile_phone": "+44 7701 900 123", "home_phone": "+44 141 496 1010", "title": "Mr.",
        "address": {"first_line": "McDuck Castle", "city": "Highland Perthshire", "zip_code": "PH17 2QA",
                    "state_text": "Scotland", "country_code": "GB"},
        "identification": {"country": "ZA", "type": "Id", "number": "8801235111088"},
        "fund_source": "Pension",
    }
    assert register(kore, brand_token, body).json()["registration_status"] == "Success"
    passport = reg_body("passport+success@new.kore")
    passport["player_info"]["identification"] = {"country": "IN", "type": "Passport", "number": "L1558624"}
    assert register(kore, brand_token, passport).status_code == 201


def test_registration_non_fatal_errors(kore: Kore, brand_token):
    body = reg_body("nf+success@new.kore", device_id="x" * 21, welcome={"page_id": 0, "bonus_codes": []})
    data = register(kore, brand_token, body).json()
    assert data["registration_status"] == "Success"
    assert {p for e in data["errors"] for p in e.get("properties", [])} == {"device_id", "welcome"}


def test_registration_needs_captcha_when_required(kore: Kore, brand_token):
    kore.control("POST", "captcha", {"required": True})
    assert_error(register(kore, brand_token, reg_body("c+success@new.kore")), "captcha_required", 401)
    captcha = {"type": "reCAPTCHAv2", "token": "sandbox-captcha-ok"}
    assert register(kore, brand_token, reg_body("c+success@new.kore", captcha=captcha)).status_code == 201


# -- email check -----------------------------------------------------------------------


def test_email_check_statuses(kore: Kore, brand_token):
    check = lambda email, **kw: kore.post("users/emailcheck", token=brand_token,  # noqa: E731
                                          json={"email": email, **kw}).json()
    available = check("free@new.kore")
    assert available == {"status": "available", "available_offers": [{"offer_code": "75free"}]}
    taken = check("alice@demo.kore")
    assert taken["status"] == "not_available" and taken["claimed_offers"][0]["offer_code"] == "75free"
    assert check("activate@demo.kore")["status"] == "activate"
    fast = check("x+fasttrack@new.kore", mode="fast_track_registration")
    assert fast["status"] == "fast_track_registration" and fast["fast_track_registration"]["code"].startswith("ftr")
    assert check("x+fasttrack@new.kore")["status"] == "available"
    assert check("alice@demo.kore", mode="campaign_list_check", campaign_id=1) == {"status": "eligible"}
    # As claims have it: campaign 2's list holds nobody, other campaigns have none; a new address is on none.
    assert check("alice@demo.kore", mode="campaign_list_check", campaign_id=2) == {"status": "not-eligible"}
    assert check("alice@demo.kore", mode="campaign_list_check", campaign_id=9) == {"status": "not-eligible"}
    assert check("free@new.kore", mode="campaign_list_check", campaign_id=1) == {"status": "not-eligible"}
    # The fast track code stands in for currency and player_info.
    body = {"user_type": "player", "email": "x+fasttrack@new.kore", "password": "Secret-pass-1",
            "play_mode": "Real", "fast_track_registration_code": fast["fast_track_registration"]["code"]}
    assert register(kore, brand_token, body).json()["registration_status"] == "Success"


def test_email_check_is_rate_limited_on_its_own(kore: Kore, brand_token):
    for _ in range(20):
        assert kore.post("users/emailcheck", token=brand_token, json={"email": "free@new.kore"}).status_code == 200
    response = kore.post("users/emailcheck", token=brand_token, json={"email": "free@new.kore"})
    assert_error(response, "rate_limit_exceeded", 429)
    assert int(response.headers["Retry-After"]) >= 1
    # Sign-in counts separately.
    assert kore.login().token


# -- password resets -------------------------------------------------------------------

CAPTCHA = {"type": "reCAPTCHAv2", "token": "sandbox-captcha-ok"}


def create_reset(kore: Kore, token: str, **body: Any):
    return kore.post("users/password_resets", token=token, json={"captcha": CAPTCHA, **body})


def test_password_reset_by_phone_end_to_end(kore: Kore, brand_token):
    reset = create_reset(kore, brand_token, mobile_phone="+44 7700 900123", birth_date="1990-01-01").json()
    assert reset["status"] == "Pending" and reset["remaining_attempt_count"] == 3
    [message] = outbox(kore, "unverified@demo.kore")
    assert message["channel"] == "sms" and message["purpose"] == "password_reset"
    enter = reset["_links"]["enter_password_reset_code"]["href"]
    wrong = "000000" if message["code"] != "000000" else "111111"
    assert_error(kore.request("PATCH", enter, token=brand_token, json={"code": wrong, "play_mode": "Real"}),
                 "recovery_code_invalid", 400)
    done = kore.request("PATCH", enter, token=brand_token, json={"code": message["code"], "play_mode": "Real"}).json()
    assert done["status"] == "Recovered" and done["auth"]["grant_type"] == "player_change_password"
    assert_error(kore.request("PATCH", enter, token=brand_token, json={"code": message["code"], "play_mode": "Real"}),
                 "recovery_not_found", 404)


@pytest.mark.parametrize(
    "body, code, status",
    [
        ({"email": "alice@demo.kore", "birth_date": "1985-04-13"}, "recovery_contact_support", 400),
        ({"email": "nobody@new.kore", "birth_date": "1985-04-12"}, "recovery_contact_support", 400),
        ({"email": "alice@demo.kore", "mobile_phone": "+44 7700 900123", "birth_date": "1985-04-12"},
         "invalid_request", 400),
        ({"birth_date": "1985-04-12"}, "invalid_request", 400),
    ],
)
def test_password_reset_request_errors(kore: Kore, brand_token, body, code, status):
    assert_error(create_reset(kore, brand_token, **body), code, status)


def test_password_reset_captcha_is_mandatory(kore: Kore, brand_token):
    body = {"email": "alice@demo.kore", "birth_date": "1985-04-12"}
    assert_error(kore.post("users/password_resets", token=brand_token, json=body), "captcha_required", 401)
    assert_error(kore.post("users/password_resets", token=brand_token,
                           json=body | {"captcha": {"type": "reCAPTCHAv2", "token": "bot"}}), "captcha_invalid", 401)


def test_password_reset_limits(kore: Kore, brand_token):
    for _ in range(3):
        assert create_reset(kore, brand_token, email="alice@demo.kore", birth_date="1985-04-12").status_code == 200
    assert_error(create_reset(kore, brand_token, email="alice@demo.kore", birth_date="1985-04-12"),
                 "recovery_email_exhausted", 429)
    for _ in range(3):
        create_reset(kore, brand_token, mobile_phone="+44 7700 900123", birth_date="1990-01-01")
    assert_error(create_reset(kore, brand_token, mobile_phone="+44 7700 900123", birth_date="1990-01-01"),
                 "recovery_sms_exhausted", 429)


def test_password_reset_code_and_resend_exhaustion(kore: Kore, brand_token):
    reset = create_reset(kore, brand_token, email="bruno@demo.kore", birth_date="1979-11-02").json()
    resend = reset["_links"]["resend_password_reset_code"]["href"]
    for left in (2, 1, 0):
        assert kore.post(resend, token=brand_token, json={}).json()["remaining_resend_count"] == left
    assert_error(kore.post(resend, token=brand_token, json={}), "recovery_resend_exhausted", 429)
    assert len(outbox(kore, "bruno@demo.kore")) == 4
    enter = reset["_links"]["enter_password_reset_code"]["href"]
    code = last_code(kore, "bruno@demo.kore")
    wrong = "000000" if code != "000000" else "111111"
    for expected in ("recovery_code_invalid", "recovery_code_invalid", "recovery_code_exhausted"):
        assert kore.request("PATCH", enter, token=brand_token,
                            json={"code": wrong, "play_mode": "Real"}).json()["error"] == expected
    assert_error(kore.request("PATCH", enter, token=brand_token, json={"code": code, "play_mode": "Real"}),
                 "recovery_code_exhausted", 429)


def test_password_reset_expires(kore: Kore, brand_token):
    reset = create_reset(kore, brand_token, email="bruno@demo.kore", birth_date="1979-11-02").json()
    kore.advance(15 * 60 + 1)
    assert_error(kore.request("PATCH", reset["_links"]["enter_password_reset_code"]["href"], token=brand_token,
                              json={"code": last_code(kore, "bruno@demo.kore"), "play_mode": "Real"}),
                 "recovery_not_found", 404)
