"""Typed values for what Kore sends and receives.

Every response model is a frozen dataclass built by ``from_json``, which reads the
properties it knows and ignores the others: Kore promises to add properties within v3,
never to remove them. Money is ``int`` amounts or ``Decimal``, never float. Dates are
aware UTC datetimes (the documentation also shows naive and millisecond timestamps; they
are read as UTC). Links stay links: a client follows them by name and never builds or
picks apart the URLs Kore hands out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Callable, TypeVar

from .errors import ErrorCode, parse_code

T = TypeVar("T")

#: The locales the documentation lists as accepted by Kore.
LOCALES = (
    "en-US", "en-ZA", "fr-FR", "de-DE", "it-IT", "es-ES", "el-GR", "da-DK", "sv-SE", "nb-NO",
)
PLAY_MODES = ("Real", "Practice")


# -- parsing helpers -----------------------------------------------------------------

_LONG_FRACTION = re.compile(r"(\.\d{6})\d+")


def parse_datetime(value: Any) -> datetime | None:
    """An aware UTC datetime from Kore's ISO 8601 strings, None for absent values.

    Accepts ``...Z``, offsets, no zone at all (the password-reset example; Kore means
    UTC everywhere) and .NET's fractions of up to 7 digits.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        if text[-1:] in ("Z", "z"):
            text = text[:-1] + "+00:00"
        text = _LONG_FRACTION.sub(r"\1", text)
        parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def parse_date(value: Any) -> date | None:
    """A date from ``yyyy-mm-dd`` (a full timestamp is cut to its UTC date)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return parse_datetime(value).date()  # type: ignore[union-attr]
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) > 10:
        return parse_datetime(text).date()  # type: ignore[union-attr]
    return date.fromisoformat(text)


def _int(value: Any) -> int:
    """An integer from JSON, refusing fractions (JSON is decoded with Decimal floats)."""
    if isinstance(value, bool):
        raise ValueError("expected an integer, got a boolean")
    if isinstance(value, int):
        return value
    as_decimal = Decimal(str(value))
    if as_decimal != as_decimal.to_integral_value():
        raise ValueError(f"expected an integer, got {value!r}")
    return int(as_decimal)


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # Someone decoded the JSON without parse_float=Decimal: take the shortest
        # repr, which is what the JSON text said.
        return Decimal(repr(value))
    return Decimal(str(value))


def _opt(parser: Callable[[Any], T], value: Any) -> T | None:
    return None if value is None else parser(value)


def _many(parser: Callable[[Any], T], values: Any) -> tuple[T, ...]:
    return tuple(parser(v) for v in (values or ()))


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (values or ()))


def _first(data: Mapping[str, Any], *names: str) -> Any:
    """The first present property among spellings the documentation uses for one thing."""
    for name in names:
        if data.get(name) is not None:
            return data[name]
    return None


# -- links ---------------------------------------------------------------------------


class MissingLinkError(LookupError):
    """Kore did not hand out the link asked for: the action is not available now."""


@dataclass(frozen=True)
class Link:
    """An API link (``_links``) or a web page for the browser (``_actions``)."""

    href: str
    method: str = "GET"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Link":
        return cls(href=str(data["href"]), method=str(data.get("method") or "GET").upper())


class LinkCollection(Mapping[str, Link]):
    """A read-only mapping of link name → Link (the documentation's LinkCollection)."""

    __slots__ = ("_links",)

    def __init__(self, links: Mapping[str, Link] | None = None) -> None:
        self._links = MappingProxyType(dict(links or {}))

    @classmethod
    def from_json(cls, data: Any) -> "LinkCollection":
        links: dict[str, Link] = {}
        if isinstance(data, Mapping):
            for name, value in data.items():
                # Anything not shaped like a Link is skipped rather than fatal: the
                # documentation's own Game Info example nests ``_links`` inside
                # ``_actions``.
                if isinstance(value, Mapping) and isinstance(value.get("href"), str):
                    links[str(name)] = Link.from_json(value)
        return cls(links)

    def __getitem__(self, name: str) -> Link:
        return self._links[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._links)

    def __len__(self) -> int:
        return len(self._links)

    def __repr__(self) -> str:
        return f"LinkCollection({sorted(self._links)!r})"

    def __reduce__(self):
        # Brand-level results (the public game list, jackpots) are kept in a shared
        # cache, which pickles them.
        return (LinkCollection, (dict(self._links),))

    def require(self, *names: str) -> Link:
        """The first link present among ``names`` (spellings), else MissingLinkError."""
        for name in names:
            if name in self._links:
                return self._links[name]
        raise MissingLinkError(f"Kore did not provide a {' / '.join(names)!s} link")


def _links(data: Mapping[str, Any], key: str = "_links") -> LinkCollection:
    return LinkCollection.from_json(data.get(key))


# -- errors carried by successful answers ---------------------------------------------


@dataclass(frozen=True)
class NonFatalError:
    """An entry of the ``errors`` array of a successful answer (non-fatal validation)."""

    error: str
    error_description: str = ""
    uuid: str | None = None
    properties: tuple[str, ...] = ()

    @property
    def code(self) -> ErrorCode | None:
        return parse_code(self.error)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "NonFatalError":
        return cls(
            error=str(data.get("error") or ""),
            error_description=str(data.get("error_description") or ""),
            uuid=data.get("uuid"),
            properties=_strings(data.get("properties")),
        )


def _errors(data: Mapping[str, Any]) -> tuple[NonFatalError, ...]:
    return _many(NonFatalError.from_json, data.get("errors"))


# -- money ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    """An amount in minor units: ``amount / 10**exponent`` of ``currency``.

    Deliberately without arithmetic: amounts come from Kore and are only displayed.
    """

    currency: str
    amount: int
    exponent: int

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.amount).scaleb(-self.exponent)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Money":
        return cls(
            currency=str(data["currency"]),
            amount=_int(data["amount"]),
            exponent=_int(data["exponent"]),
        )


@dataclass(frozen=True)
class DecimalMoney:
    """A fractional amount too small for Money (e.g. progressive contributions)."""

    currency: str
    decimal_amount: Decimal

    @property
    def decimal(self) -> Decimal:
        return self.decimal_amount

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "DecimalMoney":
        return cls(currency=str(data["currency"]), decimal_amount=_decimal(data["decimal_amount"]))


@dataclass(frozen=True)
class Currency:
    """A brand currency and how to display it (``GET ~/v3/api/currencies``)."""

    currency: str
    symbol: str
    iso_exponent: int
    display_exponent: int = 0
    display_decimals: int = 2

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Currency":
        return cls(
            currency=str(data["currency"]),
            symbol=str(data.get("symbol") or data["currency"]),
            iso_exponent=_int(data["iso_exponent"]),
            display_exponent=_int(data.get("display_exponent") or 0),
            display_decimals=_int(data["display_decimals"] if data.get("display_decimals") is not None else 2),
        )


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
    CHANGE_PASSWORD = "change_password"  # player_change_password
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


# -- request bodies --------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    country_code: str
    first_line: str | None = None
    second_line: str | None = None
    city: str | None = None
    zip_code: str | None = None
    state_code: str | None = None
    state_text: str | None = None

    def to_json(self) -> dict[str, str]:
        return _compact(self.__dict__)


@dataclass(frozen=True)
class Identification:
    country: str
    type: str  # "Id" (South African ID) or "Passport"
    number: str

    def to_json(self) -> dict[str, str]:
        return _compact(self.__dict__)


@dataclass(frozen=True)
class PlayerInfo:
    nickname: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    title: str | None = None
    birth_date: date | str | None = None
    home_phone: str | None = None
    work_phone: str | None = None
    mobile_phone: str | None = None
    address: Address | None = None
    identification: Identification | None = None
    fund_source: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = _compact(self.__dict__)
        if isinstance(self.birth_date, date):
            data["birth_date"] = self.birth_date.isoformat()
        if self.address is not None:
            data["address"] = self.address.to_json()
        if self.identification is not None:
            data["identification"] = self.identification.to_json()
        return data


@dataclass(frozen=True)
class Welcome:
    """The welcome-page campaign a registration came from."""

    page_id: int
    bonus_codes: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.page_id <= 0:
            raise ValueError("welcome.page_id must be strictly positive")
        if not 1 <= len(self.bonus_codes) <= 2:
            raise ValueError("welcome.bonus_codes takes 1 or 2 codes")

    def to_json(self) -> dict[str, Any]:
        return {"page_id": self.page_id, "bonus_codes": list(self.bonus_codes)}


@dataclass(frozen=True)
class Campaign:
    campaign_id: int
    type: str = "invite"

    def __post_init__(self) -> None:
        if self.campaign_id <= 0:
            raise ValueError("campaign_id must be a positive integer")

    def to_json(self) -> dict[str, Any]:
        return {"campaign_id": self.campaign_id, "type": self.type}


def _compact(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


# -- users -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UsersLinks:
    """``GET ~/v3/api/users``: pages and API links for players not logged in."""

    actions: LinkCollection
    links: LinkCollection

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "UsersLinks":
        return cls(actions=_links(data, "_actions"), links=_links(data))


@dataclass(frozen=True)
class RegistrationResponse:
    """``POST ~/v3/api/users`` (and amend user, which answers the same way).

    Either a ``registration_status`` with an optional ``auth``, or (no status) a
    ``follow`` action with an optional activation.
    """

    registration_status: str | None = None
    auth: PlayerTokenResponse | None = None
    actions: LinkCollection = field(default_factory=LinkCollection)
    activation: Activation | None = None
    errors: tuple[NonFatalError, ...] = ()
    #: The ``Location`` header of a 201: the new user's information endpoint.
    location: Link | None = None

    @property
    def outcome(self) -> Outcome:
        if self.auth is not None:
            return self.auth.outcome
        if "follow" in self.actions:
            return Outcome.ACTIVATION if self.activation is not None else Outcome.FOLLOW
        return Outcome.UNKNOWN

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "RegistrationResponse":
        return cls(
            registration_status=data.get("registration_status"),
            auth=_opt(PlayerTokenResponse.from_json, data.get("auth")),
            actions=_links(data, "_actions"),
            activation=_opt(Activation.from_json, data.get("activation")),
            errors=_errors(data),
        )


@dataclass(frozen=True)
class Offer:
    offer_code: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Offer":
        return cls(offer_code=str(data["offer_code"]))


@dataclass(frozen=True)
class ClaimedOffer:
    offer_code: str
    claim_date: datetime | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ClaimedOffer":
        return cls(offer_code=str(data["offer_code"]), claim_date=parse_datetime(data.get("claim_date")))


@dataclass(frozen=True)
class FastTrackRegistration:
    code: str
    expiration: datetime | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "FastTrackRegistration":
        return cls(code=str(data["code"]), expiration=parse_datetime(data.get("expiration")))


@dataclass(frozen=True)
class EmailCheckResponse:
    """``POST ~/v3/api/users/emailcheck``.

    ``status`` is ``available``, ``not_available``, ``activate`` or
    ``fast_track_registration``; campaign checks answer ``eligible`` / ``not-eligible``.
    """

    status: str
    available_offers: tuple[Offer, ...] = ()
    claimed_offers: tuple[ClaimedOffer, ...] = ()
    activation: Activation | None = None
    fast_track_registration: FastTrackRegistration | None = None

    @property
    def available(self) -> bool:
        return self.status in ("available", "fast_track_registration")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "EmailCheckResponse":
        return cls(
            status=str(data["status"]),
            available_offers=_many(Offer.from_json, data.get("available_offers")),
            claimed_offers=_many(ClaimedOffer.from_json, data.get("claimed_offers")),
            activation=_opt(Activation.from_json, data.get("activation")),
            fast_track_registration=_opt(FastTrackRegistration.from_json, data.get("fast_track_registration")),
        )


@dataclass(frozen=True)
class Loyalty:
    tier: str
    balance: int
    tier_name: str
    # Only with the offline_signon grant type (the "extended" loyalty object).
    tier_level: int | None = None
    tier_points: int | None = None
    next_tier: str | None = None
    next_tier_name: str | None = None
    next_tier_level: int | None = None
    next_tier_points: int | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Loyalty":
        return cls(
            tier=str(data.get("tier") or ""),
            balance=_int(data.get("balance") or 0),
            tier_name=str(data.get("tier_name") or ""),
            tier_level=_opt_int(data.get("tier_level")),
            tier_points=_opt_int(data.get("tier_points")),
            next_tier=data.get("next_tier"),
            next_tier_name=data.get("next_tier_name"),
            next_tier_level=_opt_int(data.get("next_tier_level")),
            next_tier_points=_opt_int(data.get("next_tier_points")),
        )


@dataclass(frozen=True)
class VerificationStatus:
    email: str | None
    mobile_phone: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "VerificationStatus":
        return cls(email=data.get("email"), mobile_phone=data.get("mobile_phone"))


@dataclass(frozen=True)
class User:
    """The logged-in player (``GET ~/v3/api/users/{user_id}`` with player_credentials)."""

    balance: Money
    email: str
    nickname: str
    locale: str
    play_mode: str
    user_token: str | None = None
    cash_balance: Money | None = None
    bonus_balance: Money | None = None
    firstname: str | None = None
    lastname: str | None = None
    loyalty: Loyalty | None = None
    birth_date: date | None = None
    profile: str | None = None
    verification_status: VerificationStatus | None = None
    registration_date: datetime | None = None
    has_deposited: bool = False
    claimed_offers: tuple[ClaimedOffer, ...] = ()
    actions: LinkCollection = field(default_factory=LinkCollection)
    links: LinkCollection = field(default_factory=LinkCollection)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "User":
        return cls(
            balance=Money.from_json(data["balance"]),
            email=str(data.get("email") or ""),
            nickname=str(data.get("nickname") or ""),
            locale=str(data.get("locale") or ""),
            play_mode=str(data.get("play_mode") or ""),
            user_token=data.get("user_token"),
            cash_balance=_opt(Money.from_json, data.get("cash_balance")),
            bonus_balance=_opt(Money.from_json, data.get("bonus_balance")),
            firstname=data.get("firstname"),
            lastname=data.get("lastname"),
            loyalty=_opt(Loyalty.from_json, data.get("loyalty")),
            birth_date=parse_date(data.get("birth_date")),
            profile=data.get("profile"),
            verification_status=_opt(VerificationStatus.from_json, data.get("verification_status")),
            registration_date=parse_datetime(data.get("registration_date")),
            has_deposited=bool(data.get("has_deposited", False)),
            claimed_offers=_many(ClaimedOffer.from_json, data.get("claimed_offers")),
            actions=_links(data, "_actions"),
            links=_links(data),
        )


@dataclass(frozen=True)
class HighestWin:
    payout: Money
    game: "Game"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "HighestWin":
        return cls(payout=Money.from_json(data["payout"]), game=Game.from_json(data["game"]))


@dataclass(frozen=True)
class TournamentStats:
    name: str
    rank: int
    start_date: datetime | None
    end_date: datetime | None
    win_amount: Money | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TournamentStats":
        return cls(
            name=str(data.get("name") or ""),
            rank=_int(data["rank"]),
            start_date=parse_datetime(data.get("start_date")),
            end_date=parse_datetime(data.get("end_date")),
            win_amount=_opt(Money.from_json, data.get("win_amount")),
        )


@dataclass(frozen=True)
class CompetitionStats:
    name: str
    rank: int
    start_date: datetime | None
    end_date: datetime | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CompetitionStats":
        return cls(
            name=str(data.get("name") or ""),
            rank=_int(data["rank"]),
            start_date=parse_datetime(data.get("start_date")),
            end_date=parse_datetime(data.get("end_date")),
        )


@dataclass(frozen=True)
class UserStats:
    """``GET ~/v3/api/users/{user_id}/stats``."""

    highest_win: HighestWin | None
    tournaments: tuple[TournamentStats, ...]
    competitions: tuple[CompetitionStats, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "UserStats":
        return cls(
            highest_win=_opt(HighestWin.from_json, data.get("highest_win")),
            tournaments=_many(TournamentStats.from_json, data.get("tournaments")),
            competitions=_many(CompetitionStats.from_json, data.get("competitions")),
        )


@dataclass(frozen=True)
class EmailStatus:
    """``GET ~/v3/api/users/{user_id}/email_status``."""

    is_blocked: bool
    is_casino_subscribed: bool
    is_group_subscribed: bool
    blocked_until: datetime | None = None
    last_sent: datetime | None = None
    last_tracked: datetime | None = None

    @property
    def permanently_blocked(self) -> bool:
        # "A year value of 9999 indicates that the player's email address has been
        # permanently blocked."
        return self.blocked_until is not None and self.blocked_until.year == 9999

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "EmailStatus":
        inner = data.get("email_status", data)
        return cls(
            is_blocked=bool(inner.get("is_blocked", False)),
            is_casino_subscribed=bool(inner.get("is_casino_subscribed", False)),
            is_group_subscribed=bool(inner.get("is_group_subscribed", False)),
            blocked_until=parse_datetime(inner.get("blocked_until")),
            last_sent=parse_datetime(inner.get("last_sent")),
            last_tracked=parse_datetime(inner.get("last_tracked")),
        )


@dataclass(frozen=True)
class Tag:
    name: str
    category: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Tag":
        return cls(name=str(data["name"]), category=str(data.get("category") or ""))


#: The tag categories the documentation lists for ``GET …/tags?categories=``.
TAG_CATEGORIES = (
    "PlayerRanking", "CampaignTracker", "InviteList", "Internal", "FlowTask", "Branding",
    "InviteSource", "DepositProcessorType", "LoyaltyTier", "BrandGroup", "Promotions",
    "AffiliateProgram", "BrandPlayerProfile", "RevenueCampaign", "UserSettings",
    "CampaignTags", "Affiliate",
)


@dataclass(frozen=True)
class PlayerDay:
    """``GET …/player_day?date=``: bets and deposits in USD since a date."""

    cash_bet_total_usd: DecimalMoney
    deposit_count: int
    deposit_total_usd: DecimalMoney

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PlayerDay":
        return cls(
            cash_bet_total_usd=DecimalMoney.from_json(data["cash_bet_total_usd"]),
            deposit_count=_int(data.get("deposit_count") or 0),
            deposit_total_usd=DecimalMoney.from_json(data["deposit_total_usd"]),
        )


@dataclass(frozen=True)
class PasswordChange:
    """``PUT …/password``: the status and the new login outcome."""

    password_change_status: str | None
    auth: PlayerTokenResponse | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PasswordChange":
        return cls(
            password_change_status=data.get("password_change_status"),
            auth=_opt(PlayerTokenResponse.from_json, data.get("auth")),
        )


@dataclass(frozen=True)
class VerificationResult:
    """The SMS verification endpoints (a variant of VerificationStatus)."""

    mobile_phone: str
    last_sms_send_date: datetime | None = None
    #: Present when the request used a player_verification_credentials token.
    auth: PlayerTokenResponse | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "VerificationResult":
        return cls(
            mobile_phone=str(data.get("mobile_phone") or ""),
            last_sms_send_date=parse_datetime(data.get("last_sms_send_date")),
            auth=_opt(PlayerTokenResponse.from_json, data.get("auth")),
        )


@dataclass(frozen=True)
class PasswordReset:
    """A password recovery attempt (``…/users/password_resets``)."""

    status: str
    expiration: datetime | None
    remaining_resend_count: int
    remaining_attempt_count: int
    links: LinkCollection = field(default_factory=LinkCollection)
    auth: PlayerTokenResponse | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PasswordReset":
        return cls(
            status=str(data.get("status") or ""),
            expiration=parse_datetime(data.get("expiration")),
            remaining_resend_count=_int(data.get("remaining_resend_count") or 0),
            remaining_attempt_count=_int(data.get("remaining_attempt_count") or 0),
            links=_links(data),
            auth=_opt(PlayerTokenResponse.from_json, data.get("auth")),
        )


# -- games -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Medal:
    name: str
    level: int
    awarded_date: datetime | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Medal":
        return cls(
            name=str(data.get("name") or ""),
            level=_int(data.get("level") or 0),
            awarded_date=parse_datetime(data.get("awarded_date")),
        )


@dataclass(frozen=True)
class FreeGameSet:
    available_rounds: int
    status: str  # "pending" (never opened) or "active"
    created_date: datetime | None
    updated_date: datetime | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "FreeGameSet":
        return cls(
            available_rounds=_int(data.get("available_rounds") or 0),
            status=str(data.get("status") or ""),
            created_date=parse_datetime(data.get("created_date")),
            updated_date=parse_datetime(data.get("updated_date")),
        )


@dataclass(frozen=True)
class Game:
    """A game (``~/v3/api/games``, a tournament's games, a highest win).

    ``device_category`` None means responsive, as the documentation says of a missing
    property. ``provider`` is None in the partial games of a tournament.
    """

    slug: str
    name: str
    category: str
    platform: str
    locale: str | None = None
    provider: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    medal: Medal | None = None
    free_games_set: tuple[FreeGameSet, ...] = ()
    device_category: str | None = None
    actions: LinkCollection = field(default_factory=LinkCollection)
    links: LinkCollection = field(default_factory=LinkCollection)

    @property
    def responsive(self) -> bool:
        return self.device_category in (None, "responsive")

    @property
    def play(self) -> Link | None:
        return self.actions.get("play")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Game":
        attributes = data.get("attributes") or {}
        return cls(
            slug=str(data.get("slug") or ""),
            name=str(data.get("name") or ""),
            category=str(data.get("category") or ""),
            platform=str(data.get("platform") or ""),
            locale=data.get("locale"),
            provider=data.get("provider"),
            attributes={str(k): str(v) for k, v in attributes.items()} if isinstance(attributes, Mapping) else {},
            medal=_opt(Medal.from_json, data.get("medal")),
            free_games_set=_many(FreeGameSet.from_json, data.get("free_games_set")),
            device_category=data.get("device_category"),
            actions=_links(data, "_actions"),
            links=_links(data),
        )


@dataclass(frozen=True)
class GameLaunch:
    """``POST …/games/{id}/launch``: a custom ``play`` action."""

    actions: LinkCollection

    @property
    def play(self) -> Link | None:
        return self.actions.get("play")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "GameLaunch":
        return cls(actions=_links(data, "_actions"))


@dataclass(frozen=True)
class FavoriteGame:
    provider: str
    name: str
    category: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "FavoriteGame":
        return cls(
            provider=str(data.get("provider") or ""),
            name=str(data.get("name") or ""),
            category=str(data.get("category") or ""),
        )


@dataclass(frozen=True)
class Jackpot:
    """A progressive jackpot; ``current`` is in minor units of the player's currency."""

    id: str
    current: int
    increment_value: int
    increment_interval: int
    timestamp: datetime | None

    def money(self, currency: Currency) -> Money:
        """The jackpot as Money: the documentation says to use the iso_exponent."""
        return Money(currency.currency, self.current, currency.iso_exponent)

    def estimate(self, now: datetime | None = None) -> int:
        """The value expected at ``now`` from the documented rate of change (animation)."""
        if self.timestamp is None or self.increment_interval <= 0:
            return self.current
        now = now or datetime.now(timezone.utc)
        elapsed = max(timedelta(0), now - self.timestamp).total_seconds()
        return self.current + int(elapsed // self.increment_interval) * self.increment_value

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Jackpot":
        return cls(
            id=str(data["id"]),
            current=_int(data["current"]),
            increment_value=_int(data.get("increment_value") or 0),
            increment_interval=_int(data.get("increment_interval") or 0),
            timestamp=parse_datetime(data.get("timestamp")),
        )


@dataclass(frozen=True)
class ProgressiveGame:
    game_slug: str
    currencies: tuple[str, ...]
    jackpots: tuple[Jackpot, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ProgressiveGame":
        return cls(
            game_slug=str(data["game_slug"]),
            currencies=_strings(data.get("currencies")),
            jackpots=_many(Jackpot.from_json, data.get("jackpots")),
        )


# -- tournaments -----------------------------------------------------------------------


@dataclass(frozen=True)
class News:
    text: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "News":
        return cls(text=str(data.get("text") or ""))


@dataclass(frozen=True)
class TournamentNews:
    """``GET ~/v3/api/tournaments/news``; poll again by following ``latest``."""

    news: tuple[News, ...]
    links: LinkCollection

    @property
    def latest(self) -> Link | None:
        return self.links.get("latest")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TournamentNews":
        return cls(news=_many(News.from_json, data.get("news")), links=_links(data))


@dataclass(frozen=True)
class PlayerCounts:
    registered: int
    minimum: int
    maximum: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PlayerCounts":
        return cls(
            registered=_int(data.get("registered") or 0),
            minimum=_int(data.get("minimum") or 0),
            maximum=_int(data.get("maximum") or 0),
        )


@dataclass(frozen=True)
class TournamentRegistration:
    """The player's registration in a tournament: ``None``, ``Registered`` or ``SignOn``."""

    status: str

    @property
    def registered(self) -> bool:
        return self.status in ("Registered", "SignOn")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TournamentRegistration":
        return cls(status=str(data.get("status") or "None"))


@dataclass(frozen=True)
class RegistrationOption:
    """How to join: ``Cash`` (fee + buy in), ``Bonus`` (a code) or ``Loyalty`` (cost)."""

    type: str
    fee: Money | None = None
    buy_in: Money | None = None
    cost: int | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "RegistrationOption":
        # The tournament examples spell it ``buyin``, the Registration Options section
        # ``buy_in``: both are read.
        return cls(
            type=str(data.get("type") or ""),
            fee=_opt(Money.from_json, data.get("fee")),
            buy_in=_opt(Money.from_json, _first(data, "buy_in", "buyin")),
            cost=_opt_int(data.get("cost")),
        )


@dataclass(frozen=True)
class PrizePool:
    type: str  # TotalPrizePool or FixedAmounts
    minimum: Money | None
    current: Money | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PrizePool":
        return cls(
            type=str(data.get("type") or ""),
            minimum=_opt(Money.from_json, data.get("minimum")),
            current=_opt(Money.from_json, data.get("current")),
        )


@dataclass(frozen=True)
class Prize:
    rank: int
    minimum: Money | None
    current: Money | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Prize":
        # The table types ``rank`` as a String, the example as a number.
        return cls(
            rank=_int(data["rank"]),
            minimum=_opt(Money.from_json, data.get("minimum")),
            current=_opt(Money.from_json, data.get("current")),
        )


@dataclass(frozen=True)
class RebuyPurchase:
    type: str
    cost: Money | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "RebuyPurchase":
        return cls(type=str(data.get("type") or "Cash"), cost=_opt(Money.from_json, data.get("cost")))


@dataclass(frozen=True)
class RebuysStatus:
    is_allowed: bool
    use_count: int
    max_use_count: int
    purchase_options: tuple[RebuyPurchase, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "RebuysStatus":
        return cls(
            is_allowed=bool(data.get("is_allowed", False)),
            use_count=_int(data.get("use_count") or 0),
            max_use_count=_int(data.get("max_use_count") or 0),
            purchase_options=_many(RebuyPurchase.from_json, data.get("purchase_options")),
        )


@dataclass(frozen=True)
class TournamentPlayer:
    """A player of a tournament's leaderboard (or ``player``: the current one)."""

    nickname: str
    rank: int
    credits: Money | None
    win_amount: Money | None
    is_active: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TournamentPlayer":
        return cls(
            nickname=str(data.get("nickname") or ""),
            rank=_int(data.get("rank") or 0),
            credits=_opt(Money.from_json, data.get("credits")),
            win_amount=_opt(Money.from_json, data.get("win_amount")),
            is_active=bool(data.get("is_active", False)),
        )


@dataclass(frozen=True)
class Tournament:
    """A tournament. The list endpoint gives the common properties only; the detailed
    properties (``description`` … ``duration``) come from following ``_self``."""

    name: str
    type: str  # Scheduled or SitAndGo
    game_category: str
    status: str
    player_counts: PlayerCounts | None
    registration: TournamentRegistration | None
    registration_options: tuple[RegistrationOption, ...]
    prize_pool: PrizePool | None
    links: LinkCollection
    status_change_date: datetime | None = None
    rebuys: RebuysStatus | None = None
    # detailed properties
    description: str | None = None
    credits: Money | None = None
    leaderboard: tuple[TournamentPlayer, ...] = ()
    player: TournamentPlayer | None = None
    games: tuple[Game, ...] = ()
    prizes: tuple[Prize, ...] = ()
    duration: int | None = None

    @property
    def detailed(self) -> bool:
        return self.description is not None or self.duration is not None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Tournament":
        return cls(
            name=str(data.get("name") or ""),
            type=str(data.get("type") or ""),
            game_category=str(data.get("game_category") or ""),
            status=str(data.get("status") or ""),
            player_counts=_opt(PlayerCounts.from_json, data.get("player_counts")),
            # The example says ``registration``, the property table ``registrations``.
            registration=_opt(TournamentRegistration.from_json, _first(data, "registration", "registrations")),
            registration_options=_many(RegistrationOption.from_json, data.get("registration_options")),
            prize_pool=_opt(PrizePool.from_json, data.get("prize_pool")),
            links=_links(data),
            status_change_date=parse_datetime(data.get("status_change_date")),
            rebuys=_opt(RebuysStatus.from_json, data.get("rebuys")),
            description=data.get("description"),
            credits=_opt(Money.from_json, data.get("credits")),
            leaderboard=_many(TournamentPlayer.from_json, data.get("leaderboard")),
            player=_opt(TournamentPlayer.from_json, data.get("player")),
            games=_many(Game.from_json, data.get("games")),
            prizes=_many(Prize.from_json, data.get("prizes")),
            duration=_opt_int(data.get("duration")),
        )


# -- competitions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Competition:
    id: int
    name: str
    start_date: datetime | None
    end_date: datetime | None
    brand_group: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Competition":
        return cls(
            id=_int(data["id"]),
            name=str(data.get("name") or ""),
            start_date=parse_datetime(data.get("start_date")),
            end_date=parse_datetime(data.get("end_date")),
            brand_group=data.get("brand_group"),
        )


@dataclass(frozen=True)
class LeaderboardEntry:
    nickname: str
    ranking: int
    score: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "LeaderboardEntry":
        return cls(
            nickname=str(data.get("nickname") or ""),
            ranking=_int(data.get("ranking") or 0),
            score=_int(data.get("score") or 0),
        )


@dataclass(frozen=True)
class Leaderboard:
    competition_ids: tuple[int, ...]
    leaderboard: tuple[LeaderboardEntry, ...]
    player: LeaderboardEntry | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Leaderboard":
        return cls(
            competition_ids=tuple(_int(i) for i in data.get("competition_ids") or ()),
            leaderboard=_many(LeaderboardEntry.from_json, data.get("leaderboard")),
            player=_opt(LeaderboardEntry.from_json, data.get("player")),
        )


# -- bonuses, chats, referrals -----------------------------------------------------------


@dataclass(frozen=True)
class BonusClaim:
    bonus_code: str | None
    claim_status: str  # Claimed or AwaitingDeposit

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "BonusClaim":
        return cls(bonus_code=data.get("bonus_code"), claim_status=str(data.get("claim_status") or ""))


@dataclass(frozen=True)
class Chat:
    chat_id: str
    is_operator_initiated: bool
    actions: LinkCollection

    @property
    def open_chat(self) -> Link | None:
        return self.actions.get("open_chat")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Chat":
        return cls(
            chat_id=str(data["chat_id"]),
            is_operator_initiated=bool(data.get("is_operator_initiated", False)),
            actions=_links(data, "_actions"),
        )


@dataclass(frozen=True)
class Referral:
    referral_code: str
    referrer_bonus: Money | None
    referee_bonus: tuple[Money, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Referral":
        return cls(
            referral_code=str(data["referral_code"]),
            referrer_bonus=_opt(Money.from_json, data.get("referrer_bonus")),
            referee_bonus=_many(Money.from_json, data.get("referee_bonus")),
        )


@dataclass(frozen=True)
class ReferralClaimStatus:
    unclaimed_referrals_count: int
    amount_to_claim: Money | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ReferralClaimStatus":
        return cls(
            unclaimed_referrals_count=_int(data.get("unclaimed_referrals_count") or 0),
            amount_to_claim=_opt(Money.from_json, data.get("amount_to_claim")),
        )


@dataclass(frozen=True)
class PlayerReferral:
    """``GET ~/v3/api/referrals``: the signed-in referrer's code and what it earned."""

    referral: Referral
    claim_status: ReferralClaimStatus | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PlayerReferral":
        return cls(
            referral=Referral.from_json(data["referral"]),
            claim_status=_opt(ReferralClaimStatus.from_json, data.get("claim_status")),
        )


@dataclass(frozen=True)
class ReferralCodeInfo:
    """``GET ~/v3/api/referrals/{referral_code}``."""

    referral: Referral
    locale: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ReferralCodeInfo":
        return cls(referral=Referral.from_json(data["referral"]), locale=data.get("locale"))


@dataclass(frozen=True)
class ReferralClaim:
    claim_type: str
    referral_code: str | None
    bonus: Money | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ReferralClaim":
        # The example wraps the claim in ``referral``; the table lists the properties
        # at the top level. Both are read.
        inner = data.get("referral") if isinstance(data.get("referral"), Mapping) else data
        return cls(
            claim_type=str(inner.get("claim_type") or ""),
            referral_code=inner.get("referral_code"),
            bonus=_opt(Money.from_json, inner.get("bonus")),
        )


# -- SignalR messages --------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceUpdate:
    balance: Money | None
    cash_balance: Money | None = None
    bonus_balance: Money | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "BalanceUpdate":
        return cls(
            balance=_opt(Money.from_json, data.get("balance")),
            cash_balance=_opt(Money.from_json, data.get("cash_balance")),
            bonus_balance=_opt(Money.from_json, data.get("bonus_balance")),
        )


@dataclass(frozen=True)
class OperatorInitiatedChat:
    chat_url: str
    secure_chat_id: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "OperatorInitiatedChat":
        return cls(chat_url=str(data["chat_url"]), secure_chat_id=str(data["secure_chat_id"]))


# -- privileged: user activity, tracking, signons, migrations ----------------------------


@dataclass(frozen=True)
class BonusAndCash:
    bonus: Money | None
    cash: Money | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "BonusAndCash":
        return cls(bonus=_opt(Money.from_json, data.get("bonus")), cash=_opt(Money.from_json, data.get("cash")))


@dataclass(frozen=True)
class Summary:
    """One player's activity over one UTC day (``GET ~/v3/api/users/summaries``)."""

    date: date | None
    user_id: str
    game_rounds_count: int
    total_amount_wagered: BonusAndCash | None
    total_amount_paid: BonusAndCash | None
    total_amount_deposited: Money | None
    total_amount_chargebacks: Money | None
    has_historical_chargeback: bool
    total_progressive_contributions: DecimalMoney | None
    successful_deposits_count: int
    #: May be negative (documented).
    total_amount_withdrawn: Money | None
    links: LinkCollection

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Summary":
        return cls(
            date=parse_date(data.get("date")),
            user_id=str(data["user_id"]),
            game_rounds_count=_int(data.get("game_rounds_count") or 0),
            total_amount_wagered=_opt(BonusAndCash.from_json, data.get("total_amount_wagered")),
            total_amount_paid=_opt(BonusAndCash.from_json, data.get("total_amount_paid")),
            total_amount_deposited=_opt(Money.from_json, data.get("total_amount_deposited")),
            total_amount_chargebacks=_opt(Money.from_json, data.get("total_amount_chargebacks")),
            has_historical_chargeback=bool(data.get("has_historical_chargeback", False)),
            total_progressive_contributions=_opt(DecimalMoney.from_json, data.get("total_progressive_contributions")),
            successful_deposits_count=_int(data.get("successful_deposits_count") or 0),
            total_amount_withdrawn=_opt(Money.from_json, data.get("total_amount_withdrawn")),
            links=_links(data),
        )


@dataclass(frozen=True)
class PlayerProfile:
    """Any player of the brand, seen with a privileged token (``GET …/users/{user_id}``).

    Contact fields are absent for restricted_activity_subscriber tokens.
    """

    user_id: str
    registration_date: datetime | None
    profile: str | None
    locale: str | None
    has_deposited: bool
    links: LinkCollection
    country: str | None = None
    my_affiliates_token: str | None = None
    cash_balance: Money | None = None
    bonus_balance: Money | None = None
    mobile_phone: str | None = None
    email: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    nickname: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PlayerProfile":
        return cls(
            user_id=str(data["user_id"]),
            registration_date=parse_datetime(data.get("registration_date")),
            profile=data.get("profile"),
            locale=data.get("locale"),
            has_deposited=bool(data.get("has_deposited", False)),
            links=_links(data),
            country=data.get("country"),
            my_affiliates_token=data.get("my_affiliates_token"),
            cash_balance=_opt(Money.from_json, data.get("cash_balance")),
            bonus_balance=_opt(Money.from_json, data.get("bonus_balance")),
            mobile_phone=data.get("mobile_phone"),
            email=data.get("email"),
            firstname=data.get("firstname"),
            lastname=data.get("lastname"),
            nickname=data.get("nickname"),
        )


@dataclass(frozen=True)
class Registration:
    """A new registration of a given day (``GET ~/v3/api/registrations``)."""

    date: datetime | None
    user_id: str
    locale: str | None
    links: LinkCollection
    country: str | None = None
    my_affiliates_token: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Registration":
        return cls(
            date=parse_datetime(data.get("date")),
            user_id=str(data["user_id"]),
            locale=data.get("locale"),
            links=_links(data),
            country=data.get("country"),
            my_affiliates_token=data.get("my_affiliates_token"),
        )


@dataclass(frozen=True)
class TrackingInfo:
    """``GET ~/v3/api/tracking/{tracking_id}`` (test environments only)."""

    brand_id: str | None
    locale: str | None
    tracking_event_type: str | None
    tracking_version: int | None
    tracking_id: str
    created_date: datetime | None
    ip: str | None = None
    origin_url: str | None = None
    referrer_url: str | None = None
    campaign_key: str | None = None
    cid: str | None = None
    mid: str | None = None
    aid: str | None = None
    c_name: str | None = None
    r_name: str | None = None
    tracking_token: str | None = None
    user_agent: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TrackingInfo":
        return cls(
            # The table says ``brand_id``, the example ``brand``.
            brand_id=_first(data, "brand_id", "brand"),
            locale=data.get("locale"),
            tracking_event_type=data.get("tracking_event_type"),
            tracking_version=_opt_int(data.get("tracking_version")),
            tracking_id=str(data["tracking_id"]),
            created_date=parse_datetime(data.get("created_date")),
            ip=data.get("ip"),
            origin_url=data.get("origin_url"),
            referrer_url=data.get("referrer_url"),
            campaign_key=data.get("campaign_key"),
            cid=data.get("cid"),
            mid=data.get("mid"),
            aid=data.get("aid"),
            c_name=data.get("c_name"),
            r_name=data.get("r_name"),
            tracking_token=data.get("tracking_token"),
            user_agent=data.get("user_agent"),
        )


@dataclass(frozen=True)
class Signon:
    """``GET ~/v3/api/signons/{signon_id}``."""

    email: str
    signon_id: str
    loyalty: Loyalty | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Signon":
        return cls(
            email=str(data.get("email") or ""),
            signon_id=str(data["signon_id"]),
            loyalty=_opt(Loyalty.from_json, data.get("loyalty")),
        )


@dataclass(frozen=True)
class MigrationStatus:
    """``…/migrations/{id}``: ``Available``, ``InProgress``, ``Migrated`` or ``NotAvailable``;
    after a successful migration, ``auth`` logs the player in."""

    status: str
    auth: PlayerTokenResponse | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "MigrationStatus":
        inner = data.get("migration") or {}
        return cls(status=str(inner.get("status") or ""), auth=_opt(PlayerTokenResponse.from_json, data.get("auth")))
