"""The one bonus claim's form: a code the player types (with an invite code, for
bonuses by invitation), or one of the Offers page's buttons (a code or a campaign)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField
from wtforms.validators import AnyOf, Length, Optional, Regexp

from lobby.forms.base import Form
from lobby.forms.fields import strip, strip_or_none

#: The pages a claim is sent from, and answered on (a name, never a URL: no open redirect).
PAGES = ("offers", "account")


class ClaimForm(Form):
    """Exactly one of a bonus code (5 to 30 printable characters, the doc's limits) or a
    campaign id; an invite code (exactly 6) goes with a bonus code (alone it is ignored)."""

    bonus_code = StringField(
        _l("Bonus code"),
        filters=[strip],
        validators=[
            Optional(), Length(min=5, max=30, message=_l("A bonus code has 5 to 30 characters.")),
            Regexp(r"^[\x21-\x7e]+$", message=_l("That bonus code is not valid. Check it and try again.")),
        ],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "maxlength": 30},
    )
    invite_code = StringField(
        _l("Invite code (if you have one)"),
        filters=[strip_or_none],
        validators=[Optional(), Length(min=6, max=6, message=_l("An invite code has exactly 6 characters."))],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "maxlength": 6},
    )
    campaign_id = HiddenField(filters=[strip], validators=[
        Optional(), Regexp(r"^[1-9]\d{0,9}$", message=_l("That offer is not valid.")),
    ])
    #: Where the answer is shown: the Offers page (its buttons) or the account page (its form).
    page = HiddenField(filters=[strip_or_none], validators=[Optional(), AnyOf(PAGES)])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not self.bonus_code.data and not self.campaign_id.data:
            self.bonus_code.errors = [str(_l("Enter your bonus code."))]
            return False
        if self.bonus_code.data and self.campaign_id.data:
            self.form_errors.append(str(_l("Choose one offer to claim.")))
            return False
        return True

    @property
    def first_error(self) -> str:
        """What is wrong, in one sentence (a claim answers with one notice)."""
        errors = [*self.form_errors, *(error for field in self for error in field.errors)]
        return str(errors[0]) if errors else str(_l("Choose one offer to claim."))

    @property
    def answered_on(self) -> str:
        """The page the claim came from, which shows its answer."""
        return self.page.data if self.page.data in PAGES else "offers"
