"""Games: the game list, launches, favourites, progressive jackpots."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from .base import _int, _many, _opt, _strings, parse_datetime
from .common import Currency, Link, LinkCollection, Money, _links

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
