"""Every error of the Kore API v3, by code, and the exceptions the client raises.

This is the one place the codes live: the client turns error responses into the
exceptions below, and the sandbox answers with the same codes and statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any, Mapping


class ErrorCode(StrEnum):
    """Every code in the documentation's error tables."""

    # Error Codes
    SERVER_ERROR = "server_error"
    RATE_LIMIT_EXCEEDED = "rate_limit_exceeded"
    DUPLICATE_REQUEST = "duplicate_request"
    INVALID_REQUEST = "invalid_request"
    UNSUPPORTED_PLAY_MODE = "unsupported_play_mode"
    MISSING_RETURN_URL = "missing_return_url"
    UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type"
    ACCOUNT_REVIEW = "account_review"
    ACCOUNT_LOCKED = "account_locked"
    ACCOUNT_TEMPORARILY_LOCKED = "account_temporarily_locked"
    ACCOUNT_PASSWORD_LOCKED = "account_password_locked"  # noqa: S105 - a name, not a secret
    GEOBLOCKED = "geoblocked"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    CANCELED_TICKET = "canceled_ticket"
    CURRENCY_MISMATCH = "currency_mismatch"
    INVALID_VOUCHER = "invalid_voucher"
    INVALID_DISCOUNT = "invalid_discount"
    INVALID_CREDENTIALS = "invalid_credentials"
    MISSING_CREDENTIALS = "missing_credentials"
    INVALID_PASSWORD = "invalid_password"  # noqa: S105 - a name, not a secret
    PASSWORD_REUSE_FORBIDDEN = "password_reuse_forbidden"  # noqa: S105 - a name, not a secret
    CAPTCHA_REQUIRED = "captcha_required"
    CAPTCHA_INVALID = "captcha_invalid"
    EXPIRED_PLAYER_SESSION = "expired_player_session"
    EXPIRED_TOKEN = "expired_token"  # noqa: S105 - a name, not a secret
    ACCESS_DENIED = "access_denied"
    PLAYER_NOT_FOUND = "player_not_found"
    BLOCKED_GAMSTOP = "blocked_gamstop"
    PLAYER_ALREADY_REGISTERED = "player_already_registered"
    NICKNAME_ALREADY_REGISTERED = "nickname_already_registered"
    FIRSTNAME_PROFANITY = "firstname_profanity"
    LASTNAME_PROFANITY = "lastname_profanity"
    NICKNAME_PROFANITY = "nickname_profanity"
    TRACKING_NOT_FOUND = "tracking_not_found"
    SERVER_ONLY_CREDENTIALS = "server_only_credentials"
    INVALID_ACTIVATION_CODE = "invalid_activation_code"
    ACTIVATION_FAILED = "activation_failed"
    INVALID_FAST_TRACK_REGISTRATION_CODE = "invalid_fast_track_registration_code"
    PASSWORD_CHANGE_TOO_SOON = "password_change_too_soon"  # noqa: S105 - a name, not a secret
    # Recovery Error Codes
    RECOVERY_EMAIL_EXHAUSTED = "recovery_email_exhausted"
    RECOVERY_SMS_EXHAUSTED = "recovery_sms_exhausted"
    RECOVERY_CONTACT_SUPPORT = "recovery_contact_support"
    RECOVERY_NOT_FOUND = "recovery_not_found"
    RECOVERY_CODE_EXHAUSTED = "recovery_code_exhausted"
    RECOVERY_CODE_INVALID = "recovery_code_invalid"
    RECOVERY_RESEND_EXHAUSTED = "recovery_resend_exhausted"
    # Bonus Error Codes
    BONUS_DEPENDENCY_UNMET = "bonus_dependency_unmet"
    BONUS_DEPOSIT_UNMET = "bonus_deposit_unmet"
    BONUS_REQUIRES_INVITE = "bonus_requires_invite"
    BONUS_USER_CLAIMS_EXHAUSTED = "bonus_user_claims_exhausted"
    BONUS_USER_CLAIMS_DEPOSIT = "bonus_user_claims_deposit"
    BONUS_CLAIMS_EXHAUSTED = "bonus_claims_exhausted"
    BONUS_TAG_VIOLATION = "bonus_tag_violation"
    BONUS_EXPIRED = "bonus_expired"
    BONUS_NOT_YET_VALID = "bonus_not_yet_valid"
    BONUS_INVALID = "bonus_invalid"
    BONUS_USER_RESTRICTED = "bonus_user_restricted"
    BONUS_PURCHASE_REQUIRED = "bonus_purchase_required"
    BONUS_LIMIT_REACHED = "bonus_limit_reached"
    BONUS_INVALID_INVITE = "bonus_invalid_invite"
    BONUS_WITHDRAWAL_MADE = "bonus_withdrawal_made"
    BONUS_AFFILIATE_UNMET = "bonus_affiliate_unmet"
    BONUS_CAMPAIGN_INELIGIBLE = "bonus_campaign_ineligible"
    BONUS_CLAIM_IN_PROGRESS = "bonus_claim_in_progress"
    # Tournament Error Codes
    TOURNAMENT_NOT_REGISTERING = "tournament_not_registering"
    TOURNAMENT_TAG_RESTRICTION = "tournament_tag_restriction"
    TOURNAMENT_STARTED = "tournament_started"
    TOURNAMENT_FULL = "tournament_full"
    REGISTRATION_LOYALTY_NOT_SUPPORTED = "registration_loyalty_not_supported"
    REGISTRATION_CASH_NOT_SUPPORTED = "registration_cash_not_supported"
    INSUFFICIENT_LOYALTY = "insufficient_loyalty"
    PLAYER_NOT_REGISTERED = "player_not_registered"
    TOURNAMENT_NOT_STARTED = "tournament_not_started"
    TOURNAMENT_REBUYS_EXCEEDED = "tournament_rebuys_exceeded"
    TOURNAMENT_BALANCE_EXCESSIVE = "tournament_balance_excessive"
    # Competitions Error Codes
    COMPETITION_NOT_FOUND = "competition_not_found"
    # Referrals Error Codes
    REFERRAL_DISABLED = "referral_disabled"
    REFERRAL_CLAIM_EXHAUSTED = "referral_claim_exhausted"
    REFERRAL_CLAIM_FAILED = "referral_claim_failed"
    REFERRAL_CODE_NOT_FOUND = "referral_code_not_found"
    # Verification Error Codes
    NO_PENDING_VERIFICATION = "no_pending_verification"
    INVALID_SMS_CODE = "invalid_sms_code"
    TOO_MANY_VERIFICATION_RETRIES = "too_many_verification_retries"
    # Removed in 3.35 ("it can't be triggered") but still in the table; kept so
    # an older Kore that sends it is understood.
    INVALID_SMS_CODE_LENGTH = "invalid_sms_code_length"
    VERIFICATION_CODE_EXPIRED = "verification_code_expired"
    QUEUED_AWAITING_SMS_SEND = "queued_awaiting_sms_send"
    # ZAR Migration Error Codes
    MIGRATION_NOT_FOUND = "migration_not_found"
    MIGRATION_NOT_AVAILABLE = "migration_not_available"
    MIGRATION_COMPLETED = "migration_completed"
    MIGRATION_EXPIRED = "migration_expired"
    MIGRATION_FAILED = "migration_failed"


@dataclass(frozen=True)
class ErrorSpec:
    code: ErrorCode
    status: int
    description: str


def _spec(code: ErrorCode, status: int, description: str) -> tuple[ErrorCode, ErrorSpec]:
    return code, ErrorSpec(code, status, description)


C = ErrorCode
#: The documentation's tables: code → HTTP status and description.
ERRORS: dict[ErrorCode, ErrorSpec] = dict(
    [
        _spec(C.SERVER_ERROR, 500, "This error indicates a problem with the Kore API."),
        _spec(C.RATE_LIMIT_EXCEEDED, 429, "The request is blocked because the client has used the endpoint too frequently."),
        _spec(C.DUPLICATE_REQUEST, 429, "The request is blocked because it is a duplicate of the previous request."),
        _spec(C.INVALID_REQUEST, 400, "The request is invalid or malformed."),
        _spec(C.UNSUPPORTED_PLAY_MODE, 400, "The playmode is not supported."),
        _spec(C.MISSING_RETURN_URL, 400, "The X-Kore-ReturnUrl header is missing in the request."),
        _spec(C.UNSUPPORTED_GRANT_TYPE, 400, "The provided authorization grant type is not supported."),
        _spec(C.ACCOUNT_REVIEW, 400, "The player account is locked because the account is under review."),
        _spec(C.ACCOUNT_LOCKED, 403, "The player account is locked."),
        _spec(C.ACCOUNT_TEMPORARILY_LOCKED, 429, "The player account has been temporarily locked."),
        _spec(C.ACCOUNT_PASSWORD_LOCKED, 403, "The player account's password has been locked."),
        _spec(C.GEOBLOCKED, 403, "The player cannot log in because the IP address belongs to a restricted country."),
        _spec(C.INSUFFICIENT_BALANCE, 400, "The balance is not sufficient to complete the request."),
        _spec(C.CANCELED_TICKET, 400, "The request cannot complete because one of the provided tickets has been canceled."),
        _spec(C.CURRENCY_MISMATCH, 400, "The player account cannot use the currency provided in the request."),
        _spec(C.INVALID_VOUCHER, 400, "The voucher is invalid."),
        _spec(C.INVALID_DISCOUNT, 400, "The discount is invalid."),
        _spec(C.INVALID_CREDENTIALS, 401, "Authentication failed. The provided credentials were not recognized by the server."),
        _spec(C.MISSING_CREDENTIALS, 401, "Authentication failed. No Authorization header was provided."),
        _spec(C.INVALID_PASSWORD, 401, "The provided password or username is not valid."),
        _spec(C.PASSWORD_REUSE_FORBIDDEN, 400, "New provided password must NOT match in last 3 passwords."),
        _spec(C.CAPTCHA_REQUIRED, 401, "Authentication failed. A CAPTCHA token is required for the request to succeed."),
        _spec(C.CAPTCHA_INVALID, 401, "Authentication failed. The provided CAPTCHA token is invalid."),
        _spec(C.EXPIRED_PLAYER_SESSION, 401, "The player session has expired due to player inactivity or because the player has signed in elsewhere."),
        _spec(C.EXPIRED_TOKEN, 401, "The bearer token provided in the Authorization header has expired."),
        _spec(C.ACCESS_DENIED, 403, "The provided authentication credentials do not provide sufficient access to this resource."),
        _spec(C.PLAYER_NOT_FOUND, 404, "The player could not be found."),
        _spec(C.BLOCKED_GAMSTOP, 403, "The player cannot log in because the account is registered with the GAMSTOP self-exclusion scheme."),
        _spec(C.PLAYER_ALREADY_REGISTERED, 400, "The player is already registered."),
        _spec(C.NICKNAME_ALREADY_REGISTERED, 400, "The nickname is already registered."),
        _spec(C.FIRSTNAME_PROFANITY, 400, "The provided first name is identified as a profanity."),
        _spec(C.LASTNAME_PROFANITY, 400, "The provided last name is identified as a profanity."),
        _spec(C.NICKNAME_PROFANITY, 400, "The provided nickname is identified as a profanity."),
        _spec(C.TRACKING_NOT_FOUND, 404, "The tracking information cannot be retrieved."),
        _spec(C.SERVER_ONLY_CREDENTIALS, 401, "The grant type is for server to server backend communication and cannot be used in a web browser."),
        _spec(C.INVALID_ACTIVATION_CODE, 404, "The activation code does not exist or has expired."),
        _spec(C.ACTIVATION_FAILED, 400, "The player account could not be activated."),
        _spec(C.INVALID_FAST_TRACK_REGISTRATION_CODE, 404, "The fast track registration code does not exist or has expired."),
        _spec(C.PASSWORD_CHANGE_TOO_SOON, 429, "The Password was changed very recently. Try again later."),
        _spec(C.RECOVERY_EMAIL_EXHAUSTED, 429, "Too many password recovery attempts using the same email address."),
        _spec(C.RECOVERY_SMS_EXHAUSTED, 429, "Too many password recovery attempts using the same mobile phone."),
        _spec(C.RECOVERY_CONTACT_SUPPORT, 400, "The recovery password cannot be automated. The player should contact support."),
        _spec(C.RECOVERY_NOT_FOUND, 404, "The password recovery attempt was not found. It may have expired."),
        _spec(C.RECOVERY_CODE_EXHAUSTED, 429, "Too many bad password recovery codes have been entered."),
        _spec(C.RECOVERY_CODE_INVALID, 400, "The provided password recovery code is not valid."),
        _spec(C.RECOVERY_RESEND_EXHAUSTED, 429, "Too many password recovery codes have been sent."),
        _spec(C.BONUS_DEPENDENCY_UNMET, 400, "The Bonus Code has a prerequisite Bonus Code that has not been claimed."),
        _spec(C.BONUS_DEPOSIT_UNMET, 400, "The deposit does not meet the requirements for the Bonus Code."),
        _spec(C.BONUS_REQUIRES_INVITE, 400, "The player does not have the required tag to use the Bonus Code."),
        _spec(C.BONUS_USER_CLAIMS_EXHAUSTED, 400, "The player has already used the Bonus Code the maximum number of times allowed."),
        _spec(C.BONUS_USER_CLAIMS_DEPOSIT, 400, "The Bonus Code has already been claimed for the deposit."),
        _spec(C.BONUS_CLAIMS_EXHAUSTED, 400, "The Bonus Code has been used as much as possible and is no longer valid."),
        _spec(C.BONUS_TAG_VIOLATION, 400, "The player does not have a required tag to use the Bonus code."),
        _spec(C.BONUS_EXPIRED, 400, "The Bonus Code has expired."),
        _spec(C.BONUS_NOT_YET_VALID, 400, "The Bonus Code is not yet active."),
        _spec(C.BONUS_INVALID, 400, "The Bonus Code is not valid."),
        _spec(C.BONUS_USER_RESTRICTED, 400, "The player is not eligible for this bonus."),
        _spec(C.BONUS_PURCHASE_REQUIRED, 400, "The player needs to make a valid deposit to claim this bonus."),
        _spec(C.BONUS_LIMIT_REACHED, 400, "The maximum number of non-deposit bonuses claimed since players last deposit has been reached."),
        _spec(C.BONUS_INVALID_INVITE, 400, "The Invite Code is not valid."),
        _spec(C.BONUS_WITHDRAWAL_MADE, 400, "This bonus cannot be claimed because you have made a withdrawal."),
        _spec(C.BONUS_AFFILIATE_UNMET, 400, "The requirements for this affiliate bonus were not met by the player."),
        _spec(C.BONUS_CAMPAIGN_INELIGIBLE, 400, "The player is not eligible for the campaign and cannot claim the associated bonus."),
        _spec(C.BONUS_CLAIM_IN_PROGRESS, 400, "Cannot claim any bonuses while another bonus claim is in progress."),
        _spec(C.TOURNAMENT_NOT_REGISTERING, 400, "The tournament is not open for registration yet."),
        _spec(C.TOURNAMENT_TAG_RESTRICTION, 400, "The player does not have a required tag to use the Tournament."),
        _spec(C.TOURNAMENT_STARTED, 400, "The tournament has already started."),
        _spec(C.TOURNAMENT_FULL, 400, "The maximum number of players that can be registered for the tournament has been reached."),
        _spec(C.REGISTRATION_LOYALTY_NOT_SUPPORTED, 400, "Registration failed. Loyalty is not a supported registration type."),
        _spec(C.REGISTRATION_CASH_NOT_SUPPORTED, 400, "Registration failed. Cash is not a supported registration type."),
        _spec(C.INSUFFICIENT_LOYALTY, 400, "The player does not have enough loyalty points to complete the request."),
        _spec(C.PLAYER_NOT_REGISTERED, 400, "The player is not registered."),
        _spec(C.TOURNAMENT_NOT_STARTED, 400, "The tournament is not in the Started state."),
        _spec(C.TOURNAMENT_REBUYS_EXCEEDED, 400, "The rebuy limits have been exceeded for the tournament."),
        _spec(C.TOURNAMENT_BALANCE_EXCESSIVE, 400, "The tournament balance is too high to complete the request."),
        _spec(C.COMPETITION_NOT_FOUND, 404, "The competition could not be found."),
        _spec(C.REFERRAL_DISABLED, 404, "The referral feature is disabled."),
        _spec(C.REFERRAL_CLAIM_EXHAUSTED, 400, "This IP address or device has claimed too many referral codes."),
        _spec(C.REFERRAL_CLAIM_FAILED, 400, "You cannot claim the referral bonus."),
        _spec(C.REFERRAL_CODE_NOT_FOUND, 404, "The referral code is invalid."),
        _spec(C.NO_PENDING_VERIFICATION, 404, "There are no pending verifications."),
        _spec(C.INVALID_SMS_CODE, 400, "SMS Verification Code invalid."),
        _spec(C.TOO_MANY_VERIFICATION_RETRIES, 400, "Too many verification retried attempted. Try again later."),
        _spec(C.INVALID_SMS_CODE_LENGTH, 400, "SMS Verification Code length invalid."),
        _spec(C.VERIFICATION_CODE_EXPIRED, 400, "Verification code expired. Try again."),
        _spec(C.QUEUED_AWAITING_SMS_SEND, 400, "Verification code queued and is awaiting send. Please wait and try again."),
        _spec(C.MIGRATION_NOT_FOUND, 404, "The migration could not be found."),
        _spec(C.MIGRATION_NOT_AVAILABLE, 400, "The player already has an existing account and cannot be migrated."),
        _spec(C.MIGRATION_COMPLETED, 400, "The player account has already been migrated."),
        _spec(C.MIGRATION_EXPIRED, 400, "The migration ID has expired. A new migration ID must be obtained."),
        _spec(C.MIGRATION_FAILED, 500, "The migration has failed. Please contact support."),
    ]
)
del C

#: Spellings the documentation uses besides the canonical one. Its table writes
#: "invalid_fast_track_ registration_code" with a space; both are accepted.
ALIASES: dict[str, ErrorCode] = {
    "invalid_fast_track_ registration_code": ErrorCode.INVALID_FAST_TRACK_REGISTRATION_CODE,
}


def parse_code(value: str | None) -> ErrorCode | None:
    """The ErrorCode for a code string, or None when Kore sent one we do not know."""
    if not value:
        return None
    try:
        return ErrorCode(value)
    except ValueError:
        return ALIASES.get(value)


class Answer(Enum):
    """What an error means for the caller: the one classification of Kore's answers.

    Views decide with it instead of a tuple of exception classes each:
    """

    #: Kore answered no (a rule, a missing thing, too many requests): nothing happened;
    #: say why (``player_message``), with when to try again for a 429.
    REFUSED = "refused"
    #: No definite answer (unreachable, timed out, a 5xx): try later. For a
    #: state-changing call, ``outcome_unknown`` tells whether it may have happened.
    UNAVAILABLE = "unavailable"
    #: The player's token is over (expired, signed in elsewhere, revoked): sign in again.
    SESSION_OVER = "session_over"


#: The codes that end a player's session: the token must be thrown away.
SESSION_OVER_CODES = frozenset({
    ErrorCode.EXPIRED_PLAYER_SESSION,
    ErrorCode.EXPIRED_TOKEN,
    ErrorCode.INVALID_CREDENTIALS,
    ErrorCode.MISSING_CREDENTIALS,
})


class KoreError(Exception):
    """An error answered by Kore (or the failure to get an answer at all).

    ``code`` is the ErrorCode when Kore sent a documented one; ``raw_code`` is the
    string as sent, so an undocumented code is never lost.
    """

    def __init__(
        self,
        description: str,
        *,
        code: ErrorCode | None = None,
        raw_code: str | None = None,
        status: int | None = None,
        uuid: str | None = None,
        properties: tuple[str, ...] = (),
        retry_after: float | None = None,
    ) -> None:
        super().__init__(description)
        self.description = description
        self.code = code
        self.raw_code = raw_code if raw_code is not None else (str(code) if code else None)
        self.status = status
        self.uuid = uuid
        self.properties = properties
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.raw_code!r}, status={self.status!r}, uuid={self.uuid!r})"

    #: True when a state-changing request may have done its work although no answer
    #: says so: the caller must not repeat it blindly (see KoreUnavailable, KoreServerError).
    outcome_unknown: bool = False

    @property
    def answer(self) -> Answer:
        """Refused, unavailable or session over: see ``Answer``."""
        return Answer.REFUSED

    @property
    def refused(self) -> bool:
        return self.answer is Answer.REFUSED

    @property
    def unavailable(self) -> bool:
        return self.answer is Answer.UNAVAILABLE

    @property
    def session_over(self) -> bool:
        """True when the token must be thrown away and the player sign in again."""
        return self.answer is Answer.SESSION_OVER


class KoreBadRequest(KoreError):
    """400: the request broke a rule (validation, business rule)."""


class KoreAuthError(KoreError):
    """401: the credentials or the token were refused."""

    @property
    def answer(self) -> Answer:
        return Answer.SESSION_OVER if self.code in SESSION_OVER_CODES else Answer.REFUSED


class KoreForbidden(KoreError):
    """403: not allowed (locked account, geoblocking, wrong grant type)."""


class KoreNotFound(KoreError):
    """404: the thing asked for does not exist (or no longer)."""


class KoreRateLimited(KoreError):
    """429: too many requests; ``retry_after`` says when to try again, if Kore said.

    A refusal: nothing was done, and the player is told when to try again.
    """


class KoreServerError(KoreError):
    """5xx answered by Kore, with or without an error body.

    The request reached Kore, which may have done part of its work before failing; a 503
    says it did not take the request at all (unavailable: nothing was done).
    """

    @property
    def outcome_unknown(self) -> bool:  # type: ignore[override]  # a class attribute above, derived here
        return self.status != 503

    @property
    def answer(self) -> Answer:
        return Answer.UNAVAILABLE


class KoreUnavailable(KoreError):
    """No usable answer: connection refused or reset, timeout, or a body that is not Kore's.

    ``outcome_unknown`` is True when the request may have reached Kore and done its
    work (a POST whose answer was lost): the caller must not repeat it blindly and
    should tell the player that the result is not known yet.
    """

    def __init__(
        self, description: str, *, outcome_unknown: bool = False, timed_out: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(description, **kwargs)
        self.outcome_unknown = outcome_unknown
        #: Kore did not answer in time (a gateway would say 504), rather than refusing.
        self.timed_out = timed_out

    @property
    def answer(self) -> Answer:
        return Answer.UNAVAILABLE


_FAMILIES: dict[int, type[KoreError]] = {
    400: KoreBadRequest,
    401: KoreAuthError,
    403: KoreForbidden,
    404: KoreNotFound,
    429: KoreRateLimited,
}


def family_for(status: int) -> type[KoreError]:
    if status >= 500:
        return KoreServerError
    return _FAMILIES.get(status, KoreError)


def error_from_body(
    status: int, body: Any, headers: Mapping[str, str] | None = None
) -> KoreError:
    """The exception for an error response: the JSON body, else the error headers."""
    # Header names are case-insensitive in HTTP; a plain dict from a test or another
    # HTTP library must be read the same way as requests' CaseInsensitiveDict.
    headers = {str(k).lower(): v for k, v in (headers or {}).items()}
    body = body if isinstance(body, dict) else {}
    raw = body.get("error") or headers.get("x-error-code") or headers.get("x-kore-errorcode")
    code = parse_code(raw)
    description = body.get("error_description") or (ERRORS[code].description if code else f"HTTP {status}")
    properties = body.get("properties") or ()
    retry_after = _retry_after(headers.get("retry-after"))
    return family_for(status)(
        description,
        code=code,
        raw_code=raw,
        status=status,
        uuid=body.get("uuid"),
        properties=tuple(str(p) for p in properties),
        retry_after=retry_after,
    )


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from datetime import datetime, timezone
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header value (delta-seconds or HTTP date)."""
    return _retry_after(value)
