"""The account life cycle of the sandbox: outcomes, registration, SMS codes, password
changes and resets, activation, ZAR migration. State and rules only, no HTTP.

``AccountBook`` hangs off the backend (``backend.accounts``) and is rebuilt by
``reset()``. Its methods are named after the API operations, run under the backend's
lock and raise ``SandboxError`` for the documented errors. The deterministic
triggers (which email reaches which outcome) are listed in docs/sandbox.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from lobby.kore.errors import ErrorCode

from . import seed
from .clock import iso
from .entities import (
    ActivationCode,
    EmailStatus,
    LoginOutcome,
    MigrationRecord,
    PasswordResetAttempt,
    Player,
    SmsCode,
    Token,
)
from .exceptions import SandboxError, invalid_request
from .tracking import TrackingResult

if TYPE_CHECKING:
    from .models import SandboxBackend

T = TypeVar("T")

VERIFICATION = "player_verification_credentials"
CHANGE_PASSWORD = "player_change_password"
EXTRA_INFO = "extra_player_info"

#: An SMS verification code is good for 10 minutes.
SMS_CODE_TTL = timedelta(minutes=10)
#: A new SMS within 30 seconds of the last one is still queued (queued_awaiting_sms_send).
SMS_QUEUE_SECONDS = 30
#: At most 3 codes sent again, and 5 wrong codes per code (too_many_verification_retries).
SMS_MAX_RESENDS = 3
SMS_MAX_WRONG = 5
ACTIVATION_TTL = timedelta(minutes=30)
MIGRATION_TTL = timedelta(hours=1)
FAST_TRACK_TTL = timedelta(minutes=30)
#: A password reset attempt lives 15 minutes; 3 attempts per email or phone per day.
RESET_TTL = timedelta(minutes=15)
RESET_WINDOW = timedelta(hours=24)
RESETS_PER_WINDOW = 3
#: A second password change within 10 minutes is password_change_too_soon.
PASSWORD_CHANGE_GAP = timedelta(minutes=10)
#: The same registration body from the same address within 10 s is duplicate_request.
DUPLICATE_WINDOW = timedelta(seconds=10)
PASSWORD_HISTORY = 3

_REFUSALS = {
    "locked": ErrorCode.ACCOUNT_LOCKED,
    "review": ErrorCode.ACCOUNT_REVIEW,
    "geoblocked": ErrorCode.GEOBLOCKED,
    "gamstop": ErrorCode.BLOCKED_GAMSTOP,
}


def locked(method: Callable[..., T]) -> Callable[..., T]:
    @wraps(method)
    def wrapper(self: "AccountBook", *args: Any, **kwargs: Any) -> T:
        with self.backend.lock:
            return method(self, *args, **kwargs)

    return wrapper


def email_tag(email: str) -> str:
    """The ``+tag`` of an address (``new+review@demo.kore`` → ``review``), lower case."""
    local = email.split("@", 1)[0]
    return local.split("+", 1)[1].lower() if "+" in local else ""


def is_profane(name: str) -> bool:
    """A whole word of the name is a profanity: "Mary-Crap" is, "Scrapton" is not."""
    return any(word in seed.PROFANITY for word in _WORDS.split(name.lower()))


#: What separates the words of a name: spaces, hyphens, apostrophes.
_WORDS = re.compile(r"[\s'’-]+")


def phone_digits(phone: str | None) -> str:
    return "".join(ch for ch in phone or "" if ch.isdigit())


@dataclass
class FastTrack:
    code: str
    email: str
    expiration: datetime
    currency: str = "USD"


@dataclass
class Registration:
    """What POST users ends in: a status and its auth, or follow (with an activation)."""

    status: str | None
    outcome: LoginOutcome | None
    player: Player
    follow: bool = False


class AccountBook:
    def __init__(self, backend: "SandboxBackend") -> None:
        self.backend = backend
        self.activations: dict[str, ActivationCode] = {}
        self.migrations: dict[str, MigrationRecord] = {}
        self.resets: dict[str, PasswordResetAttempt] = {}
        self.fast_tracks: dict[str, FastTrack] = {}
        self.follow_refs: dict[str, str] = {}
        self.recent_registrations: dict[str, datetime] = {}
        self.reset_requests: dict[str, list[datetime]] = {}
        now = backend.now()
        for player in backend.players.values():
            if player.profile.trigger == "change_password_recent":
                player.password_changed_at = now

    # -- helpers -------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.backend.now()

    def _code(self, digits: int = 6) -> str:
        return f"{self.backend.random.randrange(10**digits):0{digits}d}"

    def _hex(self) -> str:
        return self.backend.random.randbytes(16).hex().upper()

    def _player(self, token: Token, user_id: str) -> Player:
        player = self.backend.player_of(token)
        if player.id != user_id:
            raise SandboxError(ErrorCode.PLAYER_NOT_FOUND)
        return player

    def _send(self, channel: str, player: Player, code: str | None, purpose: str) -> datetime:
        now = self._now()
        message: dict[str, Any] = {"channel": channel, "purpose": purpose, "email": player.email, "time": iso(now)}
        if channel == "sms":
            message["phone"] = player.mobile_phone
        if code is not None:
            message["code"] = code
        self.backend.outbox.append(message)
        if channel == "email" and player.email_status is not None:
            player.email_status.last_sent = now.replace(microsecond=0)
        return now

    def send_sms_code(self, player: Player, resends: int = 0) -> SmsCode:
        now = self._now()
        sms = SmsCode(self._code(), now, now + SMS_CODE_TTL, resends=resends)
        self._send("sms", player, sms.code, "verification")
        player.sms = sms
        player.phone_status = "AwaitingCode"
        return sms

    # -- outcomes ------------------------------------------------------------------

    def login_outcome(
        self, player: Player, brand_id: str, locale: str, play_mode: str, result: TrackingResult | None
    ) -> LoginOutcome | None:
        """The refusal or the step standing between a right password and Login Success."""
        trigger = player.profile.trigger or ""
        if trigger in _REFUSALS:
            raise SandboxError(_REFUSALS[trigger])
        if trigger == "practice_only" and play_mode != "Practice":
            raise SandboxError(ErrorCode.UNSUPPORTED_PLAY_MODE)
        if not player.member:
            return LoginOutcome(None, player, result, kind="activation", activation=self._activation(player))
        if "follow" in player.pending:
            return LoginOutcome(None, player, result, kind="follow")
        migration = next((p for p in player.pending if p.startswith("migration")), None)
        if migration:
            return LoginOutcome(None, player, result, kind="migration", migration=self._migration(player, migration))
        step = dict(token_args=(brand_id, locale, result), play_mode=play_mode)
        if "change_password" in player.pending:
            return self._step(CHANGE_PASSWORD, "change_password", player, **step)
        if "sms" in player.pending:
            if player.sms is None or self._now() >= player.sms.expires_at:
                self.send_sms_code(player)
            outcome = self._step(VERIFICATION, "sms", player, **step)
            outcome.registration_status = "HardSmsVerificationRequired"
            return outcome
        if "address" in player.pending:
            return self._step(EXTRA_INFO, "address", player, **step)
        return None

    def _step(self, grant: str, kind: str, player: Player, *, token_args: tuple, play_mode: str) -> LoginOutcome:
        brand_id, locale, result = token_args
        token = self.backend.issue_step_token(grant, player, brand_id, locale, result, play_mode=play_mode)
        return LoginOutcome(token, player, result, kind=kind)

    def _continue(self, player: Player, token: Token) -> LoginOutcome:
        """After one step: the next pending step, or a player_credentials token."""
        token.revoked = True  # one step, one use
        result = TrackingResult(token.tracking_id) if token.tracking_id else None
        play_mode = token.play_mode or "Real"
        outcome = self.login_outcome(player, token.brand_id, token.locale, play_mode, result)
        if outcome is not None:
            return outcome
        new = self.backend.issue_player_token(player, token.brand_id, token.locale, play_mode, result)
        return LoginOutcome(new, player, result)

    def _activation(self, player: Player) -> ActivationCode:
        code = ActivationCode(
            self._hex(), player.id, self._now().replace(microsecond=0) + ACTIVATION_TTL,
            password_required=player.profile.trigger != "activation_nopass",
        )
        self.activations[code.code] = code
        return code

    def _migration(self, player: Player, trigger: str) -> MigrationRecord:
        record = MigrationRecord(
            self.backend._opaque_id(), player.id, self._now().replace(microsecond=0) + MIGRATION_TTL,
            status="NotAvailable" if trigger == "migration_unavailable" else "Available",
        )
        self.migrations[record.migration_id] = record
        return record

    def follow_ref(self, player: Player) -> str:
        """A one-time reference for the follow page (Kore's own web page)."""
        ref = self._hex()
        self.follow_refs[ref] = player.id
        return ref

    @locked
    def complete_follow(self, ref: str) -> Player | None:
        """The follow page's button: the account is set up, the next sign-in succeeds."""
        player_id = self.follow_refs.pop(ref, None)
        if player_id is None:
            return None
        player = self.backend.players[player_id]
        player.pending.discard("follow")
        return player

    # -- activation ------------------------------------------------------------------

    @locked
    def activate(
        self, code: str, password: str | None, brand_id: str, locale: str, play_mode: str, result: TrackingResult | None
    ) -> LoginOutcome:
        """POST auth/player_credentials/activate: the sister brand's account joins this brand."""
        activation = self.activations.get(code)
        if activation is None or self._now() >= activation.expiration:
            raise SandboxError(ErrorCode.INVALID_ACTIVATION_CODE)
        player = self.backend.players[activation.player_id]
        if activation.used or player.member:
            raise SandboxError(ErrorCode.ACTIVATION_FAILED)
        if activation.password_required:
            if password is None:
                raise invalid_request(["password"])
            if password != player.password:
                raise SandboxError(ErrorCode.ACTIVATION_FAILED)
        activation.used = True
        player.member = True
        outcome = self.login_outcome(player, brand_id, locale, play_mode, result)
        if outcome is not None:
            return outcome
        token = self.backend.issue_player_token(player, brand_id, locale, play_mode, result)
        return LoginOutcome(token, player, result)

    # -- SMS verification ------------------------------------------------------------

    @locked
    def verify_sms(self, token: Token, user_id: str, code: str) -> tuple[Player, LoginOutcome | None]:
        """POST users/{id}/verification. With a verification token, the answer signs in."""
        player = self._player(token, user_id)
        if len(code) != 6:
            raise SandboxError(ErrorCode.INVALID_SMS_CODE_LENGTH)
        sms = player.sms
        if player.phone_status != "AwaitingCode" or sms is None:
            raise SandboxError(ErrorCode.NO_PENDING_VERIFICATION)
        now = self._now()
        if sms.wrong_attempts >= SMS_MAX_WRONG:
            raise SandboxError(ErrorCode.TOO_MANY_VERIFICATION_RETRIES)
        if now >= sms.expires_at:
            raise SandboxError(ErrorCode.VERIFICATION_CODE_EXPIRED)
        if code != sms.code:
            sms.wrong_attempts += 1
            raise SandboxError(ErrorCode.INVALID_SMS_CODE)
        player.phone_status = "Verified"
        player.pending.discard("sms")
        outcome = self._continue(player, token) if token.grant_type == VERIFICATION else None
        return player, outcome

    @locked
    def resend_sms(self, token: Token, user_id: str) -> Player:
        """POST users/{id}/verification/retry."""
        player = self._player(token, user_id)
        if player.phone_status in ("NotApplicable", "InvalidPhone") or not player.mobile_phone:
            return player
        if player.phone_status == "Verified":
            raise SandboxError(ErrorCode.NO_PENDING_VERIFICATION)
        sms = player.sms
        if sms is not None:
            if (self._now() - sms.sent_at).total_seconds() < SMS_QUEUE_SECONDS:
                raise SandboxError(ErrorCode.QUEUED_AWAITING_SMS_SEND)
            if sms.resends >= SMS_MAX_RESENDS:
                raise SandboxError(ErrorCode.TOO_MANY_VERIFICATION_RETRIES)
        self.send_sms_code(player, resends=(sms.resends + 1) if sms else 0)
        return player

    # -- password change and address -------------------------------------------------

    @locked
    def change_password(self, token: Token, user_id: str, password: str) -> LoginOutcome:
        """PUT users/{id}/password with a player_change_password token."""
        player = self._player(token, user_id)
        if password in player.password_history[-PASSWORD_HISTORY:]:
            raise SandboxError(ErrorCode.PASSWORD_REUSE_FORBIDDEN)
        now = self._now()
        if player.password_changed_at and now - player.password_changed_at < PASSWORD_CHANGE_GAP:
            raise SandboxError(ErrorCode.PASSWORD_CHANGE_TOO_SOON)
        player.password = password
        player.password_history = (player.password_history + [password])[-PASSWORD_HISTORY:]
        player.password_changed_at = now
        player.password_locked = False
        player.pending.discard("change_password")
        self.backend.failures.pop(player.id, None)
        return self._continue(player, token)

    @locked
    def amend_user(self, token: Token, user_id: str, address: dict[str, str]) -> LoginOutcome:
        """PATCH users/{id} with an extra_player_info token: the address is captured."""
        player = self._player(token, user_id)
        player.address = address
        player.pending.discard("address")
        return self._continue(player, token)

    # -- registration ----------------------------------------------------------------

    @locked
    def email_check(self, email: str, mode: str, campaign_id: int | None) -> dict[str, Any]:
        """POST users/emailcheck: the body of the answer."""
        player = self.backend.player_by_email(email)
        if mode == "campaign_list_check":
            return {"status": "eligible" if player else "not-eligible"}
        if player is not None and not player.member:
            return {"status": "activate", "activation": self._activation(player)}
        if player is not None:
            return {"status": "not_available", "claimed_offers": list(player.claimed_offers)}
        body: dict[str, Any] = {"status": "available", "available_offers": list(seed.WELCOME_OFFERS)}
        if mode == "fast_track_registration" and email_tag(email) == "fasttrack":
            ftr = FastTrack("ftr" + self._hex(), email.lower(), self._now().replace(microsecond=0) + FAST_TRACK_TTL)
            self.fast_tracks[ftr.code] = ftr
            body.update(status="fast_track_registration", fast_track_registration=ftr)
        return body

    @locked
    def register(
        self,
        body: dict[str, Any],
        *,
        brand_id: str,
        locale: str,
        captcha: dict[str, str] | None,
        ip: str,
        tracking_id: str | None,
    ) -> Registration:
        """POST users (body already validated). Rules and triggers: docs/sandbox.md.

        A repeat of a registration that went through, from the same address within
        10 seconds, is a duplicate_request (a retry after a lost answer).
        """
        now = self._now()
        fingerprint = hashlib.sha256((ip + json.dumps(body, sort_keys=True)).encode()).hexdigest()
        last = self.recent_registrations.get(fingerprint)
        if last is not None and now - last < DUPLICATE_WINDOW:
            raise SandboxError(ErrorCode.DUPLICATE_REQUEST)
        registration = self._register(body, brand_id=brand_id, locale=locale, captcha=captcha, tracking_id=tracking_id)
        self.recent_registrations[fingerprint] = now
        return registration

    def _register(
        self, body: dict[str, Any], *, brand_id: str, locale: str, captcha: dict[str, str] | None,
        tracking_id: str | None,
    ) -> Registration:
        from .models import CAPTCHA_TEST_TOKEN

        now = self._now()
        if self.backend.captcha_required:
            if captcha is None:
                raise SandboxError(ErrorCode.CAPTCHA_REQUIRED)
            if captcha.get("token") != CAPTCHA_TEST_TOKEN:
                raise SandboxError(ErrorCode.CAPTCHA_INVALID)
        email = body["email"].strip().lower()
        info = dict(body.get("player_info") or {})
        currency = body.get("currency")
        code = body.get("fast_track_registration_code")
        if code:
            ftr = self.fast_tracks.get(code)
            if ftr is None or ftr.email != email or now >= ftr.expiration:
                raise SandboxError(ErrorCode.INVALID_FAST_TRACK_REGISTRATION_CODE)
            currency = currency or ftr.currency
        existing = self.backend.player_by_email(email)
        result = TrackingResult(tracking_id) if tracking_id else None
        play_mode = body["play_mode"]
        if existing is not None and not existing.member:
            outcome = LoginOutcome(None, existing, result, kind="activation", activation=self._activation(existing))
            return Registration(None, outcome, existing, follow=True)
        if existing is not None:
            raise SandboxError(ErrorCode.PLAYER_ALREADY_REGISTERED)
        nickname = info.get("nickname")
        if nickname and any(p.profile.nickname.lower() == nickname.lower() for p in self.backend.players.values()):
            raise SandboxError(ErrorCode.NICKNAME_ALREADY_REGISTERED)
        for name, error in (
            ("firstname", ErrorCode.FIRSTNAME_PROFANITY),
            ("lastname", ErrorCode.LASTNAME_PROFANITY),
            ("nickname", ErrorCode.NICKNAME_PROFANITY),
        ):
            if is_profane(info.get(name) or ""):
                raise SandboxError(error)
        address = info.get("address") or {}
        if address.get("country_code") == "ZA" and currency != "ZAR":
            raise SandboxError(ErrorCode.CURRENCY_MISMATCH)
        tag = email_tag(email)
        phone = info.get("mobile_phone")
        trigger = "review" if tag == "review" else None
        profile = seed.DemoPlayer(
            email,
            info.get("firstname") or "",
            info.get("lastname") or "",
            nickname or f"Player{self._code(5)}",
            currency or "USD",
            cash=0,
            locale=locale,
            profile="Unverified",
            birth_date=info.get("birth_date") or "",
            registration_date=iso(now),
            has_deposited=False,
            email_verified="Unverified",
            phone_verified="Unverified" if phone and tag != "success" else "NotApplicable",
            password=body["password"],
            mobile_phone=phone,
            trigger=trigger,
        )
        player = self.backend.add_player(profile)
        # Kore's registration has no consent field: a new player gets no promotional
        # mail until they subscribe, and an address nobody has written to cannot bounce.
        player.email_status = EmailStatus()
        player.address = address or None
        player.password_changed_at = None
        if tag == "follow":
            player.pending.add("follow")
            return Registration(None, LoginOutcome(None, player, result, kind="follow"), player, follow=True)
        if tag == "review":
            return Registration("AccountUnderReview", None, player)
        if tag == "verifyemail":
            self._send("email", player, None, "email_verification")
            return Registration("EmailVerificationRequired", None, player)
        if tag == "address":
            player.pending.add("address")
        elif phone and tag != "success":
            player.pending.add("sms")
        outcome = self.login_outcome(player, brand_id, locale, play_mode, result)
        if outcome is None:
            token = self.backend.issue_player_token(player, brand_id, locale, play_mode, result)
            return Registration("Success", LoginOutcome(token, player, result), player)
        status = {
            "sms": "MobilePhoneVerificationRequired" if tag == "mobile" else "HardSmsVerificationRequired",
            "address": "MissingPlayerInfo",
        }[outcome.kind]
        return Registration(status, outcome, player)

    # -- password resets -------------------------------------------------------------

    @locked
    def create_password_reset(
        self, captcha: dict[str, str] | None, email: str | None, mobile_phone: str | None, birth_date: str
    ) -> PasswordResetAttempt:
        """POST users/password_resets: a code by email (or SMS) when the details match."""
        from .models import CAPTCHA_TEST_TOKEN

        if captcha is None:
            raise SandboxError(ErrorCode.CAPTCHA_REQUIRED)
        if captcha.get("token") != CAPTCHA_TEST_TOKEN:
            raise SandboxError(ErrorCode.CAPTCHA_INVALID)
        now = self._now()
        key = f"email:{email.strip().lower()}" if email else f"sms:{phone_digits(mobile_phone)}"
        recent = [t for t in self.reset_requests.get(key, []) if now - t < RESET_WINDOW]
        if len(recent) >= RESETS_PER_WINDOW:
            raise SandboxError(
                ErrorCode.RECOVERY_EMAIL_EXHAUSTED if email else ErrorCode.RECOVERY_SMS_EXHAUSTED
            )
        self.reset_requests[key] = recent + [now]
        if email:
            player = self.backend.player_by_email(email)
        else:
            digits = phone_digits(mobile_phone)
            player = next(
                (p for p in self.backend.players.values() if p.mobile_phone and phone_digits(p.mobile_phone) == digits),
                None,
            )
        if player is None or not player.member or player.profile.birth_date != birth_date:
            # The sandbox's choice: details that match no account cannot be recovered online.
            raise SandboxError(ErrorCode.RECOVERY_CONTACT_SUPPORT)
        attempt = PasswordResetAttempt(
            self.backend._opaque_id().rstrip(".")[:16], player.id, "email" if email else "sms",
            self._code(), now.replace(microsecond=0) + RESET_TTL,
        )
        self.resets[attempt.id] = attempt
        self._send(attempt.channel, player, attempt.code, "password_reset")
        return attempt

    def _reset(self, reset_id: str) -> PasswordResetAttempt:
        attempt = self.resets.get(reset_id)
        if attempt is None or attempt.status == "Recovered" or self._now() >= attempt.expiration:
            raise SandboxError(ErrorCode.RECOVERY_NOT_FOUND)
        if attempt.status == "Expired" or attempt.remaining_attempt_count <= 0:
            raise SandboxError(ErrorCode.RECOVERY_CODE_EXHAUSTED)
        return attempt

    @locked
    def enter_password_reset_code(
        self, reset_id: str, code: str, play_mode: str, brand_id: str, locale: str
    ) -> tuple[PasswordResetAttempt, Token]:
        """PATCH users/password_resets/{id}: the right code gives a password change token."""
        attempt = self._reset(reset_id)
        if code != attempt.code:
            attempt.remaining_attempt_count -= 1
            if attempt.remaining_attempt_count <= 0:
                attempt.status = "Expired"
                raise SandboxError(ErrorCode.RECOVERY_CODE_EXHAUSTED)
            raise SandboxError(ErrorCode.RECOVERY_CODE_INVALID)
        player = self.backend.players[attempt.player_id]
        attempt.status = "Recovered"
        attempt.expiration = self._now().replace(microsecond=0)
        attempt.remaining_attempt_count = 0
        attempt.remaining_resend_count = 0
        # A recovered password is changed whatever else was pending at sign-in.
        player.pending.add("change_password")
        token = self.backend.issue_step_token(
            CHANGE_PASSWORD, player, brand_id, locale, None, play_mode=play_mode, change_method="PATCH"
        )
        return attempt, token

    @locked
    def resend_password_reset_code(self, reset_id: str) -> PasswordResetAttempt:
        """POST users/password_resets/{id}/resend: a new code, while resends remain."""
        attempt = self._reset(reset_id)
        if attempt.remaining_resend_count <= 0:
            raise SandboxError(ErrorCode.RECOVERY_RESEND_EXHAUSTED)
        attempt.remaining_resend_count -= 1
        attempt.code = self._code()
        self._send(attempt.channel, self.backend.players[attempt.player_id], attempt.code, "password_reset")
        return attempt

    # -- ZAR migration -----------------------------------------------------------------

    def _migration_record(self, migration_id: str) -> MigrationRecord:
        record = self.migrations.get(migration_id)
        if record is None:
            raise SandboxError(ErrorCode.MIGRATION_NOT_FOUND)
        if record.status != "Migrated" and self._now() >= record.expiration:
            raise SandboxError(ErrorCode.MIGRATION_EXPIRED)
        return record

    @locked
    def get_migration(self, migration_id: str) -> MigrationRecord:
        """GET migrations/{id}."""
        return self._migration_record(migration_id)

    @locked
    def migrate(
        self, migration_id: str, id_number: str, password: str, play_mode: str, brand_id: str, locale: str
    ) -> LoginOutcome:
        """POST migrations/{id}: the SA ID must be the account holder's (its birth date)."""
        record = self._migration_record(migration_id)
        if record.status == "Migrated":
            raise SandboxError(ErrorCode.MIGRATION_COMPLETED)
        if record.status == "NotAvailable":
            raise SandboxError(ErrorCode.MIGRATION_NOT_AVAILABLE)
        player = self.backend.players[record.player_id]
        birth = player.profile.birth_date.replace("-", "")[2:]
        if id_number[:6] != birth:
            raise invalid_request(["player_info.identification.number"])
        if player.profile.trigger == "migration_failed":
            record.status = "InProgress"
            raise SandboxError(ErrorCode.MIGRATION_FAILED)
        record.status = "Migrated"
        player.pending = {p for p in player.pending if not p.startswith("migration")}
        player.password = password
        player.password_history = (player.password_history + [password])[-PASSWORD_HISTORY:]
        token = self.backend.issue_player_token(player, brand_id, locale, play_mode, None)
        return LoginOutcome(token, player, None)
