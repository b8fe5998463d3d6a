"""Jinja filters and globals: money in the brand's currencies and the player's locale."""

from __future__ import annotations

import re
from decimal import Decimal

from flask import Flask, current_app, g
from flask_babel import lazy_gettext as _l

from lobby.core.i18n import kore_locale
from lobby.core.providers import provider_name
from lobby.core.session import current_player
from lobby.core.upstream import upstream
from lobby.kore import KoreError, Money, format_money

#: Kore's internal currencies, named in the reader's language (lobby.kore.money has the English).
INTERNAL_CURRENCY_WORDS = {"XXX": _l("credits"), "XTC": _l("tournament credits")}


def money(value) -> str:
    """A Money or DecimalMoney as the player reads it (display algorithm of the docs)."""
    if value is None:
        return ""
    locale = kore_locale()
    if value.currency in INTERNAL_CURRENCY_WORDS:
        # Credits are words, not symbols: in the reader's language.
        words = {code: str(word) for code, word in INTERNAL_CURRENCY_WORDS.items()}
        return format_money(value, None, locale, words=words)
    return format_money(value, _currencies(locale).get(value.currency), locale)


def _currencies(locale: str) -> dict:
    """The brand's currencies, looked up once a page (a tournament page shows dozens of
    amounts); {} when Kore cannot say: the formatting then falls back to what the
    documentation says of each code."""
    kept = g.get("lobby_currencies")
    if kept is None or kept[0] != locale:
        try:
            table = upstream().currencies(locale)
        except KoreError:
            table = {}
        kept = (locale, table)
        g.lobby_currencies = kept
    return kept[1]


#: An amount written into a text the way Kore's examples write it: ``1,250.00 USD``.
_AMOUNT_IN_TEXT = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{1,8}) ([A-Z]{3,5})\b")


def amounts_in_text(text: str | None) -> str:
    """Kore's texts (tournament news) with their amounts written for the reader's locale.

    ``Ana has won 8.00 USD`` reads ``Ana has won 8,00 $US`` on a French page. Only
    amounts in the plain ``1,250.00 USD`` form are rewritten; anything else is left alone.
    """
    if not text:
        return ""

    def rewrite(match: re.Match) -> str:
        whole, fraction, code = match.groups()
        amount = Decimal(whole.replace(",", "") + "." + fraction)
        return money(Money(code, int(amount.scaleb(len(fraction))), len(fraction)))

    return _AMOUNT_IN_TEXT.sub(rewrite, text)


#: The site's main sections, shown in the header once their pages exist.
NAV = (
    ("games.index", _l("Games")),
    ("tournaments.index", _l("Tournaments")),
    ("competitions.index", _l("Competitions")),
    ("betcore.index", _l("BETCORE")),
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
    app.jinja_env.filters["amounts_in_text"] = amounts_in_text
    app.jinja_env.filters["provider_name"] = provider_name

    @app.context_processor
    def signed_in_player():
        # Every page's header knows who is signed in; views may pass more (the balance).
        return {"player": current_player()}
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
