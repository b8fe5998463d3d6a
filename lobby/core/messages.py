"""What a player is told when Kore refuses something: plain words, no codes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from lobby.kore import KoreError
from lobby.kore.errors import ErrorCode as E

PLAYER_MESSAGES = {
    E.INVALID_PASSWORD: _l("That email and password do not match an account. Check them and try again."),
    E.ACCOUNT_LOCKED: _l("This account is locked. Please contact support to unlock it."),
    E.ACCOUNT_TEMPORARILY_LOCKED: _l(
        "Too many wrong passwords in a row: this account is locked for a while. "
        "Try again later, or reset your password."
    ),
    E.ACCOUNT_PASSWORD_LOCKED: _l(
        "This account's password is locked after three wrong attempts. Reset your password to sign in."
    ),
    E.ACCOUNT_REVIEW: _l("This account is under review. Support will contact you; you cannot sign in until then."),
    E.GEOBLOCKED: _l("Sorry, playing is not available from the country you are in."),
    E.BLOCKED_GAMSTOP: _l(
        "This account is registered with the GAMSTOP self-exclusion scheme, so it cannot sign in."
    ),
    E.CAPTCHA_REQUIRED: _l("Please confirm you are not a robot, then sign in again."),
    E.CAPTCHA_INVALID: _l("The robot check did not pass. Please try it again."),
    E.RATE_LIMIT_EXCEEDED: _l("Too many attempts in a short time. Please wait a minute and try again."),
    E.UNSUPPORTED_PLAY_MODE: _l("That play mode is not offered here. Choose the other one."),
    E.EXPIRED_PLAYER_SESSION: _l("Your session has ended. Please sign in again."),
    E.EXPIRED_TOKEN: _l("Your session has ended. Please sign in again."),
    E.INVALID_CREDENTIALS: _l("Your session has ended. Please sign in again."),
    E.MISSING_CREDENTIALS: _l("Please sign in first."),
    E.ACCESS_DENIED: _l("That is not available to your account."),
    E.DUPLICATE_REQUEST: _l("That was already sent a moment ago; it has been done once."),
    E.INSUFFICIENT_BALANCE: _l("Your balance is too low for that."),
    E.SERVER_ERROR: _l("The casino had a problem with that request. Please try again in a moment."),
    E.INVALID_REQUEST: _l("Some of the details were not accepted. Check the highlighted fields."),
    E.MISSING_RETURN_URL: _l("The casino could not handle that request. Please try again."),
    E.UNSUPPORTED_GRANT_TYPE: _l("The casino could not handle that request. Please try again."),
    E.SERVER_ONLY_CREDENTIALS: _l("The casino could not handle that request. Please try again."),
    E.CANCELED_TICKET: _l("One of your tickets has been cancelled, so this cannot go ahead."),
    E.CURRENCY_MISMATCH: _l("Your account cannot use that currency. Choose another one."),
    E.INVALID_VOUCHER: _l("That voucher is not valid."),
    E.INVALID_DISCOUNT: _l("That discount is not valid."),
    E.PASSWORD_REUSE_FORBIDDEN: _l("Choose a password you have not used for your last three passwords."),
    E.PASSWORD_CHANGE_TOO_SOON: _l("Your password was changed very recently. Please try again later."),
    E.PLAYER_NOT_FOUND: _l("We could not find that account."),
    E.PLAYER_ALREADY_REGISTERED: _l("An account with this email already exists. Sign in, or reset your password."),
    E.NICKNAME_ALREADY_REGISTERED: _l("That nickname is taken. Choose another one."),
    # The casino's word filter can refuse a real name: never suggest the player lied.
    E.FIRSTNAME_PROFANITY: _l("We could not accept this first name as written. If it is your name, "
                              "please contact support and we will help you register."),
    E.LASTNAME_PROFANITY: _l("We could not accept this last name as written. If it is your name, "
                             "please contact support and we will help you register."),
    E.NICKNAME_PROFANITY: _l("That nickname is not allowed. Choose another one."),
    E.TRACKING_NOT_FOUND: _l("No tracking information was found."),
    E.INVALID_ACTIVATION_CODE: _l("That activation has expired. Start again from the sign-in page."),
    E.ACTIVATION_FAILED: _l(
        "The account could not be activated here. Check the password, or it may already be active: try signing in."
    ),
    E.INVALID_FAST_TRACK_REGISTRATION_CODE: _l(
        "The quick registration offer has expired. Fill in the form to register."
    ),
    E.RECOVERY_EMAIL_EXHAUSTED: _l("Too many reset attempts for this email. Please try again later."),
    E.RECOVERY_SMS_EXHAUSTED: _l("Too many reset attempts for this phone number. Please try again later."),
    E.RECOVERY_CONTACT_SUPPORT: _l("This password cannot be reset online. Please contact support."),
    E.RECOVERY_NOT_FOUND: _l("This password reset has expired. Please start again."),
    E.RECOVERY_CODE_EXHAUSTED: _l("Too many wrong codes. Please start the password reset again."),
    E.RECOVERY_CODE_INVALID: _l("That code is not right. Check the message we sent and try again."),
    E.RECOVERY_RESEND_EXHAUSTED: _l("No more codes can be sent for this reset. Please start again later."),
    E.BONUS_DEPENDENCY_UNMET: _l("This bonus needs another bonus to be claimed first."),
    E.BONUS_DEPOSIT_UNMET: _l("Your deposit does not meet this bonus's conditions."),
    E.BONUS_REQUIRES_INVITE: _l("This bonus is by invitation only; an invite code is needed."),
    E.BONUS_USER_CLAIMS_EXHAUSTED: _l("You have already claimed this bonus as many times as allowed."),
    E.BONUS_USER_CLAIMS_DEPOSIT: _l("This bonus was already claimed for that deposit."),
    E.BONUS_CLAIMS_EXHAUSTED: _l("This bonus has run out."),
    E.BONUS_TAG_VIOLATION: _l("Your account is not eligible for this bonus."),
    E.BONUS_EXPIRED: _l("This bonus code has expired."),
    E.BONUS_NOT_YET_VALID: _l("This bonus code is not active yet."),
    E.BONUS_INVALID: _l("That bonus code is not valid. Check it and try again."),
    E.BONUS_USER_RESTRICTED: _l("Your account is not eligible for this bonus."),
    E.BONUS_PURCHASE_REQUIRED: _l("Make a deposit to claim this bonus."),
    E.BONUS_LIMIT_REACHED: _l("You have claimed the most free bonuses allowed until your next deposit."),
    E.BONUS_INVALID_INVITE: _l("That invite code is not valid."),
    E.BONUS_WITHDRAWAL_MADE: _l("This bonus cannot be claimed after a withdrawal."),
    E.BONUS_AFFILIATE_UNMET: _l("This bonus is for players who came through a partner offer."),
    E.BONUS_CAMPAIGN_INELIGIBLE: _l("Your account is not eligible for this campaign."),
    E.BONUS_CLAIM_IN_PROGRESS: _l("Another bonus claim is in progress. Try again in a moment."),
    E.TOURNAMENT_NOT_REGISTERING: _l("Registration for this tournament is not open yet."),
    E.TOURNAMENT_TAG_RESTRICTION: _l("This tournament is not open to your account."),
    E.TOURNAMENT_STARTED: _l("This tournament has already started."),
    E.TOURNAMENT_FULL: _l("This tournament is full."),
    E.REGISTRATION_LOYALTY_NOT_SUPPORTED: _l("This tournament cannot be joined with loyalty points."),
    E.REGISTRATION_CASH_NOT_SUPPORTED: _l("This tournament cannot be joined with cash."),
    E.INSUFFICIENT_LOYALTY: _l("You do not have enough loyalty points for that."),
    E.PLAYER_NOT_REGISTERED: _l("You are not registered for this tournament."),
    E.TOURNAMENT_NOT_STARTED: _l("This tournament has not started yet."),
    E.TOURNAMENT_REBUYS_EXCEEDED: _l("You have used all the rebuys this tournament allows."),
    E.TOURNAMENT_BALANCE_EXCESSIVE: _l("Your tournament credits are still too high for a rebuy."),
    E.COMPETITION_NOT_FOUND: _l("That competition could not be found. It may have ended."),
    E.REFERRAL_DISABLED: _l("Referrals are not available at the moment."),
    E.REFERRAL_CLAIM_EXHAUSTED: _l("Too many referral codes have been claimed from this device."),
    E.REFERRAL_CLAIM_FAILED: _l("This referral bonus cannot be claimed."),
    E.REFERRAL_CODE_NOT_FOUND: _l("That referral code is not valid."),
    E.NO_PENDING_VERIFICATION: _l("There is no code waiting to be checked. Ask for a new one."),
    E.INVALID_SMS_CODE: _l("That code is not right. Check the text message and try again."),
    E.TOO_MANY_VERIFICATION_RETRIES: _l("Too many attempts. Please wait a while before trying again."),
    E.INVALID_SMS_CODE_LENGTH: _l("The code has 6 digits."),
    E.VERIFICATION_CODE_EXPIRED: _l("That code has expired. Ask for a new one."),
    E.QUEUED_AWAITING_SMS_SEND: _l("Your code is on its way. Please wait a moment and try again."),
    E.MIGRATION_NOT_FOUND: _l("Your account move is not ready yet. Please try again in a few minutes."),
    E.MIGRATION_NOT_AVAILABLE: _l("You already have an account here. Sign in with it."),
    E.MIGRATION_COMPLETED: _l("Your account has already been moved. Sign in with your new password."),
    E.MIGRATION_EXPIRED: _l("This account move has expired. Sign in again to restart it."),
    E.MIGRATION_FAILED: _l("Moving your account failed. Please contact support."),
}

GENERIC = _l("Something went wrong with that request. Please try again.")


def player_message(error: KoreError) -> str:
    """The sentence to show a player for a Kore error."""
    return str(PLAYER_MESSAGES.get(error.code, GENERIC) if error.code is not None else GENERIC)
