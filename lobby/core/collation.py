"""Sorting names the way each of Kore's ten locales sorts them (country lists).

Babel has no collation, PyICU is a large native dependency, and ``locale.strxfrm``
depends on which system locales the machine has. The key here is Unicode's own
decomposition (NFKD, accents and case set aside: ``Åland`` sorts with the A's in
English, French, German, …) plus the few letters the ten locales' alphabets place
elsewhere (CLDR tailorings): Danish and Norwegian Æ Ø Å and Swedish Å Ä Ö after Z,
Spanish Ñ after N. Greek needs only the decomposition (ά → α, ς → σ). Equal keys
fall back to the text itself, so the order is total and repeatable.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Letters sorted after "z", in this order, by language (letters of one group sort alike).
_AFTER_Z = {
    "da": ("æä", "øö", "å"),
    "nb": ("æä", "øö", "å"),
    "sv": ("å", "äæ", "öø"),
}
#: Letters sorted right after another letter, by language.
_AFTER_LETTER = {
    "es": {"ñ": "n"},
}
_LAST = "\U0010fff0"  # after every letter


@lru_cache(maxsize=16)
def _tailoring(language: str) -> dict[str, str]:
    table = {letter: _LAST + chr(0x41 + i) for i, group in enumerate(_AFTER_Z.get(language, ())) for letter in group}
    table.update({letter: base + "\U0010ffff" for letter, base in _AFTER_LETTER.get(language, {}).items()})
    return table


def sort_key(text: str, locale: str = "en") -> tuple[str, str]:
    """A key that orders ``text`` as ``locale`` (``sv-SE``, ``sv_SE`` or ``sv``) reads it."""
    language = locale.replace("_", "-").split("-", 1)[0].lower()
    tailoring = _tailoring(language)
    out = []
    for char in unicodedata.normalize("NFC", text).casefold():
        if char in tailoring:
            out.append(tailoring[char])
            continue
        for part in unicodedata.normalize("NFKD", char):
            if not unicodedata.combining(part):
                out.append(part)
    return "".join(out), text


def collated(items, locale: str, key=lambda item: item):
    """``items`` sorted by ``key(item)`` in ``locale``'s order."""
    return sorted(items, key=lambda item: sort_key(key(item), locale))
