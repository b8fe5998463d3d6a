"""Registration of new players in three steps (account → about you → address), each a
page of its own that works without JavaScript; the email availability check; and the
address Kore may ask for afterwards (extra_player_info → amend user).

What was typed is kept between the steps (lobby/accounts/draft.py); the registration is
sent from the last step (lobby/accounts/signup.py)."""

from __future__ import annotations

import logging
import re
from datetime import date

from babel.numbers import get_territory_currencies
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from lobby.accounts import captcha, draft, nicknames, outcomes, pending, signup, tracking
from lobby.core.faults import fault_on_form
from lobby.core.guards import optional
from lobby.core.i18n import kore_locale
from lobby.core.upstream import kore, upstream
from lobby.forms import place_refusal
from lobby.forms.accounts import AddressForm
from lobby.forms.referrals import referral_code_or_empty
from lobby.forms.registration import STEPS, AboutStepForm, AccountStepForm, AddressStepForm, relax
from lobby.forms.validators import COUNTRY_CODES, STATE_CODES
from lobby.kore import KoreAuthError, KoreError, KoreRateLimited, PlayerInfo

bp = Blueprint("register", __name__, url_prefix="/register")
log = logging.getLogger(__name__)

#: The fields of steps 2 and 3 that a fast track registration may leave out.
FAST_TRACK_ABOUT = ("firstname", "lastname", "birth_date")
FAST_TRACK_HOME = ("country",)
#: Kore's outcomes of the email check that are kept in the draft (the quick registration).
NEXT_STEPS = signup.NEXT_STEPS


def _currencies(locale: str) -> list[str]:
    return sorted(optional(lambda: upstream().currencies(locale), {}, what="currencies"))


def _territory(locale: str) -> str:
    """The country of the page's language (``de-DE`` → ``DE``), or ""."""
    parts = re.split(r"[-_]", locale)
    return parts[-1].upper() if len(parts) > 1 else ""


def preferred_currency(locale: str, currencies: list[str]) -> str:
    """The currency of the language's country when the brand offers it (de-DE → EUR, en-ZA → ZAR)."""
    territory = _territory(locale)
    if not territory:
        return ""
    for code in get_territory_currencies(territory, tender=True):
        if code in currencies:
            return code
    return ""


def _state_codes() -> list[str]:
    return sorted({code for codes in STATE_CODES.values() for code in codes})


def _welcome_from(args) -> tuple[str, str]:
    """page_id and bonus codes of a welcome page the player came from (landing URL)."""
    page_id = args.get("page_id", "")
    codes = [c for c in (args.getlist("bonus_code") or args.get("bonus_codes", "").split(",")) if c.strip()]
    if not re.fullmatch(r"[1-9]\d{0,9}", page_id) or not 1 <= len(codes) <= 2:
        return "", ""
    codes = [c.strip()[:64] for c in codes]
    return page_id, ",".join(codes)


def _fast_track(values: dict) -> bool:
    return bool(values.get("fast_track_registration_code"))


def _account_form(values: dict, locale: str, currencies: list[str], formdata=None) -> AccountStepForm:
    form = AccountStepForm(formdata=MultiDict(values) if formdata is None else formdata)
    form.init_choices(currencies, locale)
    if values.get("password"):
        form.keep_password()
    return form


def _about_form(values: dict, formdata=None) -> AboutStepForm:
    form = AboutStepForm(formdata=MultiDict(values) if formdata is None else formdata)
    if _fast_track(values):
        relax(form, FAST_TRACK_ABOUT)
    return form


def _home_form(values: dict, locale: str, formdata=None) -> AddressStepForm:
    form = AddressStepForm(formdata=MultiDict(values) if formdata is None else formdata)
    form.init_choices(locale)
    try:
        form.born = date.fromisoformat(values.get("birth_date", ""))
    except ValueError:
        form.born = None
    if _fast_track(values):
        relax(form, FAST_TRACK_HOME)
    return form


def _page(step: int, form, *, status: int = 200, check=None, widget=None, unknown: bool = False,
          suggestion: str | None = None):
    """A step's page: its form, the steps' progress, and what the step needs to show."""
    values = draft.load()["values"]
    if step == 3 and widget is None:
        check_status = captcha.status()
        widget = captcha.widget(check_status.site_key) if check_status.required else None
    if hasattr(form, "captcha"):
        form.captcha.data = ""
    template = ("accounts/register/index.html", "accounts/register/about.html", "accounts/register/home.html")[step - 1]
    return render_template(
        template, form=form, steps=STEPS, step=step, check=check, captcha_widget=widget, outcome_unknown=unknown,
        password_kept=bool(values.get("password")), fast_track=_fast_track(values),
        suggestion=suggestion, state_codes=_state_codes(),
    ), status


def _next_after(step: int, done: list[int]):
    """The next step the player has not passed yet; the last one when they all are."""
    later = [n for n in range(step + 1, len(STEPS) + 1) if n not in done]
    endpoint = STEPS[(later[0] if later else len(STEPS)) - 1][0]
    return redirect(url_for(endpoint), 303)


def _first_missing(upto: int, done: list[int]):
    """A redirect to the first step before ``upto`` that is not passed yet, or None."""
    for number in range(1, upto):
        if number not in done:
            return redirect(url_for(STEPS[number - 1][0]), 303)
    return None


@bp.route("", methods=["GET", "POST"])
def index():
    """Step 1, your account: email (checked as it is typed), password, currency, play mode."""
    locale = kore_locale()
    currencies = _currencies(locale)
    if request.method == "GET":
        landing = {}
        page_id, codes = _welcome_from(request.args)
        if page_id:
            landing.update(page_id=page_id, bonus_codes=codes)
        if request.args.get("ref"):
            landing["referral_code"] = referral_code_or_empty(request.args.get("ref"))
        if request.args.get("email"):
            landing["email"] = request.args.get("email", "")[:254]
        if landing:
            draft.put(**landing)
        values = draft.load()["values"]
        form = _account_form(values, locale, currencies)
        if not form.currency.data:
            form.currency.data = preferred_currency(locale, currencies)
        return _page(1, form)
    values = draft.load()["values"]
    form = _account_form(values, locale, currencies, formdata=request.form)
    if form.fast_track_registration_code.data:
        relax(form, ("currency",))
    if not form.validate_on_submit():
        return _page(1, form, status=400)
    kept = draft.keep(form, 1, passed=True)
    return _next_after(1, kept["done"])


@bp.route("/about", methods=["GET", "POST"])
def about():
    """Step 2, about you: name, nickname (its rules said up front), date of birth, phones."""
    state = draft.load()
    missing = _first_missing(2, state["done"])
    if missing is not None:
        return missing
    values = state["values"]
    if request.method == "GET":
        return _page(2, _about_form(values))
    formdata = request.form
    chosen = request.form.get("use_nickname", "")
    if chosen:  # the suggestion's button: the suggested nickname, the rest as typed
        formdata = request.form.copy()
        formdata["nickname"] = chosen[:nicknames.MAX_LENGTH]
    form = _about_form(values, formdata=formdata)
    if "back" in request.form:
        form.validate()  # only for the filters; nothing is refused on the way back
        draft.keep(form, 2, passed=False)
        return redirect(url_for("register.index"), 303)
    if not form.validate_on_submit():
        suggestion = nicknames.suggest(form.nickname.data or "") if form.nickname.errors else None
        return _page(2, form, status=400, suggestion=suggestion)
    kept = draft.keep(form, 2, passed=True)
    return _next_after(2, kept["done"])


@bp.route("/home-address", methods=["GET", "POST"])
def home():
    """Step 3, your address (and identity, source of funds): then the account is created."""
    state = draft.load()
    missing = _first_missing(3, state["done"])
    if missing is not None:
        return missing
    locale = kore_locale()
    values = state["values"]
    if request.method == "GET":
        form = _home_form(values, locale)
        if not form.country.data and _territory(locale) in COUNTRY_CODES:
            form.country.data = _territory(locale)
        return _page(3, form)
    form = _home_form(values, locale, formdata=request.form)
    if "back" in request.form:
        form.validate()
        draft.keep(form, 3, passed=False)
        return redirect(url_for("register.about"), 303)
    if not form.validate_on_submit():
        return _page(3, form, status=400)
    values = draft.keep(form, 3, passed=True)["values"]
    return _send(locale, values, form)


def _kept_valid(form) -> bool:
    """An earlier step's kept values still pass its checks. Its form was not posted now
    (the CSRF token was checked on this step's form), so its own token is not asked for."""
    form.validate()
    form.csrf_token.errors = []
    return not any(f.errors for f in form) and not form.form_errors


def _send(locale: str, values: dict, home_form: AddressStepForm):
    """Check the kept steps once more, then send the registration to Kore."""
    currencies = _currencies(locale)
    account = _account_form(values, locale, currencies)
    if _fast_track(values):
        relax(account, ("currency",))
    about_form = _about_form(values)
    for step, form in ((1, account), (2, about_form)):
        if not _kept_valid(form):
            return _page(step, form, status=400)
    account.password.data = values.get("password", "")
    if not account.password.data:
        account.password.errors = [_("Choose a password.")]
        return _page(1, account, status=400)
    answer = signup.send(locale, account, about_form, home_form)
    if not isinstance(answer, signup.Refusal):
        return answer
    form = (account, about_form, home_form)[answer.step - 1]
    suggestion = None
    if answer.nickname_taken:
        suggestion = nicknames.suggest(about_form.nickname.data or "", taken=True)
    widget = captcha.widget(captcha.status().site_key) if answer.captcha else None
    return _page(answer.step, form, status=answer.status, widget=widget, unknown=answer.unknown,
                 suggestion=suggestion)


@bp.post("/email")
def email_check():
    """Is the email free? An htmx request gets the status fragment, others the page."""
    locale = kore_locale()
    form = AccountStepForm()
    check: dict = {}
    if not form.email.validate(form):
        check = {"status": "invalid"}
    else:
        email = form.email.data.strip()
        bound = kore()
        try:
            result = tracking.as_visitor(locale, lambda token: bound.email_check(
                email=email, mode="fast_track_registration", token=token))
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
    form.init_choices(_currencies(locale), locale)
    if draft.load()["values"].get("password"):
        form.keep_password()
    form.email.errors = []
    return _page(1, form, check=check)


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
            result = kore().amend_user(link, PlayerInfo(address=form.address()), token=step.token)
        except KoreError as error:
            if isinstance(error, KoreAuthError):  # the step's own token: the step is over
                log.info("amend user refused: error=%s", error.raw_code)
                return outcomes.step_expired()
            if fault_on_form(form, "address", error):  # the fault table: not sent, or maybe saved
                status = 503
            else:
                log.info("amend user refused: error=%s properties=%s", error.raw_code, ",".join(error.properties))
                place_refusal(form, error, signup.FIELD_BY_PROPERTY, signup.FIELD_BY_CODE)
                status = error.status or 400
        else:
            return outcomes.finish_step(
                step, result.auth, welcome=_("Thank you, your address is saved. Welcome!"),
                without_tokens=_("Thank you, your address is saved. Sign in to continue.")
            )
    elif request.method == "POST":
        status = 400
    return render_template("accounts/register/address.html", form=form, state_codes=_state_codes()), status
