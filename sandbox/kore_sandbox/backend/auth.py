"""Authentication: tokens of every grant type, sign-in, rate limits. Part of SandboxBackend."""

from __future__ import annotations

import secrets
from datetime import timedelta

from lobby.kore.errors import ErrorCode

from ..exceptions import SandboxError
from .base import locked
from .entities import Failures, LoginOutcome, Token, TrackingResult
from .grants import BRAND_PUBLIC, PLAYER, PRIVILEGED_GRANTS, SERVER_ONLY_GRANTS
from .ratelimit import RateLimiter
from .tracking import TrackingMixin

#: account_temporarily_locked: 3 consecutive wrong passwords within an hour (Version 3.18.4096).
LOCK_AFTER_FAILURES = 3
LOCK_WINDOW = timedelta(hours=1)
LOCK_DURATION = timedelta(hours=1)
CAPTCHA_SITE_KEY = "6LeSandboxSiteKeyKoreDemo000000000000000"


class AuthMixin(TrackingMixin):
    """Tokens and sign-in; the steps after a right password live in AccountsMixin."""

    def _reset_auth(self) -> None:
        #: one limiter per rate-limited endpoint (sign-in, activation, email check)
        self.limiters: dict[str, RateLimiter] = {}
        self.failures: dict[str, Failures] = {}

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
            session = self.sessions[token.session_id or ""]
            if not session.alive(now, self.config.idle_timeout):
                raise SandboxError(ErrorCode.EXPIRED_PLAYER_SESSION)
            session.last_seen = now
        return token

    @locked
    def check_rate_limit(
        self, client_ip: str, bucket: str = "login", limits: tuple[tuple[int, int], ...] | None = None
    ) -> None:
        """Per client IP, counted per endpoint (``bucket``): the sign-in limits (20/min,
        100/10 min, 300/h) unless the endpoint has ``limits`` of its own."""
        limiter = self.limiters.setdefault(bucket, RateLimiter(limits) if limits else RateLimiter())
        wait = limiter.hit(client_ip, self.now())
        if wait is not None:
            raise SandboxError(ErrorCode.RATE_LIMIT_EXCEEDED, retry_after=wait)

    @locked
    def brand_token(
        self, brand_id: str, locale: str, tracking: dict[str, str], *,
        return_url: str | None, ip: str | None, user_agent: str | None,
    ) -> tuple[Token, TrackingResult | None]:
        """POST auth/brand_public_credentials/token (input already validated).

        Leaves out: nothing documented; the token lives 24 hours like every sandbox token.
        """
        result = self.track(tracking, brand_id, locale, return_url=return_url, ip=ip, user_agent=user_agent)
        token = self._new_token(BRAND_PUBLIC, brand_id, locale, tracking_id=result.tracking_id if result else None)
        return token, result

    @locked
    def login(
        self, brand_id: str, locale: str, email: str, password: str, play_mode: str, *,
        captcha: dict[str, str] | None, tracking: dict[str, str],
        return_url: str | None, ip: str | None, user_agent: str | None,
    ) -> LoginOutcome:
        """POST auth/player_credentials/token: every outcome and sign-in error.

        Order: CAPTCHA → unknown email → temporary lock → password lock → password
        (3 wrong in an hour lock the account; with PasswordLockSettings the password) →
        the account's refusals (locked, review, geoblocked, GAMSTOP, play mode) → the
        outcome still pending for the player (accounts.py) → Login Success.
        Single sign-on: a new player_credentials session ends the player's others.
        Leaves out: device_id is validated, not stored.
        """
        if self.captcha_required:
            self._check_captcha(captcha)
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
        result = self.track(tracking, brand_id, locale, return_url=return_url, ip=ip, user_agent=user_agent)
        return self.sign_in(player, brand_id, locale, play_mode, result)

    @locked
    def mutate(
        self, token: Token, *, play_mode: str | None, locale: str | None, tracking: dict[str, str],
        return_url: str | None, ip: str | None, user_agent: str | None,
    ) -> LoginOutcome:
        """POST auth/player_credentials/token/mutate: a new token on the same session.

        The old token stops working (invalid_credentials): the doc says the new tokens
        "supersede any previously obtained tokens". Leaves out: nothing documented.
        """
        locale = locale or token.locale
        result = self.track(tracking, token.brand_id, locale, return_url=return_url, ip=ip, user_agent=user_agent)
        token.revoked = True
        new = self._new_token(
            PLAYER, token.brand_id, locale, session_id=token.session_id,
            play_mode=play_mode or token.play_mode,
            tracking_id=result.tracking_id if result else token.tracking_id,
            player_id=token.player_id,
        )
        return LoginOutcome(new, self.player_of(new), result)

    @locked
    def logout(self, token: Token) -> None:
        """DELETE auth/player_credentials: the session ends, and with it every link it made;
        its hub connections get UserLogout.

        Leaves out: nothing documented.
        """
        session = self.sessions[token.session_id or ""]
        session.ended = "logout"
        self._session_ended(session)

    @locked
    def privileged_token(
        self, grant_type: str, brand_id: str, locale: str, secret: str, *, from_browser: bool
    ) -> Token:
        """POST auth/{grant_type}/token for the privileged grant types.

        Leaves out: one secret (``config.secret``) for every grant type; "from a browser"
        means the request carried an Origin header.
        """
        if grant_type not in PRIVILEGED_GRANTS:
            raise SandboxError(ErrorCode.UNSUPPORTED_GRANT_TYPE)
        if grant_type in SERVER_ONLY_GRANTS and from_browser:
            raise SandboxError(ErrorCode.SERVER_ONLY_CREDENTIALS)
        if not secrets.compare_digest(secret.encode(), self.config.secret.encode()):
            raise SandboxError(ErrorCode.INVALID_CREDENTIALS)
        return self._new_token(grant_type, brand_id, locale)

    def captcha_status(self) -> tuple[str, str | None]:
        """GET auth/player_credentials: (type, site key).

        Leaves out: the CAPTCHA is a switch (/_sandbox/captcha), never "under attack".
        """
        if self.captcha_required:
            return "reCAPTCHAv2", CAPTCHA_SITE_KEY
        return "none", None
