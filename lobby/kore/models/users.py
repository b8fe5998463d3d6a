"""Users: registration, email checks, the player, stats, tags, passwords and verification."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .auth import Activation, Outcome, PlayerTokenResponse
from .base import _int, _many, _opt, _opt_int, parse_date, parse_datetime
from .common import (
    DecimalMoney,
    Link,
    LinkCollection,
    Money,
    NonFatalError,
    _errors,
    _links,
)
from .games import Game

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
