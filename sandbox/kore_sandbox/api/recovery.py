"""Recovery endpoints: password resets and the ZAR migration."""

from __future__ import annotations

from flask import Response

from lobby.kore.errors import ErrorCode

from .. import seed
from ..backend.grants import BRAND_PUBLIC, CHANGE_PASSWORD
from ..exceptions import SandboxError
from ..serializers.auth import password_reset_json, player_token_response
from ..serializers.common import link, tokens
from .endpoint import PUBLIC, Call, endpoint, reply
from .fields import EMAIL, date_field, phone_field, sa_id_valid
from .validation import Validator

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
    phone = phone_field(v, "mobile_phone")
    birth_date = date_field(v, "birth_date", required=True)
    if (email is None) == (phone is None) and "email" not in v.failed and "mobile_phone" not in v.failed:
        v.fail("email")
        v.fail("mobile_phone")
    v.check()
    attempt = call.backend.create_password_reset(
        {"token": token or ""} if captcha is not None else None, email, phone, birth_date or ""
    )
    return reply(password_reset_json(attempt, call.urls))


@endpoint("PATCH", "/users/password_resets/<reset_id>", grants=PUBLIC)
@endpoint("POST", "/users/password_resets/<reset_id>", grants=PUBLIC)
def enter_password_reset_code(call: Call, reset_id: str) -> Response:
    """Enter Password Reset Code: a player_change_password token when it is right."""
    v = Validator(call.body)
    code = v.string("code", required=True, max_len=64)
    play_mode = v.string("play_mode", required=True, choices=seed.PLAY_MODES)
    v.check()
    attempt, token = call.backend.enter_password_reset_code(
        reset_id, code or "", play_mode or "", call.player_token.brand_id, call.player_token.locale
    )
    body = password_reset_json(attempt, call.urls)
    user = call.urls.api(f"users/{token.player_id}")
    body["auth"] = {
        "grant_type": CHANGE_PASSWORD,
        "locale": token.locale,
        "tokens": tokens(token),
        "_links": {"change_password": link(f"{user}/password", token.change_method)},
    }
    return reply(body)


@endpoint("POST", "/users/password_resets/<reset_id>/resend", grants=PUBLIC)
def resend_password_reset_code(call: Call, reset_id: str) -> Response:
    """Resend the recovery code (the answer is undocumented: the updated attempt)."""
    attempt = call.backend.resend_password_reset_code(reset_id)
    return reply(password_reset_json(attempt, call.urls))


# -- ZAR migration -----------------------------------------------------------------------


@endpoint("GET", "/migrations/<migration_id>", grants=(BRAND_PUBLIC,))
def get_migration(call: Call, migration_id: str) -> Response:
    """Get Migration Status."""
    record = call.backend.get_migration(migration_id)
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
    outcome = call.backend.migrate(
        migration_id, number or "", password or "", play_mode or "", call.player_token.brand_id, call.player_token.locale
    )
    if outcome.token is None:  # pragma: no cover - migrate always signs in
        raise SandboxError(ErrorCode.SERVER_ERROR)
    return reply({
        "migration": {"status": "Migrated"},
        "auth": player_token_response(call.backend, outcome, [], call.urls),
    })
