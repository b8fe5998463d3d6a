"""The account life cycle after a right password: the pending steps (follow, activation,
ZAR migration, password change, SMS, address), activation, SMS verification, password
change and amend user. Part of SandboxBackend; triggers in docs/sandbox.md."""

from __future__ import annotations

from datetime import timedelta

from lobby.kore.errors import ErrorCode

from ..exceptions import SandboxError, invalid_request
from .base import BackendBase, locked
from .entities import ActivationCode, LoginOutcome, MigrationRecord, Player, SmsCode, Token, TrackingResult
from .grants import CHANGE_PASSWORD, EXTRA_INFO, VERIFICATION

#: An SMS verification code is good for 10 minutes.
SMS_CODE_TTL = timedelta(minutes=10)
#: A new SMS within 30 seconds of the last one is still queued (queued_awaiting_sms_send).
SMS_QUEUE_SECONDS = 30
#: At most 3 codes sent again, and 5 wrong codes per code (too_many_verification_retries).
SMS_MAX_RESENDS = 3
SMS_MAX_WRONG = 5
ACTIVATION_TTL = timedelta(minutes=30)
MIGRATION_TTL = timedelta(hours=1)
#: A second password change within 10 minutes is password_change_too_soon.
PASSWORD_CHANGE_GAP = timedelta(minutes=10)
PASSWORD_HISTORY = 3

#: The account's refusals after a right password, by the profile's trigger.
REFUSALS = {
    "locked": ErrorCode.ACCOUNT_LOCKED,
    "review": ErrorCode.ACCOUNT_REVIEW,
    "geoblocked": ErrorCode.GEOBLOCKED,
    "gamstop": ErrorCode.BLOCKED_GAMSTOP,
}


class AccountsMixin(BackendBase):
    """Outcomes and their steps; registration and recovery are parts of their own."""

    def _reset_accounts(self) -> None:
        self.activations: dict[str, ActivationCode] = {}
        self.migrations: dict[str, MigrationRecord] = {}
        self.follow_refs: dict[str, str] = {}
        now = self.now()
        for player in self.players.values():
            if player.profile.trigger == "change_password_recent":
                player.password_changed_at = now

    def _send_sms_code(self, player: Player, resends: int = 0) -> SmsCode:
        now = self.now()
        sms = SmsCode(self._code(), now, now + SMS_CODE_TTL, resends=resends)
        self._send("sms", player, sms.code, "verification")
        player.sms = sms
        player.phone_status = "AwaitingCode"
        return sms

    def pending_outcome(
        self, player: Player, brand_id: str, locale: str, play_mode: str, result: TrackingResult | None
    ) -> LoginOutcome | None:
        """The refusal or the step standing between a right password and Login Success
        (None when there is none). Used by every operation that signs in."""
        trigger = player.profile.trigger or ""
        if trigger in REFUSALS:
            raise SandboxError(REFUSALS[trigger])
        if trigger == "practice_only" and play_mode != "Practice":
            raise SandboxError(ErrorCode.UNSUPPORTED_PLAY_MODE)
        if not player.member:
            return LoginOutcome(None, player, result, kind="activation", activation=self.new_activation(player))
        if "follow" in player.pending:
            return self.follow_outcome(player, result)
        migration = next((p for p in player.pending if p.startswith("migration")), None)
        if migration:
            return LoginOutcome(None, player, result, kind="migration", migration=self._migration(player, migration))
        token_args = (brand_id, locale, result)
        if "change_password" in player.pending:
            return self._step(CHANGE_PASSWORD, "change_password", player, token_args=token_args, play_mode=play_mode)
        if "sms" in player.pending:
            if player.sms is None or self.now() >= player.sms.expires_at:
                self._send_sms_code(player)
            outcome = self._step(VERIFICATION, "sms", player, token_args=token_args, play_mode=play_mode)
            outcome.registration_status = "HardSmsVerificationRequired"
            return outcome
        if "address" in player.pending:
            return self._step(EXTRA_INFO, "address", player, token_args=token_args, play_mode=play_mode)
        return None

    def sign_in(
        self, player: Player, brand_id: str, locale: str, play_mode: str, result: TrackingResult | None
    ) -> LoginOutcome:
        """The pending outcome, or Login Success on a new session: how every sign-in ends."""
        outcome = self.pending_outcome(player, brand_id, locale, play_mode, result)
        if outcome is not None:
            return outcome
        token = self._issue_player_token(player, brand_id, locale, play_mode, result)
        return LoginOutcome(token, player, result)

    def _step(self, grant: str, kind: str, player: Player, *, token_args: tuple, play_mode: str) -> LoginOutcome:
        brand_id, locale, result = token_args
        token = self._issue_step_token(grant, player, brand_id, locale, result, play_mode=play_mode)
        return LoginOutcome(token, player, result, kind=kind)

    def _continue(self, player: Player, token: Token) -> LoginOutcome:
        """After one step: the next pending step, or a player_credentials token."""
        token.revoked = True  # one step, one use
        result = TrackingResult(token.tracking_id) if token.tracking_id else None
        play_mode = token.play_mode or "Real"
        return self.sign_in(player, token.brand_id, token.locale, play_mode, result)

    def new_activation(self, player: Player) -> ActivationCode:
        code = ActivationCode(
            self._hex(), player.id, self.now().replace(microsecond=0) + ACTIVATION_TTL,
            password_required=player.profile.trigger != "activation_nopass",
        )
        self.activations[code.code] = code
        return code

    def _migration(self, player: Player, trigger: str) -> MigrationRecord:
        record = MigrationRecord(
            self._opaque_id(), player.id, self.now().replace(microsecond=0) + MIGRATION_TTL,
            status="NotAvailable" if trigger == "migration_unavailable" else "Available",
        )
        self.migrations[record.migration_id] = record
        return record

    def follow_outcome(self, player: Player, result: TrackingResult | None) -> LoginOutcome:
        """Follow, with a one-time reference for Kore's own web page."""
        ref = self._hex()
        self.follow_refs[ref] = player.id
        return LoginOutcome(None, player, result, kind="follow", follow_ref=ref)

    @locked
    def complete_follow(self, ref: str) -> Player | None:
        """The follow page's button: the account is set up, the next sign-in succeeds.

        Not an API operation: Kore's own page; None for an unknown reference."""
        player_id = self.follow_refs.pop(ref, None)
        if player_id is None:
            return None
        player = self.players[player_id]
        player.pending.discard("follow")
        return player

    # -- activation ------------------------------------------------------------------

    @locked
    def activate(
        self, code: str, password: str | None, locale: str, play_mode: str, tracking: dict[str, str], *,
        return_url: str | None, ip: str | None, user_agent: str | None,
    ) -> LoginOutcome:
        """POST auth/player_credentials/activate: the sister brand's account joins this brand.

        Leaves out: the sister brand is one fixed brand; welcome pages are validated, not used.
        """
        brand_id = self.config.brand_id
        result = self.track(tracking, brand_id, locale, return_url=return_url, ip=ip, user_agent=user_agent)
        activation = self.activations.get(code)
        if activation is None or self.now() >= activation.expiration:
            raise SandboxError(ErrorCode.INVALID_ACTIVATION_CODE)
        player = self.players[activation.player_id]
        if activation.used or player.member:
            raise SandboxError(ErrorCode.ACTIVATION_FAILED)
        if activation.password_required:
            if password is None:
                raise invalid_request(["password"])
            if password != player.password:
                raise SandboxError(ErrorCode.ACTIVATION_FAILED)
        activation.used = True
        player.member = True
        return self.sign_in(player, brand_id, locale, play_mode, result)

    # -- SMS verification ------------------------------------------------------------

    @locked
    def verify_sms(self, token: Token, user_id: str, code: str) -> tuple[Player, LoginOutcome | None]:
        """POST users/{id}/verification. With a verification token, the answer signs in.

        Leaves out: only ``mobile_phone`` mode; codes arrive in the outbox, not by SMS."""
        player = self._own_player(token, user_id)
        if len(code) != 6:
            # Version 3.35 removed invalid_sms_code_length: "You should get a invalid_request".
            raise invalid_request(["code"])
        sms = player.sms
        if player.phone_status != "AwaitingCode" or sms is None:
            raise SandboxError(ErrorCode.NO_PENDING_VERIFICATION)
        now = self.now()
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
        """POST users/{id}/verification/retry. Leaves out: no SMS really leaves (outbox)."""
        player = self._own_player(token, user_id)
        if player.phone_status in ("NotApplicable", "InvalidPhone") or not player.mobile_phone:
            return player
        if player.phone_status == "Verified":
            raise SandboxError(ErrorCode.NO_PENDING_VERIFICATION)
        sms = player.sms
        if sms is not None:
            if (self.now() - sms.sent_at).total_seconds() < SMS_QUEUE_SECONDS:
                raise SandboxError(ErrorCode.QUEUED_AWAITING_SMS_SEND)
            if sms.resends >= SMS_MAX_RESENDS:
                raise SandboxError(ErrorCode.TOO_MANY_VERIFICATION_RETRIES)
        self._send_sms_code(player, resends=(sms.resends + 1) if sms else 0)
        return player

    # -- password change and address -------------------------------------------------

    @locked
    def change_password(self, token: Token, user_id: str, password: str) -> LoginOutcome:
        """PUT users/{id}/password with a player_change_password token: signs in.

        Leaves out: no password strength rules beyond the documented length."""
        player = self._own_player(token, user_id)
        if password in player.password_history[-PASSWORD_HISTORY:]:
            raise SandboxError(ErrorCode.PASSWORD_REUSE_FORBIDDEN)
        now = self.now()
        if player.password_changed_at and now - player.password_changed_at < PASSWORD_CHANGE_GAP:
            raise SandboxError(ErrorCode.PASSWORD_CHANGE_TOO_SOON)
        player.password = password
        player.password_history = (player.password_history + [password])[-PASSWORD_HISTORY:]
        player.password_changed_at = now
        player.password_locked = False
        player.pending.discard("change_password")
        self.failures.pop(player.id, None)  # a new password lifts the temporary lock
        return self._continue(player, token)

    @locked
    def amend_user(self, token: Token, user_id: str, address: dict[str, str]) -> LoginOutcome:
        """PATCH users/{id} with an extra_player_info token: the address is captured.

        Leaves out: only the address can be missing player info in the sandbox."""
        player = self._own_player(token, user_id)
        player.address = address
        player.pending.discard("address")
        return self._continue(player, token)

