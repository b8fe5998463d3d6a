"""The lobby served as ASGI (uvicorn) on the test sandbox, and a reader of its event streams."""

from __future__ import annotations

import queue
import re
import threading
import time

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from lobby.extensions import cache, limiter
from lobby.live.server import LiveServer
from tests.web.conftest import DEMO_PASSWORD, csrf_from


@pytest.fixture(scope="module")
def served(sandbox_server, tmp_path_factory):
    config = Config(kore_api_url=sandbox_server.url, secret_key="live-secret-" * 4, env="development",
                    player_state_db=tmp_path_factory.mktemp("live") / "favourites.sqlite3",
                    live_linger=0.3, live_keepalive=1.0)
    lobby = LiveServer(create_app(config)).start()
    yield lobby
    lobby.stop()


@pytest.fixture
def lobby(served, sandbox):
    with served.app.app_context():
        limiter.reset()
        cache.clear()
    return served


def sign_in(lobby: LiveServer, email: str = "alice@demo.kore", *, play_mode: str = "Real") -> requests.Session:
    browser = requests.Session()
    page = browser.get(f"{lobby.url}/login", timeout=10)
    answer = browser.post(f"{lobby.url}/login", data={
        "email": email, "password": DEMO_PASSWORD, "play_mode": play_mode, "csrf_token": csrf_from(page.text),
    }, allow_redirects=False, timeout=10)
    assert answer.status_code == 303 and "/login" not in answer.headers["Location"]
    return browser


class Stream:
    """A page's event stream, read in a thread: (event, data) pairs, comments left out."""

    def __init__(self, browser: requests.Session, url: str, *, referer: str | None = None) -> None:
        self.events: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self.raw: list[str] = []
        headers = {"Accept": "text/event-stream"}
        if referer:
            headers["Referer"] = referer
        self.response = browser.get(url, stream=True, timeout=10, headers=headers)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        name, data = "message", []
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                self.raw.append(line)
                if line == "":
                    if data:
                        self.events.put((name, "\n".join(data)))
                    name, data = "message", []
                elif line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].removeprefix(" "))
        except (requests.RequestException, AttributeError, ValueError):
            pass
        finally:
            self.events.put(None)

    def next(self, kind: str, timeout: float = 5.0) -> str:
        """The data of the next event of this kind (others are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {kind!r} event within {timeout} s")
            try:
                item = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if item is None:
                raise AssertionError(f"the stream ended before a {kind!r} event")
            if item[0] == kind:
                return item[1]

    def ended(self, timeout: float = 5.0) -> bool:
        """True once the server has closed the stream."""
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def close(self) -> None:
        self.response.close()


def hub(sandbox) -> dict:
    return requests.get(f"{sandbox.url}/_sandbox/hub", timeout=5).json()


def wait_for(condition, timeout: float = 5.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} not reached within {timeout} s")


def play_link(lobby: LiveServer, browser: requests.Session, slug: str = "midnight-racer-video-slot") -> str:
    page = browser.get(f"{lobby.url}/play/{slug}", timeout=10)
    match = re.search(r'<iframe class="game-frame"[^>]*\ssrc="([^"]+)"', page.text)
    assert match, "the game page has no game frame"
    return match.group(1).replace("&amp;", "&")


def spin(link: str) -> None:
    assert requests.post(link, timeout=10, allow_redirects=False).status_code == 303
