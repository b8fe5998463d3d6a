"""Account recovery: password resets and the ZAR migration. Part of SandboxBackend."""

from __future__ import annotations

from datetime import datetime, timedelta

from lobby.kore.errors import ErrorCode

from ..exceptions import SandboxError, invalid_request
from .accounts import PASSWORD_HISTORY, AccountsMixin
from .base import locked
from .entities import LoginOutcome, MigrationRecord, PasswordResetAttempt, Token
from .grants import CHANGE_PASSWORD

#: A password reset attempt lives 15 minutes; 3 attempts per email or phone per day.
RESET_TTL = timedelta(minutes=15)
RESET_WINDOW = timedelta(hours=24)
RESETS_PER_WINDOW = 3


def phone_digits(phone: str | None) -> str:
    return "".join(ch for ch in phone or "" if ch.isdigit())


class RecoveryMixin(AccountsMixin):
    """Password resets and migrations; the migration outcome itself is AccountsMixin's."""

    def _reset_recovery(self) -> None:
        self.resets: dict[str, PasswordResetAttempt] = {}
        self.reset_requests: dict[str, list[datetime]] = {}

    # -- password resets -------------------------------------------------------------

    @locked
    def create_password_reset(
        self, captcha: dict[str, str] | None, email: str | None, mobile_phone: str | None, birth_date: str
    ) -> PasswordResetAttempt:
        """POST users/password_resets: a code by email (or SMS) when the details match.

        Leaves out: details that match no account answer recovery_contact_support."""
        self._check_captcha(captcha)
        now = self.now()
        key = f"email:{email.strip().lower()}" if email else f"sms:{phone_digits(mobile_phone)}"
        recent = [t for t in self.reset_requests.get(key, []) if now - t < RESET_WINDOW]
        if len(recent) >= RESETS_PER_WINDOW:
            raise SandboxError(
                ErrorCode.RECOVERY_EMAIL_EXHAUSTED if email else ErrorCode.RECOVERY_SMS_EXHAUSTED
            )
        self.reset_requests[key] = recent + [now]
        if email:
            player = self.player_by_email(email)
        else:
            digits = phone_digits(mobile_phone)
            player = next(
                (p for p in self.players.values() if p.mobile_phone and phone_digits(p.mobile_phone) == digits),
                None,
            )
        if player is None or not player.member or player.profile.birth_date != birth_date:
            # The sandbox's choice: details that match no account cannot be recovered online.
            raise SandboxError(ErrorCode.RECOVERY_CONTACT_SUPPORT)
        attempt = PasswordResetAttempt(
            self._opaque_id().rstrip(".")[:16], player.id, "email" if email else "sms",
            self._code(), now.replace(microsecond=0) + RESET_TTL,
        )
        self.resets[attempt.id] = attempt
        self._send(attempt.channel, player, attempt.code, "password_reset")
        return attempt

    def _reset(self, reset_id: str) -> PasswordResetAttempt:
        attempt = self.resets.get(reset_id)
        if attempt is None or attempt.status == "Recovered" or self.now() >= attempt.expiration:
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
        player = self.players[attempt.player_id]
        attempt.status = "Recovered"
        attempt.expiration = self.now().replace(microsecond=0)
        attempt.remaining_attempt_count = 0
        attempt.remaining_resend_count = 0
        # A recovered password is changed whatever else was pending at sign-in.
        player.pending.add("change_password")
        token = self._issue_step_token(
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
        self._send(attempt.channel, self.players[attempt.player_id], attempt.code, "password_reset")
        return attempt

    # -- ZAR migration -----------------------------------------------------------------

    def _migration_record(self, migration_id: str) -> MigrationRecord:
        record = self.migrations.get(migration_id)
        if record is None:
            raise SandboxError(ErrorCode.MIGRATION_NOT_FOUND)
        if record.status != "Migrated" and self.now() >= record.expiration:
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
        player = self.players[record.player_id]
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
        token = self._issue_player_token(player, brand_id, locale, play_mode, None)
        return LoginOutcome(token, player, None)
