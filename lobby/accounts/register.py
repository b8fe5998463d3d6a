"""Registration of new players (POST users), with the email availability check, and
the address Kore may ask for afterwards (extra_player_info → amend user)."""

from __future__ import annotations

import logging
import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms.validators import InputRequired, Optional

from lobby.accounts import captcha, outcomes, pending, referee, tracking
from lobby.core.faults import fault_message
from lobby.core.guards import optional
from lobby.core.i18n import kore_locale
from lobby.core.messages import player_message
from lobby.core.upstream import client_ip, return_url, upstream
from lobby.forms import place_refusal
from lobby.forms.accounts import AddressForm, RegisterForm
from lobby.forms.referrals import referral_code_or_empty
from lobby.kore import (
    KoreAuthError,
    KoreError,
    KoreRateLimited,
    PlayerInfo,
    PlayerTokenResponse,
    Welcome,
)
from lobby.kore.errors import ErrorCode

bp = Blueprint("register", __name__, url_prefix="/register")
log = logging.getLogger(__name__)

#: Kore's property paths → the form's fields.
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


def map_kore_error(form, error: KoreError) -> None:
    """Put Kore's refusal of a registration or address on the fields it concerns."""
    place_refusal(form, error, FIELD_BY_PROPERTY, FIELD_BY_CODE)


def _currencies(locale: str) -> list[str]:
    return sorted(optional(lambda: upstream().currencies(locale), {}, what="currencies"))


def _welcome_from(args) -> tuple[str, str]:
    """page_id and bonus codes of a welcome page the player came from (landing URL)."""
    page_id = args.get("page_id", "")
    codes = [c for c in (args.getlist("bonus_code") or args.get("bonus_codes", "").split(",")) if c.strip()]
    if not re.fullmatch(r"[1-9]\d{0,9}", page_id) or not 1 <= len(codes) <= 2:
        return "", ""
    codes = [c.strip()[:64] for c in codes]
    return page_id, ",".join(codes)


def _welcome(form: RegisterForm) -> Welcome | None:
    if not form.page_id.data or not form.bonus_codes.data:
        return None
    try:
        return Welcome(page_id=int(form.page_id.data), bonus_codes=tuple(form.bonus_codes.data.split(",")[:2]))
    except ValueError:
        return None


def _relax_for_fast_track(form: RegisterForm) -> None:
    for name in FAST_TRACK_OPTIONAL:
        field = getattr(form, name)
        field.validators = [Optional()] + [v for v in field.validators if not isinstance(v, InputRequired)]
        field.flags.required = False


def _player_info(form: RegisterForm) -> PlayerInfo | None:
    has_address = bool(form.country.data)
    info = PlayerInfo(
        nickname=form.nickname.data or None,
        firstname=form.firstname.data or None,
        lastname=form.lastname.data or None,
        title=form.title.data or None,
        birth_date=form.birth_date.data,
        mobile_phone=form.mobile_phone.data or None,
        home_phone=form.home_phone.data or None,
        address=form.address() if has_address else None,
        identification=form.identification(),
        fund_source=form.fund_source.data or None,
    )
    return info if info.to_json() else None


def _page(form: RegisterForm, *, check=None, status: int = 200, widget=None, unknown: bool = False):
    form.password.data = ""
    form.captcha.data = ""
    if widget is None:
        check_status = captcha.status()
        widget = captcha.widget(check_status.site_key) if check_status.required else None
    return render_template(
        "accounts/register/index.html", form=form, check=check, captcha_widget=widget, outcome_unknown=unknown,
        state_codes=_state_codes(),
    ), status


def _state_codes() -> list[str]:
    from lobby.forms.validators import STATE_CODES

    return sorted({code for codes in STATE_CODES.values() for code in codes})


@bp.route("", methods=["GET", "POST"])
def index():
    """The registration form; every answer of Kore leads somewhere a player understands."""
    locale = kore_locale()
    form = RegisterForm()
    form.init_choices(locale, _currencies(locale))
    if request.method == "GET":
        form.page_id.data, form.bonus_codes.data = _welcome_from(request.args)
        form.email.data = request.args.get("email", "")[:254]
        form.referral_code.data = referral_code_or_empty(request.args.get("ref"))
        return _page(form)
    if form.fast_track_registration_code.data:
        _relax_for_fast_track(form)
    if not form.validate_on_submit():
        return _page(form, status=400)
    email = form.email.data.strip()
    up = upstream()
    ret, ip = return_url(), client_ip()
    try:
        result = tracking.as_visitor(locale, lambda token: up.client.register(
            token=token,
            email=email,
            password=form.password.data,
            play_mode=form.play_mode.data,
            currency=form.currency.data or None,
            player_info=_player_info(form),
            captcha=captcha.token(form.captcha.data),
            device_id=form.device_id.data or None,
            fast_track_registration_code=form.fast_track_registration_code.data or None,
            welcome=_welcome(form),
            return_url=ret,
            client_ip=ip,
        ))
    except KoreError as error:
        return _refused(form, error)
    outcomes.log_non_fatal(result.errors, "registration")
    if form.referral_code.data:
        referee.remember(form.referral_code.data, email)
    welcome = _("Welcome! Your account is ready.")
    if result.auth is not None:
        if result.auth.tracking_id:
            tracking.remember(result.auth.tracking_id)
        return outcomes.proceed(result.auth, email=email, play_mode=form.play_mode.data, welcome=welcome)
    if "follow" in result.actions:
        response = PlayerTokenResponse(actions=result.actions, activation=result.activation)
        return outcomes.proceed(response, email=email, play_mode=form.play_mode.data)
    for key, status in NEXT_STEPS.items():
        if result.registration_status == status:
            return redirect(url_for("register.next_steps", status=key), 303)
    log.warning("registration: unexpected status=%s", result.registration_status)
    flash(_("Your account was created. Sign in to continue."), "info")
    return redirect(url_for("auth.login"), 303)


def _refused(form, error: KoreError):
    """The registration page again, saying why Kore did not create the account (or that
    it may have: a lost answer is never sent again)."""
    if error.code is ErrorCode.DUPLICATE_REQUEST:
        log.info("registration refused: error=%s", error.raw_code)
        form.form_errors.append(_("This registration was already sent a moment ago. "
                                  "Try signing in with this email and password."))
        return _page(form, status=429, unknown=True)
    if isinstance(error, KoreRateLimited):
        log.info("registration refused: error=%s", error.raw_code)
        form.form_errors.append(player_message(error))
        return _page(form, status=429)
    if error.unavailable:
        log.warning("registration: no answer from Kore: status=%s error=%s", error.status, error.raw_code)
        form.form_errors.append(fault_message("registration", error)[1])  # the fault table
        return _page(form, status=503, unknown=error.outcome_unknown)
    log.info("registration refused: error=%s properties=%s", error.raw_code, ",".join(error.properties))
    if error.code is ErrorCode.INVALID_FAST_TRACK_REGISTRATION_CODE:
        form.fast_track_registration_code.data = ""
    map_kore_error(form, error)
    need = error.code in (ErrorCode.CAPTCHA_REQUIRED, ErrorCode.CAPTCHA_INVALID)
    widget = captcha.widget(captcha.status().site_key) if need else None
    return _page(form, status=error.status or 400, widget=widget)


@bp.post("/email")
def email_check():
    """Is the email free? An htmx request gets the status fragment, others the page."""
    locale = kore_locale()
    form = RegisterForm()
    check: dict = {}
    if not form.email.validate(form):
        check = {"status": "invalid"}
    else:
        email = form.email.data.strip()
        up = upstream()
        ret, ip = return_url(), client_ip()
        try:
            result = tracking.as_visitor(locale, lambda token: up.client.email_check(
                token=token, email=email, mode="fast_track_registration", return_url=ret, client_ip=ip))
        except KoreError as error:
            log.info("email check failed: error=%s", error.raw_code)
            check = {"status": "slow_down" if isinstance(error, KoreRateLimited) else "unknown"}
        else:
            check = {"status": result.status, "result": result}
            if result.status == "activate" and result.activation is not None:
                activation = result.activation
                pending.save(pending.Step(
                    kind="activation", email=email, play_mode=form.play_mode.data or "Real",
                    expiration=activation.expiration.isoformat() if activation.expiration else "",
                    data={"code": activation.code, "brands": list(activation.brands),
                          "password_required": activation.password_required,
                          "reset_password": activation.reset_password.href if activation.reset_password else ""},
                ))
            if result.fast_track_registration is not None:
                form.fast_track_registration_code.data = result.fast_track_registration.code
    if request.htmx:
        return render_template("accounts/register/partials/email_status.html", form=form, check=check)
    form.init_choices(locale, _currencies(locale))
    form.email.errors = []
    return _page(form, check=check)


@bp.get("/welcome/<status>")
def next_steps(status: str):
    """What happens next when the account exists but cannot be used yet."""
    if status not in NEXT_STEPS:
        return redirect(url_for("register.index"), 303)
    return render_template("accounts/register/next_steps.html", status=status)


@bp.route("/address", methods=["GET", "POST"])
def address():
    """The address Kore asks for before the first sign-in (extra_player_info)."""
    step = pending.load("address")
    if step is None:
        flash(_("That step is no longer open. Sign in to continue."), "info")
        return redirect(url_for("auth.login"), 303)
    form = AddressForm()
    form.init_countries(kore_locale())
    status = 200
    if form.validate_on_submit():
        link = step.link("amend_user", "extra_player_info")
        try:
            result = upstream().client.amend_user(
                token=step.token, link=link, player_info=PlayerInfo(address=form.address()),
                return_url=return_url(), client_ip=client_ip(),
            )
        except KoreError as error:
            if isinstance(error, KoreAuthError):  # the step's own token: the step is over
                log.info("amend user refused: error=%s", error.raw_code)
                return outcomes.step_expired()
            if error.unavailable:
                log.warning("amend user: no answer: %s", error.description)
                form.form_errors.append(_("The casino did not answer, so we cannot tell whether your address "
                                          "was saved. Please try again."))
                status = 503
            else:
                log.info("amend user refused: error=%s properties=%s", error.raw_code, ",".join(error.properties))
                map_kore_error(form, error)
                status = error.status or 400
        else:
            return outcomes.finish_step(
                step, result.auth, welcome=_("Thank you, your address is saved. Welcome!"), without_tokens=_("Thank you, your address is saved. Sign in to continue.")
            )
    elif request.method == "POST":
        status = 400
    return render_template("accounts/register/address.html", form=form, state_codes=_state_codes()), status
