"""Kore API v3 account endpoints: registration, email check, activation, SMS verification, password change and resets, amend user, migrations.

Endpoints are declared with ``routes.endpoint`` on the same ``/v3/api`` blueprint;
server.py imports this module so they are registered. Request validation lives here
(the documented sizes, formats and lists); the rules live in accounts.py.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from flask import Response

from lobby.kore.errors import ErrorCode

from . import seed, serializers as ser
from .clock import iso
from .accounts import CHANGE_PASSWORD, EXTRA_INFO, VERIFICATION
from .exceptions import SandboxError, invalid_request
from .models import BRAND_PUBLIC, PLAYER
from .routes import PUBLIC, Call, _captcha, _non_fatal, client_ip, endpoint, reply
from .validation import Validator

EMAIL = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"
#: E.164, with the spaces the documentation's own examples use: "+44 7701 900 123".
PHONE = r"\+[0-9][0-9 ]*"
PASSPORT = r"[A-Z0-9]{6,13}"
IPV4 = r"(\d{1,3}\.){3}\d{1,3}"


def sa_id_valid(number: str) -> bool:
    """A South African ID number: 13 digits, a real YYMMDD birth date, Luhn checksum."""
    if not re.fullmatch(r"\d{13}", number):
        return False
    try:
        datetime.datetime.strptime(number[:6], "%y%m%d")
    except ValueError:
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _date(v: Validator, name: str, *, required: bool = False) -> str | None:
    value = v.string(name, required=required, pattern=r"\d{4}-\d{2}-\d{2}")
    if value is not None:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            v.fail(name)
            return None
    return value


def _phone(v: Validator, name: str) -> str | None:
    value = v.string(name, max_len=50, pattern=PHONE)
    if value is not None and not 7 <= sum(ch.isdigit() for ch in value) <= 17:
        v.fail(name)
        return None
    return value


def validate_address(v: Validator) -> dict[str, str] | None:
    """The Address type: ISO country, per-country state codes, 50-character lines."""
    address = v.obj("address")
    if address is None:
        return None
    values = {name: address.string(name, max_len=50) for name in ("first_line", "second_line", "city", "zip_code")}
    country = address.string("country_code", required=True, choices=seed.COUNTRIES)
    state_code = address.string("state_code", max_len=3)
    if state_code is not None and state_code not in seed.STATE_CODES.get(country or "", ()):
        address.fail("state_code")
    state_text = address.string("state_text", max_len=50)
    v.merge(address)
    values.update(country_code=country, state_code=state_code, state_text=state_text)
    return {k: val for k, val in values.items() if val is not None}


def validate_player_info(v: Validator, *, required: bool) -> dict[str, Any]:
    info = v.obj("player_info", required=required)
    if info is None:
        return {}
    values: dict[str, Any] = {}
    nickname = info.string("nickname", max_len=16)
    if nickname is not None and not nickname.isascii():
        info.fail("nickname")
        nickname = None
    values["nickname"] = nickname
    for name in ("firstname", "lastname", "title"):
        values[name] = info.string(name, max_len=50)
    values["birth_date"] = _date(info, "birth_date")
    for name in ("home_phone", "work_phone", "mobile_phone"):
        values[name] = _phone(info, name)
    values["address"] = validate_address(info)
    ident = info.obj("identification")
    if ident is not None:
        country = ident.string("country", required=True, choices=seed.COUNTRIES)
        kind = ident.string("type", required=True, max_len=50, choices=seed.ID_TYPES)
        number = ident.string("number", required=True, max_len=13)
        if kind == "Id" and (country != "ZA" or number is None or not sa_id_valid(number)):
            ident.fail("number")
        if kind == "Passport" and number is not None and not re.fullmatch(PASSPORT, number):
            ident.fail("number")
        info.merge(ident)
        values["identification"] = {"country": country, "type": kind, "number": number}
    values["fund_source"] = info.string("fund_source", max_len=50, choices=seed.FUND_SOURCES)
    v.merge(info)
    return {k: val for k, val in values.items() if val is not None}


def _welcome(body: dict[str, Any]) -> list[SandboxError]:
    """welcome uses non-fatal validation: reported, then ignored."""
    welcome = body.get("welcome")
    if welcome is None:
        return []
    ok = (
        isinstance(welcome, dict)
        and isinstance(welcome.get("page_id"), int)
        and not isinstance(welcome.get("page_id"), bool)
        and welcome["page_id"] > 0
        and isinstance(welcome.get("bonus_codes"), list)
        and 1 <= len(welcome["bonus_codes"]) <= 2
        and all(isinstance(c, str) and c for c in welcome["bonus_codes"])
    )
    return [] if ok else [invalid_request(["welcome"])]


# -- registration -------------------------------------------------------------------


@endpoint("POST", "/users", grants=PUBLIC)
def create_user(call: Call) -> Response:
    """Create User Account: a status with its auth (201), or follow + activation (200)."""
    v = Validator(call.body)
    v.string("user_type", required=True, choices=("player",))
    email = v.string("email", required=True, max_len=254, pattern=EMAIL)
    v.string("password", required=True, min_len=8, max_len=20)
    play_mode = v.string("play_mode", required=True, choices=seed.PLAY_MODES)
    code = v.string("fast_track_registration_code", max_len=128)
    currencies = [c.currency for c in seed.CURRENCIES]
    v.string("currency", required=code is None, max_len=6, choices=currencies)
    captcha = _captcha(v)
    v.string("ip", max_len=15, pattern=IPV4)
    tag = v.string("affiliate_tag", max_len=128)
    if tag is not None and not tag.isascii():
        v.fail("affiliate_tag")
    info = validate_player_info(v, required=code is None)
    v.check()
    assert call.token is not None and email and play_mode
    _, errors = _non_fatal(call.body, device_id=True)
    errors += _welcome(call.body)
    body = {k: val for k, val in call.body.items() if k not in ("player_info", "captcha")}
    body["player_info"] = info
    registration = call.backend.accounts.register(
        body, brand_id=call.token.brand_id, locale=call.token.locale, captcha=captcha,
        ip=client_ip(), tracking_id=call.token.tracking_id,
    )
    outcome = registration.outcome
    if registration.follow:
        assert outcome is not None
        return reply(ser.player_token_response(call.backend, outcome, errors, call.urls))
    response: dict[str, Any] = {"registration_status": registration.status}
    if outcome is not None:
        response["auth"] = ser.player_token_response(call.backend, outcome, [], call.urls)
    if errors:
        response["errors"] = ser.errors_json(call.backend, errors)
    answer = reply(response, 201)
    answer.headers["Location"] = call.urls.api(f"users/{registration.player.id}")
    return answer


@endpoint("POST", "/users/emailcheck", grants=PUBLIC, rate_limited=True)
def email_check(call: Call) -> Response:
    """Check Email Availability (simple_check, fast_track_registration, campaign_list_check)."""
    v = Validator(call.body)
    mode = v.string("mode", choices=("simple_check", "fast_track_registration", "campaign_list_check"))
    email = v.string("email", required=True, max_len=254, pattern=EMAIL)
    _captcha(v)  # accepted; the sandbox is never "under attack"
    campaign_id = v.integer("campaign_id", required=mode == "campaign_list_check", minimum=1)
    v.check()
    found = call.backend.accounts.email_check(email or "", mode or "simple_check", campaign_id)
    body: dict[str, Any] = {"status": found["status"]}
    if found.get("available_offers"):
        body["available_offers"] = [{"offer_code": c} for c in found["available_offers"]]
    if found.get("claimed_offers"):
        body["claimed_offers"] = [{"offer_code": c, "claim_date": d} for c, d in found["claimed_offers"]]
    activation = found.get("activation")
    if activation is not None:
        player = call.backend.players[activation.player_id]
        body["activation"] = ser.activation_json(activation, player, call.urls)
    ftr = found.get("fast_track_registration")
    if ftr is not None:
        body["fast_track_registration"] = {"code": ftr.code, "expiration": iso(ftr.expiration)}
    return reply(body)


# -- activation ----------------------------------------------------------------------


# The section says auth/player_credentials/activate, the index and examples
# …/token/activate; the grant type is public_brand_credentials, a user token in the
# example. Both paths answer, with or without a token.
@endpoint("POST", "/auth/player_credentials/activate", rate_limited=True)
@endpoint("POST", "/auth/player_credentials/token/activate", rate_limited=True)
def activate(call: Call) -> Response:
    """Activate Player Account with the Activation code."""
    v = Validator(call.body)
    v.string("brand_id", required=True, choices=(call.backend.config.brand_id,))
    locale = v.string("locale", required=True, choices=seed.LOCALES)
    code = v.string("code", required=True, max_len=64)
    play_mode = v.string("play_mode", required=True, choices=seed.PLAY_MODES)
    password = v.string("password")
    v.check()
    tracking, errors = _non_fatal(call.body, device_id=True)
    errors += _welcome(call.body)
    result = call.backend._track(tracking, call.backend.config.brand_id, locale, **call.track_args())
    outcome = call.backend.accounts.activate(
        code or "", password, call.backend.config.brand_id, locale or "", play_mode or "", result
    )
    return reply(ser.player_token_response(call.backend, outcome, errors, call.urls))


# -- steps of the outcomes -------------------------------------------------------------


@endpoint("POST", "/users/<user_id>/verification", grants=(PLAYER, VERIFICATION))
def verify_sms(call: Call, user_id: str) -> Response:
    """Enter SMS Verification Code (signs in with a player_verification_credentials token)."""
    v = Validator(call.body)
    v.string("mode", required=True, choices=("mobile_phone",))
    code = v.string("code", required=True, max_len=64)
    v.check()
    assert call.token is not None
    player, outcome = call.backend.accounts.verify_sms(call.token, user_id, code or "")
    body = ser.verification_json(player)
    if outcome is not None:
        body["auth"] = ser.player_token_response(call.backend, outcome, [], call.urls)
    return reply(body)


@endpoint("POST", "/users/<user_id>/verification/retry", grants=(PLAYER, VERIFICATION))
def resend_sms(call: Call, user_id: str) -> Response:
    """Send SMS Verification Code (again)."""
    v = Validator(call.body)
    v.string("mode", required=True, choices=("mobile_phone",))
    v.check()
    assert call.token is not None
    player = call.backend.accounts.resend_sms(call.token, user_id)
    return reply(ser.verification_json(player))


# The section says PUT; the password-reset example hands the link out as PATCH.
@endpoint("PUT", "/users/<user_id>/password", grants=(CHANGE_PASSWORD,))
@endpoint("PATCH", "/users/<user_id>/password", grants=(CHANGE_PASSWORD,))
def change_password(call: Call, user_id: str) -> Response:
    """Change Password with a player_change_password token: signs in."""
    v = Validator(call.body)
    password = v.string("password", required=True, min_len=8, max_len=20)
    v.check()
    assert call.token is not None
    outcome = call.backend.accounts.change_password(call.token, user_id, password or "")
    return reply({
        "password_change_status": "Success",
        "auth": ser.player_token_response(call.backend, outcome, [], call.urls),
    })


# The heading says PATCH, the table and the curl example POST: both.
@endpoint("PATCH", "/users/<user_id>", grants=(EXTRA_INFO,))
@endpoint("POST", "/users/<user_id>", grants=(EXTRA_INFO,))
def amend_user(call: Call, user_id: str) -> Response:
    """Amend User: capture the address an extra_player_info outcome asked for."""
    v = Validator(call.body)
    info = v.obj("player_info", required=True)
    address = validate_address(info) if info is not None else None
    if info is not None and address is None:
        info.fail("address")
    v.merge(info)
    v.check()
    assert call.token is not None and address is not None
    outcome = call.backend.accounts.amend_user(call.token, user_id, address)
    return reply({
        "registration_status": "Success",
        "auth": ser.player_token_response(call.backend, outcome, [], call.urls),
    })


# -- password resets -------------------------------------------------------------------

# The doc's grant type (player_credentials) cannot be right for a player who forgot the
# password; its examples use a brand_public_credentials token. Both are accepted.


@endpoint("POST", "/users/password_resets", grants=PUBLIC)
def create_password_reset(call: Call) -> Response:
    """Create Password Reset: email or mobile phone, birth date, CAPTCHA (mandatory)."""
    v = Validator(call.body)
    captcha = v.obj("captcha")
    token = None
    if captcha is not None:
        # The example's type is turnstile, the CAPTCHA Token's reCAPTCHAv2: both.
        captcha.string("type", required=True, choices=("reCAPTCHAv2", "turnstile"))
        token = captcha.string("token", required=True)
        v.merge(captcha)
    email = v.string("email", max_len=254, pattern=EMAIL)
    phone = _phone(v, "mobile_phone")
    birth_date = _date(v, "birth_date", required=True)
    if (email is None) == (phone is None) and "email" not in v.failed and "mobile_phone" not in v.failed:
        v.fail("email")
        v.fail("mobile_phone")
    v.check()
    attempt = call.backend.accounts.create_password_reset(
        {"token": token or ""} if captcha is not None else None, email, phone, birth_date or ""
    )
    return reply(ser.password_reset_json(attempt, call.urls))


@endpoint("PATCH", "/users/password_resets/<reset_id>", grants=PUBLIC)
@endpoint("POST", "/users/password_resets/<reset_id>", grants=PUBLIC)
def enter_password_reset_code(call: Call, reset_id: str) -> Response:
    """Enter Password Reset Code: a player_change_password token when it is right."""
    v = Validator(call.body)
    code = v.string("code", required=True, max_len=64)
    play_mode = v.string("play_mode", required=True, choices=seed.PLAY_MODES)
    v.check()
    assert call.token is not None
    attempt, token = call.backend.accounts.enter_password_reset_code(
        reset_id, code or "", play_mode or "", call.token.brand_id, call.token.locale
    )
    body = ser.password_reset_json(attempt, call.urls)
    user = call.urls.api(f"users/{token.player_id}")
    body["auth"] = {
        "grant_type": CHANGE_PASSWORD,
        "locale": token.locale,
        "tokens": ser.tokens(token),
        "_links": {"change_password": ser.link(f"{user}/password", token.change_method)},
    }
    return reply(body)


@endpoint("POST", "/users/password_resets/<reset_id>/resend", grants=PUBLIC)
def resend_password_reset_code(call: Call, reset_id: str) -> Response:
    """Resend the recovery code (the answer is undocumented: the updated attempt)."""
    attempt = call.backend.accounts.resend_password_reset_code(reset_id)
    return reply(ser.password_reset_json(attempt, call.urls))


# -- ZAR migration -----------------------------------------------------------------------


@endpoint("GET", "/migrations/<migration_id>", grants=(BRAND_PUBLIC,))
def get_migration(call: Call, migration_id: str) -> Response:
    """Get Migration Status."""
    record = call.backend.accounts.get_migration(migration_id)
    return reply({"migration": {"status": record.status}})


@endpoint("POST", "/migrations/<migration_id>", grants=(BRAND_PUBLIC,))
def migrate(call: Call, migration_id: str) -> Response:
    """Perform Migration: SA ID and a new password; signs in."""
    v = Validator(call.body)
    info = v.obj("player_info", required=True)
    number = None
    if info is not None:
        ident = info.obj("identification", required=True)
        if ident is not None:
            ident.string("country", required=True, choices=("ZA",))
            ident.string("type", required=True, choices=("Id",))
            number = ident.string("number", required=True, max_len=13)
            if number is not None and not sa_id_valid(number):
                ident.fail("number")
            info.merge(ident)
        v.merge(info)
    play_mode = v.string("play_mode", required=True, choices=seed.PLAY_MODES)
    password = v.string("password", required=True, min_len=8, max_len=20)
    v.string("device_id", max_len=20)
    v.check()
    assert call.token is not None
    outcome = call.backend.accounts.migrate(
        migration_id, number or "", password or "", play_mode or "", call.token.brand_id, call.token.locale
    )
    if outcome.token is None:  # pragma: no cover - migrate always signs in
        raise SandboxError(ErrorCode.SERVER_ERROR)
    return reply({
        "migration": {"status": "Migrated"},
        "auth": ser.player_token_response(call.backend, outcome, [], call.urls),
    })
