"""Authentication endpoints: brand, player and privileged tokens, mutate, sign-out, CAPTCHA status."""

from __future__ import annotations

from flask import Response, request

from lobby.kore.errors import ErrorCode

from .. import seed
from ..backend.grants import PRIVILEGED_GRANTS
from ..exceptions import SandboxError, invalid_request
from ..serializers.auth import brand_token_response, player_token_response, privileged_token_response
from .endpoint import PLAYER_ONLY, Call, endpoint, reply
from .validation import Validator, brand_and_locale, captcha, non_fatal


@endpoint("POST", "/auth/brand_public_credentials/token")
def brand_token(call: Call) -> Response:
    """Obtain a Public Brand Token."""
    v = Validator(call.body)
    brand_id, locale = brand_and_locale(v, call.backend.config.brand_id)
    v.check()
    tracking, errors = non_fatal(call.body, device_id=False)
    token, result = call.backend.brand_token(brand_id, locale, tracking, **call.track_args())
    return reply(brand_token_response(call.backend, token, result, errors, call.urls))


@endpoint("POST", "/auth/player_credentials/token", rate_limited=True)
def login(call: Call) -> Response:
    """Obtain a Player Token (sign in)."""
    v = Validator(call.body)
    brand_id, locale = brand_and_locale(v, call.backend.config.brand_id)
    email = v.string("email", required=True, max_len=254)
    password = v.string("password", required=True)
    play_mode = v.string("play_mode", required=True, choices=seed.PLAY_MODES)
    captcha_token = captcha(v)
    v.check()
    tracking, errors = non_fatal(call.body, device_id=True)
    outcome = call.backend.login(
        brand_id, locale, email or "", password or "", play_mode or "",
        captcha=captcha_token, tracking=tracking, **call.track_args(),
    )
    return reply(player_token_response(call.backend, outcome, errors, call.urls))


@endpoint("POST", "/auth/player_credentials/token/mutate", grants=PLAYER_ONLY)
def mutate(call: Call) -> Response:
    """Mutate a Player Token (switch play mode or locale)."""
    v = Validator(call.body)
    play_mode = v.string("play_mode", choices=seed.PLAY_MODES)
    locale = v.string("locale", choices=seed.LOCALES)
    v.check()
    if play_mode is None and locale is None:
        raise invalid_request(["play_mode", "locale"], "You must provide either `play_mode` or `locale`.")
    tracking, errors = non_fatal(call.body, device_id=False)
    outcome = call.backend.mutate(
        call.player_token, play_mode=play_mode, locale=locale, tracking=tracking, **call.track_args()
    )
    return reply(player_token_response(call.backend, outcome, errors, call.urls))


@endpoint("DELETE", "/auth/player_credentials", grants=PLAYER_ONLY)
def logout(call: Call) -> Response:
    """Sign out: the player session ends."""
    call.backend.logout(call.player_token)
    return reply({})


@endpoint("GET", "/auth/player_credentials", return_url=False)
def captcha_status(call: Call) -> Response:
    """Check CAPTCHA Status.

    The doc disagrees with itself: its examples answer ``{"recaptcha": {"type",
    "siteKey"}}``, its text a ``captcha`` property, its table ``catpcha`` with
    ``site_key``. One body carries all three so every reading finds its property.
    """
    kind, site_key = call.backend.captcha_status()
    example = {"type": kind} | ({"siteKey": site_key} if site_key else {})
    table = {"type": kind} | ({"site_key": site_key} if site_key else {})
    return reply({"recaptcha": example, "captcha": table, "catpcha": dict(table)})


@endpoint("POST", "/auth/<grant_type>/token", return_url=False)
@endpoint("POST", "/auth/<grant_type>/token/mutate", return_url=False)
def privileged_token(call: Call, grant_type: str) -> Response:
    """Obtain a Privileged Brand Token.

    The endpoint index lists it as ``auth/{grant_type}/token/mutate``, its section as
    ``auth/{grant_type}/token``: both paths work.
    """
    if grant_type not in PRIVILEGED_GRANTS:
        raise SandboxError(ErrorCode.UNSUPPORTED_GRANT_TYPE)
    v = Validator(call.body)
    brand_id, locale = brand_and_locale(v, call.backend.config.brand_id)
    secret = v.string("secret", required=True)
    v.check()
    token = call.backend.privileged_token(
        grant_type, brand_id, locale, secret or "", from_browser="Origin" in request.headers
    )
    return reply(privileged_token_response(token))


