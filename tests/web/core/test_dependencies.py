"""The dependency policy: lower bounds in pyproject.toml, exact versions in requirements.lock."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[3]


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if match:
            pins[canonicalize_name(match.group(1))] = Version(match.group(2))
    return pins


def test_every_runtime_dependency_has_a_lower_bound_and_a_pin_that_meets_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _pins()
    for spec in project["dependencies"]:
        requirement = Requirement(spec)
        assert any(s.operator == ">=" for s in requirement.specifier), f"{spec}: no lower bound"
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements.lock: run `make lock`"
        assert pins[name] in requirement.specifier, f"{requirement.name}=={pins[name]} does not meet {spec}"


def test_the_lock_pins_every_dependency_development_and_ci_install():
    """The test extra and the sandboxes' dependencies too: `make setup` installs the lock alone."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from lock_inputs import requirements
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    pins = _pins()
    wanted = [Requirement(spec) for spec in requirements()]
    assert any(canonicalize_name(r.name) == "pytest" for r in wanted), "the test extra is read"
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements.lock: run `make lock`"
        assert pins[name] in requirement.specifier, f"{requirement.name}=={pins[name]} does not meet {requirement}"
