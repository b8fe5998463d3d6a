"""Fault rules: make /v3/api requests slow, fail, hang or drop, on purpose.

A rule (JSON)::

    {"method": "GET" | "POST" | … | "*",      default "*"
     "path": "/v3/api/games",                  fnmatch glob, e.g. "/v3/api/users/*"
     "kind": "latency" | "error" | "timeout" | "reset",
     "latency_ms": 250,                        extra delay before answering (any kind)
     "status": 503,                            error: HTTP status (default: the code's)
     "error": "rate_limit_exceeded" | null,    error: a Kore code, or null for a plain
                                               non-Kore body (like a load balancer)
     "retry_after": 30 | null,                 error: Retry-After header
     "times": 2 | null}                        the next n matching requests; null = all

The first matching rule wins; a rule with ``times`` disappears once used up.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from fnmatch import fnmatchcase
from typing import Any

from lobby.kore.errors import ErrorCode

KINDS = ("latency", "error", "timeout", "reset")
METHODS = ("*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
#: How long a ``timeout`` rule hangs when it names no latency: longer than any client waits.
DEFAULT_TIMEOUT_MS = 30_000


@dataclass
class FaultRule:
    id: str
    path: str
    kind: str
    method: str = "*"
    latency_ms: int = 0
    status: int | None = None
    error: str | None = None
    retry_after: float | None = None
    times: int | None = None

    @classmethod
    def from_json(cls, rule_id: str, data: Any) -> "FaultRule":
        """Raises ValueError naming what is wrong with the rule."""
        if not isinstance(data, dict):
            raise ValueError("a fault rule is a JSON object")
        unknown = set(data) - {"method", "path", "kind", "latency_ms", "status", "error", "retry_after", "times", "id"}
        if unknown:
            raise ValueError(f"unknown fault rule properties: {sorted(unknown)}")
        method = str(data.get("method") or "*").upper()
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}")
        path = data.get("path")
        if not isinstance(path, str) or not path.startswith(("/", "*")):
            raise ValueError("path must be a URL path or glob such as /v3/api/games or /v3/api/users/*")
        kind = data.get("kind")
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        latency_ms = data.get("latency_ms")
        if latency_ms is None:
            latency_ms = DEFAULT_TIMEOUT_MS if kind == "timeout" else 0
        if not isinstance(latency_ms, int) or isinstance(latency_ms, bool) or latency_ms < 0:
            raise ValueError("latency_ms must be a non-negative integer")
        status = data.get("status")
        if status is not None and (not isinstance(status, int) or not 100 <= status <= 599):
            raise ValueError("status must be an HTTP status code")
        error = data.get("error")
        if error is not None:
            try:
                ErrorCode(error)
            except ValueError:
                raise ValueError(f"unknown Kore error code {error!r}") from None
        retry_after = data.get("retry_after")
        if retry_after is not None and (not isinstance(retry_after, (int, float)) or retry_after < 0):
            raise ValueError("retry_after must be a number of seconds")
        times = data.get("times")
        if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
            raise ValueError("times must be a positive integer or null")
        return cls(rule_id, path, kind, method, latency_ms, status, error, retry_after, times)

    def matches(self, method: str, path: str) -> bool:
        return (self.method == "*" or self.method == method.upper()) and fnmatchcase(path, self.path)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultBook:
    """The rules in force; thread-safe, so ``times`` counts exactly under concurrency."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._next = 1

    def add(self, data: Any) -> FaultRule:
        with self._lock:
            rule = FaultRule.from_json(f"fault-{self._next}", data)
            self._next += 1
            self._rules.append(rule)
            return rule

    def list(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def take(self, method: str, path: str) -> FaultRule | None:
        """The first rule matching this request, counting it as used."""
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times == 0:
                            self._rules.remove(rule)
                    return rule
            return None
