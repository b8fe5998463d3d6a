"""The sandbox's clock: real time plus an offset that tests move forward."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from typing import Callable


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Clock:
    """``now()`` is the source's time shifted by whatever ``advance``/``set`` asked for.

    Time keeps flowing between calls (the source is the real clock by default), so
    the sandbox behaves like a server; tests inject their own source to freeze it.
    """

    def __init__(self, source: Callable[[], datetime] = utcnow) -> None:
        self._source = source
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._source() + self._offset

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            self._offset += timedelta(seconds=seconds)
        return self.now()

    def set(self, when: datetime) -> datetime:
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        with self._lock:
            self._offset = when - self._source()
        return self.now()

    def reset(self) -> None:
        with self._lock:
            self._offset = timedelta(0)


def iso(when: datetime) -> str:
    """The doc's date format: ISO 8601 UTC to the second (yyyy-mm-ddThh:mm:ssZ)."""
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: str) -> datetime:
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when
