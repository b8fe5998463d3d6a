"""The sandbox's entities: money, players, sessions, tokens and results. Data only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .. import seed
from ..exceptions import SandboxError


@dataclass(frozen=True)
class TrackingResult:
    tracking_id: str | None
    #: the ``mid`` of the landing URL, for the brand token's ``landing`` action
    mid: str | None = None


@dataclass(frozen=True)
class Money:
    currency: str
    amount: int
    exponent: int

    def to_json(self) -> dict[str, Any]:
        return {"currency": self.currency, "amount": self.amount, "exponent": self.exponent}


XTC = "XTC"


def money(units: int, currency: str) -> Money:
    """``units`` hundredths of a display unit, in ``currency``'s minor units."""
    spec = seed.CURRENCY_BY_CODE[currency]
    return Money(currency, units * 10 ** (spec.iso_exponent - spec.display_exponent - 2), spec.iso_exponent)


def credits(amount: int) -> Money:
    """Tournament credits: XTC hundredths."""
    return Money(XTC, amount, 2)


def exponent_of(currency: str) -> int:
    return seed.CURRENCY_BY_CODE[currency].iso_exponent


@dataclass
class EmailStatus:
    """Kore's view of the player's address: subscriptions and bounces."""

    casino_subscribed: bool = False
    group_subscribed: bool = False
    #: set while the address is blocked because mail to it bounced
    blocked_until: datetime | None = None
    last_sent: datetime | None = None
    last_tracked: datetime | None = None


#: The seeded players' history: every one gets the casino's news; an unverified
#: address is the one bouncing, blocked for a day after the last send.
_SEEDED_SENT = datetime(2024, 5, 1, 12, 55, 12, tzinfo=timezone.utc)
_SEEDED_BLOCKED_UNTIL = datetime(2024, 5, 2, 12, 55, 12, tzinfo=timezone.utc)
_SEEDED_TRACKED = datetime(2024, 5, 1, 18, 45, 42, tzinfo=timezone.utc)


def seeded_email_status(profile: seed.DemoPlayer) -> EmailStatus:
    bounced = profile.email_verified != "Verified"
    return EmailStatus(
        casino_subscribed=True,
        group_subscribed=not bounced,
        blocked_until=_SEEDED_BLOCKED_UNTIL if bounced else None,
        last_sent=_SEEDED_SENT,
        last_tracked=None if bounced else _SEEDED_TRACKED,
    )


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
    #: Mutable account state (registration, verification, outcomes), seeded from the profile.
    phone_status: str = ""
    mobile_phone: str | None = None
    address: dict[str, str] | None = None
    #: The last passwords, newest last (password_reuse_forbidden looks at 3).
    password_history: list[str] = field(default_factory=list)
    password_changed_at: datetime | None = None
    #: Outcomes still to go through before a plain sign-in (see seed.ACCOUNT_PLAYERS).
    pending: set[str] = field(default_factory=set)
    #: False for an account of the sister brand that has not been activated here.
    member: bool = True
    password_locked: bool = False
    sms: "SmsCode | None" = None
    #: (offer_code, claim_date) of the offers claimed: the seeded ones, then bonus claims
    claimed_offers: list[tuple[str, str]] = field(default_factory=list)
    email_status: EmailStatus | None = None

    def __post_init__(self) -> None:
        profile = self.profile
        if self.email_status is None:
            self.email_status = seeded_email_status(profile)
        self.claimed_offers = self.claimed_offers or list(profile.claimed_offers)
        self.phone_status = self.phone_status or profile.phone_verified
        self.mobile_phone = self.mobile_phone or profile.mobile_phone
        if not self.password_history:
            self.password_history = [self.password]
        trigger = profile.trigger or ""
        if trigger in ("follow", "change_password", "change_password_recent", "sms", "address") or trigger.startswith(
            "migration"
        ):
            self.pending.add(trigger.removesuffix("_recent"))
        if trigger.startswith("activation"):
            self.member = False

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
    #: superseded by a mutated token, or used up (single-use outcome tokens)
    revoked: bool = False
    #: the player of any player grant (player_credentials also has a session)
    player_id: str | None = None
    #: the link method a player_change_password token hands out (PUT at login, PATCH at recovery)
    change_method: str = "PUT"


@dataclass
class LoginOutcome:
    """What a token request ends in: a token (success or a step), or follow / migration."""

    token: Token | None
    player: Player
    tracking: TrackingResult | None
    errors: list[SandboxError] = field(default_factory=list)
    #: "success", "follow", "activation", "sms", "change_password", "address", "migration"
    kind: str = "success"
    activation: "ActivationCode | None" = None
    migration: "MigrationRecord | None" = None
    registration_status: str | None = None
    #: the one-time reference of Kore's follow page (kind "follow")
    follow_ref: str | None = None


@dataclass
class SmsCode:
    """The SMS verification code last sent to a player's mobile phone."""

    code: str
    sent_at: datetime
    expires_at: datetime
    wrong_attempts: int = 0
    resends: int = 0


@dataclass
class ActivationCode:
    code: str
    player_id: str
    expiration: datetime
    password_required: bool
    used: bool = False


@dataclass
class MigrationRecord:
    migration_id: str
    player_id: str
    expiration: datetime
    #: Available, InProgress, Migrated or NotAvailable
    status: str = "Available"


@dataclass
class PasswordResetAttempt:
    id: str
    player_id: str
    channel: str  # "email" or "sms"
    code: str
    expiration: datetime
    remaining_resend_count: int = 3
    remaining_attempt_count: int = 3
    status: str = "Pending"  # Pending, Recovered, Expired


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


@dataclass
class FastTrack:
    code: str
    email: str
    expiration: datetime
    currency: str = "USD"


@dataclass
class EmailCheck:
    """What POST users/emailcheck found: a status and what goes with it."""

    status: str
    available_offers: tuple[str, ...] = ()
    claimed_offers: list[tuple[str, str]] = field(default_factory=list)
    activation: ActivationCode | None = None
    fast_track: FastTrack | None = None


@dataclass
class Registration:
    """What POST users ends in: a status and its auth, or follow (with an activation)."""

    status: str | None
    outcome: LoginOutcome | None
    player: Player
    follow: bool = False
