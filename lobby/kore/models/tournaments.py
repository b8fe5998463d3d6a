"""Tournaments: news, registrations, prizes, rebuys and leaderboards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .base import _first, _int, _many, _opt, _opt_int, parse_datetime
from .common import Link, LinkCollection, Money, _links
from .games import Game

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
