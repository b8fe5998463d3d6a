"""Account endpoints: registration, email check, activation, SMS verification,
password change, amend user. Field formats are in fields.py; the rules in the backend."""

from __future__ import annotations

from typing import Any

from flask import Response

from .. import seed
from ..backend.grants import CHANGE_PASSWORD, EXTRA_INFO, PLAYER, VERIFICATION
from ..context import client_ip
from ..serializers.auth import email_check_json, errors_json, player_token_response, verification_json
from .endpoint import PUBLIC, Call, endpoint, reply
from .fields import EMAIL, IPV4, validate_address, validate_player_info
from .validation import Validator, captcha, non_fatal, welcome


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
    captcha_token = captcha(v)
    v.string("ip", max_len=15, pattern=IPV4)
    tag = v.string("affiliate_tag", max_len=128)
    if tag is not None and not tag.isascii():
        v.fail("affiliate_tag")
    info = validate_player_info(v, required=code is None)
    v.check()
    assert email and play_mode  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
    _, errors = non_fatal(call.body, device_id=True)
    errors += welcome(call.body)
    body = {k: val for k, val in call.body.items() if k not in ("player_info", "captcha")}
    body["player_info"] = info
    registration = call.backend.register(
        body, brand_id=call.player_token.brand_id, locale=call.player_token.locale, captcha=captcha_token,
        ip=client_ip(), tracking_id=call.player_token.tracking_id,
    )
    outcome = registration.outcome
    if registration.follow:
        assert outcome is not None  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
        return reply(player_token_response(call.backend, outcome, errors, call.urls))
    response: dict[str, Any] = {"registration_status": registration.status}
    if outcome is not None:
        response["auth"] = player_token_response(call.backend, outcome, [], call.urls)
    if errors:
        response["errors"] = errors_json(call.backend, errors)
    answer = reply(response, 201)
    answer.headers["Location"] = call.urls.api(f"users/{registration.player.id}")
    return answer


@endpoint("POST", "/users/emailcheck", grants=PUBLIC, rate_limited=True)
def email_check(call: Call) -> Response:
    """Check Email Availability (simple_check, fast_track_registration, campaign_list_check)."""
    v = Validator(call.body)
    mode = v.string("mode", choices=("simple_check", "fast_track_registration", "campaign_list_check"))
    email = v.string("email", required=True, max_len=254, pattern=EMAIL)
    captcha(v)  # accepted; the sandbox is never "under attack"
    campaign_id = v.integer("campaign_id", required=mode == "campaign_list_check", minimum=1)
    v.check()
    found = call.backend.email_check(email or "", mode or "simple_check", campaign_id, call.token)
    player = call.backend.player_by_email(email or "") if found.activation else None
    return reply(email_check_json(found, player, call.urls))


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
    tracking, errors = non_fatal(call.body, device_id=True)
    errors += welcome(call.body)
    outcome = call.backend.activate(code or "", password, locale or "", play_mode or "", tracking, **call.track_args())
    return reply(player_token_response(call.backend, outcome, errors, call.urls))


# -- steps of the outcomes -------------------------------------------------------------


@endpoint("POST", "/users/<user_id>/verification", grants=(PLAYER, VERIFICATION))
def verify_sms(call: Call, user_id: str) -> Response:
    """Enter SMS Verification Code (signs in with a player_verification_credentials token)."""
    v = Validator(call.body)
    v.string("mode", required=True, choices=("mobile_phone",))
    code = v.string("code", required=True, max_len=64)
    v.check()
    player, outcome = call.backend.verify_sms(call.player_token, user_id, code or "")
    body = verification_json(player)
    if outcome is not None:
        body["auth"] = player_token_response(call.backend, outcome, [], call.urls)
    return reply(body)


@endpoint("POST", "/users/<user_id>/verification/retry", grants=(PLAYER, VERIFICATION))
def resend_sms(call: Call, user_id: str) -> Response:
    """Send SMS Verification Code (again)."""
    v = Validator(call.body)
    v.string("mode", required=True, choices=("mobile_phone",))
    v.check()
    player = call.backend.resend_sms(call.player_token, user_id)
    return reply(verification_json(player))


# The section says PUT; the password-reset example hands the link out as PATCH.
@endpoint("PUT", "/users/<user_id>/password", grants=(CHANGE_PASSWORD,))
@endpoint("PATCH", "/users/<user_id>/password", grants=(CHANGE_PASSWORD,))
def change_password(call: Call, user_id: str) -> Response:
    """Change Password with a player_change_password token: signs in."""
    v = Validator(call.body)
    password = v.string("password", required=True, min_len=8, max_len=20)
    v.check()
    outcome = call.backend.change_password(call.player_token, user_id, password or "")
    return reply({
        "password_change_status": "Success",
        "auth": player_token_response(call.backend, outcome, [], call.urls),
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
    assert call.player_token is not None and address is not None  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
    outcome = call.backend.amend_user(call.player_token, user_id, address)
    return reply({
        "registration_status": "Success",
        "auth": player_token_response(call.backend, outcome, [], call.urls),
    })


