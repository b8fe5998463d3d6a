"""Parsing helpers shared by the models: dates, integers, decimals, optional and repeated values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Callable, TypeVar

T = TypeVar("T")


# -- parsing helpers -----------------------------------------------------------------

_LONG_FRACTION = re.compile(r"(\.\d{6})\d+")


def parse_datetime(value: Any) -> datetime | None:
    """An aware UTC datetime from Kore's ISO 8601 strings, None for absent values.

    Accepts ``...Z``, offsets, no zone at all (the password-reset example; Kore means
    UTC everywhere) and .NET's fractions of up to 7 digits.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        if text[-1:] in ("Z", "z"):
            text = text[:-1] + "+00:00"
        text = _LONG_FRACTION.sub(r"\1", text)
        parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def parse_date(value: Any) -> date | None:
    """A date from ``yyyy-mm-dd`` (a full timestamp is cut to its UTC date)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return parse_datetime(value).date()  # type: ignore[union-attr]
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) > 10:
        return parse_datetime(text).date()  # type: ignore[union-attr]
    return date.fromisoformat(text)


def _int(value: Any) -> int:
    """An integer from JSON, refusing fractions (JSON is decoded with Decimal floats)."""
    if isinstance(value, bool):
        raise ValueError("expected an integer, got a boolean")
    if isinstance(value, int):
        return value
    as_decimal = Decimal(str(value))
    if as_decimal != as_decimal.to_integral_value():
        raise ValueError(f"expected an integer, got {value!r}")
    return int(as_decimal)


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # Someone decoded the JSON without parse_float=Decimal: take the shortest
        # repr, which is what the JSON text said.
        return Decimal(repr(value))
    return Decimal(str(value))


def _opt(parser: Callable[[Any], T], value: Any) -> T | None:
    return None if value is None else parser(value)


def _many(parser: Callable[[Any], T], values: Any) -> tuple[T, ...]:
    return tuple(parser(v) for v in (values or ()))


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (values or ()))


def _first(data: Mapping[str, Any], *names: str) -> Any:
    """The first present property among spellings the documentation uses for one thing."""
    for name in names:
        if data.get(name) is not None:
            return data[name]
    return None
