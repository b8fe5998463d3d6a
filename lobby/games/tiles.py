"""Game tiles rendered once per look and reused, the player's own parts put in per request.

A lobby page shows dozens of tiles, and rendering them was most of the CPU a page cost.
A tile's HTML depends on the game (name, provider, artwork), the locale, the jackpot
shown on it and a few per-player facts (the heart, the medal, free games, whether it can
be played in this mode). Those are the cache key, so a tile is rendered by the template's
own macro the first time that look is needed and read from memory after: a change in
Kore's game list or a new jackpot figure is a new key, and the old one ages out of the LRU.

Three things differ between requests of the same look and are never stored: the CSRF
token and the ``next`` field of the heart's form, and how old the jackpot figure is (the
page's ticker corrects for it). The cached HTML holds slots for them, filled by
:func:`fill` on the page's whole grid at once.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
import threading
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from cachetools import LRUCache
from flask import current_app
from markupsafe import Markup, escape

from lobby.core.fragments import page_csrf
from lobby.core.htmx import request
from lobby.games.jackpots import JackpotView
from lobby.kore import Game

T = TypeVar("T")

#: Tiles kept per process (about 1.5 KB each): every game of a large brand in a few
#: locales and looks.
MAX_TILES = 8192

#: Whole grids kept per process (one per look of a game list: a brand's visitors share
#: one, a signed-in player has their own while their list is reused). About 60 KB each.
MAX_GRIDS = 256

#: Slots in the cached HTML. Random per process, so no game name can spell one.
_NONCE = secrets.token_hex(6)
CSRF_SLOT = f"tile-csrf-{_NONCE}"
NEXT_SLOT = f"tile-next-{_NONCE}"
AGE_SLOT = f"tile-age-{_NONCE}"
#: Any of them; a jackpot's age slot in a grid carries its index (``{AGE_SLOT}3.``).
_SLOTS = re.compile(f"tile-(csrf|next|age)-{_NONCE}(?:([0-9]+)\\.)?")


class TileCache:
    """An app's tiles by look (per app: each brand has its own names and artwork)."""

    def __init__(self, size: int = MAX_TILES) -> None:
        self._tiles: LRUCache = LRUCache(maxsize=size)
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple, render: Callable[[], str]) -> str:
        with self._lock:
            html = self._tiles.get(key)
            if html is not None:
                self.hits += 1
                return html
            self.misses += 1
        html = str(render())
        with self._lock:
            self._tiles[key] = html
        return html

    def clear(self) -> None:
        with self._lock:
            self._tiles.clear()


class GridCache:
    """Whole grids (and the promotions row) by look, each kept with what it was laid out
    from: the game list, the tournaments.

    Those sources are held and compared by identity: Kore's answers are read again (new
    objects) when they may have changed, and a grid is only reused for the very lists it
    shows. A value is whatever the caller's ``render`` made of them.
    """

    def __init__(self, size: int = MAX_GRIDS) -> None:
        self._grids: LRUCache = LRUCache(maxsize=size)
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, sources: tuple, key: tuple, render: Callable[[], T]) -> T:
        full_key = (tuple(map(id, sources)), *key)
        with self._lock:
            kept = self._grids.get(full_key)
            if kept is not None and all(a is b for a, b in zip(kept[0], sources, strict=True)):
                self.hits += 1
                return kept[1]
            self.misses += 1
        value = render()
        with self._lock:
            self._grids[full_key] = (sources, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._grids.clear()


def grids() -> GridCache:
    kept = current_app.extensions.get("lobby.grids")
    if kept is None:
        kept = current_app.extensions.setdefault("lobby.grids", GridCache())
    return kept


def age_slots(jackpots: Mapping[str, JackpotView]) -> tuple[dict[str, JackpotView], tuple[str, ...]]:
    """The jackpots as a cached grid shows them: each figure's age a slot of its own (the
    age differs on every request), and the slugs in slot order, for the grid's key."""
    slugs = tuple(sorted(jackpots))
    return {slug: dataclasses.replace(jackpots[slug], age_ms=f"{AGE_SLOT}{i}.")  # type: ignore[arg-type]
            for i, slug in enumerate(slugs)}, slugs


def jackpots_key(jackpots: Mapping[str, JackpotView], slugs: tuple[str, ...]) -> tuple:
    """What a grid shows of the jackpots: every figure but its age."""
    return tuple(_jackpot_key(jackpots[slug]) for slug in slugs)


def fill_ages(html: str, jackpots: Mapping[str, JackpotView], slugs: tuple[str, ...]) -> str:
    """A cached grid with this request's age of each jackpot figure."""
    return _fill(html, jackpots, slugs, csrf=None, back=None)


def _fill(html: str, jackpots: Mapping[str, JackpotView] | None, slugs: tuple[str, ...],
          csrf: str | None, back: str | None) -> str:
    # One pass over the HTML for every slot (a grid is tens of kilobytes, and a brand may
    # show dozens of jackpots): a slot of a kind not asked for stays as it is.
    def value(found: re.Match[str]) -> str:
        kind, index = found[1], found[2]
        if kind == "age" and index is not None and jackpots is not None:
            return str(jackpots[slugs[int(index)]].age_ms)
        if kind == "csrf" and csrf is not None and index is None:
            return csrf
        if kind == "next" and back is not None and index is None:
            return back
        return found[0]

    return _SLOTS.sub(value, html)


def cache() -> TileCache:
    tiles = current_app.extensions.get("lobby.tiles")
    if tiles is None:
        tiles = current_app.extensions.setdefault("lobby.tiles", TileCache())
    return tiles


def _jackpot_key(view: JackpotView | None) -> JackpotView | None:
    # Its age is a slot: the rest of the view is what the tile shows.
    return dataclasses.replace(view, age_ms=0) if view is not None else None


def render(macro, game: Game, jackpots: Mapping[str, JackpotView], play_path: str, art, locale: str,
           player=None, favourites: Collection[str] = (), lazy: bool = True) -> Markup:
    """The tile of ``game`` as the template's ``tile`` macro renders it, from the cache
    when this look was rendered before. Slots stay in: :func:`fill` the grid afterwards."""
    jackpot = jackpots.get(game.slug) if jackpots else None
    if player:
        playable = bool(game.actions.get("play") or game.links.get("launch_token"))
        free = sum(s.available_rounds for s in game.free_games_set) if game.free_games_set else 0
        mine: tuple[Any, ...] = (True, playable, game.slug in favourites, game.medal, free)
    else:
        mine = (False,)
    key = (game.slug, game.name, game.provider, game.category, locale, play_path, art.prefix, art.template,
           bool(lazy), _jackpot_key(jackpot), *mine)

    def draw() -> str:
        # The age as a slot (a string where the view holds a number): filled per request.
        shown = {game.slug: dataclasses.replace(jackpot, age_ms=AGE_SLOT)} if jackpot is not None else {}  # type: ignore[arg-type]
        return macro(game, shown, play_path, art, player, favourites, lazy=bool(lazy),
                     csrf_value=CSRF_SLOT, next_value=NEXT_SLOT)

    html = cache().get(key, draw)
    if jackpot is not None:
        html = html.replace(AGE_SLOT, str(jackpot.age_ms))
    return Markup(html)  # noqa: S704 - rendered by our own autoescaping macro


def fill(html: str, jackpots: Mapping[str, JackpotView] | None = None, slugs: tuple[str, ...] = ()) -> Markup:
    """The grid with this request's CSRF token and return path in the hearts' forms (and,
    given the jackpots, each figure's age)."""
    if CSRF_SLOT not in html:
        return Markup(_fill(html, jackpots, slugs, csrf=None, back=None) if jackpots else html)  # noqa: S704 - rendered by our own autoescaping template
    back = request.full_path.rstrip("?") if request.method == "GET" and not request.htmx else ""
    return Markup(  # noqa: S704 - rendered by our own autoescaping template; the values escaped here
        _fill(html, jackpots, slugs, csrf=str(escape(page_csrf())), back=str(escape(back)))
    )
