"""Forms, one module per area: what the documentation constrains is checked here, before Kore is called."""

from __future__ import annotations

from typing import Mapping

from flask_babel import gettext as _

from lobby.core.messages import player_message
from lobby.kore import ErrorCode, KoreError


def place_refusal(
    form,
    error: KoreError,
    by_property: Mapping[str, str],
    by_code: Mapping[ErrorCode, str] | None = None,
    prefix: str = "",
) -> None:
    """Put Kore's refusal on the fields it concerns, the rest on the form.

    ``invalid_request`` names the offending request properties (``player_info.email``):
    ``by_property`` maps them (with ``prefix`` tried first) to field names. Codes that
    concern one field (``nickname_profanity``) go to ``by_code``'s field.
    """
    if error.code is ErrorCode.INVALID_REQUEST and error.properties:
        unplaced = False
        for prop in error.properties:
            name = by_property.get(prefix + prop) or by_property.get(prop)
            field = getattr(form, name, None) if name else None
            if field is None:
                unplaced = True
            elif not field.errors:
                field.errors = list(field.errors) + [_("This was not accepted. Please check it.")]
        if unplaced:
            form.form_errors.append(player_message(error))
        return
    name = (by_code or {}).get(error.code) if error.code is not None else None
    field = getattr(form, name, None) if name else None
    if field is not None:
        field.errors = list(field.errors) + [player_message(error)]
    else:
        form.form_errors.append(player_message(error))
