"""What the Kore documentation constrains, checked before Kore is called.

Plain functions (unit-tested with many inputs) and the WTForms validators built on
them. The lists come from the documentation (Create User Account: Address,
Identification, Player Info).
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

#: The documented state_code lists; other countries use state_text.
STATE_CODES: dict[str, tuple[str, ...]] = {
    "US": tuple(
        "AK AL AR AS AZ CA CO CT DC DE FL FM GA GU HI IA ID IL IN KS KY LA MA MD ME MH MI MN MO MP MS MT NC "
        "ND NE NH NJ NM NV NY OH OK OR PA PR PW RI SC SD TN TX UT VA VI VT WA WI WV WY".split()
    ),
    "AU": tuple("ACT NSW NT QLD SA TAS VIC WA".split()),
    "CA": tuple("AB BC MB NB NL NS NT NU ON PE QC SK YT".split()),
    "ZA": tuple("EC FS GP KZN LP MP NC NW WC".split()),
}
FUND_SOURCES = ("Salary", "SelfEmployed", "Inheritance", "Savings", "InvestmentIncome", "Pension")
ADULT_AGE = 18
MAX_PHONE_DIGITS = 17
PASSPORT = re.compile(r"[A-Z0-9]{6,13}")
# CLDR's two-letter territories include reserved and private codes that ISO 3166-1 lacks.
_NOT_ISO = frozenset("AC CP CQ DG EA IC TA EU EZ UN QO XA XB XK ZZ".split())


def countries(locale: str = "en") -> list[tuple[str, str]]:
    """ISO 3166-1 alpha-2 codes with their names in ``locale``, sorted as ``locale`` sorts."""
    from babel import Locale

    from lobby.core.collation import collated

    names = Locale.parse(locale.replace("-", "_")).territories
    return collated(
        ((code, name) for code, name in names.items() if len(code) == 2 and code.isalpha() and code not in _NOT_ISO),
        locale,
        key=lambda item: item[1],
    )


def currency_label(code: str, locale: str = "en") -> str:
    """``EUR — euro``: the code players know, and the currency's name in ``locale``.

    Codes Babel does not know (Kore's crypto display units) stay as they are.
    """
    from babel.numbers import get_currency_name

    name = get_currency_name(code, locale=locale.replace("-", "_"))
    return code if not name or name == code else f"{code} — {name}"


COUNTRY_CODES = frozenset(code for code, _ in countries())


# -- plain functions -------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def sa_id_birth_date(number: str) -> date | None:
    """The birth date in a South African ID number (YYMMDD), or None when it has none.

    The century is not in the number: the latest date not in the future is chosen.
    """
    if not re.fullmatch(r"\d{13}", number):
        return None
    yy, mm, dd = int(number[:2]), int(number[2:4]), int(number[4:6])
    today = date.today()
    for century in (2000, 1900):
        try:
            born = date(century + yy, mm, dd)
        except ValueError:
            return None
        if born <= today:
            return born
    return None  # pragma: no cover - 19xx is always in the past


def sa_id_problem(number: str, birth_date: date | None = None) -> str | None:
    """Why ``number`` is not a valid SA ID number (for this birth date), or None."""
    if not re.fullmatch(r"\d{13}", number):
        return "format"
    born = sa_id_birth_date(number)
    if born is None:
        return "date"
    if number[10] not in "01":
        return "citizenship"
    if not luhn_ok(number):
        return "checksum"
    if birth_date is not None and (born.month, born.day, born.year % 100) != (
        birth_date.month, birth_date.day, birth_date.year % 100
    ):
        return "birth_date"
    return None


def normalize_phone(value: str) -> str:
    """``+44 (0)7700-900 123``-style input → ``+447700900123``; other text is kept for the check."""
    value = value.strip()
    value = re.sub(r"\(0\)", "", value)
    return re.sub(r"[\s().-]", "", value)


def phone_ok(value: str) -> bool:
    """E.164: a ``+``, a country code not starting with 0, up to 17 digits in all."""
    return bool(re.fullmatch(r"\+[1-9]\d{6,%d}" % (MAX_PHONE_DIGITS - 1), normalize_phone(value)))


def state_field(country: str, value: str) -> tuple[str, str] | None:
    """("state_code" | "state_text", value) for the address, or None when invalid.

    US, CA, AU and ZA take a code from the documented lists; elsewhere free text
    (at most 50 characters). An empty value is no state at all.
    """
    value = value.strip()
    if not value:
        return ("state_text", "")
    if country in STATE_CODES:
        code = value.upper()
        return ("state_code", code) if code in STATE_CODES[country] else None
    return ("state_text", value) if len(value) <= 50 else None


def passport_ok(number: str) -> bool:
    return bool(PASSPORT.fullmatch(number))


def nickname_ok(value: str) -> bool:
    return 1 <= len(value) <= 16 and value.isascii() and value.isprintable()


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def adult(born: date, today: date | None = None) -> bool:
    today = today or date.today()
    return born <= today and age_on(born, today) >= ADULT_AGE


# -- WTForms validators ----------------------------------------------------------------


class Phone:
    """An E.164 phone number; the field's data is normalised to ``+<digits>``."""

    def __init__(self, message=None) -> None:
        self.message = message or _l("Enter the number with its country code, like +44 7700 900123.")

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        if not phone_ok(field.data):
            raise ValidationError(str(self.message))
        field.data = normalize_phone(field.data)


class Adult:
    def __call__(self, form, field) -> None:
        if field.data is None:
            return
        if field.data > date.today():
            raise ValidationError(str(_l("That date is in the future.")))
        if field.data.year < 1900:
            raise ValidationError(str(_l("Check the year.")))
        if not adult(field.data):
            raise ValidationError(str(_l("You must be %(age)s or older to play.", age=ADULT_AGE)))


class Nickname:
    def __call__(self, form, field) -> None:
        if field.data and not nickname_ok(field.data):
            raise ValidationError(
                str(_l("Use up to 16 plain letters, digits or signs (no accents or emoji)."))
            )


class Ascii:
    """Kore takes no Unicode in email addresses (Punycode is needed for the domain)."""

    def __call__(self, form, field) -> None:
        if field.data and not field.data.isascii():
            raise ValidationError(str(_l("Use only plain letters (no accents) in the email address.")))


SA_ID_MESSAGES = {
    "format": _l("A South African ID number has 13 digits."),
    "date": _l("The first six digits of an ID number are a birth date (YYMMDD)."),
    "citizenship": _l("This ID number is not valid: check digit 11."),
    "checksum": _l("This ID number is not valid: check it for a typing mistake."),
    "birth_date": _l("This ID number does not match your date of birth."),
}
