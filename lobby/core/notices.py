"""A confirmation (or a refusal) shown beside the control the player used, not at the top
of the page: the account page's settings say "Done" next to the setting.

Kept in the session until the page that shows it is rendered, like a flash message,
but by place: each form's partial takes the notice of its own place.
"""

from __future__ import annotations

from flask import session

_KEY = "notices"


def notice(place: str, message: str, kind: str = "success") -> None:
    """Say ``message`` beside the control at ``place`` on the next page (or fragment) shown."""
    notices = dict(session.get(_KEY) or {})
    notices[place] = [kind, str(message)]
    session[_KEY] = notices


def take(place: str) -> tuple[str, str] | None:
    """The notice of ``place``, once: (kind, message) or None."""
    notices = session.get(_KEY)
    if not isinstance(notices, dict) or place not in notices:
        return None
    notices = dict(notices)
    kind, message = notices.pop(place)
    if notices:
        session[_KEY] = notices
    else:
        session.pop(_KEY, None)
    return str(kind), str(message)


def init_notices(app) -> None:
    app.jinja_env.globals["take_notice"] = take
