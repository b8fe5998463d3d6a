"""A player's lists of games kept by the lobby: favourites, and recently played.

Kore has neither for players (its statistics name the highest win's game, not the last
ones played, whatever the introduction of its documentation says), so the lobby keeps
them. With REDIS_URL they live in Redis (every process and machine sees the same), else
in a local SQLite file (PLAYER_STATE_DB): either way they survive a restart. A player is
known by a hash of their Kore user link, never by their email or token.
"""

from __future__ import annotations

import builtins
import time
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app

from lobby.core.sqlite import ThreadConnections
from lobby.core.store import UNREAD, PageRead, add_page_read, page_read, redis_client

#: How many games each list keeps (the oldest go first).
LIMITS = {"favourites": 100, "recent": 12}


class Store(Protocol):
    def list(self, owner: str, kind: str = "favourites") -> list[str]: ...
    def lists(self, owner: str, *kinds: str) -> dict[str, builtins.list[str]]: ...
    def add(self, owner: str, slug: str, kind: str = "favourites") -> None: ...
    def remove(self, owner: str, slug: str, kind: str = "favourites") -> None: ...
    def clear(self) -> None: ...


class SqliteStore:
    """Favourites in one SQLite file; one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = ThreadConnections(path)
        with self._connection() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS player_games (kind TEXT NOT NULL, owner TEXT NOT NULL, "
                "slug TEXT NOT NULL, added REAL NOT NULL, PRIMARY KEY (kind, owner, slug))"
            )

    def list(self, owner: str, kind: str = "favourites") -> list[str]:
        rows = self._connection().execute(
            "SELECT slug FROM player_games WHERE kind = ? AND owner = ? ORDER BY added DESC", (kind, owner)
        ).fetchall()
        return [slug for (slug,) in rows]

    def lists(self, owner: str, *kinds: str) -> dict[str, builtins.list[str]]:
        return {kind: self.list(owner, kind) for kind in kinds}

    def add(self, owner: str, slug: str, kind: str = "favourites") -> None:
        db = self._connection()
        db.execute("INSERT OR REPLACE INTO player_games VALUES (?, ?, ?, ?)", (kind, owner, slug, time.time()))
        db.execute(
            "DELETE FROM player_games WHERE kind = ? AND owner = ? AND slug NOT IN (SELECT slug FROM "
            "player_games WHERE kind = ? AND owner = ? ORDER BY added DESC LIMIT ?)",
            (kind, owner, kind, owner, LIMITS[kind]),
        )

    def remove(self, owner: str, slug: str, kind: str = "favourites") -> None:
        self._connection().execute(
            "DELETE FROM player_games WHERE kind = ? AND owner = ? AND slug = ?", (kind, owner, slug))

    def clear(self) -> None:
        """Every player's lists gone (testing mode's reset)."""
        self._connection().execute("DELETE FROM player_games")


class RedisStore:
    """Favourites in Redis: one sorted set per player, scored by when they were added."""

    def __init__(self, url: str) -> None:
        self.redis = redis_client(url)

    @staticmethod
    def _key(owner: str, kind: str) -> str:
        return f"lobby:{kind}:{owner}"

    def list(self, owner: str, kind: str = "favourites") -> list[str]:
        slugs = self.redis.zrevrange(self._key(owner, kind), 0, LIMITS[kind] - 1)
        return [slug.decode() if isinstance(slug, bytes) else str(slug) for slug in slugs]

    def lists(self, owner: str, *kinds: str) -> dict[str, builtins.list[str]]:
        """Several of the player's lists in one round trip (a lobby page shows two)."""
        pipe = self.redis.pipeline(transaction=False)
        self.queue_lists(pipe, owner, kinds)
        return self.parse_lists(kinds, pipe.execute())

    def queue_lists(self, pipe, owner: str, kinds: tuple[str, ...]) -> None:
        for kind in kinds:
            pipe.zrevrange(self._key(owner, kind), 0, LIMITS[kind] - 1)

    @staticmethod
    def parse_lists(kinds: tuple[str, ...], answers: builtins.list) -> dict[str, builtins.list[str]]:
        return {kind: [slug.decode() if isinstance(slug, bytes) else str(slug) for slug in slugs]
                for kind, slugs in zip(kinds, answers, strict=True)}

    def add(self, owner: str, slug: str, kind: str = "favourites") -> None:
        key = self._key(owner, kind)
        pipe = self.redis.pipeline()
        pipe.zadd(key, {slug: time.time()})
        pipe.zremrangebyrank(key, 0, -LIMITS[kind] - 1)
        pipe.execute()

    def remove(self, owner: str, slug: str, kind: str = "favourites") -> None:
        self.redis.zrem(self._key(owner, kind), slug)

    def clear(self) -> None:
        """Every player's lists gone (testing mode's reset)."""
        for kind in LIMITS:
            for key in self.redis.scan_iter(match=self._key("*", kind)):
                self.redis.delete(key)


#: The lists a page of games shows (tile hearts, the "Recently played" row).
PAGE_LISTS = ("favourites", "recent")


def store() -> Store:
    return current_app.extensions["lobby.favourites"]


def page_lists(owner: str) -> dict[str, builtins.list[str]]:
    """The player's favourites and recently played, read with the session when the page did."""
    kept = page_read("games.lists")
    return kept if kept is not UNREAD else store().lists(owner, *PAGE_LISTS)


def init_favourites(app: Flask) -> None:
    from lobby.core.players import owner_of

    config = app.config["LOBBY"]
    if config.redis_url:
        kept = app.extensions["lobby.favourites"] = RedisStore(config.redis_url)
        add_page_read(app, PageRead("games.lists", len(PAGE_LISTS),
                                    lambda pipe, player: kept.queue_lists(pipe, owner_of(player), PAGE_LISTS),
                                    lambda answers: kept.parse_lists(PAGE_LISTS, answers),
                                    endpoints=frozenset({"games.index"})))
    else:
        app.extensions["lobby.favourites"] = SqliteStore(config.player_state_db)
