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
