"""Sliding-window rate limits on the sandbox clock ("20 requests per minute; …")."""

from __future__ import annotations

import math
from collections import defaultdict, deque
from datetime import datetime, timedelta

#: The doc's limits for the sign-in endpoints: (requests, window in seconds).
LOGIN_LIMITS: tuple[tuple[int, int], ...] = ((20, 60), (100, 600), (300, 3600))


class RateLimiter:
    """Counts requests per key; ``hit`` answers how long to wait, or None when allowed."""

    def __init__(self, limits: tuple[tuple[int, int], ...] = LOGIN_LIMITS) -> None:
        self.limits = limits
        self._hits: dict[str, deque[datetime]] = defaultdict(deque)

    def hit(self, key: str, now: datetime) -> float | None:
        hits = self._hits[key]
        longest = max(window for _, window in self.limits)
        while hits and now - hits[0] >= timedelta(seconds=longest):
            hits.popleft()
        wait = 0.0
        for limit, window in self.limits:
            recent = [t for t in hits if now - t < timedelta(seconds=window)]
            if len(recent) >= limit:
                # The window frees a slot when its oldest counted request leaves it.
                oldest = recent[-limit]
                wait = max(wait, (oldest + timedelta(seconds=window) - now).total_seconds())
        if wait > 0:
            return float(max(1, math.ceil(wait)))
        hits.append(now)
        return None
