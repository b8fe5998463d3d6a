"""The base of every form: Flask-WTF's, with WTForms' own messages in the player's language."""

from __future__ import annotations

from flask_wtf import FlaskForm

from lobby.core.i18n import form_translations


class Form(FlaskForm):
    """A FlaskForm whose built-in messages (``Not a valid date value.``) are translated."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return form_translations
