"""Forms: what the documentation constrains is checked here, before Kore is called."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3; the stubs are 3.2
from wtforms.validators import DataRequired, Email, InputRequired, Length

from lobby.forms.base import Form
from lobby.forms.fields import strip, strip_or_none

PLAY_MODES = [SelectChoice("Real", _l("Real money")), SelectChoice("Practice", _l("Practice"))]


class LoginForm(Form):
    email = EmailField(
        _l("Email"),
        validators=[
            InputRequired(_l("Enter the email you registered with.")),
            # RFC 5322 addresses of at most 254 characters (the registration limit).
            Length(max=254, message=_l("An email address has at most 254 characters.")),
            Email(message=_l("That does not look like an email address."), check_deliverability=False),
        ],
        render_kw={"autocomplete": "username", "inputmode": "email", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    play_mode = RadioField(_l("Play for"), choices=PLAY_MODES, default="Real")
    next = HiddenField()
    #: reCAPTCHA's answer when Kore requires one (lobby/captcha.py).
    captcha = StringField(_l("Robot check"), render_kw={"autocomplete": "off", "spellcheck": "false"})


class PlayModeForm(Form):
    """Switch between Real money and Practice (the header's switch)."""

    play_mode = RadioField(_l("Play for"), choices=PLAY_MODES, validators=[InputRequired()])


# -- accounts: registration, steps of the sign-in outcomes, password reset ------------


from wtforms import DateField, SelectField  # noqa: E402
from wtforms.validators import EqualTo, Optional, Regexp, ValidationError  # noqa: E402

from lobby.forms.validators import (  # noqa: E402
    SA_ID_MESSAGES,
    Adult,
    Ascii,
    Phone,
    countries,
    sa_id_problem,
    state_field,
)

TITLES = ["", "Mr.", "Mrs.", "Ms.", "Mx.", "Dr."]
#: What the player reads for each title Kore takes.
TITLE_LABELS = {"": "—", "Mr.": _l("Mr."), "Mrs.": _l("Mrs."), "Ms.": _l("Ms."), "Mx.": _l("Mx."), "Dr.": _l("Dr.")}
ID_TYPES = [("", _l("None")), ("Id", _l("South African ID")), ("Passport", _l("Passport"))]


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]
FUND_SOURCE_LABELS = {
    "Salary": _l("Salary"),
    "SelfEmployed": _l("Self-employed income"),
    "Inheritance": _l("Inheritance"),
    "Savings": _l("Savings"),
    "InvestmentIncome": _l("Investment income"),
    "Pension": _l("Pension"),
}


def email_field(label=_l("Email")):
    return EmailField(
        label,
        validators=[
            InputRequired(_l("Enter your email address.")),
            Length(max=254, message=_l("An email address has at most 254 characters.")),
            Ascii(),
            Email(message=_l("That does not look like an email address."), check_deliverability=False),
        ],
        render_kw={"autocomplete": "email", "inputmode": "email", "autocapitalize": "none", "spellcheck": "false"},
    )


def new_password(label=_l("Password")):
    return PasswordField(
        label,
        validators=[
            InputRequired(_l("Choose a password.")),
            Length(min=8, max=20, message=_l("Use 8 to 20 characters.")),
        ],
        render_kw={"autocomplete": "new-password", "minlength": 8, "maxlength": 20},
    )


def text_field(label, max_len=50, required=False, message=None, **render):
    validators = [DataRequired(message or _l("This is required."))] if required else [Optional()]
    validators.append(Length(max=max_len, message=_l("At most %(n)s characters.", n=max_len)))
    return StringField(label, validators=validators, filters=[strip],
                       render_kw={"maxlength": max_len, **render})


def birth_date_field(label=_l("Date of birth")):
    return DateField(label, validators=[InputRequired(_l("Enter your date of birth.")), Adult()],
                     render_kw={"autocomplete": "bday"})


class CaptchaMixin:
    #: reCAPTCHA's answer (filled by Google's widget), or the sandbox's test token.
    captcha = StringField(_l("Robot check"), render_kw={"autocomplete": "off", "spellcheck": "false"})


class AddressFields:
    first_line = text_field(_l("Address"), autocomplete="address-line1")
    second_line = text_field(_l("Address line 2 (optional)"), autocomplete="address-line2")
    city = text_field(_l("Town or city"), autocomplete="address-level2")
    zip_code = text_field(_l("Postcode / ZIP"), autocomplete="postal-code")
    country = SelectField(_l("Country"), validators=[InputRequired(_l("Choose your country."))],
                          render_kw={"autocomplete": "country"})
    state = text_field(_l("State, province or region"), autocomplete="address-level1", list="state-codes")

    def init_countries(self, locale: str) -> None:
        self.country.choices = choices([("", _l("Choose…"))] + countries(locale))

    def validate_state(self, field) -> None:
        country = (self.country.data or "").upper()
        if state_field(country, field.data or "") is None:
            if len(field.data or "") > 50:
                raise ValidationError(_l("At most 50 characters."))
            raise ValidationError(
                _l("Use the state or province code for this country, like CA, ON, NSW or GP.")
            )

    def address(self):
        from lobby.kore import Address

        country = self.country.data
        kind, value = state_field(country, self.state.data or "") or ("state_text", "")
        return Address(
            country_code=country,
            first_line=self.first_line.data or None,
            second_line=self.second_line.data or None,
            city=self.city.data or None,
            zip_code=self.zip_code.data or None,
            state_code=value if kind == "state_code" and value else None,
            state_text=value if kind == "state_text" and value else None,
        )


class AddressForm(AddressFields, Form):
    """The address Kore asks for (extra_player_info)."""


class ActivationForm(Form):
    password = PasswordField(_l("Password of your existing account"), render_kw={"autocomplete": "current-password"})


class MigrationForm(Form):
    id_number = StringField(
        _l("South African ID number"),
        validators=[DataRequired(_l("Enter your ID number."))],
        filters=[strip],
        render_kw={"inputmode": "numeric", "maxlength": 13, "autocomplete": "off"},
    )
    password = new_password(_l("New password"))
    confirm = PasswordField(_l("New password again"),
                            validators=[EqualTo("password", _l("The two passwords are not the same."))],
                            render_kw={"autocomplete": "new-password"})

    def validate_id_number(self, field) -> None:
        problem = sa_id_problem(field.data or "")
        if problem:
            raise ValidationError(SA_ID_MESSAGES[problem])


class NewPasswordForm(Form):
    password = new_password(_l("New password"))
    confirm = PasswordField(_l("New password again"),
                            validators=[EqualTo("password", _l("The two passwords are not the same."))],
                            render_kw={"autocomplete": "new-password"})


class SmsCodeForm(Form):
    code = StringField(
        _l("6-digit code"),
        validators=[DataRequired(_l("Enter the code from the text message.")),
                    Regexp(r"^\d{6}$", message=_l("The code has 6 digits."))],
        filters=[lambda v: v.replace(" ", "") if isinstance(v, str) else v],
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 7},
    )


class ConfirmForm(Form):
    """A button that changes something: only the CSRF token."""


class ResetRequestForm(CaptchaMixin, Form):
    email = EmailField(_l("Email"), validators=[Optional(), Length(max=254), Ascii(),
                                                Email(message=_l("That does not look like an email address."),
                                                      check_deliverability=False)],
                       render_kw={"autocomplete": "email", "inputmode": "email", "autocapitalize": "none"})
    mobile_phone = StringField(_l("or mobile phone"), validators=[Optional(), Length(max=50), Phone()],
                               render_kw={"autocomplete": "tel", "inputmode": "tel"})
    birth_date = DateField(_l("Date of birth"), validators=[InputRequired(_l("Enter your date of birth."))],
                           render_kw={"autocomplete": "bday"})
    play_mode = RadioField(_l("Then play for"), choices=PLAY_MODES, default="Real")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Optional() stops the field validators of an empty field, so this is form-level.
        if bool(self.email.data) == bool(self.mobile_phone.data) and not self.mobile_phone.errors:
            self.mobile_phone.errors = list(self.mobile_phone.errors) + [
                str(_l("Enter your email or your mobile phone (one of the two)."))]
            valid = False
        return valid

    def validate_captcha(self, field) -> None:
        if not (field.data or "").strip():
            raise ValidationError(_l("Please complete the robot check."))


class ResetCodeForm(Form):
    code = StringField(_l("Code"), validators=[DataRequired(_l("Enter the code we sent you."))],
                       filters=[strip],
                       render_kw={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 64})


class LanguageForm(Form):
    """The language picker of every page's header (lobby/languages.py)."""

    locale = SelectField(_l("Language"), validators=[InputRequired(_l("Choose a language."))])
    next = HiddenField()


class AccountSwitchForm(Form):
    # Blank (or only spaces) means "no change", never an unknown play mode.
    play_mode = RadioField(_l("Play for"), choices=PLAY_MODES, validators=[Optional()], filters=[strip_or_none])
    locale = SelectField(_l("Language"), validators=[Optional()])
