"""The servers a suite drives: a Kore sandbox in this process, and the lobby in a process of
its own, served as production serves it (gunicorn, the uvicorn worker, live pages), both on
free ports; or ones already running (KORE_SANDBOX_URL, LOBBY_URL)."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from lobby.devserver import DEMO_LICENCE_TEXT, DEMO_NEW_GAMES, DEMO_OFFER_BONUS_CODES, DEMO_OFFER_CAMPAIGNS

#: Seconds the lobby has to answer /healthz after it was started.
START_TIMEOUT = 60

#: The demo brand's settings, as `make run` gives them (lobby/devserver.py): the Offers
#: page's bonus codes and campaigns, the New row, the licence line (docs/sandbox.md).
DEMO_SETTINGS = {
    "NEW_GAMES": ",".join(DEMO_NEW_GAMES),
    "OFFER_BONUS_CODES": ",".join(DEMO_OFFER_BONUS_CODES),
    "OFFER_CAMPAIGNS": ",".join(str(campaign) for campaign in DEMO_OFFER_CAMPAIGNS),
    "LICENCE_TEXT": DEMO_LICENCE_TEXT,
}


@dataclass
class RunningServer:
    """A server the suite did not start: only its address is known."""

    url: str

    def stop(self) -> None:
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sandbox():
    """The Kore sandbox (kore-sandbox) on a free port of this machine, in this process."""
    from kore_sandbox.server import SandboxConfig, SandboxServer

    return SandboxServer(host="127.0.0.1", port=0, config=SandboxConfig.from_env()).start()


def _serve_command() -> list[str]:
    """How production starts the lobby (README, "Production"): ``kore-lobby serve``, from
    the interpreter the tests run in (its package, its settings; no file in the folder)."""
    return [sys.executable, "-m", "lobby.cli", "serve"]


class LobbyServer:
    """The lobby against ``kore_url``, in testing mode (LOBBY_TESTING=1), one worker process,
    its favourites and reality checks in ``folder``; ``url`` once it answers."""

    def __init__(self, kore_url: str, folder: Path, **settings: str) -> None:
        self.kore_url, self.folder, self.settings = kore_url.rstrip("/"), folder, settings
        self.process: subprocess.Popen | None = None
        self.log = folder / "lobby.log"
        self.url = ""

    def environment(self, port: int) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "LOBBY_URL"}}
        env.update(DEMO_SETTINGS)
        env.update(
            KORE_API_URL=self.kore_url,
            LOBBY_ENV="development",
            LOBBY_TESTING="1",
            SECRET_KEY=secrets.token_urlsafe(48),
            LOBBY_HOST="127.0.0.1",
            LOBBY_PORT=str(port),
            WEB_CONCURRENCY="1",
            PLAYER_STATE_DB=str(self.folder / "lobby.sqlite3"),
            GAME_ART_URL=f"{self.kore_url}/cdn/games/{{provider}}/{{slug}}.svg",
            CARE_LIMITS_URL=f"{self.kore_url}/pages/care_limits",
            CARE_TIME_OUT_URL=f"{self.kore_url}/pages/care_time_out",
            CARE_SELF_EXCLUSION_URL=f"{self.kore_url}/pages/care_self_exclusion",
            CARE_HELP_URL=f"{self.kore_url}/pages/care_help",
            # Pages leave quickly in a suite: a session's hub connection need not linger.
            LIVE_LINGER="0.5",
        )
        env.update(self.settings)
        return env

    def start(self) -> "LobbyServer":
        for _attempt in range(3):  # a free port can be taken between the check and gunicorn's bind
            port = free_port()
            with open(self.log, "ab") as out:
                self.process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
                    _serve_command(), env=self.environment(port), cwd=self.folder, stdout=out,
                    stderr=subprocess.STDOUT,
                )
            self.url = f"http://127.0.0.1:{port}"
            if self._wait():
                return self
            self.stop()
        raise RuntimeError(f"the lobby did not start; its log ({self.log}):\n{self.log.read_text(errors='replace')}")

    def _wait(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
