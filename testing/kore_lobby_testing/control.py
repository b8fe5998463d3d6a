"""The control client of the ``sandbox`` fixture: the Kore sandbox's /_sandbox endpoints
(docs/sandbox.md, "Control endpoints") and the lobby's testing mode (/_lobby/testing), over
real HTTP, as a suite's test drives them."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import requests

#: The seeded players' password (docs/sandbox.md, "Demo players"), and players made to order's.
DEMO_PASSWORD = "Demo-pass-1"  # noqa: S105 - the sandbox's documented demo password


class ControlError(RuntimeError):
    """A control request the sandbox or the lobby refused; the message says why."""


@dataclass(frozen=True)
class Player:
    """A player a test can sign in as: the sign-in form's email and password."""

    email: str
    password: str = DEMO_PASSWORD
    currency: str = "USD"
    locale: str = "en-US"
    #: What players.create was asked for (brought back after a reset); None for seeded players.
    balance: str | None = None


class _Part:
    def __init__(self, control: "SandboxControl") -> None:
        self._control = control


class Clock(_Part):
    def now(self) -> str:
        """The sandbox's time, ISO 8601."""
        return self._control._kore("GET", "clock").json()["now"]

    def advance(self, seconds: float) -> None:
        """Move Kore's clock and the lobby's forward (tokens, idle sessions, tournaments,
        jackpots, reality checks all see the time go by)."""
        self._control._kore("POST", "clock", {"advance": seconds})
        if self._control.lobby_testing:
            self._control._lobby("POST", "clock", {"advance": seconds})


class Faults(_Part):
    def add(self, path: str = "/v3/api/*", kind: str = "error", **rule: Any) -> str:
        """A fault rule (docs/sandbox.md, "Fault rules"), e.g. ``add(status=503)`` for Kore
        down, ``add("/v3/api/users/*", kind="latency", latency_ms=800)``; returns its id."""
        return self._control._kore("POST", "faults", {"path": path, "kind": kind, **rule}).json()["id"]

    def list(self) -> list[dict[str, Any]]:
        return self._control._kore("GET", "faults").json()

    def clear(self) -> None:
        self._control._kore("DELETE", "faults")


class Outbox(_Part):
    def messages(self) -> list[dict[str, Any]]:
        """Every SMS and email the sandbox "sent", oldest first."""
        return self._control._kore("GET", "outbox").json()

    def sms_code(self, phone_or_email: str, timeout: float = 5.0) -> str:
        """The code of the latest SMS sent to that phone number (any spacing) or to that
        player's email, waiting up to ``timeout`` seconds for it."""
        wanted = phone_or_email.strip().lower()
        digits = re.sub(r"\D", "", wanted) if "@" not in wanted else None
        deadline = time.monotonic() + timeout
        while True:
            for message in reversed(self.messages()):
                if message.get("channel") != "sms" or "code" not in message:
                    continue
                if (digits and re.sub(r"\D", "", message.get("phone") or "") == digits) or (
                        message.get("email", "").lower() == wanted):
                    return message["code"]
            if time.monotonic() >= deadline:
                raise LookupError(f"no SMS code was sent to {phone_or_email}")
            time.sleep(0.1)


class Players(_Part):
    def create(self, currency: str = "USD", balance: str = "100.00", locale: str = "en-US") -> Player:
        """A new verified player with that much cash; it comes back (same address, same
        money) after every reset of this control client."""
        player = self._make({"currency": currency, "balance": str(balance), "locale": locale})
        self._control._made.append(player)
        return player

    def demo(self, email: str) -> Player:
        """One of the sandbox's seeded players (docs/sandbox.md, "Demo players")."""
        return Player(email=email)

    def _make(self, order: dict[str, Any]) -> Player:
        body = self._control._kore("POST", "players", order).json()
        return Player(body["email"], body["password"], body["currency"], body["locale"], body["balance"])


class Chats(_Part):
    def start(self, player: Player | str) -> dict[str, Any]:
        """The operator opens a chat with the player (the hub tells their live pages)."""
        return self._control._kore("POST", "chats", {"email": _email(player)}).json()


class Hub(_Part):
    def restart(self) -> None:
        """Kore's notification hub drops every connection, as a restarting hub does."""
        self._control._kore("POST", "hub/restart")

    def connections(self) -> dict[str, Any]:
        """``{"connections": n, "players": {email: n}}``: who Kore's hub is talking to."""
        return self._control._kore("GET", "hub").json()

    def wait_for(self, player: Player | str, timeout: float = 10.0) -> None:
        """Until the lobby listens to Kore's hub for the player: a live page's stream opens
        before the lobby's own connection to the hub, and an event between the two is lost."""
        email = _email(player).lower()
        deadline = time.monotonic() + timeout
        while not self.connections()["players"].get(email):
            if time.monotonic() >= deadline:
                raise TimeoutError(f"the lobby did not connect to Kore's hub for {email} in {timeout} s")
            time.sleep(0.05)


class Captcha(_Part):
    def require(self, required: bool = True) -> None:
        """CAPTCHA on sign-in and registration (the sandbox's widget passes with its test token)."""
        self._control._kore("POST", "captcha", {"required": required})


def _email(player: Player | str) -> str:
    return player if isinstance(player, str) else player.email


class SandboxControl:
    """``sandbox``: the Kore sandbox at ``url`` and, when it is in testing mode, the lobby at
    ``lobby_url``; every call is one HTTP request (ControlError when refused)."""

    def __init__(self, url: str, lobby_url: str | None = None) -> None:
        self.url = url.rstrip("/")
        self.lobby_url = lobby_url.rstrip("/") if lobby_url else None
        self.http = requests.Session()
        self._made: list[Player] = []
        self._lobby_testing: bool | None = None
        #: Bumped by every reset: sessions signed in before it are over (signed_in_page).
        self.generation = 0
        self.clock, self.faults, self.outbox = Clock(self), Faults(self), Outbox(self)
        self.players, self.chats, self.hub, self.captcha = Players(self), Chats(self), Hub(self), Captcha(self)

    # -- the whole world ---------------------------------------------------------------
    def reset(self) -> None:
        """Kore as seeded (players, sessions, tokens, limits, faults, CAPTCHA, clock, outbox)
        and the lobby's state (favourites, recently played, reality checks, caches, sign-out
        records, rate-limit counters, clock); the players made by players.create come back
        under the same addresses with the money they were made with. Signed-in sessions end."""
        self._kore("POST", "reset")
        for player in self._made:
            self.players._make({"email": player.email, "currency": player.currency, "balance": player.balance,
                                "locale": player.locale})
        if self.lobby_testing:
            self._lobby("POST", "reset")
        self.generation += 1

    def spin(self, player: Player | str, game: str) -> dict[str, Any]:
        """One round of ``game`` (a slug) in the player's live session, as a press of Spin:
        ``{"bet", "win", "balance"}``, each ``{"currency", "amount"}``."""
        return self._kore("POST", "spin", {"email": _email(player), "game": game}).json()

    @property
    def lobby_testing(self) -> bool:
        """Whether the lobby answers the testing mode's control (LOBBY_TESTING=1, this machine)."""
        if self._lobby_testing is None:
            self._lobby_testing = False
            if self.lobby_url:
                try:
                    answer = self.http.post(f"{self.lobby_url}/_lobby/testing/clock", json={"advance": 0}, timeout=10)
                    self._lobby_testing = answer.status_code == 200
                except requests.RequestException:
                    self._lobby_testing = False
        return self._lobby_testing

    # -- plumbing ----------------------------------------------------------------------
    def _kore(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self._call(method, f"{self.url}/_sandbox/{path}", body)

    def _lobby(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self._call(method, f"{self.lobby_url}/_lobby/testing/{path}", body)

    def _call(self, method: str, url: str, body: Any) -> requests.Response:
        answer = self.http.request(method, url, json=body, timeout=30)
        if answer.status_code >= 400:
            try:
                reason = answer.json().get("error")
            except ValueError:
                reason = answer.text[:200]
            raise ControlError(f"{method} {url}: {answer.status_code} {reason}")
        return answer
