"""Tournaments, their seats, news items and competitions: data, no rules beyond ranking."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .. import tournament_seed as ts
from .entities import Player

#: A rebuy is refused (tournament_balance_excessive) while credits are at or above
#: this share of the starting credits.
REBUY_THRESHOLD_PERCENT = 20


def display(units: int, currency: str) -> str:
    """Plain text for news items: ``10.00 USD``."""
    return f"{units // 100:,}.{units % 100:02d} {currency}"


def ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


@dataclass
class Entry:
    """One player's seat in a tournament (a demo player, or a bot of another brand)."""

    nickname: str
    credits: int
    player_id: str | None = None
    email: str | None = None
    paid_type: str = "Cash"
    paid: int = 0  # what registration cost, for refunds: display hundredths or points
    rebuys: int = 0
    last_played: datetime | None = None
    rank: int = 0
    prize: int = 0


@dataclass
class Tournament:
    spec: ts.TournamentSeed
    status: str
    opens_at: datetime | None
    starts_at: datetime | None
    #: when the current status began (Finishing) or Finished/Canceled happened
    changed_at: datetime | None = None
    entries: list[Entry] = field(default_factory=list)
    rebuy_total: int = 0

    @property
    def id(self) -> int:
        return self.spec.id

    @property
    def ends_at(self) -> datetime | None:
        return self.starts_at + timedelta(seconds=self.spec.duration) if self.starts_at else None

    def rebuy_allowed(self, entry: Entry | None) -> bool:
        """A rebuy is possible now: running, rebuys left, credits low enough."""
        return (
            entry is not None
            and self.status == "Started"
            and self.spec.rebuys is not None
            and entry.rebuys < self.spec.rebuys[0]
            and self.credits_low(entry)
        )

    def credits_low(self, entry: Entry) -> bool:
        return entry.credits * 100 < self.spec.credits * REBUY_THRESHOLD_PERCENT

    def entry_of(self, player: Player) -> Entry | None:
        return next((e for e in self.entries if e.player_id == player.id), None)

    @property
    def pool(self) -> int:
        """The prize pool now, in display hundredths."""
        spec = self.spec
        if spec.prize_pool == "FixedAmounts":
            return sum(spec.prizes)
        buy_ins = (spec.cash[1] if spec.cash else 0) * len(self.entries)
        return max(spec.prize_minimum, buy_ins + self.rebuy_total)

    @property
    def pool_minimum(self) -> int:
        return sum(self.spec.prizes) if self.spec.prize_pool == "FixedAmounts" else self.spec.prize_minimum

    def prize_for(self, rank: int, *, minimum: bool = False) -> int:
        prizes = self.spec.prizes
        if not 1 <= rank <= len(prizes):
            return 0
        if self.spec.prize_pool == "FixedAmounts":
            return prizes[rank - 1]
        pool = self.pool_minimum if minimum else self.pool
        return pool * prizes[rank - 1] // 100

    def ranked(self) -> list[Entry]:
        """Highest credits first; equal credits share a rank and the next ranks are skipped."""
        ordered = sorted(self.entries, key=lambda e: (-e.credits, e.nickname))
        previous: int | None = None
        for position, entry in enumerate(ordered, start=1):
            if entry.credits != previous:
                rank = position
                previous = entry.credits
            entry.rank = rank
        return ordered


@dataclass
class NewsItem:
    id: int
    at: datetime
    #: What happened ("opened", "started", "won") and its details; written in the reader's
    #: language when read (serializers/news.py).
    kind: str
    params: dict


@dataclass
class Competition:
    spec: ts.CompetitionSeed
    start: datetime
    end: datetime
    #: email → [nickname, score]
    scores: dict[str, list[Any]] = field(default_factory=dict)


