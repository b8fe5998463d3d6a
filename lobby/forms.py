"""Forms: what the documentation constrains is checked here, before Kore is called."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length

PLAY_MODES = [SelectChoice("Real", _l("Real money")), SelectChoice("Practice", _l("Practice"))]


class LoginForm(FlaskForm):
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


class PlayModeForm(FlaskForm):
    """Switch between Real money and Practice (the header's switch)."""

    play_mode = RadioField(_l("Play for"), choices=PLAY_MODES, validators=[InputRequired()])
