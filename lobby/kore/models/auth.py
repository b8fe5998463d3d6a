"""Tokens and authentication: the token endpoints' answers and what they send."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import StrEnum
from typing import Any

from .base import _first, _many, _opt, _strings, parse_datetime
from .common import Link, LinkCollection, NonFatalError, _errors, _links

# -- tokens and authentication ---------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Token:
    """A token of a ``tokens`` array. Its value never appears in a repr or a log."""

    type: str
    value: str
    expiration: datetime

    def expired(self, now: datetime | None = None) -> bool:
        now = now or datetime.now(timezone.utc)
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        return now >= self.expiration

    def __repr__(self) -> str:
        return f"Token(type={self.type!r}, expiration={self.expiration.isoformat()}, value=<hidden>)"

    __str__ = __repr__

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Token":
        return cls(
            type=str(data["type"]),
            value=str(data["value"]),
            expiration=parse_datetime(data["expiration"]),  # type: ignore[arg-type]
        )


def _token_of_type(tokens: tuple[Token, ...], kind: str) -> Token | None:
    for token in tokens:
        if token.type.lower() == kind.lower():
            return token
    return None


@dataclass(frozen=True)
class TrackingContext:
    """The user tracking context sent to the token endpoints (non-fatal validation)."""

    tracking_id: str | None = None
    url: str | None = None
    referrer: str | None = None
    user_agent: str | None = None

    def to_json(self) -> dict[str, str]:
        return {k: v for k, v in (
            ("tracking_id", self.tracking_id),
            ("url", self.url),
            ("referrer", self.referrer),
            ("user_agent", self.user_agent),
        ) if v}

    def __bool__(self) -> bool:
        return bool(self.to_json())


@dataclass(frozen=True, repr=False)
class CaptchaToken:
    """A CAPTCHA answer. The documentation says ``reCAPTCHAv2`` but its password-reset
    example uses ``turnstile``: any type is passed through."""

    type: str
    token: str

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "token": self.token}

    def __repr__(self) -> str:
        return f"CaptchaToken(type={self.type!r}, token=<hidden>)"


@dataclass(frozen=True)
class CaptchaStatus:
    """Whether logging in needs a CAPTCHA (``GET ~/v3/api/auth/player_credentials``)."""

    type: str
    site_key: str | None = None

    @property
    def required(self) -> bool:
        return self.type.lower() != "none"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CaptchaStatus":
        # The table says ``captcha`` / ``site_key``; the examples say ``recaptcha`` /
        # ``siteKey``. Both are read.
        inner = _first(data, "captcha", "recaptcha", "catpcha") or {}
        return cls(type=str(inner.get("type") or "none"), site_key=_first(inner, "site_key", "siteKey"))


@dataclass(frozen=True)
class Activation:
    """Returned when the email already has an account with another brand of the group."""

    code: str
    expiration: datetime | None
    brands: tuple[str, ...]
    password_required: bool
    reset_password: Link | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Activation":
        reset = data.get("reset_password")
        return cls(
            code=str(data["code"]),
            expiration=parse_datetime(data.get("expiration")),
            brands=_strings(data.get("brands")),
            password_required=bool(data.get("password_required", False)),
            reset_password=Link.from_json(reset) if isinstance(reset, Mapping) and reset.get("href") else None,
        )


@dataclass(frozen=True)
class Migration:
    """The ZAR migration outcome: the account must be migrated to ``target_brand``."""

    target_brand: str
    expiration: datetime | None
    migration_id: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Migration":
        return cls(
            target_brand=str(data.get("target_brand") or ""),
            expiration=parse_datetime(data.get("expiration")),
            migration_id=str(data["migration_id"]),
        )


class Outcome(StrEnum):
    """The outcomes of a Player Token Response (documentation: "Outcomes")."""

    SUCCESS = "success"  # player_credentials: logged in
    FOLLOW = "follow"  # no grant type, _actions.follow: send the browser there
    ACTIVATION = "activation"  # follow + activation object: use the activation endpoint
    CHANGE_PASSWORD = "change_password"  # player_change_password  # noqa: S105 - a name, not a secret
    SMS_VERIFICATION = "sms_verification"  # player_verification_credentials
    EXTRA_PLAYER_INFO = "extra_player_info"  # extra_player_info: amend user (address)
    MIGRATION = "migration"  # no tokens, migration object
    #: Not in the documentation: a grant type or shape this client does not know yet.
    UNKNOWN = "unknown"


_OUTCOME_BY_GRANT = {
    "player_credentials": Outcome.SUCCESS,
    "player_change_password": Outcome.CHANGE_PASSWORD,
    "player_verification_credentials": Outcome.SMS_VERIFICATION,
    "extra_player_info": Outcome.EXTRA_PLAYER_INFO,
}


@dataclass(frozen=True)
class PlayerTokenResponse:
    """The answer of login, mutate, activate, and the ``auth`` of several endpoints."""

    grant_type: str | None = None
    locale: str | None = None
    tokens: tuple[Token, ...] = ()
    links: LinkCollection = field(default_factory=LinkCollection)
    actions: LinkCollection = field(default_factory=LinkCollection)
    activation: Activation | None = None
    migration: Migration | None = None
    missing_player_info: tuple[str, ...] = ()
    registration_status: str | None = None
    tracking_id: str | None = None
    email: str | None = None
    errors: tuple[NonFatalError, ...] = ()

    @property
    def outcome(self) -> Outcome:
        if self.migration is not None:
            return Outcome.MIGRATION
        if self.grant_type:
            return _OUTCOME_BY_GRANT.get(self.grant_type, Outcome.UNKNOWN)
        if "follow" in self.actions:
            return Outcome.ACTIVATION if self.activation is not None else Outcome.FOLLOW
        return Outcome.UNKNOWN

    @property
    def bearer(self) -> Token | None:
        return _token_of_type(self.tokens, "Bearer")

    @property
    def follow(self) -> Link | None:
        return self.actions.get("follow")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PlayerTokenResponse":
        return cls(
            grant_type=data.get("grant_type"),
            locale=data.get("locale"),
            tokens=_many(Token.from_json, data.get("tokens")),
            links=_links(data),
            actions=_links(data, "_actions"),
            activation=_opt(Activation.from_json, data.get("activation")),
            migration=_opt(Migration.from_json, data.get("migration")),
            missing_player_info=_strings(data.get("missing_player_info")),
            registration_status=data.get("registration_status"),
            tracking_id=data.get("tracking_id"),
            email=data.get("email"),
            errors=_errors(data),
        )


@dataclass(frozen=True)
class BrandTokenResponse:
    """A brand_public_credentials token, or a privileged one (same shape, fewer fields)."""

    grant_type: str
    tokens: tuple[Token, ...]
    locale: str | None = None
    tracking_id: str | None = None
    actions: LinkCollection = field(default_factory=LinkCollection)
    errors: tuple[NonFatalError, ...] = ()

    @property
    def bearer(self) -> Token | None:
        return _token_of_type(self.tokens, "Bearer")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "BrandTokenResponse":
        return cls(
            grant_type=str(data.get("grant_type") or ""),
            tokens=_many(Token.from_json, data.get("tokens")),
            locale=data.get("locale"),
            tracking_id=data.get("tracking_id"),
            actions=_links(data, "_actions"),
            errors=_errors(data),
        )


@dataclass(frozen=True)
class SignonResponse:
    """The offline_signon tokens (a short Bearer and a long-lived Auth) and the signon link."""

    grant_type: str
    tokens: tuple[Token, ...]
    locale: str | None = None
    links: LinkCollection = field(default_factory=LinkCollection)

    @property
    def bearer(self) -> Token | None:
        return _token_of_type(self.tokens, "Bearer")

    @property
    def auth(self) -> Token | None:
        return _token_of_type(self.tokens, "Auth")

    @property
    def signon(self) -> Link | None:
        # The table names the link ``signon``, the examples ``sign_on``.
        return self.links.get("signon") or self.links.get("sign_on")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "SignonResponse":
        return cls(
            grant_type=str(data.get("grant_type") or ""),
            tokens=_many(Token.from_json, data.get("tokens")),
            locale=data.get("locale"),
            links=_links(data),
        )


@dataclass(frozen=True)
class LaunchToken:
    """A launch_game token to sign a player into a game launched unauthenticated."""

    grant_type: str
    tokens: tuple[Token, ...]
    locale: str | None = None

    @property
    def token(self) -> Token | None:
        return _token_of_type(self.tokens, "Launch")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "LaunchToken":
        return cls(
            grant_type=str(data.get("grant_type") or ""),
            tokens=_many(Token.from_json, data.get("tokens")),
            locale=data.get("locale"),
        )
