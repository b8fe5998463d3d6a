"""What the operator says about its bonus codes (OFFER_DETAILS), since Kore gives only the code.

OFFER_DETAILS is JSON: for each code, its ``name`` and ``text`` (one string, or one per
language: ``{"en": "…", "de": "…"}``), the ``wagering`` (how many times the bonus is
played through before it can be withdrawn) and the last day to claim it (``expires``,
yyyy-mm-dd). Every part is optional::

    {"ONCEONLY": {"name": {"en": "One-time $5 bonus", "de": "Einmaliger 5-$-Bonus"},
                  "text": {"en": "Once per player."}, "wagering": 30, "expires": "2027-01-31"}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

#: A text in several languages: locale or language ("de-DE", "de", "en") → text.
Localised = Mapping[str, str]


@dataclass(frozen=True)
class OfferDetails:
    name: Localised = field(default_factory=dict)
    text: Localised = field(default_factory=dict)
    wagering: int | None = None
    expires: date | None = None


class OfferDetailsError(ValueError):
    """OFFER_DETAILS cannot be read: the message says what is wrong."""


def _localised(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"": value.strip()[:200]}
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return {k.strip().lower().replace("_", "-"): v.strip()[:200] for k, v in value.items()}
    raise OfferDetailsError(f"{where} must be a text or an object of language → text")


def parse(raw: str) -> dict[str, OfferDetails]:
    """OFFER_DETAILS' JSON as details by code (upper case, as Kore compares codes)."""
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise OfferDetailsError(f"OFFER_DETAILS is not JSON: {error}") from None
    if not isinstance(data, dict):
        raise OfferDetailsError("OFFER_DETAILS must be an object of bonus code → details")
    found: dict[str, OfferDetails] = {}
    for code, details in data.items():
        if not isinstance(code, str) or not isinstance(details, dict):
            raise OfferDetailsError("OFFER_DETAILS must be an object of bonus code → details")
        wagering = details.get("wagering")
        if wagering is not None and (not isinstance(wagering, int) or isinstance(wagering, bool)
                                     or not 0 < wagering <= 1000):
            raise OfferDetailsError(f"OFFER_DETAILS {code}: wagering must be a whole number from 1 to 1000")
        expires = details.get("expires")
        try:
            expires = date.fromisoformat(expires) if expires is not None else None
        except (TypeError, ValueError):
            raise OfferDetailsError(f"OFFER_DETAILS {code}: expires must be a date, yyyy-mm-dd") from None
        found[code.strip().upper()] = OfferDetails(
            name=_localised(details.get("name"), f"OFFER_DETAILS {code} name"),
            text=_localised(details.get("text"), f"OFFER_DETAILS {code} text"),
            wagering=wagering, expires=expires,
        )
    return found


def in_language(texts: Localised, locale: str) -> str:
    """The text for ``locale`` ("de-DE"), else its language ("de"), else English, else any."""
    locale = locale.lower().replace("_", "-")
    for key in (locale, locale.split("-")[0], "", "en", "en-us"):
        if texts.get(key):
            return texts[key]
    return next((text for text in texts.values() if text), "")
