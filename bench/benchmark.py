"""Measure the lobby under gunicorn against a Kore sandbox answering with a fixed latency.

    .venv/bin/python bench/benchmark.py [--latency 50] [--duration 10] [--concurrency N]
                                        [--saturation 64] [--json]

It starts, on free loopback ports, the Kore sandbox (bench/sandbox.py: every Kore call
answered ``--latency`` ms after it arrived) and the lobby as production runs it
(``gunicorn -c python:lobby.gunicorn_conf lobby.asgi:app``, or ``lobby.wsgi:app`` with ``--server
gthread``; ``LOBBY_ENV=production``, a generated
``SECRET_KEY``); signs the demo players in through the lobby's login form; then, from a
second process, sends ``--concurrency`` keep-alive clients (default: one per CPU) at each
page for ``--duration`` seconds after a warm-up, then again with ``--saturation`` clients,
and prints for both runs requests per second, p50/p99 latency, errors and p50 ÷ the
injected latency, each page's JavaScript and CSS weight once gzip-compressed, the CPU each
process spent per request and what other programs used meanwhile, then the targets of
issue 21 (the constants below), each met or missed. Whatever it starts it stops, on errors and Ctrl-C too. Exit status: 0 when
every target is met, 1 when one is missed, 2 when the benchmark could not run.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import math
import multiprocessing
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DEMO_PASSWORD = "Demo-pass-1"  # noqa: S105 - the demo players' documented password
#: Demo players with a Real account (docs/sandbox.md). Each signs in once: a second
#: sign-in of the same player would end the first session (single sign-on), and the
#: sandbox allows 20 sign-ins a minute from one address.
PLAYERS = (
    "alice@demo.kore",
    "bruno@demo.kore",
    "chidi@demo.kore",
    "satoshi@demo.kore",
    "priya@demo.kore",
    "lars@demo.kore",
)
#: Targets (issue 21): at two clients, every signed-in page within one Kore round trip…
P50_FACTOR = 1.15
#: …and at saturation (SATURATION clients) the signed-in lobby's throughput and tail,
RPS_TARGET = 400
P99_FACTOR = 4
#: the lobby's CPU per page (ms, all its processes, under the saturation run),
CPU_TARGETS = {"anonymous lobby": 1.5, "logged-in lobby": 3.0, "tournament page": 4.0, "game page": 4.0}
#: and no page heavier than this (bytes of gzip-compressed JavaScript and CSS).
WEIGHT_BUDGET = 32_000
SATURATION = 64
SIGNED_IN_PAGES = ("logged-in lobby", "tournament page", "game page")
#: gzip level used to weigh assets (what a proxy or CDN in front of the lobby would use).
GZIP_LEVEL = 6
#: Safety bounds for the load process, whatever the options say.
MAX_REQUESTS_PER_PAGE = 100_000
REQUEST_TIMEOUT = 15
START_TIMEOUT = 30


class BenchmarkError(RuntimeError):
    """Something the benchmark needs did not work; the message says what."""


# -- the processes it starts ----------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int, *, group: bool) -> float:
    """CPU time used so far by a process (with ``group``: by every process of its group,
    and the children they reaped: a gunicorn worker restarted after ``max_requests`` leaves
    its CPU in the master's count of reaped children, not with the live processes).

    Read from /proc; 0.0 where there is none (not Linux).
    """
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    candidates = Path("/proc").glob("[0-9]*") if group else [Path(f"/proc/{pid}")]
    for entry in candidates:
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        # After the command: state ppid pgrp session ... utime (12th) stime (13th), then
        # cutime and cstime (the reaped children's).
        if group and int(fields[2]) != pid:
            continue
        total += int(fields[11]) + int(fields[12])
        if group:
            total += int(fields[13]) + int(fields[14])
    return total / ticks


def machine_busy_seconds() -> float:
    """CPU time all processes of the machine have used (every core), from /proc/stat."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / (os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100)


class Service:
    """A server in a process of its own (and session, so only we signal it)."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_path: Path) -> None:
        self.name, self.argv, self.env, self.log_path = name, argv, env, log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> "Service":
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - argv built by the benchmark itself, no shell
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def wait_until_answering(self, url: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise BenchmarkError(f"{self.name} exited at start-up:\n{self.log_tail()}")
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise BenchmarkError(f"{self.name} did not answer {url} within {START_TIMEOUT} s:\n{self.log_tail()}")

    def cpu_seconds(self) -> float:
        """CPU used by the server and its workers (its own process group)."""
        return cpu_seconds(self.process.pid, group=True) if self.process else 0.0

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        """SIGTERM (gunicorn's graceful stop), then SIGKILL to its process group if needed."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # its own session: its workers only
            except ProcessLookupError:
                pass
            process.wait(timeout=5)


def start_sandbox(server: str, latency_ms: int, model: str, workdir: Path) -> tuple[Service, str]:
    """The Kore sandbox in a process of its own (bench/sandbox.py), every call slowed down."""
    port = free_port()
    argv = [
        sys.executable,
        str(ROOT / "bench" / "sandbox.py"),
        "--port",
        str(port),
        "--latency",
        str(latency_ms),
        "--latency-model",
        model,
        "--server",
        server,
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    url = f"http://{HOST}:{port}"
    service = Service(f"Kore sandbox ({server})", argv, env, workdir / "sandbox.log").start()
    service.wait_until_answering(f"{url}/_sandbox/endpoints")
    return service, url


def start_redis(workdir: Path) -> tuple[Service, str]:
    """A Redis server of its own: several lobby processes share limits and records through it,
    as production must (lobby/gunicorn_conf.py refuses several workers without REDIS_URL)."""
    port = free_port()
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    argv = [server, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
    service = Service("Redis", argv, dict(os.environ), workdir / "redis.log").start()
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline:
                raise BenchmarkError(f"redis-server did not answer:\n{service.log_tail()}") from None
            time.sleep(0.1)
    return service, f"redis://{HOST}:{port}/0"


#: What the lobby is served as: the ASGI application with live pages (the production
#: recipe, docs/live.md), or the WSGI application under gunicorn's gthread workers.
SERVERS = {
    "asgi": ("lobby.asgi:app", "gunicorn + uvicorn workers (lobby.asgi)"),
    "gthread": ("lobby.wsgi:app", "gunicorn gthread (lobby.wsgi)"),
}


def start_lobby(
    kore_url: str,
    workers: int,
    threads: int,
    workdir: Path,
    redis_url: str | None = None,
    server: str = "asgi",
    **settings: str,
) -> tuple[Service, str]:
    """The lobby as production runs it; ``settings``: more of its environment."""
    port = free_port()
    env = dict(
        os.environ,
        KORE_API_URL=kore_url,
        LOBBY_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        # Plain http on loopback: a Secure cookie would never come back.
        SECURE_COOKIES="0",
        LOBBY_HOST=HOST,
        LOBBY_PORT=str(port),
        # Production refuses to start without it (no link is built from the Host header).
        PUBLIC_URL=f"http://{HOST}:{port}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_THREADS=str(threads),
        WSGI_THREADS=str(threads),
        **settings,
    )
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    argv = [sys.executable, "-m", "gunicorn", "-c", "python:lobby.gunicorn_conf", SERVERS[server][0]]
    url = f"http://{HOST}:{port}"
    service = Service(f"lobby ({SERVERS[server][1]})", argv, env, workdir / "lobby.log").start()
    service.wait_until_answering(f"{url}/healthz")
    return service, url


# -- signing in and finding the pages ---------------------------------------------------

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
#: A signed-in page shows the balance and a sign-out form.
SIGNED_IN = ('data-testid="balance"', 'action="/logout"')
#: A page that fell back on what it could not get from Kore.
DEGRADED = ("Balance unavailable", 'class="stale-notice"')

Cookies = list[tuple[str, str, str, str]]  # name, value, domain, path


def sign_in(base: str, email: str) -> Cookies:
    """Sign in through the login form, as a browser does; returns the session's cookies."""
    with requests.Session() as session:
        page = session.get(f"{base}/login", timeout=REQUEST_TIMEOUT)
        token = CSRF.search(page.text)
        if page.status_code != 200 or token is None:
            raise BenchmarkError(f"the login page answered {page.status_code} without a CSRF token")
        answer = session.post(
            f"{base}/login",
            data={
                "email": email,
                "password": DEMO_PASSWORD,
                "play_mode": "Real",
                "next": "",
                "csrf_token": token.group(1),
            },
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )
        if answer.status_code != 303 or "/login" in answer.headers.get("Location", ""):
            raise BenchmarkError(f"signing in {email} answered {answer.status_code}")
        lobby = session.get(f"{base}/", timeout=REQUEST_TIMEOUT)
        if not all(marker in lobby.text for marker in SIGNED_IN):
            raise BenchmarkError(f"{email} is not signed in after the login form")
        return [(c.name, c.value or "", c.domain, c.path) for c in session.cookies]


def get_page(base: str, path: str, cookies: Cookies | None) -> requests.Response:
    with requests.Session() as session:
        _load_cookies(session, cookies)
        return session.get(base + path, timeout=REQUEST_TIMEOUT, allow_redirects=False)


def find_tournament(base: str, cookies: Cookies) -> str:
    """A running tournament, else one open for registration, from the lobby's own list."""
    for status in ("Started", "RegistrationOpened"):
        page = get_page(base, f"/tournaments/?status={status}", cookies)
        keys = [k for k in re.findall(r'href="/tournaments/([^"/?#]+)"', page.text) if k != "news"]
        if page.status_code == 200 and keys:
            return f"/tournaments/{keys[0]}"
    raise BenchmarkError("the lobby lists no Started or RegistrationOpened tournament")


def find_game(base: str, cookies: Cookies) -> str:
    page = get_page(base, "/", cookies)
    slugs = re.findall(r'href="/play/([^"/?#]+)"', page.text)
    if not slugs:
        raise BenchmarkError("the lobby lists no game")
    return f"/play/{slugs[0]}"


# -- page weight ----------------------------------------------------------------------


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"])
        elif tag == "link" and "stylesheet" in (values.get("rel") or "").lower().split() and values.get("href"):
            self.urls.append(values["href"])


def page_weight(base: str, path: str, cookies: Cookies | None, sizes: dict[str, tuple[int, int]]) -> dict:
    """The JavaScript and CSS a page references, fetched from the lobby: raw and gzip bytes."""
    page = get_page(base, path, cookies)
    parser = _Assets()
    parser.feed(page.text)
    assets = []
    for src in dict.fromkeys(parser.urls):  # each file once, in page order
        url = urljoin(base + path, src)
        if urlsplit(url).netloc != urlsplit(base).netloc:
            raise BenchmarkError(f"{path} loads {url} from elsewhere; the benchmark weighs only the lobby's files")
        if url not in sizes:
            answer = requests.get(url, timeout=REQUEST_TIMEOUT)
            if answer.status_code != 200:
                raise BenchmarkError(f"{url} answered {answer.status_code}")
            sizes[url] = (len(answer.content), len(gzip.compress(answer.content, GZIP_LEVEL)))
        raw, packed = sizes[url]
        assets.append({"url": urlsplit(url).path, "bytes": raw, "gzip_bytes": packed})
    return {
        "assets": assets,
        "bytes": sum(a["bytes"] for a in assets),
        "gzip_bytes": sum(a["gzip_bytes"] for a in assets),
    }


# -- the load (in a second process) ---------------------------------------------------


def _load_cookies(session: requests.Session, cookies: Cookies | None) -> None:
    for name, value, domain, path in cookies or ():
        session.cookies.set(name, value, domain=domain, path=path)


def _percentile(ordered: list[float], p: float) -> float:
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _cookie_header(cookies: Cookies | None) -> str:
    return "; ".join(f"{name}={value}" for name, value, _domain, _path in cookies or ())


def _drive_one(base: str, page: dict, concurrency: int, duration: float) -> dict:
    """``concurrency`` threads, one keep-alive connection each, for ``duration`` seconds.

    http.client rather than requests: at hundreds of pages a second on two cores, the
    load's own CPU competes with the lobby's, and requests costs several times more per
    request. Each client sends its player's cookies as a browser would and checks what
    came back (status, signed in, not degraded)."""
    latencies: list[float] = []
    failures: dict[str, int] = {}
    lock = threading.Lock()
    issued = 0
    where = urlsplit(base)
    path = page["path"]
    signed_in = bool(page["cookies"])
    markers = [m.encode() for m in SIGNED_IN] if signed_in else []
    degraded = [m.encode() for m in DEGRADED]
    started = time.monotonic()
    stop_at = started + duration

    def record(ms: float, failure: str | None) -> None:
        with lock:
            latencies.append(ms)
            if failure:
                failures[failure] = failures.get(failure, 0) + 1

    def client(index: int) -> None:
        nonlocal issued
        headers = {"Accept": "text/html", "Accept-Encoding": "identity"}
        if signed_in:
            headers["Cookie"] = _cookie_header(page["cookies"][index % len(page["cookies"])])
        connection = http.client.HTTPConnection(where.hostname, where.port, timeout=REQUEST_TIMEOUT)
        try:
            while time.monotonic() < stop_at:
                with lock:
                    if issued >= MAX_REQUESTS_PER_PAGE:
                        return
                    issued += 1
                begun = time.perf_counter()
                failure = None
                try:
                    connection.request("GET", path, headers=headers)
                    answer = connection.getresponse()
                    body = answer.read()
                    if answer.status != 200:
                        failure = f"HTTP {answer.status}"
                    elif not all(marker in body for marker in markers):
                        failure = "not signed in"
                    elif any(marker in body for marker in degraded):
                        failure = "degraded page"
                    if answer.will_close:
                        connection.close()
                except (OSError, http.client.HTTPException) as error:
                    failure = type(error).__name__
                    connection.close()
                record((time.perf_counter() - begun) * 1000, failure)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + REQUEST_TIMEOUT + 5)
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": sum(failures.values()),
        "error_kinds": failures,
        "seconds": round(elapsed, 2),
        "rps": len(ordered) / elapsed if elapsed else 0.0,
        "p50_ms": _percentile(ordered, 50),
        "p99_ms": _percentile(ordered, 99),
    }


def drive(base: str, pages: list[dict], concurrency: int, warmup: float, duration: float, results) -> None:
    """The load process: each page in turn, warm-up first (not counted)."""
    try:
        for index, page in enumerate(pages):
            if warmup > 0:
                _drive_one(base, page, concurrency, warmup)
            results.put(("measuring", index))
            results.put(("measured", _drive_one(base, page, concurrency, duration)))
        results.put(("done", None))
    except KeyboardInterrupt:
        results.put(("interrupted", None))
    except Exception as error:  # reported by the parent
        results.put(("error", f"{type(error).__name__}: {error}"))


def run_load(
    base: str, pages: list[dict], concurrency: int, warmup: float, duration: float, services: dict[str, "Service"]
) -> list[dict]:
    """Drive the pages from a second process; adds the CPU each process spent per request."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(
        target=drive, args=(base, pages, concurrency, warmup, duration, results), name="bench-load", daemon=True
    )
    process.start()
    finished = False
    try:
        deadline = time.monotonic() + len(pages) * (warmup + duration + REQUEST_TIMEOUT + 10) + 30
        measured: list[dict] = []
        while True:
            try:
                status, payload = results.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise BenchmarkError("the load process did not finish in time") from None
            if status == "measuring":
                before = _cpu(services, process.pid)
            elif status == "measured":
                after = _cpu(services, process.pid)
                requests_made = max(1, payload["requests"])
                spent = {name: after[name] - before[name] for name in after}
                payload["cpu_ms_per_request"] = {
                    name: round(seconds * 1000 / requests_made, 2)
                    for name, seconds in spent.items()
                    if name != "machine"
                }
                # What everything else on the machine used meanwhile, in cores: other
                # work competes for the same CPUs and makes the figures worse.
                ours = sum(seconds for name, seconds in spent.items() if name != "machine")
                payload["other_cores"] = round(max(0.0, spent["machine"] - ours) / payload["seconds"], 2)
                measured.append(payload)
            elif status == "done":
                finished = True
                return measured
            else:
                raise BenchmarkError(f"the load process stopped: {payload}")
    finally:
        # After "done" it is exiting; after an error or Ctrl-C, stop it at once.
        process.join(timeout=10 if finished else 0.5)
        if process.is_alive():
            process.terminate()
            process.join(timeout=5)


def _cpu(services: dict[str, "Service"], load_pid: int | None) -> dict[str, float]:
    figures = {name: service.cpu_seconds() for name, service in services.items()}
    figures["load"] = cpu_seconds(load_pid, group=False) if load_pid else 0.0
    figures["machine"] = machine_busy_seconds()
    return figures


# -- the report -----------------------------------------------------------------------


@dataclass
class Report:
    latency_ms: int
    duration_s: float
    warmup_s: float
    concurrency: int
    cpus: int
    lobby: dict
    sandbox: str
    latency_model: str
    pages: list[dict] = field(default_factory=list)
    #: The same pages with ``saturation_concurrency`` clients (none when 0).
    saturation_concurrency: int = 0
    saturation: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return all(target["met"] for target in self.targets)


def judge(report: Report) -> None:
    """The targets, each with what was measured (all must be met for exit status 0)."""
    latency = report.latency_ms
    by_name = {page["name"]: page for page in report.pages}
    targets = []
    for name in SIGNED_IN_PAGES:
        p50 = by_name[name]["p50_ms"]
        targets.append(
            {
                "target": f"{name} p50 at {report.concurrency} clients ≤ {P50_FACTOR} × latency "
                f"({P50_FACTOR * latency:.0f} ms)",
                "measured": f"{p50:.1f} ms",
                "met": p50 <= P50_FACTOR * latency,
            }
        )
    if report.saturation:
        full = {page["name"]: page for page in report.saturation}
        lobby = full["logged-in lobby"]
        targets.append(
            {
                "target": f"logged-in lobby at {report.saturation_concurrency} clients ≥ {RPS_TARGET} pages/s",
                "measured": f"{lobby['rps']:.1f} pages/s",
                "met": lobby["rps"] >= RPS_TARGET,
            }
        )
        targets.append(
            {
                "target": f"logged-in lobby p99 at {report.saturation_concurrency} clients ≤ {P99_FACTOR} × "
                f"latency ({P99_FACTOR * latency} ms)",
                "measured": f"{lobby['p99_ms']:.1f} ms",
                "met": lobby["p99_ms"] <= P99_FACTOR * latency,
            }
        )
        for name, limit in CPU_TARGETS.items():
            cpu = full[name]["cpu_ms_per_request"]["lobby"]
            targets.append(
                {
                    "target": f"{name}: ≤ {limit:g} ms of lobby CPU per page",
                    "measured": f"{cpu:.2f} ms",
                    "met": cpu <= limit,
                }
            )
    heaviest = max(report.pages, key=lambda page: page["weight"]["gzip_bytes"])
    targets.append(
        {
            "target": f"≤ {WEIGHT_BUDGET // 1000} KB gzip JS+CSS per page",
            "measured": f"{heaviest['weight']['gzip_bytes'] / 1000:.1f} KB ({heaviest['name']})",
            "met": heaviest["weight"]["gzip_bytes"] <= WEIGHT_BUDGET,
        }
    )
    errors = sum(page["errors"] for page in report.pages + report.saturation)
    targets.append({"target": "zero errors", "measured": str(errors), "met": errors == 0})
    report.targets = targets


def print_report(report: Report) -> None:
    lobby = report.lobby
    print(
        f"\nKore latency {report.latency_ms} ms per call ({report.latency_model}) · "
        f"{report.duration_s:g} s per page after {report.warmup_s:g} s warm-up · {report.cpus} CPUs\n"
        f"lobby: {SERVERS[lobby['server']][1]}, {lobby['workers']} workers × {lobby['threads']} threads · "
        f"sandbox: {report.sandbox}\n"
    )
    runs = [(report.concurrency, report.pages)]
    if report.saturation:
        runs.append((report.saturation_concurrency, report.saturation))
    header = (
        f"{'page':<17} {'clients':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'p50/lat':>7} "
        f"{'errors':>6} {'lobby CPU':>9} {'JS+CSS gz':>10}"
    )
    print(header)
    print("-" * len(header))
    for index, page in enumerate(report.pages):
        for clients, run in runs:
            figures = run[index]
            print(
                f"{page['name'] if clients == report.concurrency else '':<17} {clients:>7} {figures['rps']:>7.1f} "
                f"{figures['p50_ms']:>7.1f} {figures['p99_ms']:>7.1f} {figures['p50_ratio']:>7.2f} "
                f"{figures['errors']:>6} {figures['cpu_ms_per_request']['lobby']:>6.2f} ms "
                f"{page['weight']['gzip_bytes'] / 1000:>7.1f} KB"
            )
    print(f"\nCPU ms per request (the {report.cpus} CPUs are shared), and the cores other programs used meanwhile:")
    for clients, run in runs:
        for page in run:
            cpu = page["cpu_ms_per_request"]
            print(
                f"  {page['name']:<17} {clients:>3} clients  "
                + "  ".join(f"{name} {value:5.2f}" for name, value in cpu.items())
                + f"   other programs {page['other_cores']:.2f} cores"
            )
    busiest = max(page["other_cores"] for _, run in runs for page in run)
    if busiest > 0.1 * report.cpus:
        print(
            f"  warning: other programs kept up to {busiest:.2f} cores busy; the figures are worse than on a quiet machine"
        )
    for clients, run in runs:
        for page in run:
            if page["error_kinds"]:
                print(f"  {page['name']} ({clients} clients): {page['error_kinds']}")
    print()
    for target in report.targets:
        print(f"{'met   ' if target['met'] else 'MISSED'}  {target['target']}: {target['measured']}")


# -- main -----------------------------------------------------------------------------


def benchmark(args: argparse.Namespace, workdir: Path, log) -> Report:
    services: list[Service] = []
    try:
        log(f"starting the Kore sandbox ({args.sandbox}, {args.latency} ms per call, {args.latency_model})")
        sandbox, kore_url = start_sandbox(args.sandbox, args.latency, args.latency_model, workdir)
        services.append(sandbox)
        redis_url = None
        if args.workers > 1:
            log("starting a Redis server (shared by the lobby's processes)")
            redis, redis_url = start_redis(workdir)
            services.append(redis)
        log(f"starting the lobby: {SERVERS[args.server][1]}, {args.workers} workers × {args.threads} threads")
        lobby, base = start_lobby(kore_url, args.workers, args.threads, workdir, redis_url, args.server)
        services.append(lobby)

        log(f"signing in {len(PLAYERS)} demo players through the login form")
        sessions = [sign_in(base, email) for email in PLAYERS]
        tournament = find_tournament(base, sessions[0])
        game = find_game(base, sessions[0])
        # Only players who may see that tournament (Real players of its currency) load it.
        viewers = [s for s in sessions if get_page(base, tournament, s).status_code == 200]
        if not viewers:
            raise BenchmarkError(f"no demo player can open {tournament}")
        pages = [
            {"name": "anonymous lobby", "path": "/", "cookies": []},
            {"name": "logged-in lobby", "path": "/", "cookies": sessions},
            {"name": "tournament page", "path": tournament, "cookies": viewers},
            {"name": "game page", "path": game, "cookies": sessions},
        ]

        sizes: dict[str, tuple[int, int]] = {}
        for page in pages:
            page["weight"] = page_weight(base, page["path"], page["cookies"][0] if page["cookies"] else None, sizes)

        log(
            f"driving load from a second process: {len(pages)} pages × ({args.warmup:g} s warm-up + {args.duration:g} s)"
        )
        measured = run_load(
            base, pages, args.concurrency, args.warmup, args.duration, {"lobby": lobby, "sandbox": sandbox}
        )
        report = Report(
            latency_ms=args.latency,
            duration_s=args.duration,
            warmup_s=args.warmup,
            concurrency=args.concurrency,
            cpus=os.cpu_count() or 1,
            lobby={"workers": args.workers, "threads": args.threads, "server": args.server},
            sandbox=f"{args.sandbox} (one process)",
            latency_model=args.latency_model,
        )
        report.pages = _figures(pages, measured, args.latency)
        if args.saturation:
            log(f"and again with {args.saturation} clients: the lobby at saturation")
            saturated = run_load(
                base, pages, args.saturation, args.warmup, args.duration, {"lobby": lobby, "sandbox": sandbox}
            )
            report.saturation_concurrency = args.saturation
            report.saturation = _figures(pages, saturated, args.latency)
        judge(report)
        return report
    finally:
        for service in reversed(services):
            service.stop()


def _figures(pages: list[dict], measured: list[dict], latency: int) -> list[dict]:
    return [
        {
            "name": page["name"],
            "path": page["path"],
            **figures,
            "p50_ratio": figures["p50_ms"] / latency if latency else math.nan,
            "weight": page["weight"],
        }
        for page, figures in zip(pages, measured, strict=True)
    ]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    cpus = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description="Benchmark the lobby under gunicorn against a slow Kore sandbox.")
    parser.add_argument("--latency", type=int, default=50, help="ms each Kore call takes (default 50)")
    parser.add_argument("--duration", type=float, default=10, help="seconds of measured load per page (default 10)")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of unmeasured load per page first (default 3)")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=cpus,
        help="keep-alive clients at once (default: one per CPU, here %(default)s)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY") or 2 * cpus),
        help="gunicorn workers (default WEB_CONCURRENCY, else 2 × CPUs)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("GUNICORN_THREADS") or 16),
        help="threads per worker (default GUNICORN_THREADS, else 16)",
    )
    parser.add_argument(
        "--latency-model",
        choices=("total", "added"),
        default="total",
        help="total: each Kore call answered LATENCY ms after it arrived, the sandbox's own work "
        "included (default); added: the sandbox's SANDBOX_LATENCY_MS, on top of its work",
    )
    parser.add_argument(
        "--sandbox",
        choices=("gunicorn", "werkzeug"),
        default="gunicorn",
        help="serve the sandbox from gunicorn gthread (keep-alive, default) or werkzeug's dev server",
    )
    parser.add_argument(
        "--server",
        choices=tuple(SERVERS),
        default="asgi",
        help="asgi: lobby.asgi under uvicorn workers, with live pages (default); "
        "gthread: lobby.wsgi under gthread workers",
    )
    parser.add_argument(
        "--saturation",
        type=int,
        default=SATURATION,
        help="clients of the second, saturating run (default %(default)s; 0: no second run)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.latency < 0 or args.duration <= 0 or args.warmup < 0 or args.concurrency < 1:
        parser.error("latency and warm-up must be ≥ 0, duration > 0 and concurrency ≥ 1")
    if args.saturation < 0:
        parser.error("saturation must be ≥ 0 clients")
    if args.duration > 600 or args.concurrency > 256 or args.saturation > 256:
        parser.error("at most 600 s per page and 256 clients")
    return args


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt


def run_guarded(work, prefix: str):
    """``work(workdir, log)`` in a temporary folder, stopped cleanly by Ctrl-C or SIGTERM:
    (None, its result), or (the exit status, None) when it could not run."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)

    def log(message: str) -> None:
        print(f"· {message}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix=prefix) as workdir:
        try:
            return None, work(Path(workdir), log)
        except BenchmarkError as error:
            print(f"benchmark failed: {error}", file=sys.stderr)
            return 2, None
        except KeyboardInterrupt:
            print("benchmark interrupted; everything it started is stopped", file=sys.stderr)
            return 130, None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    status, report = run_guarded(lambda workdir, log: benchmark(args, workdir, log), "lobby-bench-")
    if status is not None:
        return status
    if args.json:
        print(json.dumps({**asdict(report), "met": report.met}, indent=2))
    else:
        print_report(report)
    return 0 if report.met else 1


if __name__ == "__main__":
    sys.exit(main())
