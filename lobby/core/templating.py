"""Jinja filters and globals: money in the brand's currencies and the player's locale."""

from __future__ import annotations

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from lobby.core.i18n import kore_locale
from lobby.core.session import current_player
from lobby.core.upstream import upstream
from lobby.kore import KoreError, format_money


def money(value) -> str:
    """A Money or DecimalMoney as the player reads it (display algorithm of the docs)."""
    if value is None:
        return ""
    locale = kore_locale()
    try:
        currency = upstream().currencies(locale).get(value.currency)
    except KoreError:
        # The formatting falls back to what the documentation says of each code.
        currency = None
    return format_money(value, currency, locale)


#: The site's main sections, shown in the header once their pages exist.
NAV = (
    ("lobby.index", _l("Games")),
    ("tournaments.index", _l("Tournaments")),
    ("competitions.index", _l("Competitions")),
    ("account.index", _l("My account")),
)


def nav_items() -> list[tuple[str, str]]:
    """(endpoint, label) of the sections this lobby serves; the account only when signed in."""
    views = current_app.view_functions
    signed_in = current_player() is not None
    return [
        (endpoint, str(label))
        for endpoint, label in NAV
        if endpoint in views and (signed_in or endpoint != "account.index")
    ]


def init_templating(app: Flask) -> None:
    app.jinja_env.globals["nav_items"] = nav_items
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["money"] = money

    @app.context_processor
    def signed_in_player():
        # Every page's header knows who is signed in; views may pass more (the balance).
        return {"player": current_player()}
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
