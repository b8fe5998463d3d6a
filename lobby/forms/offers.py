"""The Offers page's claim buttons: one bonus code, or one campaign."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField
from wtforms.validators import Length, Optional, Regexp

from lobby.forms.base import Form
from lobby.forms.fields import strip


class OfferClaimForm(Form):
    """Exactly one of a bonus code (5 to 30 characters, the doc's limits) or a campaign id."""

    bonus_code = HiddenField(filters=[strip], validators=[
        Optional(), Length(min=5, max=30, message=_l("A bonus code has 5 to 30 characters.")),
        Regexp(r"^[\x21-\x7e]+$", message=_l("That bonus code is not valid. Check it and try again.")),
    ])
    campaign_id = HiddenField(filters=[strip], validators=[
        Optional(), Regexp(r"^[1-9]\d{0,9}$", message=_l("That offer is not valid.")),
    ])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if bool(self.bonus_code.data) == bool(self.campaign_id.data):
            self.form_errors.append(str(_l("Choose one offer to claim.")))
            return False
        return True

