"""The registration sent to Kore from the last step (POST users), and where each of
Kore's answers leads: a refusal goes back to the step that has the field it concerns."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from lobby.accounts import draft, outcomes, referee, tracking
from lobby.accounts.captcha import token as captcha_token
from lobby.core.faults import fault_message
from lobby.core.messages import player_message
from lobby.core.upstream import kore
from lobby.forms import place_refusal
from lobby.kore import KoreError, KoreRateLimited, PlayerInfo, PlayerTokenResponse, Welcome
from lobby.kore.errors import ErrorCode

log = logging.getLogger(__name__)

#: Kore's property paths → the steps' fields.
FIELD_BY_PROPERTY = {
    "email": "email",
    "password": "password",
    "currency": "currency",
    "play_mode": "play_mode",
    "device_id": "device_id",
    "player_info.nickname": "nickname",
    "player_info.firstname": "firstname",
    "player_info.lastname": "lastname",
    "player_info.title": "title",
    "player_info.birth_date": "birth_date",
    "player_info.mobile_phone": "mobile_phone",
    "player_info.home_phone": "home_phone",
    "player_info.work_phone": "home_phone",
    "player_info.fund_source": "fund_source",
    "player_info.identification": "id_number",
    "player_info.identification.number": "id_number",
    "player_info.identification.type": "id_type",
    "player_info.identification.country": "id_country",
    "player_info.address": "country",
    "player_info.address.first_line": "first_line",
    "player_info.address.second_line": "second_line",
    "player_info.address.city": "city",
    "player_info.address.zip_code": "zip_code",
    "player_info.address.country_code": "country",
    "player_info.address.state_code": "state",
    "player_info.address.state_text": "state",
    "captcha": "captcha",
    "captcha.token": "captcha",
    "captcha.type": "captcha",
}
#: Errors that concern one field.
FIELD_BY_CODE = {
    ErrorCode.PLAYER_ALREADY_REGISTERED: "email",
    ErrorCode.NICKNAME_ALREADY_REGISTERED: "nickname",
    ErrorCode.NICKNAME_PROFANITY: "nickname",
    ErrorCode.FIRSTNAME_PROFANITY: "firstname",
    ErrorCode.LASTNAME_PROFANITY: "lastname",
    ErrorCode.CURRENCY_MISMATCH: "currency",
    ErrorCode.CAPTCHA_REQUIRED: "captcha",
    ErrorCode.CAPTCHA_INVALID: "captcha",
}
#: With a fast track registration code these may be left out (Kore has them).
FAST_TRACK_OPTIONAL = ("currency", "firstname", "lastname", "birth_date", "country")
NEXT_STEPS = {"review": "AccountUnderReview", "email": "EmailVerificationRequired"}


@dataclass
class Refusal:
    """Kore did not create the account: the step to show again, with the errors on its form."""

    step: int
    status: int
    unknown: bool = False
    captcha: bool = False
    nickname_taken: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class _Steps:
    """The three steps' forms as one, for place_refusal: a field is found on whichever has it."""

    def __init__(self, *forms) -> None:
        self.forms = forms
        self.form_errors: list[str] = []

    def __getattr__(self, name: str):
        for form in self.forms:
            if name in form._fields:
                return form[name]
        raise AttributeError(name)

    def step_with_errors(self, default: int) -> int:
        for number, form in enumerate(self.forms, start=1):
            if any(f.errors for f in form):
                return number
        return default


def welcome_of(account) -> Welcome | None:
    if not account.page_id.data or not account.bonus_codes.data:
        return None
    try:
        return Welcome(page_id=int(account.page_id.data), bonus_codes=tuple(account.bonus_codes.data.split(",")[:2]))
    except ValueError:
        return None


def player_info(about, home) -> PlayerInfo | None:
    info = PlayerInfo(
        nickname=about.nickname.data or None,
        firstname=about.firstname.data or None,
        lastname=about.lastname.data or None,
        title=about.title.data or None,
        birth_date=about.birth_date.data,
        mobile_phone=about.mobile_phone.data or None,
        home_phone=about.home_phone.data or None,
        address=home.address() if home.country.data else None,
        identification=home.identification(),
        fund_source=home.fund_source.data or None,
    )
    return info if info.to_json() else None


def send(locale: str, account, about, home):
    """POST users with the three steps; a redirect where Kore's answer leads, or a Refusal."""
    email = account.email.data.strip()
    play_mode = account.play_mode.data or "Real"
    bound = kore()
    try:
        result = tracking.as_visitor(locale, lambda token: bound.register(
            token=token,
            email=email,
            password=account.password.data,
            play_mode=play_mode,
            currency=account.currency.data or None,
            player_info=player_info(about, home),
            captcha=captcha_token(home.captcha.data),
            device_id=account.device_id.data or None,
            fast_track_registration_code=account.fast_track_registration_code.data or None,
            welcome=welcome_of(account),
        ))
    except KoreError as error:
        return refused(error, account, about, home)
    draft.clear()
    outcomes.log_non_fatal(result.errors, "registration")
    if account.referral_code.data:
        referee.remember(account.referral_code.data, email)
    welcome = _("Welcome! Your account is ready.")
    if result.auth is not None:
        if result.auth.tracking_id:
            tracking.remember(result.auth.tracking_id)
        return outcomes.proceed(result.auth, email=email, play_mode=play_mode, welcome=welcome)
    if "follow" in result.actions:
        response = PlayerTokenResponse(actions=result.actions, activation=result.activation)
        return outcomes.proceed(response, email=email, play_mode=play_mode)
    for key, status in NEXT_STEPS.items():
        if result.registration_status == status:
            return redirect(url_for("register.next_steps", status=key), 303)
    log.warning("registration: unexpected status=%s", result.registration_status)
    flash(_("Your account was created. Sign in to continue."), "info")
    return redirect(url_for("auth.login"), 303)


def refused(error: KoreError, account, about, home) -> Refusal:
    """Why Kore did not create the account (or that it may have: a lost answer is never
    sent again), on the field it concerns, in the step that has that field."""
    if error.code is ErrorCode.DUPLICATE_REQUEST:
        log.info("registration refused: error=%s", error.raw_code)
        home.form_errors.append(_("This registration was already sent a moment ago. "
                                  "Try signing in with this email and password."))
        return Refusal(3, 429, unknown=True)
    if isinstance(error, KoreRateLimited):
        log.info("registration refused: error=%s", error.raw_code)
        home.form_errors.append(player_message(error))
        return Refusal(3, 429)
    if error.unavailable:
        log.warning("registration: no answer from Kore: status=%s error=%s", error.status, error.raw_code)
        fault = fault_message("registration", error)  # the fault table: nothing happened, or it may have
        if fault is not None:
            home.form_errors.append(fault[1])
        return Refusal(3, 503, unknown=error.outcome_unknown)
    log.info("registration refused: error=%s properties=%s", error.raw_code, ",".join(error.properties))
    steps = _Steps(account, about, home)
    if error.code is ErrorCode.INVALID_FAST_TRACK_REGISTRATION_CODE:
        account.fast_track_registration_code.data = ""
        draft.put(fast_track_registration_code="")
        account.form_errors.append(player_message(error))
        return Refusal(1, error.status or 404)
    place_refusal(steps, error, FIELD_BY_PROPERTY, FIELD_BY_CODE)
    step = steps.step_with_errors(default=3)
    steps.forms[step - 1].form_errors.extend(steps.form_errors)
    return Refusal(
        step, error.status or 400,
        captcha=error.code in (ErrorCode.CAPTCHA_REQUIRED, ErrorCode.CAPTCHA_INVALID),
        nickname_taken=error.code is ErrorCode.NICKNAME_ALREADY_REGISTERED,
    )
