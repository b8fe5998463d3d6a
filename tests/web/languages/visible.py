"""What a reader of a page sees or hears: its text and its labels, not its markup or scripts."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from lobby.core.providers import PROVIDER_NAMES

#: The checkout (the tests read its sources: babel.cfg, messages.pot, the sandbox's seed).
PROJECT_ROOT = Path(__file__).resolve().parents[3]

#: Attributes a reader sees or a screen reader says.
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
SKIPPED = {"script", "style", "template"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED:
            self.skipping += 1
            return
        for name in READ_ATTRIBUTES & attrs.keys():
            self.parts.append(attrs[name] or "")
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def kore_data_words() -> set[str]:
    """Words of the sandbox's seeded data (game, provider, tournament and player names):
    Kore's names, shown as Kore gives them."""
    words: set[str] = set()
    for path in (PROJECT_ROOT / "sandbox" / "kore_sandbox").rglob("*seed*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words.update(re.findall(r"[A-Za-z]+", node.value))
    entities = PROJECT_ROOT / "sandbox" / "kore_sandbox" / "backend" / "entities.py"
    for node in ast.walk(ast.parse(entities.read_text())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words.update(re.findall(r"[A-Za-z]+", node.value))
    # Providers as people write them ("Pragmatic Play"): names, like Kore's.
    for name in PROVIDER_NAMES.values():
        words.update(re.findall(r"[A-Za-z]+", name))
    return words
