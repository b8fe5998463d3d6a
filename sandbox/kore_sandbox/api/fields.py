"""The documented formats of account fields: email, phone, dates, address, player info, SA ID."""

from __future__ import annotations

import datetime
import re
from typing import Any

from .. import seed
from .validation import Validator

EMAIL = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"
#: E.164, with the spaces the documentation's own examples use: "+44 7701 900 123".
PHONE = r"\+[0-9][0-9 ]*"
PASSPORT = r"[A-Z0-9]{6,13}"
IPV4 = r"(\d{1,3}\.){3}\d{1,3}"


def sa_id_valid(number: str) -> bool:
    """A South African ID number: 13 digits, a real YYMMDD birth date, Luhn checksum."""
    if not re.fullmatch(r"\d{13}", number):
        return False
    try:
        datetime.datetime.strptime(number[:6], "%y%m%d")
    except ValueError:
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def date_field(v: Validator, name: str, *, required: bool = False) -> str | None:
    value = v.string(name, required=required, pattern=r"\d{4}-\d{2}-\d{2}")
    if value is not None:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            v.fail(name)
            return None
    return value


def phone_field(v: Validator, name: str) -> str | None:
    value = v.string(name, max_len=50, pattern=PHONE)
    if value is not None and not 7 <= sum(ch.isdigit() for ch in value) <= 17:
        v.fail(name)
        return None
    return value


def validate_address(v: Validator) -> dict[str, str] | None:
    """The Address type: ISO country, per-country state codes, 50-character lines."""
    address = v.obj("address")
    if address is None:
        return None
    values = {name: address.string(name, max_len=50) for name in ("first_line", "second_line", "city", "zip_code")}
    country = address.string("country_code", required=True, choices=seed.COUNTRIES)
    state_code = address.string("state_code", max_len=3)
    if state_code is not None and state_code not in seed.STATE_CODES.get(country or "", ()):
        address.fail("state_code")
    state_text = address.string("state_text", max_len=50)
    v.merge(address)
    values.update(country_code=country, state_code=state_code, state_text=state_text)
    return {k: val for k, val in values.items() if val is not None}


def validate_player_info(v: Validator, *, required: bool) -> dict[str, Any]:
    info = v.obj("player_info", required=required)
    if info is None:
        return {}
    values: dict[str, Any] = {}
    nickname = info.string("nickname", max_len=16)
    if nickname is not None and not nickname.isascii():
        info.fail("nickname")
        nickname = None
    values["nickname"] = nickname
    for name in ("firstname", "lastname", "title"):
        values[name] = info.string(name, max_len=50)
    values["birth_date"] = date_field(info, "birth_date")
    for name in ("home_phone", "work_phone", "mobile_phone"):
        values[name] = phone_field(info, name)
    values["address"] = validate_address(info)
    ident = info.obj("identification")
    if ident is not None:
        country = ident.string("country", required=True, choices=seed.COUNTRIES)
        kind = ident.string("type", required=True, max_len=50, choices=seed.ID_TYPES)
        number = ident.string("number", required=True, max_len=13)
        if kind == "Id" and (country != "ZA" or number is None or not sa_id_valid(number)):
            ident.fail("number")
        if kind == "Passport" and number is not None and not re.fullmatch(PASSPORT, number):
            ident.fail("number")
        info.merge(ident)
        values["identification"] = {"country": country, "type": kind, "number": number}
    values["fund_source"] = info.string("fund_source", max_len=50, choices=seed.FUND_SOURCES)
    v.merge(info)
    return {k: val for k, val in values.items() if val is not None}
