"""Jackpots as tiles show them: a formatted value now, and what the page needs to animate it."""

from __future__ import annotations

from functools import lru_cache
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping

from lobby.kore import Currency, Money, ProgressiveGame, display_template, format_money


@dataclass(frozen=True)
class JackpotView:
    slug: str
    text: str
    currency: str
    #: The figure in whole units, to compare jackpots of one currency (the biggest one).
    value: float
    #: For the animation (static/js/jackpots.js): value = current + increment_value per
    #: increment_interval seconds since timestamp; shown as value / 10**scale.
    current: int
    increment_value: int
    increment_interval: int
    timestamp_ms: int
    #: How old the figure was when the page was made (server clock), so the browser
    #: animates from its own clock and never from Kore's: a player's device clock may
    #: be minutes off.
    age_ms: int
    scale: int
    decimals: int
    template: str


def _currency_for(game: ProgressiveGame, preferred: str | None, fallback: str) -> str | None:
    """The player's currency, or none: a ZAR player never sees dollars beside rand. A
    visitor sees the brand's currency, else the game's first."""
    if preferred:
        return preferred if preferred in game.currencies else None
    for code in (fallback,):
        if code and code in game.currencies:
            return code
    return game.currencies[0] if game.currencies else None


@lru_cache(maxsize=4096)
def _formatted(amount: Money, currency: Currency, locale: str) -> str:
    """A jackpot figure as the locale writes it: the same figures are on every page for
    30 seconds (Kore's cache), and Babel's formatting was a tenth of a lobby page."""
    return format_money(amount, currency, locale)


def jackpot_views(
    progressives: Mapping[str, ProgressiveGame],
    currencies: Mapping[str, Currency],
    locale: str,
    *,
    preferred_currency: str | None,
    fallback_currency: str,
) -> dict[str, JackpotView]:
    """The largest jackpot of each progressive game, in the player's currency; a game
    without a jackpot in that currency shows none."""
    views = {}
    now = datetime.now(timezone.utc)
    for slug, game in progressives.items():
        code = _currency_for(game, preferred_currency, fallback_currency)
        currency = currencies.get(code) if code else None
        if currency is None or not game.jackpots:
            continue
        top = max(game.jackpots, key=lambda jackpot: jackpot.current)
        views[slug] = JackpotView(
            slug=slug,
            text=_formatted(Money(currency.currency, top.current, currency.iso_exponent), currency, locale),
            currency=currency.currency,
            value=top.current / 10 ** currency.iso_exponent,
            current=top.current,
            increment_value=top.increment_value,
            increment_interval=max(1, top.increment_interval),
            timestamp_ms=int(top.timestamp.timestamp() * 1000) if top.timestamp else 0,
            age_ms=max(0, int((now - top.timestamp).total_seconds() * 1000)) if top.timestamp else 0,
            # The same reading of display_exponent as format_money (see lobby.kore.money).
            scale=currency.iso_exponent - currency.display_exponent,
            decimals=currency.display_decimals,
            template=display_template(currency, locale),
        )
    return views
