"""Domain objects → the documented JSON, with links built for the current request.

``_links`` point at the sandbox's own API; ``_actions`` at its HTML pages, carrying
the X-Kore-ReturnUrl in force when the link was made.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from . import seed
from .clock import iso
from .exceptions import SandboxError, error_body
from .entities import ActivationCode, Jackpot, LoginOutcome, PasswordResetAttempt, Player, Token
from .models import BRAND_PUBLIC, PLAYER, SandboxBackend
from .tracking import TrackingResult


def link(href: str, method: str | None = None) -> dict[str, str]:
    return {"href": href, "method": method} if method else {"href": href}


class Urls:
    def __init__(self, base_url: str, return_url: str | None) -> None:
        self.base = base_url.rstrip("/")
        self.return_url = return_url or ""

    def api(self, path: str) -> str:
        return f"{self.base}/v3/api/{path}"

    def page(self, action: str, **params: str | None) -> str:
        query = {k: v for k, v in params.items() if v is not None}
        query["ReturnUrl"] = self.return_url
        return f"{self.base}/pages/{action}?{urlencode(query)}"

    def play(self, game: seed.Game, token: Token) -> str:
        query = {
            "sessionid": token.session_id,
            "playmode": token.play_mode,
            "locale": token.locale,
        }
        if game.device_category in ("mobile", "desktop"):
            query["device"] = game.device_category
        query["returnurl"] = self.return_url
        return f"{self.base}/play/{game.platform}/{game.code}?{urlencode(query)}"

    def play_unauthenticated(self, game: seed.Game, token: Token) -> str:
        query = {"locale": token.locale, "device": game.device_category or "desktop", "returnurl": self.return_url}
        return f"{self.base}/play/unauthenticated/{game.code}?{urlencode(query)}"


def tokens(token: Token) -> list[dict[str, str]]:
    return [{"type": "Bearer", "expiration": iso(token.expiration), "value": token.value}]


def errors_json(backend: SandboxBackend, errors: list[SandboxError]) -> list[dict[str, Any]]:
    return [error_body(e, backend.new_uuid()) for e in errors]


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
        assert record is not None
        body = {"migration": {
            "target_brand": seed.MIGRATION_BRAND,
            "expiration": iso(record.expiration),
            "migration_id": record.migration_id,
        }}
    else:
        assert token is not None
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
        with backend.lock:
            ref = backend.accounts.follow_ref(player)
        href = f"{urls.base}/pages/account/follow?{urlencode({'ref': ref, 'ReturnUrl': urls.return_url})}"
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


def users_links(token: Token, urls: Urls) -> dict[str, Any]:
    body: dict[str, Any] = {
        "_actions": {
            "register": link(urls.page("register", Locale=token.locale)),
            "reset_password": link(urls.page("reset_password", Locale=token.locale)),
            "help_chat": link(urls.page("help_chat", Locale=token.locale, SessionID=token.session_id)),
        },
        "_links": {
            "register": link(urls.api("users"), "POST"),
            "download_apk": link(
                f"{urls.base}/downloads/kore-demo.apk"
                + (f"?{urlencode({'tracking_id': token.tracking_id})}" if token.tracking_id else "")
            ),
        },
    }
    return body


PLAYER_ACTIONS = (
    "account_details",
    "account_playback",
    "account_change_password",
    "account_competitions",
    "cashier_deposit",
    "cashier_withdrawal",
    "help_chat",
)
REAL_ONLY_ACTIONS = (
    "cashier_withdrawal_reverse",
    "cashier_bonus",
    "cashier_loyalty",
    "cashier_statement",
    "cashier_transfer",
)
USER_LINKS = {
    "statistics": "stats",
    "email_status": "email_status",
    "tags": "tags",
    "custom": "custom",
    "verification": "verification",
    "verification_retry": "verification/retry",
    "player_day": "player_day",
}


def user_json(player: Player, token: Token, urls: Urls) -> dict[str, Any]:
    profile = player.profile
    play_mode = token.play_mode or "Practice"
    body: dict[str, Any] = {"balance": player.balance(play_mode).to_json()}
    if play_mode == "Real":
        body["cash_balance"] = player.cash_balance().to_json()
        body["bonus_balance"] = player.bonus_balance().to_json()
    body.update(
        {
            "email": player.email,
            "firstname": profile.firstname,
            "lastname": profile.lastname,
            "user_token": player.user_token,
            "nickname": profile.nickname,
            "locale": token.locale,
            "play_mode": play_mode,
            "birth_date": profile.birth_date,
            "registration_date": profile.registration_date,
            "profile": profile.profile,
            "has_deposited": profile.has_deposited,
            "verification_status": {"email": profile.email_verified, "mobile_phone": player.phone_status},
            "claimed_offers": [{"offer_code": c, "claim_date": d} for c, d in player.claimed_offers],
        }
    )
    if play_mode == "Real" and profile.loyalty:
        tier, tier_name, _ = profile.loyalty
        body["loyalty"] = {"tier": tier, "balance": player.loyalty_balance(), "tier_name": tier_name}
    actions = PLAYER_ACTIONS + (REAL_ONLY_ACTIONS if play_mode == "Real" else ())
    body["_actions"] = {
        name: link(urls.page(name, SessionID=token.session_id, PlayMode=play_mode, Locale=token.locale))
        for name in actions
    }
    body["_links"] = {name: link(urls.api(f"users/{player.id}/{path}")) for name, path in USER_LINKS.items()}
    return body


def game_json(backend: SandboxBackend, game: seed.Game, token: Token, urls: Urls) -> dict[str, Any]:
    player = backend.player_of(token) if token.grant_type == PLAYER else None
    body: dict[str, Any] = {
        "provider": game.provider,
        "slug": game.slug,
        "name": game.name,
        "category": game.category,
        "platform": game.platform,
        "locale": token.locale,
    }
    if game.provider in seed.ATTRIBUTE_PROVIDERS:
        body["attributes"] = dict(game.attributes)
    medal = backend.medal_for(player, game)
    if medal:
        body["medal"] = medal
    free_games = backend.free_games_for(player, game)
    if free_games is not None:
        body["free_games_set"] = free_games
    play = None
    if token.grant_type == PLAYER:
        if not (token.play_mode == "Practice" and game.provider in seed.REAL_ONLY_PROVIDERS):
            play = urls.play(game, token)
    elif game.provider in seed.UNAUTHENTICATED_PROVIDERS:
        play = urls.play_unauthenticated(game, token)
    if play:
        body["_actions"] = {"play": link(play, "GET")}
    links = {"_self": link(urls.api(f"games/{game.game_id}"), "GET")}
    if game.provider == "betconstruct":
        links["launch"] = link(urls.api(f"games/{game.game_id}/launch"), "POST")
        links["launch_token"] = link(
            urls.api(f"games/{game.game_id}/tokens?{urlencode({'deviceCategory': game.device_category})}"), "POST"
        )
    body["_links"] = links
    if game.device_category:
        body["device_category"] = game.device_category
    return body


def stats_json(backend: SandboxBackend, player: Player, token: Token, urls: Urls) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if player.email in seed.HIGHEST_WINS:
        slug, amount = seed.HIGHEST_WINS[player.email]
        game = next(g for g in seed.GAMES if g.slug == slug)
        currency = player.profile.currency
        spec = seed.CURRENCY_BY_CODE[currency]
        body["highest_win"] = {
            "payout": {"currency": currency, "amount": amount, "exponent": spec.iso_exponent},
            "game": game_json(backend, game, token, urls),
        }
    body["tournaments"] = []
    body["competitions"] = []
    return body


def email_status_json(player: Player) -> dict[str, Any]:
    status = player.email_status
    assert status is not None
    blocked = status.blocked_until is not None
    body: dict[str, Any] = {
        "is_casino_subscribed": status.casino_subscribed,
        "is_group_subscribed": status.group_subscribed,
        "is_blocked": blocked,
    }
    if status.blocked_until is not None:
        body["blocked_until"] = iso(status.blocked_until)
    if status.last_sent is not None:
        body["last_sent"] = iso(status.last_sent)
    if status.last_tracked is not None:
        body["last_tracked"] = iso(status.last_tracked)
    return body


def jackpot_json(jackpot: Jackpot) -> dict[str, Any]:
    return {
        "id": jackpot.id,
        "current": jackpot.current,
        "increment_value": jackpot.increment_value,
        "increment_interval": jackpot.increment_interval,
        "timestamp": iso(jackpot.timestamp),
    }


# -- JSON encoding ----------------------------------------------------------------------

_DECIMAL = re.compile(r'"\\u0000decimal:([-0-9.Ee+]+)"')


def _reject_floats(value: Any, path: str = "$") -> None:
    # Money is an integer amount and exponent; a float anywhere is a sandbox bug.
    if isinstance(value, float):
        raise TypeError(f"float in a Kore response at {path}: use Money or Decimal")
    if isinstance(value, dict):
        for k, v in value.items():
            _reject_floats(v, f"{path}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _reject_floats(v, f"{path}[{i}]")


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"\u0000decimal:{value}"
    raise TypeError(f"cannot encode {type(value).__name__}")


def to_json(value: Any) -> str:
    """JSON text with Decimals as exact numbers (DecimalMoney) and floats refused."""
    _reject_floats(value)
    text = json.dumps(value, ensure_ascii=False, default=_default)
    return _DECIMAL.sub(lambda m: m.group(1), text)
