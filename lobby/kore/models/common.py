"""Shared Kore values: locales and play modes, links, non-fatal errors, money and currencies."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from ..errors import ErrorCode, parse_code
from .base import _decimal, _int, _many, _strings

#: The locales the documentation lists as accepted by Kore.
LOCALES = (
    "en-US", "en-ZA", "fr-FR", "de-DE", "it-IT", "es-ES", "el-GR", "da-DK", "sv-SE", "nb-NO",
)
PLAY_MODES = ("Real", "Practice")


# -- links ---------------------------------------------------------------------------


class MissingLinkError(LookupError):
    """Kore did not hand out the link asked for: the action is not available now."""


@dataclass(frozen=True)
class Link:
    """An API link (``_links``) or a web page for the browser (``_actions``)."""

    href: str
    method: str = "GET"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Link":
        return cls(href=str(data["href"]), method=str(data.get("method") or "GET").upper())


class LinkCollection(Mapping[str, Link]):
    """A read-only mapping of link name → Link (the documentation's LinkCollection)."""

    __slots__ = ("_links",)

    def __init__(self, links: Mapping[str, Link] | None = None) -> None:
        self._links = MappingProxyType(dict(links or {}))

    @classmethod
    def from_json(cls, data: Any) -> "LinkCollection":
        links: dict[str, Link] = {}
        if isinstance(data, Mapping):
            for name, value in data.items():
                # Anything not shaped like a Link is skipped rather than fatal: the
                # documentation's own Game Info example nests ``_links`` inside
                # ``_actions``.
                if isinstance(value, Mapping) and isinstance(value.get("href"), str):
                    links[str(name)] = Link.from_json(value)
        return cls(links)

    def __getitem__(self, name: str) -> Link:
        return self._links[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._links)

    def __len__(self) -> int:
        return len(self._links)

    def __repr__(self) -> str:
        return f"LinkCollection({sorted(self._links)!r})"

    def __reduce__(self):
        # Brand-level results (the public game list, jackpots) are kept in a shared
        # cache, which pickles them.
        return (LinkCollection, (dict(self._links),))

    def require(self, *names: str) -> Link:
        """The first link present among ``names`` (spellings), else MissingLinkError."""
        for name in names:
            if name in self._links:
                return self._links[name]
        raise MissingLinkError(f"Kore did not provide a {' / '.join(names)!s} link")


def _links(data: Mapping[str, Any], key: str = "_links") -> LinkCollection:
    return LinkCollection.from_json(data.get(key))


# -- errors carried by successful answers ---------------------------------------------


@dataclass(frozen=True)
class NonFatalError:
    """An entry of the ``errors`` array of a successful answer (non-fatal validation)."""

    error: str
    error_description: str = ""
    uuid: str | None = None
    properties: tuple[str, ...] = ()

    @property
    def code(self) -> ErrorCode | None:
        return parse_code(self.error)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "NonFatalError":
        return cls(
            error=str(data.get("error") or ""),
            error_description=str(data.get("error_description") or ""),
            uuid=data.get("uuid"),
            properties=_strings(data.get("properties")),
        )


def _errors(data: Mapping[str, Any]) -> tuple[NonFatalError, ...]:
    return _many(NonFatalError.from_json, data.get("errors"))


# -- money ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    """An amount in minor units: ``amount / 10**exponent`` of ``currency``.

    Deliberately without arithmetic: amounts come from Kore and are only displayed.
    """

    currency: str
    amount: int
    exponent: int

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.amount).scaleb(-self.exponent)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Money":
        return cls(
            currency=str(data["currency"]),
            amount=_int(data["amount"]),
            exponent=_int(data["exponent"]),
        )


@dataclass(frozen=True)
class DecimalMoney:
    """A fractional amount too small for Money (e.g. progressive contributions)."""

    currency: str
    decimal_amount: Decimal

    @property
    def decimal(self) -> Decimal:
        return self.decimal_amount

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "DecimalMoney":
        return cls(currency=str(data["currency"]), decimal_amount=_decimal(data["decimal_amount"]))


@dataclass(frozen=True)
class Currency:
    """A brand currency and how to display it (``GET ~/v3/api/currencies``)."""

    currency: str
    symbol: str
    iso_exponent: int
    display_exponent: int = 0
    display_decimals: int = 2

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Currency":
        return cls(
            currency=str(data["currency"]),
            symbol=str(data.get("symbol") or data["currency"]),
            iso_exponent=_int(data["iso_exponent"]),
            display_exponent=_int(data.get("display_exponent") or 0),
            display_decimals=_int(data["display_decimals"] if data.get("display_decimals") is not None else 2),
        )
