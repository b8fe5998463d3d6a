"""The sandbox's entities: money, players, sessions, tokens and results. Data only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import seed
from .exceptions import SandboxError
from .tracking import TrackingResult


@dataclass(frozen=True)
class Money:
    currency: str
    amount: int
    exponent: int

    def to_json(self) -> dict[str, Any]:
        return {"currency": self.currency, "amount": self.amount, "exponent": self.exponent}


def exponent_of(currency: str) -> int:
    return seed.CURRENCY_BY_CODE[currency].iso_exponent


@dataclass
class Player:
    id: str
    user_token: str
    profile: seed.DemoPlayer
    cash: int
    bonus: int
    practice: int
    password: str
    #: loyalty points spent (tournament registrations) since reset
    loyalty_spent: int = 0

    @property
    def email(self) -> str:
        return self.profile.email

    def loyalty_balance(self) -> int | None:
        """Loyalty points now, or None for a player outside the loyalty scheme."""
        return self.profile.loyalty[2] - self.loyalty_spent if self.profile.loyalty else None

    def balance(self, play_mode: str) -> Money:
        if play_mode == "Practice":
            return Money(seed.PRACTICE, self.practice, exponent_of(seed.PRACTICE))
        return Money(self.profile.currency, self.cash + self.bonus, exponent_of(self.profile.currency))

    def cash_balance(self) -> Money:
        return Money(self.profile.currency, self.cash, exponent_of(self.profile.currency))

    def bonus_balance(self) -> Money:
        return Money(self.profile.currency, self.bonus, exponent_of(self.profile.currency))


@dataclass
class Session:
    """The game-service session behind player tokens and the links they hand out."""

    id: str
    player_id: str
    created: datetime
    last_seen: datetime
    #: why it ended: "logout", "superseded" (single sign-on); idleness is computed
    ended: str | None = None

    def alive(self, now: datetime, idle_timeout: float) -> bool:
        return self.ended is None and (now - self.last_seen).total_seconds() <= idle_timeout


@dataclass
class Token:
    value: str
    grant_type: str
    brand_id: str
    locale: str
    expiration: datetime
    session_id: str | None = None
    play_mode: str | None = None
    tracking_id: str | None = None
    #: superseded by a mutated token
    revoked: bool = False


@dataclass
class LoginOutcome:
    token: Token
    player: Player
    tracking: TrackingResult | None
    errors: list[SandboxError] = field(default_factory=list)


@dataclass
class Failures:
    times: list[datetime] = field(default_factory=list)
    locked_until: datetime | None = None


@dataclass(frozen=True)
class Jackpot:
    id: str
    current: int
    increment_value: int
    increment_interval: int
    timestamp: datetime


@dataclass(frozen=True)
class SpinResult:
    bet: Money
    win: Money
    balance: Money
