"""A nickname Kore's rules accept, suggested when the one a player typed is refused.

Kore takes up to 16 plain (ASCII) characters. "Zoë" becomes "Zoe", "Ζωή" "Zoi" (anyascii
spells out any script); a nickname that is taken gets a number.
"""

from __future__ import annotations

import secrets

from anyascii import anyascii

from lobby.forms.validators import nickname_ok

MAX_LENGTH = 16


def plain(typed: str) -> str:
    """``typed`` in plain characters, spaces tidied, cut to Kore's length."""
    text = " ".join(anyascii(typed or "").split())
    text = "".join(ch for ch in text if ch.isprintable())
    return text[:MAX_LENGTH].strip()


def suggest(typed: str, *, taken: bool = False) -> str | None:
    """A nickname like ``typed`` that passes Kore's rules, or None when nothing is left of it.

    ``taken``: Kore has it already, so a number goes on the end (Kore tells whether
    that one is free only when the registration is sent).
    """
    base = plain(typed)
    if not base:
        return None
    if taken or base == (typed or "").strip():
        number = str(10 + secrets.randbelow(990))
        base = base[: MAX_LENGTH - len(number)].rstrip() + number
    return base if nickname_ok(base) else None
