"""Where reality checks are kept: each player's interval, and each session's clock.

Both must be the same on every process that serves the player, and the clock must
not go back when one tab's response carries an older session cookie than another's:
so neither lives in the cookie. With REDIS_URL they live in Redis; without, in the
lobby's local SQLite file (PLAYER_STATE_DB, beside favourites), which every process of
one machine shares and which survives a restart. The process cache is no place for
them: without Redis it is one copy per process.

A player is known by ``lobby.core.players.owner_of`` (a hash of brand and Kore user path), a
session by its random id (``Player.sid``); neither is the token or the email.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol


from lobby.core.sqlite import ThreadConnections
from lobby.core.store import redis_client

#: How long a session's clock is kept: a Kore token lives 24 hours at most.
SESSION_TTL = 25 * 3600


@dataclass
class SessionClock:
    """One signed-in session: when it started, when the player last said Continue (or
    set the interval), and what their account showed at sign-in (``baseline``)."""

    started: float
    #: When the player last pressed Continue (``reality.continue_playing``): the name is the
    #: stored one (Redis and SQLite keep this dataclass as JSON), so sessions survive an upgrade.
    acknowledged: float
    baseline: dict[str, Any] = field(default_factory=dict)

    @property
    def anchor(self) -> float:
        """Where the interval is counted from."""
        return max(self.started, self.acknowledged)


class Store(Protocol):
    def interval(self, owner: str) -> int: ...
    def set_interval(self, owner: str, minutes: int) -> None: ...
    def session(self, sid: str) -> SessionClock | None: ...
    def save_session(self, sid: str, clock: SessionClock) -> None: ...
    def forget_session(self, sid: str) -> None: ...
    def clear(self) -> None: ...


class SqliteStore:
    """Both tables in one SQLite file; one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = ThreadConnections(path)
        db = self._connection()
        db.execute("CREATE TABLE IF NOT EXISTS reality_check_intervals (owner TEXT PRIMARY KEY, minutes INTEGER NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS reality_check_sessions (sid TEXT PRIMARY KEY, clock TEXT NOT NULL, "
                   "expires REAL NOT NULL)")

    def interval(self, owner: str) -> int:
        row = self._connection().execute(
            "SELECT minutes FROM reality_check_intervals WHERE owner = ?", (owner,)).fetchone()
        return int(row[0]) if row else 0

    def set_interval(self, owner: str, minutes: int) -> None:
        self._connection().execute("INSERT OR REPLACE INTO reality_check_intervals VALUES (?, ?)", (owner, minutes))

    def session(self, sid: str) -> SessionClock | None:
        row = self._connection().execute(
            "SELECT clock FROM reality_check_sessions WHERE sid = ?", (sid,)).fetchone()
        return SessionClock(**json.loads(row[0])) if row else None

    def save_session(self, sid: str, clock: SessionClock) -> None:
        db = self._connection()
        now = time.time()
        db.execute("INSERT OR REPLACE INTO reality_check_sessions VALUES (?, ?, ?)",
                   (sid, json.dumps(asdict(clock)), now + SESSION_TTL))
        db.execute("DELETE FROM reality_check_sessions WHERE expires < ?", (now,))

    def forget_session(self, sid: str) -> None:
        self._connection().execute("DELETE FROM reality_check_sessions WHERE sid = ?", (sid,))

    def clear(self) -> None:
        """Every interval and session clock gone (testing mode's reset)."""
        db = self._connection()
        db.execute("DELETE FROM reality_check_intervals")
        db.execute("DELETE FROM reality_check_sessions")


class RedisStore:
    """Intervals as plain keys, session clocks as JSON that expire with the token."""

    def __init__(self, url: str) -> None:
        self.redis = redis_client(url)

    def interval(self, owner: str) -> int:
        return self.parse_interval(self.redis.get(self.interval_key(owner)))

    @staticmethod
    def interval_key(owner: str) -> str:
        return f"lobby:reality-interval:{owner}"

    @staticmethod
    def parse_interval(value: Any) -> int:
        return int(value) if value else 0

    @staticmethod
    def session_key(sid: str) -> str:
        return f"lobby:reality-session:{sid}"

    @staticmethod
    def parse_session(value: Any) -> SessionClock | None:
        return SessionClock(**json.loads(value)) if value else None

    def set_interval(self, owner: str, minutes: int) -> None:
        self.redis.set(self.interval_key(owner), minutes)

    def session(self, sid: str) -> SessionClock | None:
        return self.parse_session(self.redis.get(self.session_key(sid)))

    def save_session(self, sid: str, clock: SessionClock) -> None:
        self.redis.set(self.session_key(sid), json.dumps(asdict(clock)), ex=SESSION_TTL)

    def forget_session(self, sid: str) -> None:
        self.redis.delete(self.session_key(sid))

    def clear(self) -> None:
        """Every interval and session clock gone (testing mode's reset)."""
        for pattern in ("lobby:reality-interval:*", "lobby:reality-session:*"):
            for key in self.redis.scan_iter(match=pattern):
                self.redis.delete(key)
