"""The Kore sandbox's state and rules: players, tokens, sessions, games. No HTTP here.

``SandboxBackend`` hangs off the sandbox app; its public methods are named after the
API operations, take the lock (the server is threaded), raise ``SandboxError`` for
documented errors, and say in their docstrings what they leave out.
"""

from __future__ import annotations

import base64
import secrets
import threading
import uuid
from decimal import Decimal
from datetime import datetime, timedelta, timezone
from functools import wraps
from random import Random
from typing import Any, Callable, TypeVar

from lobby.kore.errors import ErrorCode

from . import seed
from .clock import Clock
from .config import SandboxConfig
from .exceptions import SandboxError
from .faults import FaultBook
from .ratelimit import RateLimiter
from .entities import (
    Jackpot,
    LoginOutcome,
    Money,
    Player,
    Session,
    SpinResult,
    Token,
    Failures,
)
from .tournaments import TournamentBook
from .accounts import AccountBook
from .extras import ExtrasBook
from .tracking import TrackingBook, TrackingRecord, TrackingResult

BRAND_PUBLIC = "brand_public_credentials"
PLAYER = "player_credentials"
#: Privileged grant types of POST auth/{grant_type}/token. ``leaderboad`` is the doc's
#: own spelling in the endpoint index; both are accepted and echoed back as sent.
PRIVILEGED_GRANTS = frozenset(
    {"brand_credentials", "restricted_activity_subscriber", "tracking", "leaderboard", "leaderboad"}
)
#: Grant types that must never be requested from a browser (server_only_credentials).
SERVER_ONLY_GRANTS = frozenset({"tracking"})

TOKEN_LIFETIME = timedelta(hours=24)
#: account_temporarily_locked: 3 consecutive wrong passwords within an hour (Version 3.18.4096).
LOCK_AFTER_FAILURES = 3
LOCK_WINDOW = timedelta(hours=1)
LOCK_DURATION = timedelta(hours=1)
#: The one CAPTCHA token the sandbox accepts when CAPTCHAs are required.
CAPTCHA_TEST_TOKEN = "sandbox-captcha-ok"
CAPTCHA_SITE_KEY = "6LeSandboxSiteKeyKoreDemo000000000000000"
#: Jackpots are recomputed at this cadence ("The API typically cache ... for 30 seconds").
JACKPOT_CACHE_SECONDS = 30

T = TypeVar("T")


def locked(method: Callable[..., T]) -> Callable[..., T]:
    @wraps(method)
    def wrapper(self: "SandboxBackend", *args: Any, **kwargs: Any) -> T:
        with self.lock:
            return method(self, *args, **kwargs)

    return wrapper


class SandboxBackend:
    """All the sandbox's state; ``reset()`` puts it back as seeded."""

    def __init__(self, config: SandboxConfig | None = None, clock: Clock | None = None) -> None:
        self.config = config or SandboxConfig()
        self.clock = clock or Clock()
        self.lock = threading.RLock()
        self.faults = FaultBook()
        self.reset()

    # -- state ---------------------------------------------------------------------

    @locked
    def reset(self) -> None:
        """Players, tokens, sessions, tracking, rate limits, faults and clock as at start."""
        self.clock.reset()
        #: bumped by every reset: a request delayed across a reset is dropped (server.py)
        self.generation = getattr(self, "generation", 0) + 1
        self.random = Random(self.config.seed)
        self.players: dict[str, Player] = {}
        for profile in seed.DEMO_PLAYERS + seed.ACCOUNT_PLAYERS:
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
        self.tokens: dict[str, Token] = {}
        self.sessions: dict[str, Session] = {}
        self.tracking = TrackingBook(self.new_uuid)
        #: one limiter per rate-limited endpoint (sign-in, activation, email check)
        self.limiters: dict[str, RateLimiter] = {}
        self.failures: dict[str, Failures] = {}
        self.captcha_required = self.config.captcha_required
        self.latency_ms = self.config.latency_ms
        self.outbox: list[dict[str, Any]] = []
        self.faults.clear()
        for rule in self.config.faults:
            self.faults.add(rule)
        now = self.clock.now()
        self.jackpot_epoch = _floor(now, JACKPOT_CACHE_SECONDS)
        self.tournaments = TournamentBook(self)
        self.accounts = AccountBook(self)
        self.extras = ExtrasBook(self)

    def _opaque_id(self) -> str:
        # Looks like Kore's ids (base64url with a trailing dot) and carries no meaning.
        return base64.urlsafe_b64encode(self.random.randbytes(30)).decode("ascii").rstrip("=") + "."

    def new_uuid(self) -> str:
        with self.lock:
            return str(uuid.UUID(int=self.random.getrandbits(128), version=4))

    def now(self) -> datetime:
        return self.clock.now()

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

    def add_player(self, profile: seed.DemoPlayer) -> Player:
        """A new player (registration): an opaque id and user token, no money yet."""
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
        return player

    def player_by_email(self, email: str) -> Player | None:
        email = email.strip().lower()
        return next((p for p in self.players.values() if p.email == email), None)

    # -- authentication ---------------------------------------------------------------

    @locked
    def authenticate(self, authorization: str | None, grants: tuple[str, ...]) -> Token:
        """The token behind an Authorization header, checked for the endpoint's grant types.

        Order: missing → invalid → expired → wrong grant type → ended player session.
        A player token's request counts as activity on its session (idle timer).
        """
        if not authorization or not authorization.strip():
            raise SandboxError(ErrorCode.MISSING_CREDENTIALS)
        scheme, _, value = authorization.strip().partition(" ")
        token = self.tokens.get(value.strip()) if scheme.lower() == "bearer" else None
        if token is None or token.revoked:
            # A token superseded by mutate is no longer recognised.
            raise SandboxError(ErrorCode.INVALID_CREDENTIALS)
        now = self.now()
        if now >= token.expiration:
            raise SandboxError(ErrorCode.EXPIRED_TOKEN)
        if token.grant_type not in grants:
            raise SandboxError(ErrorCode.ACCESS_DENIED)
        if token.grant_type == PLAYER:
            session = self.sessions[token.session_id]
            if not session.alive(now, self.config.idle_timeout):
                raise SandboxError(ErrorCode.EXPIRED_PLAYER_SESSION)
            session.last_seen = now
        return token

    @locked
    def create_brand_public_token(
        self,
        brand_id: str,
        locale: str,
        tracking: dict[str, str],
        *,
        return_url: str | None,
        ip: str | None,
        user_agent: str | None,
    ) -> tuple[Token, TrackingResult | None]:
        """POST auth/brand_public_credentials/token (input already validated)."""
        result = self._track(tracking, brand_id, locale, return_url, ip, user_agent)
        token = self._new_token(BRAND_PUBLIC, brand_id, locale, tracking_id=result.tracking_id if result else None)
        return token, result

    def _track(self, tracking, brand_id, locale, return_url, ip, user_agent) -> TrackingResult | None:
        if not tracking:
            return None
        return self.tracking.resolve(
            tracking,
            brand_id=brand_id,
            locale=locale,
            return_url=return_url,
            ip=ip,
            header_user_agent=user_agent,
            now=self.now(),
        )

    @locked
    def check_login_rate_limit(
        self, client_ip: str, bucket: str = "login", limits: tuple[tuple[int, int], ...] | None = None
    ) -> None:
        """Per client IP, counted per endpoint (``bucket``): the sign-in limits (20/min,
        100/10 min, 300/h) unless the endpoint has ``limits`` of its own."""
        limiter = self.limiters.setdefault(bucket, RateLimiter(limits) if limits else RateLimiter())
        wait = limiter.hit(client_ip, self.now())
        if wait is not None:
            raise SandboxError(ErrorCode.RATE_LIMIT_EXCEEDED, retry_after=wait)

    @locked
    def create_player_token(
        self,
        brand_id: str,
        locale: str,
        email: str,
        password: str,
        play_mode: str,
        *,
        captcha: dict[str, str] | None,
        tracking: dict[str, str],
        return_url: str | None,
        ip: str | None,
        user_agent: str | None,
    ) -> LoginOutcome:
        """POST auth/player_credentials/token: every outcome and sign-in error.

        Order: CAPTCHA → unknown email → temporary lock → password lock → password
        (3 wrong in an hour lock the account; with PasswordLockSettings the password) →
        the account's refusals (locked, review, geoblocked, GAMSTOP, play mode) → the
        outcome still pending for the player (accounts.py) → Login Success.
        Single sign-on: a new player_credentials session ends the player's others.
        device_id is validated, not stored.
        """
        if self.captcha_required:
            if captcha is None:
                raise SandboxError(ErrorCode.CAPTCHA_REQUIRED)
            if captcha.get("token") != CAPTCHA_TEST_TOKEN:
                raise SandboxError(ErrorCode.CAPTCHA_INVALID)
        now = self.now()
        player = self.player_by_email(email)
        if player is None:
            # No account, nothing to lock: only the wrong-password answer.
            raise SandboxError(ErrorCode.INVALID_PASSWORD)
        failures = self.failures.setdefault(player.id, Failures())
        if failures.locked_until is not None:
            if now < failures.locked_until:
                raise SandboxError(
                    ErrorCode.ACCOUNT_TEMPORARILY_LOCKED,
                    retry_after=(failures.locked_until - now).total_seconds(),
                )
            failures.locked_until = None
            failures.times.clear()
        if player.password_locked:
            raise SandboxError(ErrorCode.ACCOUNT_PASSWORD_LOCKED)
        if player.password != password:
            failures.times = [t for t in failures.times if now - t < LOCK_WINDOW] + [now]
            if len(failures.times) >= LOCK_AFTER_FAILURES:
                if player.profile.trigger == "password_lock":
                    # The brand's PasswordLockSettings: the password stays locked until reset.
                    player.password_locked = True
                    failures.times.clear()
                    raise SandboxError(ErrorCode.ACCOUNT_PASSWORD_LOCKED)
                failures.locked_until = now + LOCK_DURATION
            raise SandboxError(ErrorCode.INVALID_PASSWORD)
        failures.times.clear()
        result = self._track(tracking, brand_id, locale, return_url, ip, user_agent)
        outcome = self.accounts.login_outcome(player, brand_id, locale, play_mode, result)
        if outcome is not None:
            return outcome
        token = self.issue_player_token(player, brand_id, locale, play_mode, result)
        return LoginOutcome(token, player, result)

    def issue_player_token(
        self, player: Player, brand_id: str, locale: str, play_mode: str, result: TrackingResult | None
    ) -> Token:
        """A player_credentials token on a new session; the player's other sessions end."""
        now = self.now()
        for session in self.sessions.values():
            if session.player_id == player.id and session.ended is None:
                session.ended = "superseded"
        session = Session(secrets.token_urlsafe(24), player.id, now, now)
        self.sessions[session.id] = session
        return self._new_token(
            PLAYER,
            brand_id,
            locale,
            session_id=session.id,
            play_mode=play_mode,
            tracking_id=result.tracking_id if result else None,
            player_id=player.id,
        )

    def issue_step_token(
        self, grant_type: str, player: Player, brand_id: str, locale: str, result: TrackingResult | None, **extra: Any
    ) -> Token:
        """A token for one step of an outcome (verification, password change, address)."""
        return self._new_token(
            grant_type, brand_id, locale, player_id=player.id,
            tracking_id=result.tracking_id if result else None, **extra,
        )

    @locked
    def mutate_player_token(
        self,
        token: Token,
        *,
        play_mode: str | None,
        locale: str | None,
        tracking: dict[str, str],
        return_url: str | None,
        ip: str | None,
        user_agent: str | None,
    ) -> LoginOutcome:
        """POST auth/player_credentials/token/mutate: a new token on the same session.

        The old token stops working (invalid_credentials): the doc says the new tokens
        "supersede any previously obtained tokens".
        """
        locale = locale or token.locale
        result = self._track(tracking, token.brand_id, locale, return_url, ip, user_agent)
        token.revoked = True
        new = self._new_token(
            PLAYER,
            token.brand_id,
            locale,
            session_id=token.session_id,
            play_mode=play_mode or token.play_mode,
            tracking_id=result.tracking_id if result else token.tracking_id,
            player_id=token.player_id,
        )
        return LoginOutcome(new, self.player_of(new), result)

    @locked
    def delete_player_credentials(self, token: Token) -> None:
        """DELETE auth/player_credentials: the session ends, and with it every link it made."""
        self.sessions[token.session_id].ended = "logout"

    @locked
    def create_privileged_token(
        self, grant_type: str, brand_id: str, locale: str, secret: str, *, from_browser: bool
    ) -> Token:
        """POST auth/{grant_type}/token for the privileged grant types."""
        if grant_type not in PRIVILEGED_GRANTS:
            raise SandboxError(ErrorCode.UNSUPPORTED_GRANT_TYPE)
        if grant_type in SERVER_ONLY_GRANTS and from_browser:
            raise SandboxError(ErrorCode.SERVER_ONLY_CREDENTIALS)
        if not secrets.compare_digest(secret.encode(), self.config.secret.encode()):
            raise SandboxError(ErrorCode.INVALID_CREDENTIALS)
        return self._new_token(grant_type, brand_id, locale)

    def get_captcha_status(self) -> tuple[str, str | None]:
        """GET auth/player_credentials: (type, site key)."""
        if self.captcha_required:
            return "reCAPTCHAv2", CAPTCHA_SITE_KEY
        return "none", None

    # -- players --------------------------------------------------------------------

    def player_of(self, token: Token) -> Player:
        if token.player_id:
            return self.players[token.player_id]
        return self.players[self.sessions[token.session_id].player_id]

    @locked
    def get_user(self, token: Token, user_id: str) -> Player:
        """GET users/{user_id} for the token's own player.

        Another player's id, or an unknown one, answers player_not_found: a player
        cannot tell someone else's id from a wrong one, and the doc's wording ("The
        player id is invalid or has been changed") fits both.
        """
        player = self.player_of(token)
        if user_id != player.id:
            raise SandboxError(ErrorCode.PLAYER_NOT_FOUND)
        return player

    @locked
    def get_user_stats(self, token: Token, user_id: str) -> Player:
        """GET users/{user_id}/stats: the seeded highest win (alice); no tournament or
        competition history yet (those arrive with tournaments and competitions)."""
        return self.get_user(token, user_id)

    @locked
    def get_user_tags(self, token: Token, user_id: str, categories: list[str]) -> list[tuple[str, str]]:
        """GET users/{user_id}/tags: the seeded tags in the requested categories."""
        player = self.get_user(token, user_id)
        tags = (seed.BRAND_GROUP_TAG,) + seed.PLAYER_TAGS.get(player.email, ())
        return [tag for tag in tags if tag[1] in categories]

    @locked
    def get_player_day(self, token: Token, user_id: str) -> tuple[Decimal, int, Decimal]:
        """GET users/{user_id}/player_day: seeded totals; the date does not filter them."""
        player = self.get_user(token, user_id)
        bets, count, deposits = seed.PLAYER_DAYS.get(player.email, ("0", 0, "0"))
        return Decimal(bets), count, Decimal(deposits)

    # -- bonuses, referrals, chats, user activity, offline sign-on (extras.py) ---------

    @locked
    def claim_bonus(self, token: Token, bonus_code: str | None, invite_code: str | None,
                    campaign_id: int | None) -> tuple[str | None, str]:
        """POST bonuses/claim (rules: ExtrasBook.claim_bonus)."""
        return self.extras.claim_bonus(token, bonus_code, invite_code, campaign_id)

    @locked
    def filter_bonus_codes(self, token: Token, codes: list[str]) -> list[str]:
        """POST bonuses/filter."""
        return self.extras.filter_bonus_codes(token, codes)

    @locked
    def get_referral(self, token: Token) -> dict[str, Any]:
        """GET referrals."""
        return self.extras.get_referral(token)

    @locked
    def get_referral_code(self, code: str) -> dict[str, Any]:
        """GET referrals/{referral_code}."""
        return self.extras.get_referral_code(code)

    @locked
    def claim_referral(self, token: Token, claim_type: str, code: str | None, ip: str) -> tuple[str, Money]:
        """POST referrals/claim."""
        return self.extras.claim_referral(token, claim_type, code, ip)

    @locked
    def list_chats(self, token: Token) -> list[tuple[str, bool]]:
        """GET chats."""
        return self.extras.chats(token)

    @locked
    def get_summaries(self, date: str, user_id: str | None, api: Callable[[str], str]) -> list[dict[str, Any]]:
        """GET users/summaries and users/{user_id}/summaries."""
        return self.extras.summaries(self.extras.check_day(date), user_id, api)

    @locked
    def get_player(self, user_id: str, restricted: bool, api: Callable[[str], str]) -> dict[str, Any]:
        """GET users/{user_id} with a privileged token."""
        return self.extras.player_json(user_id, restricted, api)

    @locked
    def get_favorite_games(self, user_id: str) -> list[dict[str, str]]:
        """GET users/{user_id}/games."""
        return self.extras.favorite_games(user_id)

    @locked
    def get_registrations(self, date: str, api: Callable[[str], str]) -> list[dict[str, Any]]:
        """GET registrations."""
        return self.extras.registrations(self.extras.check_day(date), api)

    @locked
    def offline_signon(self, email: str, password: str, locale: str) -> dict[str, Any]:
        """The offline sign-on page's sign-in."""
        return self.extras.offline_signon(email, password, locale)

    @locked
    def refresh_offline_signon(self, auth_token: str) -> dict[str, Any]:
        """POST auth/offline_signon/token."""
        return self.extras.refresh_offline_signon(auth_token)

    @locked
    def get_signon(self, token: Token, signon_id: str) -> dict[str, Any]:
        """GET signons/{signon_id}."""
        return self.extras.get_signon(token, signon_id)

    # -- games ----------------------------------------------------------------------

    def list_games(self, platform: str | None = None, category: str | None = None) -> list[seed.Game]:
        """GET games (the catalog; links and per-player parts are the routes' business)."""
        return [
            g
            for g in seed.GAMES
            if (platform is None or g.platform == platform) and (category is None or g.category == category)
        ]

    def get_game(self, platform: str, code: str, device_category: str | None = None) -> seed.Game | None:
        """GET games/{platform}/{name}; for betconstruct's twins, the variant asked for."""
        matches = [
            g
            for g in seed.GAMES
            if g.platform == platform.lower() and g.code.lower() == code.lower()
        ]
        if not matches:
            return None
        if device_category:
            for game in matches:
                if game.device_category == device_category:
                    return game
        return matches[-1] if len(matches) > 1 else matches[0]

    def medal_for(self, player: Player | None, game: seed.Game) -> dict[str, Any] | None:
        if player is None or game.slug not in player.profile.medals:
            return None
        level, awarded = player.profile.medals[game.slug]
        return {"level": level, "name": seed.MEDAL_NAMES[level], "awarded_date": awarded}

    def free_games_for(self, player: Player | None, game: seed.Game) -> list[dict[str, Any]] | None:
        if game.provider not in seed.ATTRIBUTE_PROVIDERS:
            return None
        if player is None:
            return []
        return [
            {"available_rounds": rounds, "status": status, "created_date": created, "updated_date": updated}
            for rounds, status, created, updated in player.profile.free_games.get(game.slug, [])
        ]

    @locked
    def list_progressive_games(self) -> list[tuple[seed.ProgressiveSeed, list[Jackpot]]]:
        """GET progressives/games: values as of the last 30-second boundary of the clock."""
        timestamp = _floor(self.now(), JACKPOT_CACHE_SECONDS)
        elapsed = int((timestamp - self.jackpot_epoch).total_seconds())
        result = []
        for game in seed.PROGRESSIVES:
            jackpots = [
                Jackpot(
                    j.id,
                    j.start + j.increment_value * (max(elapsed, 0) // j.increment_interval),
                    j.increment_value,
                    j.increment_interval,
                    timestamp,
                )
                for j in game.jackpots
            ]
            jackpots.sort(key=lambda j: j.current, reverse=True)
            result.append((game, jackpots))
        return result

    def list_currencies(self) -> tuple[seed.Currency, ...]:
        """GET currencies: every currency of the doc's tables except the internal XXX/XTC."""
        return seed.CURRENCIES

    @locked
    def get_tracking(self, tracking_id: str) -> TrackingRecord:
        """GET tracking/{tracking_id}."""
        record = self.tracking.get(tracking_id, self.now())
        if record is None:
            raise SandboxError(ErrorCode.TRACKING_NOT_FOUND)
        return record

    # -- the demo game (pages, not the API) ---------------------------------------------

    @locked
    def open_play_session(self, session_id: str | None) -> tuple[Session, Player] | None:
        """The live session behind a play link, touched; None once it has ended."""
        session = self.sessions.get(session_id or "")
        now = self.now()
        if session is None or not session.alive(now, self.config.idle_timeout):
            return None
        session.last_seen = now
        return session, self.players[session.player_id]

    @locked
    def spin(self, session_id: str | None, play_mode: str, game: seed.Game | None = None) -> SpinResult | None:
        """One round of the demo game: bet 1.00 (one display unit), random win.

        Bets come out of cash before bonus; wins go to cash (Practice: practice credits).
        None when the balance cannot cover the bet. The round counts in the player's
        activity (summaries, favourite games: extras.py).
        """
        opened = self.open_play_session(session_id)
        if opened is None:
            raise SandboxError(ErrorCode.EXPIRED_PLAYER_SESSION)
        _, player = opened
        currency = seed.PRACTICE if play_mode == "Practice" else player.profile.currency
        spec = seed.CURRENCY_BY_CODE[currency]
        bet = 10 ** (spec.iso_exponent - spec.display_exponent)
        multiplier = self.random.choices((0, 0.5, 2, 5, 20), weights=(55, 20, 17, 6, 2))[0]
        win = int(bet * multiplier)
        if play_mode == "Practice":
            if player.practice < bet:
                return None
            player.practice += win - bet
            self.extras.record_round(player, game, play_mode, 0, 0, 0)
        else:
            if player.cash + player.bonus < bet:
                return None
            from_cash = min(bet, player.cash)
            player.cash -= from_cash
            player.bonus -= bet - from_cash
            player.cash += win
            self.extras.record_round(player, game, play_mode, from_cash, bet - from_cash, win)
        exponent = spec.iso_exponent
        return SpinResult(Money(currency, bet, exponent), Money(currency, win, exponent), player.balance(play_mode))


def _floor(when: datetime, seconds: int) -> datetime:
    epoch = int(when.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=timezone.utc)

