"""Forms of the tournaments and competitions pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, StringField
from wtforms.validators import (
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from lobby.forms.base import Form

#: The ways of joining a tournament (Kore's registration types), as the player reads them.
JOIN_TYPES = {
    "Cash": _l("Pay with cash"),
    "Bonus": _l("Use a bonus code"),
    "Loyalty": _l("Pay with loyalty points"),
}


class TournamentJoinForm(Form):
    """Join a tournament in one of the ways Kore offers for it (its registration options)."""

    type = RadioField(_l("How to join"), validators=[InputRequired(_l("Choose how to join."))])
    bonus_code = StringField(
        _l("Bonus code"),
        validators=[Length(max=100, message=_l("A bonus code has at most 100 characters."))],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )

    def __init__(self, options=(), **kwargs) -> None:
        super().__init__(**kwargs)
        self.type.choices = [(o, JOIN_TYPES[o]) for o in options if o in JOIN_TYPES]
        if len(self.type.choices) == 1 and not self.type.data:
            self.type.data = self.type.choices[0][0]

    def validate_bonus_code(self, field) -> None:
        if self.type.data == "Bonus" and not (field.data or "").strip():
            raise ValidationError(_l("Enter your bonus code."))


class TournamentConfirmForm(Form):
    """A confirmation step: only the CSRF token."""


class LeaderboardForm(Form):
    """How many rows of a competition leaderboard to show (the API allows 1 to 500)."""

    class Meta:
        csrf = False  # a GET form: it changes nothing

    limit = IntegerField(
        _l("Rows to show"),
        default=100,
        validators=[Optional(), NumberRange(min=1, max=500, message=_l("Choose between 1 and 500 rows."))],
    )
