"""Give the English catalogs (en_US, en_ZA) every message: an empty msgstr gets its msgid.

English is the source language, so "as written" is the translation; writing it out keeps
every catalog complete, and an operator who changes a term finds it where the other
languages have theirs. Terms already set (en_ZA's "Cellphone") are left alone.
Run by `make update-catalogs`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ("en_US", "en_ZA")


def fill(path: Path, locale: str) -> int:
    with path.open("rb") as source:
        catalog = read_po(source, locale=locale)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        message.flags.discard("fuzzy")  # the English as written is never a guess
        if isinstance(message.id, tuple):
            if not all(message.string):
                forms = list(message.id) + [message.id[1]] * (catalog.num_plurals - 2)
                message.string = tuple(forms[: catalog.num_plurals])
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
    with path.open("wb") as target:
        write_po(target, catalog, width=76, sort_output=False, include_previous=False)
    return filled


def main() -> int:
    for locale in ENGLISH:
        path = ROOT / "lobby" / "translations" / locale / "LC_MESSAGES" / "messages.po"
        print(f"{locale}: {fill(path, locale)} messages written out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
