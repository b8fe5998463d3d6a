"""Competitions and their leaderboards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .base import _int, _many, _opt, parse_datetime

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
