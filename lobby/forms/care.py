"""Forms of player care: the reality check's interval, and its Continue."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in 3.3; the stubs are 3.2
from wtforms.validators import InputRequired

from lobby.forms.base import Form


class RealityCheckForm(Form):
    """How often the reality check comes (minutes of play; 0 is off)."""

    interval = SelectField(_l("Remind me of my play"), coerce=int, validators=[InputRequired()])
    next = HiddenField()

    def offer(self, intervals) -> "RealityCheckForm":
        """The choices, in the page's language (call in a request)."""
        self.interval.choices = [
            SelectChoice(minutes, ngettext("Every %(num)d minute", "Every %(num)d minutes", minutes)
                         if minutes else _("Off"))
            for minutes in intervals
        ]
        return self


class ContinueForm(Form):
    """Continue after a reality check; ``next`` is the page to go back to without scripts."""

    next = HiddenField()
