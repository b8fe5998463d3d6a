"""The three steps of registration (account → about you → address), one form each.

Each step checks only its own fields; the registration is sent to Kore from the last
step, with what the earlier ones kept (lobby/accounts/draft.py).
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from lobby.forms.accounts import (
    FUND_SOURCE_LABELS,
    ID_TYPES,
    PLAY_MODES,
    TITLE_LABELS,
    TITLES,
    AddressFields,
    CaptchaMixin,
    birth_date_field,
    email_field,
    new_password,
    text_field,
    choices,
)
from lobby.forms.base import Form
from lobby.forms.fields import strip
from lobby.forms.referrals import referral_code_field
from lobby.forms.validators import (
    FUND_SOURCES,
    SA_ID_MESSAGES,
    Nickname,
    Phone,
    countries,
    currency_label,
    passport_ok,
    sa_id_problem,
)

#: The steps in order: (endpoint, the player's name of the step).
STEPS = (
    ("register.index", _l("Your account")),
    ("register.about", _l("About you")),
    ("register.home", _l("Your address")),
)


class AccountStepForm(Form):
    """Step 1: how the player signs in, and what they play with."""

    email = email_field()
    password = new_password()
    currency = SelectField(_l("Currency"), validators=[InputRequired(_l("Choose a currency."))])
    play_mode = RadioField(_l("Play for"), choices=PLAY_MODES, default="Real")
    fast_track_registration_code = HiddenField(validators=[Optional(), Length(max=128)])
    page_id = HiddenField()
    bonus_codes = HiddenField()
    device_id = HiddenField(validators=[Optional(), Length(max=20)])
    #: A friend's referral code (the /r/<code> link): claimed once the account is ready.
    referral_code = referral_code_field()

    def init_choices(self, currencies: list[str], locale: str) -> None:
        self.currency.choices = choices([("", _l("Choose…"))] + [(c, currency_label(c, locale)) for c in currencies])

    def keep_password(self) -> None:
        """The password was typed on an earlier visit (kept on the server side): it may stay empty."""
        self.password.validators = [Optional()] + [v for v in self.password.validators
                                                   if not isinstance(v, InputRequired)]
        self.password.flags.required = False


class AboutStepForm(Form):
    """Step 2: the player's name, nickname, birth date and phones."""

    title = SelectField(_l("Title (optional)"), choices=choices((t, TITLE_LABELS[t]) for t in TITLES),
                        validators=[Optional()])
    firstname = text_field(_l("First name"), required=True, message=_l("Enter your first name."),
                      autocomplete="given-name")
    lastname = text_field(_l("Last name"), required=True, message=_l("Enter your last name."),
                     autocomplete="family-name")
    nickname = StringField(_l("Nickname (optional)"), validators=[Optional(), Nickname()],
                           filters=[strip],
                           render_kw={"maxlength": 16, "autocomplete": "nickname"})
    birth_date = birth_date_field()
    mobile_phone = StringField(_l("Mobile phone"), validators=[Optional(), Length(max=50), Phone()],
                               render_kw={"autocomplete": "tel", "inputmode": "tel"})
    home_phone = StringField(_l("Home phone (optional)"), validators=[Optional(), Length(max=50), Phone()],
                             render_kw={"autocomplete": "tel", "inputmode": "tel"})


class AddressStepForm(CaptchaMixin, AddressFields, Form):
    """Step 3: where the player lives, an identity document, the source of funds; then Kore."""

    id_type = SelectField(_l("Identity document (optional)"), choices=choices(ID_TYPES), validators=[Optional()])
    id_number = StringField(_l("Document number"), filters=[lambda v: v.strip().upper() if isinstance(v, str) else v],
                            render_kw={"maxlength": 13, "autocomplete": "off"})
    id_country = SelectField(_l("Country that issued the passport"), validators=[Optional()])
    fund_source = SelectField(
        _l("Source of funds (optional)"),
        choices=choices([("", "—")] + [(k, FUND_SOURCE_LABELS[k]) for k in FUND_SOURCES]),
        validators=[Optional()],
    )
    #: The birth date of step 2: a South African ID number carries it.
    born: date | None = None

    def init_choices(self, locale: str) -> None:
        self.init_countries(locale)
        self.id_country.choices = choices([("", _l("Choose…"))] + countries(locale))

    def validate_id_number(self, field) -> None:
        kind = self.id_type.data
        number = field.data or ""
        if not kind:
            return
        if not number:
            raise ValidationError(_l("Enter the document number."))
        if kind == "Id":
            problem = sa_id_problem(number, self.born)
            if problem:
                raise ValidationError(SA_ID_MESSAGES[problem])
        elif not passport_ok(number):
            raise ValidationError(_l("A passport number has 6 to 13 capital letters and digits."))

    def validate_id_country(self, field) -> None:
        if self.id_type.data == "Passport" and not field.data:
            raise ValidationError(_l("Choose the country that issued the passport."))

    def identification(self):
        from lobby.kore import Identification

        if not self.id_type.data:
            return None
        country = "ZA" if self.id_type.data == "Id" else self.id_country.data
        return Identification(country=country, type=self.id_type.data, number=self.id_number.data)


def relax(form, names) -> None:
    """Make ``names`` optional (a fast track registration: Kore has them already)."""
    for name in names:
        field = getattr(form, name, None)
        if field is None:
            continue
        field.validators = [Optional()] + [v for v in field.validators if not isinstance(v, InputRequired)]
        field.flags.required = False
