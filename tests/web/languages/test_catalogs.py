"""The catalogs under translations/: complete, not fuzzy, placeholders kept, up to date.

A message found in lobby/ or templates/ that messages.pot or a catalog lacks fails
here (run `make update-catalogs`); so does, for every locale not pending
(pending_locales.py), a message left untranslated or fuzzy.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from pending_locales import ALL_LOCALES, PENDING_LOCALES, SOURCE_LOCALES

from lobby.config import KORE_LOCALES, TRANSLATIONS_DIR

#: The checkout (the tests read its sources: babel.cfg, messages.pot, the sandbox's seed).
PROJECT_ROOT = Path(__file__).resolve().parents[3]

TRANSLATIONS = TRANSLATIONS_DIR
#: The keywords of `make extract` (Makefile: -k _l -k lazy_gettext).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
#: %(name)s, %s, %d and the {name} of strings a script fills in (countdowns).
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w+)\}")


def placeholders(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text or ""))


def load(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def pending(locale: str):
    marks = [pytest.mark.xfail(reason=f"{locale} is being translated (pending_locales.py)", strict=False)]
    return pytest.param(locale, marks=marks if locale in PENDING_LOCALES else [])


def catalogs(locale: str) -> list[Path]:
    return sorted((TRANSLATIONS / locale / "LC_MESSAGES").glob("*.po"))


def problems(catalog, *, expected_ids=(), source: bool = False) -> list[str]:
    """What is wrong with a catalog: missing, untranslated or fuzzy messages, lost or added placeholders."""
    found = []
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    for missing in sorted(set(expected_ids) - ids):
        found.append(f"missing: {missing!r}")
    for message in catalog:
        if not message.id:
            continue
        singular = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if message.fuzzy and any(strings):  # an empty one is simply untranslated
            found.append(f"fuzzy: {singular!r}")
        if not all(strings):
            if not source:
                found.append(f"untranslated: {singular!r}")
            continue
        if isinstance(message.id, str):
            if placeholders(strings[0]) != placeholders(message.id):
                found.append(f"placeholders changed: {singular!r} → {strings[0]!r}")
        else:
            wanted = set(placeholders(message.id[0])) | set(placeholders(message.id[1]))
            for form in strings:
                # A plural form may leave the number out ("une partie gratuite"), nothing else.
                if not set(placeholders(form)) <= wanted or not (set(wanted) - {"%(num)d", "%(num)s"}) <= set(
                    placeholders(form)
                ):
                    found.append(f"placeholders changed: {singular!r} → {form!r}")
    return found


def placeholder_problems(catalog) -> list[str]:
    return [p for p in problems(catalog, source=True) if p.startswith("placeholders")]


@pytest.fixture(scope="module")
def extracted() -> set[str]:
    """Every message marked in lobby/ and templates/, as `make extract` finds them now."""
    with (PROJECT_ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    return {
        (message if isinstance(message, str) else message[0])
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PROJECT_ROOT), method_map, options_map, keywords=KEYWORDS
        )
        if message
    }


def test_every_kore_locale_has_a_catalog():
    assert sorted(ALL_LOCALES) == sorted(code.replace("-", "_") for code in KORE_LOCALES)
    for locale in ALL_LOCALES:
        assert (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").is_file(), locale


def test_messages_pot_is_up_to_date(extracted):
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in load(PROJECT_ROOT / "messages.pot") if m.id}
    assert not extracted - template, "new messages: run `make update-catalogs`"
    assert not template - extracted, "messages no longer used: run `make update-catalogs`"


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_catalog_has_every_message(locale, extracted):
    catalog = load(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po")
    missing = [p for p in problems(catalog, expected_ids=extracted, source=True) if p.startswith("missing")]
    assert not missing, f"{locale}: run `make update-catalogs`\n" + "\n".join(missing)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_translations_keep_their_placeholders(locale):
    """Checked for every locale, pending or not: a placeholder lost breaks the page."""
    for path in catalogs(locale):
        found = placeholder_problems(load(path))
        assert not found, f"{path.relative_to(PROJECT_ROOT)}:\n" + "\n".join(found)


@pytest.mark.parametrize("locale", [pending(locale) for locale in ALL_LOCALES])
def test_every_message_is_translated_and_not_fuzzy(locale):
    for path in catalogs(locale):
        found = problems(load(path), source=locale in SOURCE_LOCALES)
        assert not found, f"{path.relative_to(PROJECT_ROOT)}: {len(found)} problems\n" + "\n".join(found[:40])


# -- the checks themselves, on a small catalog ------------------------------------------


def _catalog(text: str):
    from io import BytesIO

    return read_po(BytesIO(text.encode()))


COMPLETE = '''
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, python-format
msgid "Hello %(name)s"
msgstr "Bonjour %(name)s"

#, python-format
msgid "%(num)d game"
msgid_plural "%(num)d games"
msgstr[0] "une partie"
msgstr[1] "%(num)d parties"
'''


def test_a_complete_catalog_has_no_problems():
    assert problems(_catalog(COMPLETE), expected_ids={"Hello %(name)s", "%(num)d game"}) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("Bonjour %(name)s", "Bonjour"), "placeholders changed"),
        (("Bonjour %(name)s", "Bonjour %(nom)s"), "placeholders changed"),
        (("Bonjour %(name)s", "Bonjour %(name)s %(x)s"), "placeholders changed"),
        (('msgstr[1] "%(num)d parties"', 'msgstr[1] "parties"'), None),  # the number may go, in one form…
        (('msgstr "Bonjour %(name)s"', 'msgstr ""'), "untranslated"),
        (('#, python-format\nmsgid "Hello', '#, fuzzy, python-format\nmsgid "Hello'), "fuzzy"),
    ],
)
def test_the_checks_find_each_defect(change, problem):
    found = problems(_catalog(COMPLETE.replace(*change)))
    if problem is None:
        assert found == []
    else:
        assert any(p.startswith(problem) for p in found), found


def test_the_checks_find_a_missing_message():
    found = problems(_catalog(COMPLETE), expected_ids={"Hello %(name)s", "%(num)d game", "A new sentence."})
    assert found == ["missing: 'A new sentence.'"]
