"""Token responses and the account flows' JSON: outcomes, activation, verification,
password resets, email checks, offline sign-on."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from .. import seed
from ..backend import SandboxBackend
from ..backend.entities import (
    ActivationCode,
    EmailCheck,
    LoginOutcome,
    PasswordResetAttempt,
    Player,
    Token,
    TrackingResult,
)
from ..backend.grants import BRAND_PUBLIC, OFFLINE_SIGNON, PLAYER
from ..backend.signon import SignonPair
from ..clock import iso
from ..exceptions import SandboxError
from .common import Urls, errors_json, link, tokens


def brand_token_response(
    backend: SandboxBackend,
    token: Token,
    tracking: TrackingResult | None,
    errors: list[SandboxError],
    urls: Urls,
) -> dict[str, Any]:
    body: dict[str, Any] = {"grant_type": BRAND_PUBLIC, "locale": token.locale, "tokens": tokens(token)}
    if tracking and tracking.tracking_id:
        body["tracking_id"] = tracking.tracking_id
    if tracking and tracking.mid:
        body["_actions"] = {"landing": link(urls.page("landing", mid=tracking.mid, Locale=token.locale))}
    if errors:
        body["errors"] = errors_json(backend, errors)
    return body


def player_token_response(
    backend: SandboxBackend, outcome: LoginOutcome, errors: list[SandboxError], urls: Urls
) -> dict[str, Any]:
    """The Player Token Response of every outcome (doc: "Outcomes")."""
    token = outcome.token
    player = outcome.player
    body: dict[str, Any]
    if outcome.kind in ("follow", "activation"):
        body = follow_response(backend, outcome, urls)
    elif outcome.kind == "migration":
        record = outcome.migration
        assert record is not None  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
        body = {"migration": {
            "target_brand": seed.MIGRATION_BRAND,
            "expiration": iso(record.expiration),
            "migration_id": record.migration_id,
        }}
    else:
        assert token is not None  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
        body = {"grant_type": token.grant_type, "locale": token.locale, "tokens": tokens(token)}
        if token.tracking_id:
            body["tracking_id"] = token.tracking_id
        user = urls.api(f"users/{player.id}")
        if outcome.kind == "sms":
            body["_links"] = {
                "verification": link(f"{user}/verification", "POST"),
                "verification_retry": link(f"{user}/verification/retry", "POST"),
            }
        elif outcome.kind == "change_password":
            body["_links"] = {"change_password": link(f"{user}/password", token.change_method)}
        elif outcome.kind == "address":
            # The examples name the link amend_user, the table extra_player_info: both.
            body["_links"] = {"amend_user": link(user, "PATCH"), "extra_player_info": link(user, "PATCH")}
            body["missing_player_info"] = ["Address"]
        else:
            body["_links"] = {
                "user": link(user, "GET"),
                "logout": link(urls.api("auth/player_credentials"), "DELETE"),
            }
        if outcome.kind != "success" or token.grant_type != PLAYER or outcome.registration_status:
            body["email"] = player.email
        if outcome.registration_status:
            body["registration_status"] = outcome.registration_status
    if outcome.tracking and outcome.tracking.tracking_id and "tokens" in body:
        body["tracking_id"] = outcome.tracking.tracking_id
    if errors:
        body["errors"] = errors_json(backend, errors)
    return body


def follow_response(backend: SandboxBackend, outcome: LoginOutcome, urls: Urls) -> dict[str, Any]:
    """``_actions.follow`` to Kore's own page, with an Activation when one applies."""
    player = outcome.player
    if outcome.activation is None:
        query = {"ref": outcome.follow_ref or "", "ReturnUrl": urls.return_url}
        href = f"{urls.base}/pages/account/follow?{urlencode(query)}"
        return {"_actions": {"follow": link(href, "GET")}}
    query = {"Email": player.email, "Brand": backend.config.brand_id, "ReturnUrl": urls.return_url}
    return {
        "_actions": {"follow": link(f"{urls.base}/pages/account/activation?{urlencode(query)}", "GET")},
        "activation": activation_json(outcome.activation, player, urls),
    }


def activation_json(activation: ActivationCode, player: Player, urls: Urls) -> dict[str, Any]:
    return {
        "code": activation.code,
        "expiration": iso(activation.expiration),
        "brands": [seed.SISTER_BRAND],
        "reset_password": link(urls.page("reset_password", Brand=seed.SISTER_BRAND, Email=player.email), "GET"),
        "password_required": activation.password_required,
    }


def verification_json(player: Player) -> dict[str, Any]:
    body: dict[str, Any] = {"mobile_phone": player.phone_status}
    if player.sms is not None:
        body["last_sms_send_date"] = iso(player.sms.sent_at)
    return body


def password_reset_json(attempt: PasswordResetAttempt, urls: Urls) -> dict[str, Any]:
    base = urls.api(f"users/password_resets/{attempt.id}")
    return {
        "status": attempt.status,
        "expiration": iso(attempt.expiration),
        "remaining_resend_count": attempt.remaining_resend_count,
        "remaining_attempt_count": attempt.remaining_attempt_count,
        "_links": {
            "enter_password_reset_code": link(base, "PATCH"),
            "resend_password_reset_code": link(f"{base}/resend", "POST"),
        },
    }


def privileged_token_response(token: Token) -> dict[str, Any]:
    return {"grant_type": token.grant_type, "tokens": tokens(token)}


def email_check_json(found: EmailCheck, player: Player | None, urls: Urls) -> dict[str, Any]:
    body: dict[str, Any] = {"status": found.status}
    if found.available_offers:
        body["available_offers"] = [{"offer_code": c} for c in found.available_offers]
    if found.claimed_offers:
        body["claimed_offers"] = [{"offer_code": c, "claim_date": d} for c, d in found.claimed_offers]
    if found.activation is not None and player is not None:
        body["activation"] = activation_json(found.activation, player, urls)
    if found.fast_track is not None:
        body["fast_track_registration"] = {"code": found.fast_track.code, "expiration": iso(found.fast_track.expiration)}
    return body


def signon_response(pair: SignonPair, urls: Urls) -> dict[str, Any]:
    """The Signon Response (page callback and refresh): a Bearer and an Auth token and the
    signon link, named ``sign_on`` (examples) and ``signon`` (table)."""
    bearer, auth = pair.bearer, pair.auth
    signon = link(urls.api(f"signons/{pair.signon_id}"), "GET")
    return {
        "grant_type": OFFLINE_SIGNON,
        "locale": bearer.locale,
        "tokens": [
            {"type": "Bearer", "expiration": iso(bearer.expiration), "value": bearer.value},
            {"type": "Auth", "expiration": iso(auth.expiration), "value": auth.value},
        ],
        "_links": {"sign_on": signon, "signon": dict(signon)},
    }
