"""What an operator does: build the three wheels, install `kore-lobby[testing]` in a fresh
virtual environment outside the checkout, and run the example suite there twice in a row,
serially and then with two pytest-xdist workers (each with its own sandbox and lobby)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT / "examples" / "operator-suite"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: Variables of this run that must not reach the operator's (a checkout on the path, a
#: running lobby or sandbox, this pytest's options).
LEFT_OUT = {"PYTHONPATH", "VIRTUAL_ENV", "LOBBY_URL", "KORE_SANDBOX_URL", "KORE_API_URL", "PYTEST_ADDOPTS",
            "PYTEST_CURRENT_TEST", "PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "REDIS_URL"}


def _run(command: list[str], cwd: Path, timeout: int, env: dict[str, str] | None = None) -> str:
    answer = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert answer.returncode == 0, f"{' '.join(command)} failed:\n{answer.stdout[-6000:]}\n{answer.stderr[-6000:]}"
    return answer.stdout


@pytest.fixture(scope="module")
def operator_venv(tmp_path_factory) -> tuple[Path, Path]:
    """(the venv's python, a copy of the example suite), both in a temporary folder."""
    folder = tmp_path_factory.mktemp("operator")
    assert ROOT not in folder.parents
    dist = folder / "dist"
    for project in (ROOT, ROOT / "sandbox", ROOT / "testing"):
        _run([sys.executable, "-m", "build", "--outdir", str(dist), str(project)], cwd=ROOT, timeout=900)
    _run([sys.executable, "-m", "venv", str(folder / "venv")], cwd=folder, timeout=300)
    python = folder / "venv" / "bin" / "python"
    wheel = next(dist.glob("kore_lobby-*.whl"))
    _run([str(python), "-m", "pip", "install", "--quiet", f"{wheel}[testing]", "--find-links", str(dist)],
         cwd=folder, timeout=1500)
    suite = folder / "suite"
    shutil.copytree(SUITE, suite, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    return python, suite


def test_the_example_suite_passes_from_the_installed_wheels_twice_serially_then_in_parallel(operator_venv):
    python, suite = operator_venv
    env = {key: value for key, value in os.environ.items() if key not in LEFT_OUT}
    env["KORE_LOBBY_CHROMIUM"] = CHROMIUM
    where = _run([str(python), "-c", "import lobby, kore_lobby_testing, kore_sandbox; "
                  "print(lobby.__file__, kore_lobby_testing.__file__, kore_sandbox.__file__)"], cwd=suite, timeout=60,
                 env=env)
    assert str(ROOT) not in where and "site-packages" in where
    collected = _run([str(python), "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"], cwd=suite,
                     timeout=120, env=env)
    count = int(collected.strip().splitlines()[-1].split()[0])
    assert 10 <= count <= 15
    serial = _run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=suite, timeout=900, env=env)
    assert f"{count} passed" in serial
    # At once again (no wait for the sign-in limits), on two workers.
    parallel = _run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2"], cwd=suite, timeout=900,
                    env=env)
    assert f"{count} passed" in parallel
