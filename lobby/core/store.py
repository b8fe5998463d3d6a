"""The shared store (Redis): short timeouts, and an outage that is a degradation, not a 500.

Every Redis client of the lobby comes from ``redis_client``: connect and read timeouts
of a fraction of a second and no retries, so a hung Redis (SIGSTOP, a full network
buffer) costs a request at most ``SOCKET_TIMEOUT``. The first failure marks the store
down for ``RETRY_AFTER`` seconds, during which no call waits for it at all; one log line
when it goes away and one when it is back, never a traceback per request.

What falls through while it is down (README, "Redis"):
- caches (brand data, jackpots, brand tokens) are misses: Kore answers, or the process's
  own last good copy (lobby/core/upstream.py);
- rate limits count in this process's memory (Flask-Limiter's in-memory fallback);
- a signed-in session cannot be checked against its shared record, so it is neither
  honoured nor ended: the player gets a branded 503 page with a retry link and keeps the
  cookie (lobby/core/session.py says why).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import logging
import threading
import time
from typing import Any, Callable, TypeVar

from flask import Flask, current_app, g, request

import redis
from flask_caching.backends.rediscache import RedisCache
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Seconds to open a connection to Redis, and to wait for one answer.
CONNECT_TIMEOUT = 0.25
SOCKET_TIMEOUT = 0.25
#: After a failure, seconds during which nobody waits for Redis (then one call tries again).
RETRY_AFTER = 1.0


def redis_options() -> dict[str, Any]:
    """The options of every Redis connection the lobby opens (also Flask-Limiter's)."""
    return {"socket_connect_timeout": CONNECT_TIMEOUT, "socket_timeout": SOCKET_TIMEOUT,
            "retry": Retry(NoBackoff(), 0), "retry_on_timeout": False}


def redis_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, **redis_options())


class StoreUnavailable(Exception):
    """The shared store did not answer (or was given up on a moment ago)."""


class Health:
    """Whether this process can reach the store now; says so once per change."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._retry_at = 0.0

    @property
    def available(self) -> bool:
        with self._lock:
            return self._down_since is None

    def call(self, operation: Callable[[], T]) -> T:
        """``operation()`` against the store, or StoreUnavailable (at once while it is down)."""
        with self._lock:
            if self._down_since is not None:
                if self.clock() < self._retry_at:
                    raise StoreUnavailable("the store was unavailable a moment ago")
                # This call probes; every other one keeps going without the store meanwhile.
                self._retry_at = self.clock() + RETRY_AFTER
        try:
            result = operation()
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self.failed(error)
            raise StoreUnavailable(type(error).__name__) from None
        self.answered()
        return result

    def failed(self, error: BaseException) -> None:
        with self._lock:
            now = self.clock()
            self._retry_at = now + RETRY_AFTER
            if self._down_since is not None:
                return
            self._down_since = now
        log.error("shared store (Redis) unavailable: %s; degrading until it answers", type(error).__name__)

    def answered(self) -> None:
        with self._lock:
            if self._down_since is None:
                return
            outage = self.clock() - self._down_since
            self._down_since = None
        log.warning("shared store (Redis) answers again after %.1f s", outage)


#: One health per Redis URL and process (every client of one Redis shares its fate).
_HEALTH: dict[str, Health] = {}
_HEALTH_LOCK = threading.Lock()


def health_for(url: str) -> Health:
    with _HEALTH_LOCK:
        return _HEALTH.setdefault(url, Health())


class ResilientRedisCache(RedisCache):
    """Flask-Caching's Redis cache whose failures are misses (``get``) or no-ops (writes);
    ``get_checked`` and ``set_checked`` raise StoreUnavailable instead, for records whose
    absence means something (a session's)."""

    health: Health

    @classmethod
    def factory(cls, app, config, args, kwargs):  # Flask-Caching's hook: CACHE_TYPE names this class
        url = config["CACHE_REDIS_URL"]
        config["CACHE_OPTIONS"] = redis_options()
        cache = super().factory(app, config, args, kwargs)
        cache.health = health_for(url)
        return cache

    def _quiet(self, operation: Callable[[], T], default: T) -> T:
        try:
            return self.health.call(operation)
        except StoreUnavailable:
            return default

    def get(self, key: str) -> Any:
        return self._quiet(lambda: super(ResilientRedisCache, self).get(key), None)

    def get_many(self, *keys: str) -> list[Any]:
        return self._quiet(lambda: super(ResilientRedisCache, self).get_many(*keys), [None] * len(keys))

    def has(self, key: str) -> bool:
        return self._quiet(lambda: super(ResilientRedisCache, self).has(key), False)

    def set(self, key: str, value: Any, timeout: int | timedelta | None = None) -> Any:
        return self._quiet(lambda: super(ResilientRedisCache, self).set(key, value, timeout), False)

    def set_many(self, mapping: dict[str, Any], timeout: int | timedelta | None = None) -> Any:
        return self._quiet(lambda: super(ResilientRedisCache, self).set_many(mapping, timeout), [])

    def add(self, key: str, value: Any, timeout: int | timedelta | None = None) -> Any:
        return self._quiet(lambda: super(ResilientRedisCache, self).add(key, value, timeout), False)

    def delete(self, key: str) -> Any:
        return self._quiet(lambda: super(ResilientRedisCache, self).delete(key), False)

    def inc(self, key: str, delta: int = 1) -> Any:
        return self._quiet(lambda: super(ResilientRedisCache, self).inc(key, delta), None)

    def get_checked(self, key: str) -> Any:
        return self.health.call(lambda: super(ResilientRedisCache, self).get(key))

    def get_many_checked(self, *keys: str) -> list[Any]:
        return self.health.call(lambda: super(ResilientRedisCache, self).get_many(*keys))

    def get_many_with(self, keys: tuple[str, ...], queue: Callable[[Any], None]) -> tuple[list[Any], list[Any]]:
        """``get_many_checked(*keys)`` and the answers to the commands ``queue(pipeline)``
        adds, in one round trip (StoreUnavailable like get_many_checked)."""
        def both() -> tuple[list[Any], list[Any]]:
            pipe = self._read_client.pipeline(transaction=False)
            pipe.mget([f"{self._get_prefix()}{key}" for key in keys])
            queue(pipe)
            first, *rest = pipe.execute()
            return [self.serializer.loads(value) for value in first], rest
        return self.health.call(both)

    def set_checked(self, key: str, value: Any, timeout: int | None = None) -> Any:
        return self.health.call(lambda: super(ResilientRedisCache, self).set(key, value, timeout))

    def delete_checked(self, key: str) -> Any:
        return self.health.call(lambda: super(ResilientRedisCache, self).delete(key))


def checked_get(cache, key: str) -> Any:
    """``cache.get(key)``, raising StoreUnavailable when the shared store cannot say."""
    backend = cache.cache
    return backend.get_checked(key) if isinstance(backend, ResilientRedisCache) else backend.get(key)


def checked_get_many(cache, *keys: str, player: Any = None) -> list[Any]:
    """``cache.get_many(*keys)`` in one round trip, raising StoreUnavailable like checked_get.

    With ``player``, the page's reads of that player's records (``PageRead``) go in the
    same round trip; their answers wait in ``g`` for ``page_read``.
    """
    backend = cache.cache
    if not isinstance(backend, ResilientRedisCache):
        return backend.get_many(*keys)
    reads: list[PageRead] = [] if player is None else [
        read for read in current_app.extensions.get("lobby.page_reads", ())
        if read.endpoints is None or request.endpoint in read.endpoints]
    if not reads:
        return backend.get_many_checked(*keys)

    def queue(pipe: Any) -> None:
        for read in reads:
            read.queue(pipe, player)

    values, answers = backend.get_many_with(keys, queue)
    kept = g.lobby_page_reads = {}
    for read in reads:
        mine, answers = answers[:read.commands], answers[read.commands:]
        try:
            kept[read.name] = read.parse(mine)
        except (TypeError, ValueError):  # not what the lobby wrote: read it again where it is used
            log.warning("unreadable %s record in the shared store", read.name)
    return values


@dataclass(frozen=True)
class PageRead:
    """Records of the signed-in player that (nearly) every page reads, asked of Redis in the
    round trip that checks the session: one round trip a page instead of one per record.

    ``queue(pipeline, player)`` adds exactly ``commands`` commands to a Redis pipeline;
    ``parse(answers)`` makes their answers the value ``page_read(name)`` gives. Only for
    stores on the lobby's one Redis (REDIS_URL), the cache's. ``endpoints``: the pages that
    use it (None: every page).
    """

    name: str
    commands: int
    queue: Callable[[Any, Any], None]
    parse: Callable[[list[Any]], Any]
    endpoints: frozenset[str] | None = None


#: page_read's answer for a record the page did not read with the session.
UNREAD = object()


def add_page_read(app: Flask, read: PageRead) -> None:
    app.extensions.setdefault("lobby.page_reads", []).append(read)


def page_read(name: str, default: Any = UNREAD) -> Any:
    """What the session's round trip read for ``name``, once (a second call, or a page that
    read nothing, gets ``default``: the caller then asks the store itself). Taken, not
    peeked: a write later in the request must not be answered by the earlier read."""
    kept = g.get("lobby_page_reads")
    return default if kept is None else kept.pop(name, default)


def forget_page_read(name: str) -> None:
    """The record changed in this request: the next read goes to the store. (Only GETs read
    with the session, so only a write a GET makes needs this: the reality check's clock.)"""
    kept = g.get("lobby_page_reads")
    if kept is not None:
        kept.pop(name, None)


def checked_set(cache, key: str, value: Any, timeout: int | None = None) -> None:
    backend = cache.cache
    if isinstance(backend, ResilientRedisCache):
        backend.set_checked(key, value, timeout)
    else:
        backend.set(key, value, timeout=timeout)


def checked_delete(cache, key: str) -> None:
    backend = cache.cache
    if isinstance(backend, ResilientRedisCache):
        backend.delete_checked(key)
    else:
        backend.delete(key)


def store_available(app=None) -> bool:
    """Whether the app's shared store answers now (True without REDIS_URL): for /readyz."""
    from flask import current_app

    app = app or current_app
    url = app.config["LOBBY"].redis_url
    if not url:
        return True
    client = app.extensions.get("lobby.store.ping")
    if client is None:
        client = app.extensions["lobby.store.ping"] = redis_client(url)
    try:
        health_for(url).call(client.ping)
    except StoreUnavailable:
        return False
    return True
