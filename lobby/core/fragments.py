"""Parts of a page that are the same for many requests, rendered once per process and reused.

The header's menu, the footer and the links in the head are the same for every visitor of
a locale on a given page (and every player of a play mode): rendering them again on every
request was a good share of a page's CPU. A template wraps such a part in

    {% call cached("menu", request.endpoint, player.real if player else None) %}…{% endcall %}

naming everything the part depends on besides the locale (always part of the key). The
one per-request value such parts hold, the CSRF token, is stored as a slot and put back
on the way out, so no player's token is ever shown to another.

Kept in memory (an LRU per app), never in the shared cache: reading Redis and unpickling
would cost what the rendering did.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Hashable

from cachetools import LRUCache
from flask import Flask, current_app, g, request
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

#: Parts kept per app: a few per page and locale.
MAX_FRAGMENTS = 2048

#: Where the CSRF token was. Random per process, so no page content can spell it.
CSRF_SLOT = f"csrf-slot-{secrets.token_hex(6)}"


class Fragments:
    def __init__(self, size: int = MAX_FRAGMENTS) -> None:
        self._kept: LRUCache = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get(self, key: tuple) -> str | None:
        with self._lock:
            return self._kept.get(key)

    def put(self, key: tuple, html: str) -> None:
        with self._lock:
            self._kept[key] = html

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def page_csrf() -> str:
    """This request's CSRF token: Flask-WTF's own, read straight from ``g`` once made.

    A page asks for it a dozen times (each kept part, the tiles' hearts, every form);
    generate_csrf reads three settings each time before finding it there.
    """
    return g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")) or generate_csrf()


def fragments(app: Flask | None = None) -> Fragments:
    return (app or current_app).extensions["lobby.fragments"]


def cached(*key: Hashable, caller: Callable[[], str], keep: bool = True) -> Markup:
    """The part ``caller`` renders, from memory when this key and locale were rendered before.

    ``keep=False`` renders it without keeping it: for a key made of what a visitor typed
    (a search), which would only push the parts every page needs out of memory.
    """
    if not keep:
        return Markup(caller())  # noqa: S704 - rendered by our own autoescaping template
    token = page_csrf()
    kept = fragments()
    full_key = (str(get_locale()), *key)
    html = kept.get(full_key)
    if html is None:
        html = str(caller()).replace(token, CSRF_SLOT)
        kept.put(full_key, html)
    return Markup(html.replace(CSRF_SLOT, token))  # noqa: S704 - rendered by our own autoescaping template


#: Query arguments a page's own links carry (the lobby's filters): a part keyed by the
#: page's address is kept for those. Any other query (a search, a campaign's tag, junk)
#: renders the part afresh rather than push what every page needs out of memory.
STEADY_ARGS = frozenset({"category", "provider"})
STEADY_VALUE = 40


def steady_address() -> bool:
    """Whether parts keyed by this request's address are worth keeping."""
    args = request.args
    return all(name in STEADY_ARGS and all(len(value) <= STEADY_VALUE for value in args.getlist(name))
               for name in args)


def init_fragments(app: Flask) -> None:
    app.extensions["lobby.fragments"] = Fragments()
    app.jinja_env.globals["cached"] = cached
    # Templates' csrf_token() (Flask-WTF's global) through the same short path.
    app.jinja_env.globals["csrf_token"] = page_csrf
    app.jinja_env.globals["steady_address"] = steady_address
