"""Which Kore locale a request is in, and Flask-Babel set up to match."""

from __future__ import annotations

from flask import Flask, current_app, g, request, session

from lobby.config import KORE_LOCALES
from lobby.extensions import babel


def kore_locale() -> str:
    """The request's Kore locale (e.g. ``fr-FR``): the player's, the chosen one, or the browser's."""
    if "kore_locale" in g:
        return g.kore_locale
    from lobby.core.session import current_player

    player = current_player()
    locale = player.locale if player else session.get("locale")
    if locale not in KORE_LOCALES:
        locale = request.accept_languages.best_match(KORE_LOCALES) if request else None
    g.kore_locale = locale or current_app.config["LOBBY"].default_locale
    return g.kore_locale


def babel_locale() -> str:
    return kore_locale().replace("-", "_")


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=babel_locale)
    app.jinja_env.globals["kore_locale"] = kore_locale
