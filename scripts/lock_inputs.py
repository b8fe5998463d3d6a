"""What `make lock` resolves: every dependency of the repository's own distributions (the
lobby with its test extra, the sandboxes, and any other local one listed below), less those
distributions themselves, which pip installs from their folders (`make setup`, --no-deps).

Printed as a requirements file: `python scripts/lock_inputs.py > build/requirements.in`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
#: The local distributions: (folder, the extras of it that development installs).
LOCAL = ((".", ("test",)), ("sandbox", ()), ("testing", ()))


def local_projects() -> list[tuple[dict, tuple[str, ...]]]:
    found = []
    for folder, extras in LOCAL:
        pyproject = ROOT / folder / "pyproject.toml"
        if pyproject.exists():
            found.append((tomllib.loads(pyproject.read_text())["project"], extras))
    return found


def requirements() -> list[str]:
    projects = local_projects()
    local = {canonicalize_name(project["name"]) for project, _ in projects}
    wanted: dict[str, str] = {}
    for project, extras in projects:
        specs = list(project.get("dependencies", []))
        for extra in extras:
            specs += project.get("optional-dependencies", {}).get(extra, [])
        for spec in specs:
            name = canonicalize_name(Requirement(spec).name)
            if name not in local:
                wanted.setdefault(f"{name} {spec}", spec)
    return sorted(wanted.values(), key=str.lower)


if __name__ == "__main__":
    print("\n".join(requirements()))
