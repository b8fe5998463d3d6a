"""Privileged endpoints: user activity, profiles, registrations, tracking, signons, migrations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .auth import PlayerTokenResponse
from .base import _first, _int, _opt, _opt_int, parse_date, parse_datetime
from .common import DecimalMoney, LinkCollection, Money, _links
from .users import Loyalty

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
