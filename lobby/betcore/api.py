"""The casino's API for BETCORE: POST /betcore/users/auth and POST /betcore/users/data.

Server to server: BETCORE posts a JWT (in the body, JSON-quoted or bare, and/or in the
Authorization header: carrier.py) and always gets the documented envelope
``{"ErrorCode", "Message", "Value"}`` back, with HTTP 200.
"""

from __future__ import annotations

import re
import secrets
from decimal import Decimal
from typing import Any

from flask import current_app, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from lobby.betcore import bp, service
from lobby.betcore.carrier import token_from_request
from lobby.betcore.jwt import BadRequest, JwksUnavailable, JwtRefused, request_data, verify
from lobby.betcore.tokens import TokenRefused
from lobby.core.upstream import kore
from lobby.kore import KoreError

SUCCESS = 200
INVALID_PARAMETERS = 103752
JWT_FAILED = 103811
INVALID_TOKEN = 103805
GENERAL_ERROR = 103799

MESSAGES = {
    SUCCESS: "Success",
    INVALID_PARAMETERS: "Invalid request parameters",
    JWT_FAILED: "JWT token validation failed",
    INVALID_TOKEN: "Invalid token",
    GENERAL_ERROR: "General API error",
}
#: BETCORE's refresh token alphabet and length.
REFRESH_TOKEN = re.compile(r"[A-Za-z0-9.-]{10,1000}")


class Refusal(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def _envelope(code: int, value: dict[str, Any] | None = None, message: str | None = None):
    body: dict[str, Any] = {"ErrorCode": code, "Message": message or MESSAGES[code]}
    if value is not None:
        body["Value"] = value
    return jsonify(body)


def _body() -> bytes:
    """The request's body; one over the lobby's limit (MAX_CONTENT_LENGTH) is not BETCORE's."""
    try:
        return request.get_data(cache=False)
    except RequestEntityTooLarge:
        raise BadRequest("body over the size limit") from None


def _answer(operation: str, handle):
    """Run ``handle(data)`` on the verified JWT's data; every outcome as an envelope."""
    config = current_app.config["LOBBY"]
    try:
        token = token_from_request(_body(), request.headers.get("Authorization"))
        claims = verify(token, service().jwks,
                        issuer=config.betcore_issuer, client_id=config.betcore_client_id)
        return _envelope(SUCCESS, handle(request_data(claims)))
    except BadRequest as error:
        code, reason = INVALID_PARAMETERS, str(error)
    except JwtRefused as error:
        code, reason = JWT_FAILED, str(error)
    except (TokenRefused, Refusal) as error:
        code, reason = getattr(error, "code", INVALID_TOKEN), str(error)
    except JwksUnavailable as error:
        reference = secrets.token_hex(6)
        current_app.logger.error("betcore %s: the JWKS could not be read (%s), reference %s", operation, error, reference)
        return _envelope(GENERAL_ERROR, message=f"General API error (reference {reference})")
    except Exception as error:  # noqa: BLE001 - the aggregator gets the envelope whatever happened
        reference = secrets.token_hex(6)
        # The type only: a message or traceback could carry a token.
        current_app.logger.error("betcore %s: unexpected %s, reference %s", operation, type(error).__name__, reference)
        return _envelope(GENERAL_ERROR, message=f"General API error (reference {reference})")
    current_app.logger.info("betcore %s refused: %s (%s)", operation, code, reason)
    return _envelope(code)


def _tag_id(data: dict[str, Any]) -> int | None:
    tag = data.get("TagId")
    if tag is None:
        return None
    if isinstance(tag, bool) or not isinstance(tag, int):
        raise BadRequest("TagId is not a number")
    return tag


def _kore_user(grant):
    """The player's Kore account with the sealed credentials; an ended session revokes the grant."""
    credentials = service().store.unseal(grant.sealed)
    try:
        # BETCORE's server asks, not the player: no client address goes on to Kore.
        return kore().without_client_address().get_user(service().user_link(credentials),
                                                         token=credentials["token"])
    except KoreError as error:
        if error.session_over:
            service().store.revoke_session(grant.sid)
            raise Refusal(INVALID_TOKEN, "Kore ended the session") from None
        raise


@bp.post("/users/auth")
def users_auth():
    """BETCORE authenticates the WebFrame's player with the refresh token we gave it."""

    def handle(data: dict[str, Any]) -> dict[str, Any]:
        refresh = data.get("RefreshToken")
        if not isinstance(refresh, str) or not REFRESH_TOKEN.fullmatch(refresh):
            raise BadRequest("RefreshToken missing or malformed")
        _tag_id(data)
        successor, grant = service().store.rotate(refresh)
        try:
            _kore_user(grant)
        except KoreError as error:  # Kore cannot say now: the grant stands as issued
            current_app.logger.info("betcore auth: Kore check skipped (%s)", error.raw_code)
        return {"RefreshToken": successor, "PartnerUserId": grant.partner_user_id,
                "CurrencyCode": grant.currency, "IsTest": grant.is_test}

    return _answer("auth", handle)


@bp.post("/users/data")
def users_data():
    """BETCORE asks for the player's balance, in major units of their currency, as a string."""

    def handle(data: dict[str, Any]) -> dict[str, Any]:
        partner_user_id = data.get("PartnerUserId")
        if not isinstance(partner_user_id, str) or not partner_user_id or len(partner_user_id) > 200:
            raise BadRequest("PartnerUserId missing")
        _tag_id(data)
        grant = service().store.current(partner_user_id)
        user = _kore_user(grant)
        if user.balance.currency != grant.currency:
            raise Refusal(INVALID_TOKEN, "the session's wallet is another currency now")
        return {"Balance": format(Decimal(user.balance.amount).scaleb(-user.balance.exponent), "f")}

    return _answer("data", handle)
