"""The long fuzz (`make fuzz`): many random requests over every route of a lobby served on
loopback as `make run` serves it (uvicorn, the Kore and BETCORE sandboxes), then the count
of 500s and of tracebacks in its log. Exit status 1 if either is not zero.

Each request: a route of the URL map (path parameters real, random, unicode or huge), its
method (or another), a body urlencoded, multipart (part names broken too), JSON or raw
bytes, with the fields the lobby reads, junk and duplicates, a CSRF token valid, forged or
none, the cookie of a signed-in player, junk or none, and forged headers (X-Forwarded-For,
Host, Accept-Language, Referer, Origin, htmx). The Hypothesis fuzz in the test suite stays
small (tests/web/core/test_fuzz.py); this one runs as long as asked:

    .venv/bin/python scripts/fuzz.py --requests 100000 --threads 12 --seed 25
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
DEMO_PASSWORD = "Demo-pass-1"  # noqa: S105 - the sandbox's demo players
#: Routes the fuzz leaves out: the live stream never ends (a request would wait forever).
SKIPPED = {"/live/events"}
FIELDS = ["email", "password", "play_mode", "bonus_code", "invite_code", "type", "claim_type", "code", "next",
          "locale", "minutes", "firstname", "lastname", "birth_date", "country", "currency", "mobile_phone",
          "nickname", "terms", "new_password", "confirm", "sms_code", "address", "city", "zip", "slug", "kind",
          "fast_track_registration_code", "captcha", "lang", "ids", "latest", "q", "page", "sort", "category"]
SAMPLES = {
    "slug": ["gates-of-olympus-video-slot", "rocket-crash", "zodiac-video-slot", "european-roulette"],
    "key": ["101", "102", "104", "999"],
    "provider": ["pragmatic", "kore", "x"],
    "code": ["FRIEND42", "nope"],
    "status": ["success", "sms_verification", "x"],
    "ids": ["1", "1,2", "a,b"],
    "name": ["htmx.min.js", "nope.js"],
    "filename": ["css/lobby.css", "js/lobby.js", "../../etc/passwd"],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def junk(rng: random.Random) -> str:
    choice = rng.randrange(10)
    if choice == 0:
        return "x" * rng.choice([300, 5000, 70000])
    if choice == 1:
        return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 40)))
    if choice == 2:
        return rng.choice(["²", "٣", "\u202e", "%00", "%", "..", "/", "\\", "<script>", "' OR 1=1", "\ud7ff", " "])
    if choice == 3:
        return rng.choice(["Real", "Fun", "Cash", "Bonus", "referrer", "referee", "10", "-1", "0", "1e9"])
    if choice == 4:
        return rng.choice(["alice@demo.kore", "bob@demo.kore", "a@b", "@", "x" * 250 + "@demo.kore"])
    if choice == 5:
        return rng.choice(["https://evil.example/", "//evil.example", "/account", "javascript:alert(1)"])
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-_.") for _ in range(rng.randrange(0, 20)))


def fill(rule: str, rng: random.Random) -> str:
    def one(match: re.Match) -> str:
        name = match.group(2)
        if rng.random() < 0.6 and name in SAMPLES:
            return rng.choice(SAMPLES[name])
        return requests.utils.quote(junk(rng)[:2000], safe="")

    return re.sub(r"<(?:(\w+):)?(\w+)>", one, rule)


class Fuzzer:
    def __init__(self, base: str, routes: list[tuple[str, list[str]]], sessions: list[dict], seed: int) -> None:
        self.base, self.routes, self.sessions, self.seed = base, routes, sessions, seed
        self.statuses: collections.Counter[int] = collections.Counter()
        self.failures: list[str] = []
        self.refused_by_client = 0
        self.lock = threading.Lock()

    def request(self, rng: random.Random, http: requests.Session) -> None:
        rule, methods = rng.choice(self.routes)
        path = fill(rule, rng)
        method = rng.choice(methods) if rng.random() < 0.9 else rng.choice(["GET", "POST", "PUT", "DELETE"])
        session = rng.choice(self.sessions + [None, None])
        headers: dict[str, str] = {}
        cookies: dict[str, str] = {}
        token = None
        if session is not None:
            cookies["lobby_session"] = session["cookie"]
            token = session["csrf"]
        if rng.random() < 0.2:
            cookies["lobby_session"] = junk(rng)[:3000]
        if rng.random() < 0.5:
            headers["X-Forwarded-For"] = rng.choice(["198.51.100.7", "300.1.1.1", "x" * 300, "unknown",
                                                     "203.0.113.9, 10.0.0.1", "[::1]:80", junk(rng)[:500]])
        if rng.random() < 0.15:
            headers["Host"] = rng.choice(["evil.example", "127.0.0.1", "localhost:1", "[::1]", "a..b", junk(rng)[:200]])
        if rng.random() < 0.3:
            headers["Accept-Language"] = rng.choice(["de-DE", "el", "*", "xx;q=2", junk(rng)[:200]])
        if rng.random() < 0.3:
            headers["HX-Request"] = "true"
        for name in ("Referer", "Origin", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Request-Id", "X-CSRFToken"):
            if rng.random() < 0.1:
                headers[name] = junk(rng)[:500]
        fields = [(rng.choice(FIELDS) if rng.random() < 0.8 else junk(rng)[:50], junk(rng))
                  for _ in range(rng.randrange(0, 8))]
        csrf_choice = rng.random()
        if token and csrf_choice < 0.6:
            fields.append(("csrf_token", token))
        elif csrf_choice < 0.7:
            fields.append(("csrf_token", junk(rng)[:200]))
        kind = rng.randrange(5)
        data = files = body = None
        if method in ("POST", "PUT", "DELETE"):
            if kind == 0:
                data = fields
            elif kind == 1:
                files = [(name, (None, value)) for name, value in fields] or [("x", (None, "y"))]
            elif kind == 2:
                body = json.dumps(dict(fields) if rng.random() < 0.7 else [junk(rng) for _ in range(3)])
                headers["Content-Type"] = "application/json"
            elif kind == 3:
                name = rng.choice(['",Y[;\'\\"', '"\\', "", '"a"; filename="x"', junk(rng)[:40]])
                body = f"--XX\r\nContent-Disposition: form-data; name={name}\r\n\r\nvalue\r\n--XX--\r\n"
                headers["Content-Type"] = "multipart/form-data; boundary=XX"
            else:
                body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 2000)))
                headers["Content-Type"] = rng.choice(["application/x-www-form-urlencoded", "text/plain",
                                                      "multipart/form-data", "application/json"])
        query = [(rng.choice(FIELDS), junk(rng)[:300]) for _ in range(rng.randrange(0, 3))]
        try:
            answer = http.request(method, self.base + path, params=query, data=data if data is not None else body,
                                  files=files, headers=headers, cookies=cookies, allow_redirects=False, timeout=30)
        except (requests.exceptions.InvalidHeader, requests.exceptions.InvalidURL, UnicodeError, ValueError):
            with self.lock:
                self.refused_by_client += 1
            return
        except requests.RequestException as error:
            with self.lock:
                self.statuses[0] += 1
                self.failures.append(f"{method} {path[:120]}: {type(error).__name__}")
            return
        with self.lock:
            self.statuses[answer.status_code] += 1
            if answer.status_code >= 500 and answer.status_code != 503 or "Traceback" in answer.text:
                self.failures.append(f"{method} {path[:120]} -> {answer.status_code}")

    def run(self, total: int, threads: int) -> None:
        """Until ``total`` requests were sent (those the client library refused do not count)."""

        def worker(number: int) -> None:
            rng = random.Random(self.seed * 1000 + number)  # noqa: S311 - reproducible input, no secret
            http = requests.Session()
            while True:
                with self.lock:
                    if sum(self.statuses.values()) >= total:
                        return
                self.request(rng, http)

        pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()


def routes_of_the_app() -> list[tuple[str, list[str]]]:
    from lobby import create_app
    from lobby.config import Config

    app = create_app(Config(kore_api_url="http://127.0.0.1:9", secret_key="f" * 40,
                            betcore_jwks_url="http://127.0.0.1:9/jwks", betcore_frame_url="http://127.0.0.1:9/frame",
                            player_state_db=Path(tempfile.mkdtemp()) / "f.sqlite3"))
    return sorted((rule.rule, sorted(rule.methods - {"HEAD", "OPTIONS"})) for rule in app.url_map.iter_rules()
                  if rule.rule not in SKIPPED)


def sign_in(base: str, email: str, play_mode: str) -> dict:
    http = requests.Session()
    page = http.get(f"{base}/login", timeout=30)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    http.post(f"{base}/login", data={"email": email, "password": DEMO_PASSWORD, "play_mode": play_mode,
                                     "csrf_token": token}, timeout=30)
    page = http.get(f"{base}/", timeout=30)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    return {"cookie": http.cookies.get("lobby_session"), "csrf": token}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=12)
    parser.add_argument("--seed", type=int, default=25)
    args = parser.parse_args()

    lobby_port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="lobby-fuzz-"))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KORE_", "REDIS_", "LOBBY_"))}
    env.update(LOBBY_PORT=str(lobby_port), SANDBOX_PORT=str(free_port()), BETCORE_SANDBOX_PORT=str(free_port()),
               PLAYER_STATE_DB=str(workdir / "favourites.sqlite3"), LOG_LEVEL="WARNING")
    log_path = workdir / "lobby.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{lobby_port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                print(log_path.read_text(errors="replace"), file=sys.stderr)
                return 2
            time.sleep(0.2)
        sessions = [sign_in(base, "alice@demo.kore", "Real"), sign_in(base, "bob@demo.kore", "Fun"),
                    sign_in(base, "alice@demo.kore", "Fun")]
        fuzzer = Fuzzer(base, routes_of_the_app(), [s for s in sessions if s["cookie"]], args.seed)
        started = time.monotonic()
        fuzzer.run(args.requests, args.threads)
        took = time.monotonic() - started
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    text = log_path.read_text(errors="replace")
    tracebacks = text.count("Traceback")
    sent = sum(fuzzer.statuses.values())
    print(f"{sent:,} requests over {len(fuzzer.routes)} routes in {took:.0f} s "
          f"({sent / took:.0f}/s, {args.threads} threads, seed {args.seed}); "
          f"{fuzzer.refused_by_client:,} more refused by the client library before sending")
    print("statuses: " + ", ".join(f"{status}: {count:,}" for status, count in sorted(fuzzer.statuses.items())))
    print(f"500s: {fuzzer.statuses[500]}, other 5xx but 503: "
          f"{sum(c for s, c in fuzzer.statuses.items() if s > 500 and s != 503)}, tracebacks in the log: {tracebacks}")
    for failure in fuzzer.failures[:20]:
        print("  " + failure)
    if tracebacks:
        start = text.index("Traceback")
        print(text[max(0, start - 300):start + 3000])
    print(f"log: {log_path}")
    return 1 if fuzzer.statuses[500] or tracebacks or fuzzer.failures else 0


if __name__ == "__main__":
    sys.exit(main())
