"""What every part of the backend shares: the lock, the clock, randomness, players,
tokens, sessions and the outbox. The parts (mixins) build on it."""

from __future__ import annotations

import base64
import secrets
import threading
import uuid
from datetime import datetime, timedelta
from functools import wraps
from random import Random
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from lobby.kore.errors import ErrorCode

from .. import seed
from ..clock import Clock, iso
from ..config import SandboxConfig
from ..exceptions import SandboxError
from ..faults import FaultBook
from .entities import Player, Session, Token, TrackingResult
from .grants import PLAYER

if TYPE_CHECKING:
    from .entities import Failures, LoginOutcome

TOKEN_LIFETIME = timedelta(hours=24)
#: The one CAPTCHA token the sandbox accepts when CAPTCHAs are required.
CAPTCHA_TEST_TOKEN = "sandbox-captcha-ok"  # noqa: S105 - the sandbox's documented CAPTCHA test token

T = TypeVar("T")


def locked(method: Callable[..., T]) -> Callable[..., T]:
    """Run the method under the backend's lock (the server is threaded)."""

    @wraps(method)
    def wrapper(self: "BackendBase", *args: Any, **kwargs: Any) -> T:
        with self.lock:
            return method(self, *args, **kwargs)

    return wrapper


class BackendBase:
    """The shared state; each part adds its own in a ``_reset_<part>`` method."""

    config: SandboxConfig
    clock: Clock
    lock: threading.RLock
    faults: FaultBook

    if TYPE_CHECKING:
        # What the parts use of each other, declared here for the type checker (each is
        # defined by the part named beside it; SandboxBackend has them all).
        failures: dict[str, Failures]  # auth

        def sign_in(self, player: Player, brand_id: str, locale: str, play_mode: str,
                    result: TrackingResult | None) -> LoginOutcome: ...  # accounts

        def track(self, clean: dict[str, str], brand_id: str, locale: str, *, return_url: str | None,
                  ip: str | None, user_agent: str | None) -> TrackingResult | None: ...  # tracking

        def open_play_session(self, session_id: str | None) -> tuple[Session, Player] | None: ...  # games

        def record_round(self, player: Player, game: seed.Game | None, play_mode: str,
                         bet_cash: int, bet_bonus: int, win: int) -> None: ...  # activity

        def count_bet(self, player: Player, minor: int) -> None: ...  # player_day

        def count_deposit(self, player: Player, minor: int) -> None: ...  # player_day

        def spend_bonus_code(self, player: Player, code: str) -> None: ...  # bonuses

        def score_competitions(self, player: Player, points: int, now: datetime) -> None: ...  # competitions

        def _balance_changed(self, player: Player) -> None: ...  # events

        def _session_ended(self, session: Session) -> None: ...  # events

        def _chat_started(self, player: Player, chat_id: str) -> None: ...  # events

    def _reset_core(self) -> None:
        self.clock.reset()
        #: bumped by every reset: a request delayed across a reset is dropped (server.py)
        self.generation = getattr(self, "generation", 0) + 1
        self.random = Random(self.config.seed)  # noqa: S311 - the sandbox's seeded randomness: repeatable demo data, never a secret
        self.players: dict[str, Player] = {}
        #: The players by email (only _add_player adds players, and an email never changes):
        #: a sign-in finds its player at once among the benchmark's thousands.
        self._by_email: dict[str, Player] = {}
        for profile in seed.DEMO_PLAYERS + seed.ACCOUNT_PLAYERS:
            self._add_player(profile)
        self.tokens: dict[str, Token] = {}
        self.sessions: dict[str, Session] = {}
        self.captcha_required = self.config.captcha_required
        self.latency_ms = self.config.latency_ms
        #: GET users' optional app links handed out (POST /_sandbox/apps turns them off)
        self.app_links = {"download_apk": True, "download_app_store": True}
        #: SMS and emails "sent", with their codes (GET /_sandbox/outbox)
        self.outbox: list[dict[str, Any]] = []
        self.faults.clear()
        for rule in self.config.faults:
            self.faults.add(rule)

    # -- ids, time, randomness --------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def new_uuid(self) -> str:
        with self.lock:
            return str(uuid.UUID(int=self.random.getrandbits(128), version=4))

    def _opaque_id(self) -> str:
        # Looks like Kore's ids (base64url with a trailing dot) and carries no meaning.
        return base64.urlsafe_b64encode(self.random.randbytes(30)).decode("ascii").rstrip("=") + "."

    def _code(self, digits: int = 6) -> str:
        return f"{self.random.randrange(10**digits):0{digits}d}"

    def _hex(self) -> str:
        return self.random.randbytes(16).hex().upper()

    # -- players ------------------------------------------------------------------------

    @locked
    def add_bulk_players(self, prefix: str, count: int) -> list[str]:
        """``count`` verified USD players ``{prefix}-0001@demo.kore`` … with 100.00 cash and
        the demo password (POST /_sandbox/players: benchmarks need many sessions, and a
        player has one at a time). Players that exist already are kept."""
        emails = []
        for number in range(1, count + 1):
            email = f"{prefix}-{number:04d}@demo.kore"
            if self.player_by_email(email) is None:
                name = f"{prefix.title()}{number:04d}"
                self._add_player(seed.DemoPlayer(email, name, "Bench", name[:16], "USD", cash=10_000))
            emails.append(email)
        return emails

    @locked
    def create_player(self, currency: str, cash: int, locale: str, email: str | None = None) -> Player | None:
        """One verified player made to order (POST /_sandbox/players, test suites): the demo
        password, ``cash`` in minor units of ``currency``, practice 1,000.00. Without an
        ``email`` a random one, never seeded (a test kit brings its players back after a
        reset under the same address). None when the address has a player already."""
        email = (email or f"player-{secrets.token_hex(5)}@test.kore").strip().lower()
        if self.player_by_email(email) is not None:
            return None
        number = len(self.players) + 1
        nickname = f"Player{number:05d}"
        return self._add_player(seed.DemoPlayer(
            email, "Test", f"Player {number}", nickname, currency, cash=cash, locale=locale,
            has_deposited=cash > 0,
        ))

    def _add_player(self, profile: seed.DemoPlayer) -> Player:
        """A player from a profile: an opaque id and user token, the profile's money."""
        player = Player(
            id=self._opaque_id(),
            user_token=base64.b64encode(self.random.randbytes(24)).decode("ascii"),
            profile=profile,
            cash=profile.cash,
            bonus=profile.bonus,
            practice=profile.practice,
            password=profile.password,
        )
        self.players[player.id] = player
        self._by_email[player.email] = player
        return player

    def player_by_email(self, email: str) -> Player | None:
        return self._by_email.get(email.strip().lower())

    def player_of(self, token: Token) -> Player:
        if token.player_id:
            return self.players[token.player_id]
        return self.players[self.sessions[token.session_id or ""].player_id]

    def _own_player(self, token: Token, user_id: str) -> Player:
        # Another player's id, or an unknown one, answers player_not_found: a player
        # cannot tell someone else's id from a wrong one, and the doc's wording ("The
        # player id is invalid or has been changed") fits both.
        player = self.player_of(token)
        if user_id != player.id:
            raise SandboxError(ErrorCode.PLAYER_NOT_FOUND)
        return player

    def _check_captcha(self, captcha: dict[str, str] | None) -> None:
        if captcha is None:
            raise SandboxError(ErrorCode.CAPTCHA_REQUIRED)
        if captcha.get("token") != CAPTCHA_TEST_TOKEN:
            raise SandboxError(ErrorCode.CAPTCHA_INVALID)

    def _send(self, channel: str, player: Player, code: str | None, purpose: str) -> datetime:
        """An SMS or email into the outbox; an email also counts as the last one sent."""
        now = self.now()
        message: dict[str, Any] = {"channel": channel, "purpose": purpose, "email": player.email, "time": iso(now)}
        if channel == "sms":
            message["phone"] = player.mobile_phone
        if code is not None:
            message["code"] = code
        self.outbox.append(message)
        if channel == "email" and player.email_status is not None:
            player.email_status.last_sent = now.replace(microsecond=0)
        return now

    # -- tokens ---------------------------------------------------------------------------

    def _new_token(self, grant_type: str, brand_id: str, locale: str, **extra: Any) -> Token:
        # Token values and session ids come from `secrets`, not the seeded Random: they
        # must never repeat across resets, or a stale cookie would log in someone else.
        token = Token(
            value=secrets.token_urlsafe(48),
            grant_type=grant_type,
            brand_id=brand_id,
            locale=locale,
            expiration=self.now().replace(microsecond=0) + TOKEN_LIFETIME,
            **extra,
        )
        self.tokens[token.value] = token
        return token

    def _issue_player_token(
        self, player: Player, brand_id: str, locale: str, play_mode: str, result: TrackingResult | None
    ) -> Token:
        """A player_credentials token on a new session; the player's other sessions end
        (single sign-on: their hub connections get UserLogout)."""
        now = self.now()
        for session in self.sessions.values():
            if session.player_id == player.id and session.ended is None:
                session.ended = "superseded"
                self._session_ended(session)  # events.py: UserLogout (single sign-on)
        session = Session(secrets.token_urlsafe(24), player.id, now, now)
        self.sessions[session.id] = session
        return self._new_token(
            PLAYER, brand_id, locale, session_id=session.id, play_mode=play_mode,
            tracking_id=result.tracking_id if result else None, player_id=player.id,
        )

    def _issue_step_token(
        self, grant_type: str, player: Player, brand_id: str, locale: str, result: TrackingResult | None,
        **extra: Any,
    ) -> Token:
        """A token for one step of an outcome (verification, password change, address)."""
        return self._new_token(
            grant_type, brand_id, locale, player_id=player.id,
            tracking_id=result.tracking_id if result else None, **extra,
        )
