"""The lobby's validators: the documentation's constraints, with many inputs."""

from __future__ import annotations

from datetime import date

import pytest

from lobby.forms.validators import (
    COUNTRY_CODES,
    STATE_CODES,
    adult,
    countries,
    luhn_ok,
    nickname_ok,
    normalize_phone,
    passport_ok,
    phone_ok,
    sa_id_birth_date,
    sa_id_problem,
    state_field,
)


@pytest.mark.parametrize(
    "number, birth, problem",
    [
        ("9007141234084", None, None),  # the doc's example, born 1990-07-14
        ("9007141234084", date(1990, 7, 14), None),
        ("8801235111088", None, None),  # the doc's Player Info example
        ("8801235111088", date(1988, 1, 23), None),
        ("9007141234085", None, "checksum"),
        ("9007141234094", None, "checksum"),
        ("9007141234084", date(1990, 7, 15), "birth_date"),
        ("9007141234084", date(1991, 7, 14), "birth_date"),
        ("900714123408", None, "format"),
        ("90071412340845", None, "format"),
        ("90071412340a4", None, "format"),
        (" 9007141234084", None, "format"),
        ("9013141234084", None, "date"),  # month 13
        ("9002301234084", None, "date"),  # 30 February
        ("9007141234284", None, "citizenship"),  # digit 11 must be 0 or 1
        ("0001015800087", None, None),  # 2000-01-01, a valid checksum
        ("0001015800085", None, "checksum"),
    ],
)
def test_sa_id_number(number, birth, problem):
    assert sa_id_problem(number, birth) == problem


def test_sa_id_century_is_the_latest_past_date():
    assert sa_id_birth_date("0001015800087") == date(2000, 1, 1)
    assert sa_id_birth_date("9007141234084") == date(1990, 7, 14)
    assert sa_id_birth_date("not-a-number") is None


@pytest.mark.parametrize("digits, ok", [("79927398713", True), ("79927398710", False), ("0", True), ("18", True)])
def test_luhn(digits, ok):
    assert luhn_ok(digits) is ok


@pytest.mark.parametrize(
    "phone, ok",
    [
        ("+44 7701 900 123", True),  # the doc's examples have spaces
        ("+1 1234 654987", True),
        ("+27825550101", True),
        ("+44 (0)7700-900123", True),
        ("+1 (803) 555.0101", True),
        ("+12345678901234567", True),  # 17 digits
        ("+123456789012345678", False),  # 18
        ("+123456", False),  # too short
        ("07700 900123", False),  # no country code
        ("0044 7700 900123", False),
        ("+0 7700 900123", False),  # no country code starts with 0
        ("+44 7700 9001x3", False),
        ("", False),
        ("+", False),
        ("++44 7700 900123", False),
    ],
)
def test_phone(phone, ok):
    assert phone_ok(phone) is ok


def test_phone_is_normalised():
    assert normalize_phone(" +44 (0)7700-900 123 ") == "+447700900123"


@pytest.mark.parametrize(
    "country, value, expected",
    [
        ("US", "CA", ("state_code", "CA")),
        ("US", "ny", ("state_code", "NY")),
        ("US", "PR", ("state_code", "PR")),
        ("US", "California", None),
        ("US", "ON", None),
        ("CA", "ON", ("state_code", "ON")),
        ("CA", "QC", ("state_code", "QC")),
        ("CA", "NY", None),
        ("AU", "NSW", ("state_code", "NSW")),
        ("AU", "WA", ("state_code", "WA")),
        ("AU", "QL", None),
        ("ZA", "KZN", ("state_code", "KZN")),
        ("ZA", "GP", ("state_code", "GP")),
        ("ZA", "GT", None),
        ("GB", "Scotland", ("state_text", "Scotland")),
        ("GB", "CA", ("state_text", "CA")),
        ("DE", "x" * 50, ("state_text", "x" * 50)),
        ("DE", "x" * 51, None),
        ("US", "", ("state_text", "")),
        ("FR", "  ", ("state_text", "")),
    ],
)
def test_state_field(country, value, expected):
    assert state_field(country, value) == expected


def test_state_lists_are_the_documented_ones():
    assert len(STATE_CODES["US"]) == 59 and len(STATE_CODES["AU"]) == 8
    assert len(STATE_CODES["CA"]) == 13 and len(STATE_CODES["ZA"]) == 9


@pytest.mark.parametrize(
    "number, ok",
    [("L1558624", True), ("AB1234", True), ("A" * 13, True), ("A" * 14, False), ("AB123", False),
     ("l1558624", False), ("L155-8624", False), ("L155 8624", False), ("", False)],
)
def test_passport(number, ok):
    assert passport_ok(number) is ok


@pytest.mark.parametrize(
    "nickname, ok",
    [("Uncle Scrooge", True), ("ASCII_16_len_max", True), ("x" * 17, False), ("Zoë", False),
     ("🎰 lucky", False), ("tab\there", False), ("", False)],
)
def test_nickname(nickname, ok):
    assert nickname_ok(nickname) is ok


@pytest.mark.parametrize(
    "born, today, ok",
    [
        (date(2000, 1, 1), date(2018, 1, 1), True),
        (date(2000, 1, 2), date(2018, 1, 1), False),
        (date(2000, 2, 29), date(2018, 2, 28), False),
        (date(2000, 2, 29), date(2018, 3, 1), True),
        (date(2030, 1, 1), date(2024, 1, 1), False),
        (date(1940, 5, 5), date(2024, 1, 1), True),
    ],
)
def test_adult(born, today, ok):
    assert adult(born, today) is ok


def test_countries_are_iso_3166_alpha_2():
    assert len(COUNTRY_CODES) == 249
    for code in ("ZA", "GB", "US", "IN", "AQ"):
        assert code in COUNTRY_CODES
    for code in ("EU", "UN", "ZZ", "XK", "QO", "001"):
        assert code not in COUNTRY_CODES
    assert dict(countries("fr-FR"))["DE"] == "Allemagne"
