"""Display of Kore money, following the documentation's display algorithm.

1. decimal = amount / 10**exponent
2. scaled to the display unit by display_exponent (milli- and micro- crypto variants)
3. render with display_decimals decimals and the locale's separators
4. put the brand's symbol where the locale puts a currency symbol (left or right, with
   or without a space).

Only Decimal arithmetic: a float cannot represent most amounts exactly.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from typing import Mapping

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberPattern, parse_pattern

from .models import Currency, DecimalMoney, Money

#: Kore's internal non-monetary currencies: the amount is followed by a word.
INTERNAL_CURRENCIES: dict[str, tuple[int, str]] = {
    "XXX": (2, "credits"),  # practice credits
    "XTC": (2, "tournament credits"),
}

#: Exponents from the documentation's currency tables, for when the brand's currency
#: list is not at hand.
KNOWN_EXPONENTS: dict[str, int] = {
    **{code: 2 for code in (
        "GBP", "EUR", "USD", "CAD", "SEK", "NOK", "DKK", "AUD", "CNY", "CZK", "CHF", "RUB",
        "UAH", "TRY", "NZD", "AMD", "PLN", "GEL", "MXN", "ZAR", "INR",
    )},
    "BTC": 8, "XBT": 8, "BCH": 8, "LTC": 8,
    **{code: exponent for code, (exponent, _) in INTERNAL_CURRENCIES.items()},
}

FALLBACK_LOCALE = "en_US"
_PLACEHOLDER = "\ue000"  # private use: never in a number Babel formats


def format_money(
    money: Money | DecimalMoney, currency: Currency | None, locale: str, *, words: Mapping[str, str] | None = None
) -> str:
    """``money`` as the player should read it, in a Kore locale such as ``fr-FR``.

    ``currency`` is the brand's Currency for ``money.currency`` (from
    ``KoreClient.currencies``). Without it, internal credits read ``819.00 credits`` and
    other currencies use their ISO code as the symbol.
    """
    if currency is not None and currency.currency != money.currency:
        raise ValueError(f"cannot format {money.currency} with the {currency.currency} display rules")
    amount = money.decimal
    if currency is not None:
        # The documentation writes "decimal / 10**display_exponent", but its own example
        # (123400e-8 XBT = 0.001234 BTC shown as "mɃ1.234") and the meaning of a "milli"
        # unit (display_exponent 3) need the opposite: 0.001234 BTC is 1.234 mBTC. The
        # example is what players see, so it wins; for fiat (exponent 0) both agree.
        scaled = amount.scaleb(currency.display_exponent)
        return _render(scaled, currency.symbol, currency.display_decimals, locale)

    code = money.currency
    if code in INTERNAL_CURRENCIES:
        exponent, word = INTERNAL_CURRENCIES[code]
        word = (words or {}).get(code, word)  # the reader's language, when the caller has it
        decimals = money.exponent if isinstance(money, Money) else exponent
        return f"{_render_number(amount, decimals, locale)} {word}"
    decimals = money.exponent if isinstance(money, Money) else KNOWN_EXPONENTS.get(code, 2)
    return _render(amount, code, decimals, locale, spaced=True)


def _render(amount: Decimal, symbol: str, decimals: int, locale: str, *, spaced: bool = False) -> str:
    # By the amount's text: equal Decimals may differ in sign (-0) or be written apart.
    return _rendered(str(amount), symbol, decimals, locale, spaced)


def _render_number(amount: Decimal, decimals: int, locale: str) -> str:
    return _rendered_number(str(amount), decimals, locale)


#: A page shows the same figures again and again (prize pools, places, jackpots): each is
#: formatted once per process, Babel's patterns being parsed anew for every call otherwise.
@lru_cache(maxsize=4096)
def _rendered(amount: str, symbol: str, decimals: int, locale: str, spaced: bool) -> str:
    babel_locale = _babel_locale(locale)
    pattern = _currency_pattern(babel_locale, spaced)
    return _apply(pattern, Decimal(amount), decimals, babel_locale).replace(_PLACEHOLDER, symbol)


@lru_cache(maxsize=1024)
def _rendered_number(amount_text: str, decimals: int, locale: str) -> str:
    amount = Decimal(amount_text)
    babel_locale = _babel_locale(locale)
    pattern = parse_pattern(babel_locale.decimal_formats[None].pattern.split(";")[0])
    return _apply(pattern, amount, decimals, babel_locale)


def _apply(pattern: NumberPattern, amount: Decimal, decimals: int, babel_locale: Locale) -> str:
    pattern.frac_prec = (decimals, decimals)
    # The documentation guarantees the amounts fit display_decimals; when one does not,
    # cut toward zero so that a balance is never shown larger than it is.
    quantized = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)
    return pattern.apply(quantized, babel_locale)


def _currency_pattern(babel_locale: Locale, spaced: bool) -> NumberPattern:
    # Only the positive sub-pattern: Babel derives the negative one ("-" in front).
    standard = babel_locale.currency_formats["standard"].pattern.split(";")[0]
    if spaced:
        # An ISO code is letters: like CLDR's currency spacing, keep it off the digits.
        standard = standard.replace("¤#", "¤\u00a0#").replace("0¤", "0\u00a0¤")
    # A placeholder goes in as a quoted literal where the locale puts "¤", and the
    # brand's symbol replaces it after formatting: Babel would otherwise substitute its
    # own symbol, and reads quotes or pattern characters inside a symbol as syntax.
    return parse_pattern(standard.replace("¤", f"'{_PLACEHOLDER}'"))


@lru_cache(maxsize=64)
def _babel_locale(locale: str) -> Locale:
    """Babel's Locale for a Kore locale code (``en-US`` → ``en_US``)."""
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError, AttributeError):
        # An unknown locale must not break a page: show the amount the US way.
        return Locale.parse(FALLBACK_LOCALE)


@lru_cache(maxsize=256)
def display_template(currency: Currency, locale: str) -> str:
    """How ``currency`` reads in ``locale`` with ``{n}`` where the number goes.

    For pages that update an amount live (animated jackpots): they format the number
    with the locale's separators and ``display_decimals`` and put it in the template.
    """
    zero = Decimal(0)
    whole = _render(zero, currency.symbol, currency.display_decimals, locale)
    number = _render_number(zero, currency.display_decimals, locale)
    return whole.replace(number, "{n}", 1) if number in whole else "{n} " + currency.symbol
