"""docs/testing.md lists every test id of the lobby's pages, and only those: a test id renamed
or added in a template is a change to the selector contract operators' suites rely on."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _in_templates() -> set[str]:
    found = set()
    for template in (ROOT / "lobby" / "templates").rglob("*.html"):
        found.update(re.findall(r'data-testid="([^"{}]+)"', template.read_text()))
    return found


def _in_docs() -> set[str]:
    text = (ROOT / "docs" / "testing.md").read_text()
    table = text.split("### Test ids", 1)[1].split("\n## ", 1)[0]
    listed = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            listed.update(re.findall(r"`([a-z0-9-]+)`", line.split("|")[1]))
    return listed


def test_docs_list_every_test_id_of_the_templates_and_no_other():
    in_templates, in_docs = _in_templates(), _in_docs()
    assert {"game-tile", "header-sign-in", "sign-in-submit", "balance-value"} <= in_templates
    assert sorted(in_templates - in_docs) == [], "test ids missing from docs/testing.md"
    assert sorted(in_docs - in_templates) == [], "docs/testing.md lists test ids no page has"
