"""The product as an operator gets it: the wheels built, installed in an empty folder, run.

One test module, one installation (module-scoped fixtures): `python -m build` makes the
lobby's and the sandbox's wheels, a new virtual environment in a temporary folder outside
the checkout installs the lobby's (production: no sandbox in it), then the sandbox extra;
`kore-lobby check`, `kore-lobby sandbox` and `kore-lobby serve` (two workers, a Redis
server, JSON logs) run there, and a visitor and a signed-in player use the lobby.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
DEMO_PASSWORD = "Demo-pass-1"
SECRET = "installed-wheel-secret-" * 2


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, what: str, seconds: float = 60.0, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (requests.RequestException, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} within {seconds} s" + (f"\n{log.read_text()[-4000:]}" if log else ""))


def run(args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> Path:
    """dist/ with kore_lobby-*.whl and kore_sandbox-*.whl, built as a release is."""
    dist = tmp_path_factory.mktemp("dist")
    for project in (ROOT, ROOT / "sandbox"):
        built = run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(project)])
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return dist


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """An empty folder outside the checkout: the operator's."""
    folder = tmp_path_factory.mktemp("operator")
    assert ROOT not in folder.parents
    return folder


def _env(**settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KORE_", "LOBBY_", "REDIS_", "PYTHON", "BETCORE_", "PUBLIC_", "PROMETHEUS_"))}
    env.update(settings)
    return env


@pytest.fixture(scope="module")
def venv(wheels, home) -> Path:
    """The production install (the plain wheel), checked, then given the sandbox extra."""
    folder = home / "venv"
    assert run([sys.executable, "-m", "venv", str(folder)]).returncode == 0
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    lobby_wheel = next(wheels.glob("kore_lobby-*.whl"))
    installed = run([*pip, str(lobby_wheel)], cwd=home)
    assert installed.returncode == 0, installed.stderr[-3000:]
    # Production carries no sandbox, nor the sandbox's dependencies.
    for module in ("kore_sandbox", "betcore_sandbox", "flask_sock"):
        probe = run([str(folder / "bin" / "python"), "-c", f"import {module}"], cwd=home, env=_env())
        assert probe.returncode != 0 and "ModuleNotFoundError" in probe.stderr, module
    refused = run([str(folder / "bin" / "kore-lobby"), "sandbox"], cwd=home, env=_env())
    assert refused.returncode == 2 and "pip install 'kore-lobby[sandbox]'" in refused.stderr
    extra = run([*pip, "--find-links", str(wheels), f"{lobby_wheel}[sandbox]"], cwd=home)
    assert extra.returncode == 0, extra.stderr[-3000:]
    return folder


class Process:
    def __init__(self, args, *, cwd: Path, env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def text(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_port(home):
    assert os.path.exists(REDIS_SERVER), "redis-server is missing: `make test` installs Debian's redis-server"
    port = free_port()
    server = Process([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                     cwd=home, env=_env(), log=home / "redis.log")
    try:
        wait_until(lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() is None, "Redis answers")
        yield port
    finally:
        server.stop()


@pytest.fixture(scope="module")
def kore(venv, home):
    """`kore-lobby check` fails while no Kore answers, then `kore-lobby sandbox` serves one."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    settings = dict(KORE_API_URL=url, SECRET_KEY=SECRET, PUBLIC_URL="http://127.0.0.1:8000")
    before = run([str(venv / "bin" / "kore-lobby"), "check"], cwd=home, env=_env(**settings))
    assert before.returncode == 1
    assert re.search(r"^FAIL  kore: ", before.stdout, re.M), before.stdout
    assert re.search(r"^ok    front-end: htmx\.min\.js \d", before.stdout, re.M), before.stdout
    assert re.search(r"^ok    catalogs: 10 locales compiled", before.stdout, re.M), before.stdout
    sandbox = Process([str(venv / "bin" / "kore-lobby"), "sandbox", "--port", str(port)], cwd=home, env=_env(),
                      log=home / "sandbox.log")
    try:
        wait_until(lambda: requests.get(f"{url}/_sandbox/clock", timeout=2).ok, "the sandbox answers", log=sandbox.log)
        yield url
    finally:
        sandbox.stop()


def test_bad_settings_are_one_clear_line(venv, home):
    answer = run([str(venv / "bin" / "kore-lobby"), "check"], cwd=home,
                 env=_env(KORE_API_URL="kore.example.com", SECRET_KEY=SECRET))
    assert answer.returncode == 1
    assert answer.stdout.strip() == ("FAIL  settings: KORE_API_URL must be an http(s) URL like "
                                     "https://kore.example.com, not 'kore.example.com'")
    answer = run([str(venv / "bin" / "kore-lobby"), "serve"], cwd=home,
                 env=_env(KORE_API_URL="http://127.0.0.1:9", SECRET_KEY="short"))
    assert answer.returncode == 2 and "Traceback" not in answer.stderr
    assert answer.stderr.strip() == "Cannot start the lobby: SECRET_KEY must be at least 32 characters long in production."


@pytest.fixture(scope="module")
def lobby(venv, home, kore, redis_port):
    """`kore-lobby check` passes, then `kore-lobby serve` with two workers, Redis, JSON logs."""
    port = free_port()
    settings = dict(
        KORE_API_URL=kore, SECRET_KEY=SECRET, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        PUBLIC_URL=f"http://127.0.0.1:{port}", SECURE_COOKIES="0", LOG_FORMAT="json",
        LOBBY_PORT=str(port), WEB_CONCURRENCY="2",
    )
    checked = run([str(venv / "bin" / "kore-lobby"), "check"], cwd=home, env=_env(**settings))
    assert checked.returncode == 0, checked.stdout
    assert [line.split(":")[0] for line in checked.stdout.splitlines()] == [
        "ok    settings", "ok    kore", "ok    redis", "ok    front-end", "ok    catalogs"]
    server = Process([str(venv / "bin" / "kore-lobby"), "serve"], cwd=home, env=_env(**settings),
                     log=home / "serve.log")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: requests.get(f"{url}/readyz", timeout=2).status_code == 200, "the lobby is ready",
                   log=server.log)
        server.url = url  # type: ignore[attr-defined]
        yield server
    finally:
        server.stop()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_a_visitor_and_a_player_use_the_installed_lobby(lobby):
    url = lobby.url
    home = requests.get(f"{url}/", headers={"Accept-Language": "de-DE"}, timeout=10)
    assert home.status_code == 200
    assert '<html lang="de-DE"' in home.text and "Anmelden" in home.text  # German, from the compiled catalog
    htmx = re.search(r'src="(/vendor/htmx\.min\.js\?v=[^"]+)"', home.text)
    assert htmx, "the page loads htmx"
    script = requests.get(url + htmx.group(1).replace("&amp;", "&"), timeout=10)
    assert script.status_code == 200 and "htmx" in script.text[:2000]
    assert "max-age=31536000" in script.headers["Cache-Control"]
    # The lobby's own stylesheet, from the installed package, served minified.
    assert '/static/css/lobby.css' in home.text
    sheet = requests.get(f"{url}/static/css/lobby.css", timeout=10)
    assert sheet.status_code == 200 and sheet.headers["Content-Type"].startswith("text/css")
    assert ":root" in sheet.text and "/*" not in sheet.text and "\n  " not in sheet.text

    player = requests.Session()
    form = player.get(f"{url}/login", timeout=10)
    assert form.status_code == 200
    signed_in = player.post(f"{url}/login", data={"email": "alice@demo.kore", "password": DEMO_PASSWORD,
                                                  "play_mode": "Real", "csrf_token": _csrf(form.text)},
                            timeout=10, allow_redirects=False)
    assert signed_in.status_code == 303, signed_in.text[:500]
    lobby_page = player.get(f"{url}/", timeout=10)
    assert lobby_page.status_code == 200 and 'data-testid="balance"' in lobby_page.text
    game = re.search(r'href="(/play/[a-z0-9-]+)"', lobby_page.text).group(1)
    assert player.get(url + game, timeout=10).status_code == 200
    tournaments = player.get(f"{url}/tournaments", timeout=10)
    assert tournaments.status_code == 200
    tournament = re.search(r'href="(/tournaments/\d+)"', tournaments.text).group(1)
    assert player.get(url + tournament, timeout=10).status_code == 200
    account = player.get(f"{url}/account", timeout=10)
    assert account.status_code == 200 and "alice" in account.text.lower()


def _metric(text: str, name: str) -> float:
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name + "{"))


def test_metrics_count_the_requests_of_both_workers(lobby):
    url = lobby.url
    before = _metric(requests.get(f"{url}/metrics", timeout=10).text, "lobby_requests_total")

    def fetch(_: int) -> str:
        answer = requests.get(f"{url}/healthz", timeout=10, headers={"Connection": "close"})
        assert answer.status_code == 200
        return answer.headers["X-Request-Id"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(fetch, range(200)))
    # /metrics itself counts too. A request is counted once its answer has gone out, so the
    # last few may be counted a moment after their client has read them: wait until all are in.
    expected = before + 1 + len(ids)
    deadline = time.monotonic() + 10
    while True:
        text = requests.get(f"{url}/metrics", timeout=10, headers={"Connection": "close"}).text
        if _metric(text, "lobby_requests_total") >= expected:
            break
        assert time.monotonic() < deadline, f"{_metric(text, 'lobby_requests_total')} of {expected} requests counted"
        expected += 1
        time.sleep(0.05)
    # Both workers served some of them: their request lines name two processes.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = [json.loads(line) for line in lobby.text().splitlines() if line.startswith("{")]
        served = {line["request_id"]: line for line in lines if line.get("logger") == "lobby.access"}
        if all(request_id in served for request_id in ids):
            break
        time.sleep(0.2)
    assert len({served[request_id]["pid"] for request_id in ids}) == 2


def test_logs_are_json_lines_with_the_request_id(lobby):
    answer = requests.get(f"{lobby.url}/login", timeout=10)
    request_id = answer.headers["X-Request-Id"]
    wait_until(lambda: request_id in lobby.text(), "the request line is written", seconds=10)
    lines = [line for line in lobby.text().splitlines() if line.strip()]
    parsed = [json.loads(line) for line in lines]  # every line: gunicorn's own too
    access = [line for line in parsed if line.get("request_id") == request_id and line["logger"] == "lobby.access"]
    assert len(access) == 1
    assert (access[0]["method"], access[0]["path"], access[0]["status"], access[0]["client"]) == \
        ("GET", "/login", 200, "127.0.0.1")
    assert "Traceback" not in lobby.text()


def test_readyz_fails_while_redis_is_stopped(lobby, home, redis_port):
    client = subprocess.run(["redis-cli", "-p", str(redis_port), "shutdown", "nosave"], capture_output=True, timeout=10) \
        if shutil.which("redis-cli") else None
    if client is None:
        import redis

        try:
            redis.Redis(port=redis_port).shutdown(nosave=True)
        except redis.ConnectionError:
            pass
    wait_until(lambda: requests.get(f"{lobby.url}/readyz", timeout=5).status_code == 503, "readyz fails")
    answer = requests.get(f"{lobby.url}/readyz", timeout=5)
    assert answer.json()["redis"] == "unavailable" and answer.json()["kore"] == "ok"
    assert requests.get(f"{lobby.url}/healthz", timeout=5).status_code == 200
