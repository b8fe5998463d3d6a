"""The documentation's display algorithm across locales and currencies."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal

from lobby.kore.models import Currency, DecimalMoney, Money
from lobby.kore.money import format_money

XBT = Currency("XBT", "mɃ", 8, 3, 3)
BTC = Currency("BTC", "mɃ", 8, 3, 2)
INR = Currency("INR", "₹", 2, 0, 0)
EUR = Currency("EUR", "€", 2, 0, 2)
USD = Currency("USD", "$", 2, 0, 2)

NBSP = "\u00a0"  # what Babel's CLDR data puts between number and symbol in fr/de
NNBSP = "\u202f"  # Babel's French thousands separator


@pytest.mark.parametrize(
    "money, currency, locale, expected",
    [
        # the documentation's examples
        (Money("XBT", 123400, 8), XBT, "en-US", "mɃ1.234"),
        (Money("XBT", 123400, 8), XBT, "fr-FR", f"1,234{NBSP}mɃ"),
        (Money("INR", 4200, 2), INR, "en-US", "₹42"),
        (Money("XXX", 81900, 2), None, "en-US", "819.00 credits"),
        # milli-bitcoin with two decimals: 0.123 BTC is 123 mBTC
        (Money("BTC", 12300000, 8), BTC, "en-US", "mɃ123.00"),
        # the locale decides separators and the symbol's side
        (Money("EUR", 123456789, 2), EUR, "en-US", "€1,234,567.89"),
        (Money("EUR", 123456789, 2), EUR, "fr-FR", f"1{NNBSP}234{NNBSP}567,89{NBSP}€"),
        (Money("EUR", 123456789, 2), EUR, "de-DE", f"1.234.567,89{NBSP}€"),
        (Money("EUR", 123456789, 2), EUR, "it-IT", f"1.234.567,89{NBSP}€"),
        (Money("EUR", 123456789, 2), EUR, "es-ES", f"1.234.567,89{NBSP}€"),
        (Money("EUR", 150, 2), EUR, "el-GR", f"1,50{NBSP}€"),
        (Money("USD", 100000, 2), USD, "sv-SE", f"1{NBSP}000,00{NBSP}$"),
        (Money("USD", 100000, 2), USD, "da-DK", f"1.000,00{NBSP}$"),
        (Money("USD", 100000, 2), USD, "nb-NO", f"1{NBSP}000,00{NBSP}$"),
        (Money("USD", 100000, 2), USD, "en-ZA", f"$1{NBSP}000,00"),
        # amounts, signs, zero
        (Money("USD", 0, 2), USD, "en-US", "$0.00"),
        (Money("USD", -20200, 2), USD, "en-US", "-$202.00"),
        (Money("USD", 1, 2), USD, "en-US", "$0.01"),
        # an exponent other than the currency's still reads right
        (Money("USD", 5, 0), USD, "en-US", "$5.00"),
        # decimal money (player day, progressive contributions)
        (DecimalMoney("USD", Decimal("123.700000000")), USD, "en-US", "$123.70"),
        # internal currencies without the brand list
        (Money("XXX", 81900, 2), None, "fr-FR", "819,00 credits"),
        (Money("XTC", 10000, 2), None, "en-US", "100.00 tournament credits"),
        (Money("XXX", 123456, 2), None, "en-US", "1,234.56 credits"),
        # other currencies without the brand list: the ISO code as symbol
        (Money("USD", 123456, 2), None, "en-US", f"USD{NBSP}1,234.56"),
        (Money("EUR", 123456, 2), None, "fr-FR", f"1{NNBSP}234,56{NBSP}EUR"),
        (Money("BTC", 1, 8), None, "en-US", f"BTC{NBSP}0.00000001"),
        (DecimalMoney("USD", Decimal("3.5")), None, "en-US", f"USD{NBSP}3.50"),
    ],
)
def test_format_money(money, currency, locale, expected):
    assert format_money(money, currency, locale) == expected


def test_french_separator_is_babels():
    # The assertion above uses Babel's own characters; check they are what Babel says.
    assert format_decimal(1234567, locale="fr_FR") == f"1{NNBSP}234{NNBSP}567"


def test_amounts_that_do_not_fit_are_cut_not_rounded_up():
    # 0.0019999 XBT = 1.9999 mBTC, shown with 3 decimals: never more than the balance
    assert format_money(Money("XBT", 199999, 8), XBT, "en-US") == "mɃ1.999"


def test_unknown_locale_falls_back_to_us_format():
    assert format_money(Money("USD", 150, 2), USD, "xx-XX") == "$1.50"


def test_currency_must_match():
    with pytest.raises(ValueError):
        format_money(Money("USD", 1, 2), EUR, "en-US")


def test_symbol_with_quote_is_literal():
    odd = Currency("XXY", "o'k", 2, 0, 2)
    assert format_money(Money("XXY", 100, 2), odd, "en-US") == "o'k1.00"


def test_no_float_anywhere():
    # a float would print 0.30000000000000004-style digits somewhere along the way
    big = Money("USD", 10**20 + 3, 2)
    assert format_money(big, USD, "en-US") == "$1,000,000,000,000,000,000.03"


def test_the_client_package_does_not_need_flask():
    import subprocess
    import sys

    code = "import sys; import lobby.kore; print('flask' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "currency, locale, amount, expected",
    [
        (Currency("USD", "$", 2, 0, 2), "en-US", "1,234.50", "$1,234.50"),
        (Currency("EUR", "€", 2, 0, 2), "fr-FR", "1\u202f234,50", "1\u202f234,50\u00a0€"),
        (Currency("XBT", "mɃ", 8, 3, 3), "en-US", "1.234", "mɃ1.234"),
    ],
)
def test_display_template_puts_a_number_where_format_money_would(currency, locale, amount, expected):
    from lobby.kore import display_template

    assert display_template(currency, locale).replace("{n}", amount) == expected
