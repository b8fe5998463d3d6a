"""Forms of the lobby page."""

from __future__ import annotations

from wtforms import HiddenField
from wtforms.validators import AnyOf, InputRequired, Length

from lobby.forms.base import Form


class FavouriteForm(Form):
    """The heart on a tile: add the game to the player's favourites, or take it out."""

    action = HiddenField(validators=[InputRequired(), AnyOf(("add", "remove"))])
    #: The game's name, for the button's label in the answer (never stored).
    name = HiddenField(validators=[Length(max=200)])
    next = HiddenField()
