"""Bonus and offer codes as a player reads them: ``75free`` → "75 free spins".

Kore's codes are the operator's internal identifiers. The usual shapes are named in the
reader's language; any other code is shown as it is written (it is what the operator's
emails and banners print, so a player recognises it).
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import ngettext

from lobby.kore import Money

_FREE_SPINS = re.compile(r"(\d{1,4})[\s_-]*free(?:[\s_-]*spins?)?", re.IGNORECASE)
_CASHBACK = re.compile(r"(\d{1,3})[\s_-]*(?:%|pc|percent)?[\s_-]*cash[\s_-]*back", re.IGNORECASE)
_WELCOME = re.compile(r"welcome[\s_-]*(\d{1,6})", re.IGNORECASE)
_DEPOSIT = re.compile(r"deposit[\s_-]*(\d{1,6})", re.IGNORECASE)
_CAMPAIGN = re.compile(r"campaign[\s_-]*(\d{1,10})", re.IGNORECASE)


def _amount(number: str, currency: str | None) -> str:
    if not currency:
        return number
    from lobby.core.templating import money

    return money(Money(currency, int(number), 0))


def offer_name(code: str | None, currency: str | None = None) -> str:
    """The name of a bonus or offer code in the reader's language.

    ``currency`` (the player's) writes amounts in codes like ``WELCOME10`` as money.
    """
    code = (code or "").strip()
    if match := _FREE_SPINS.fullmatch(code):
        count = int(match.group(1))
        return ngettext("%(num)d free spin", "%(num)d free spins", count)
    if match := _CASHBACK.fullmatch(code):
        return _("%(percent)s%% cashback", percent=int(match.group(1)))
    if match := _WELCOME.fullmatch(code):
        return _("Welcome bonus of %(amount)s", amount=_amount(match.group(1), currency))
    if match := _DEPOSIT.fullmatch(code):
        return _("Deposit bonus of %(amount)s", amount=_amount(match.group(1), currency))
    if match := _CAMPAIGN.fullmatch(code):
        return _("Campaign offer %(number)s", number=match.group(1))
    return code


def offer_details(code: str | None, currency: str | None = None) -> tuple[str, list[str]]:
    """(name, what the player gets) of a bonus code, in the reader's language.

    The operator's own words first (OFFER_DETAILS: Kore gives only the code), then what
    the code's usual shape says; the wagering and last day when the operator gives them.
    """
    from flask import current_app
    from flask_babel import format_date

    from lobby.core.i18n import kore_locale
    from lobby.offer_details import in_language

    code = (code or "").strip()
    details = current_app.config["LOBBY"].offer_details.get(code.upper())
    locale = kore_locale()
    name = (in_language(details.name, locale) if details else "") or offer_name(code, currency)
    lines = [in_language(details.text, locale)] if details and details.text else []
    if not lines and not (details and details.name):  # the operator's name says it already
        lines = _what_the_shape_says(code, currency)
    if details and details.wagering:
        lines.append(ngettext("Play it through %(num)d time before you can withdraw it.",
                              "Play it through %(num)d times before you can withdraw it.", details.wagering))
    if details and details.expires:
        lines.append(_("Claim it by %(date)s.", date=format_date(details.expires, "long")))
    return name, [line for line in lines if line]


def _what_the_shape_says(code: str, currency: str | None) -> list[str]:
    if _FREE_SPINS.fullmatch(code):
        return [_("Free spins on the games of the offer, credited when you claim it.")]
    if _CASHBACK.fullmatch(code):
        return [_("Part of what you lose comes back to you as bonus money.")]
    if match := _WELCOME.fullmatch(code):
        return [_("%(amount)s in your bonus balance as soon as you claim it.", amount=_amount(match.group(1), currency))]
    if match := _DEPOSIT.fullmatch(code):
        return [_("%(amount)s in your bonus balance with your next deposit.", amount=_amount(match.group(1), currency))]
    return [_("A bonus from the casino for you: claim it and it goes to your bonus balance.")]
