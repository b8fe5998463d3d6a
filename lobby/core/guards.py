"""Guards for views, and the one way a view treats Kore's answers.

Kore's errors are classified once (``lobby.kore.errors.Answer``): refused, unavailable,
session over. A view catches ``KoreError`` and asks the error which it is; the app's
error handlers (``core/errors.py``) turn whatever a view lets through into an honest page
(sign in again, 503/504 with a retry link, 429 with when).
"""

from __future__ import annotations

import logging
from functools import wraps
from typing import Any, Callable, TypeVar, overload

from flask import redirect, url_for

from lobby.core.htmx import request
from lobby.core.session import current_player
from lobby.kore import KoreError

log = logging.getLogger(__name__)

T = TypeVar("T")
D = TypeVar("D")


def _here() -> str | None:
    """Where to come back to after signing in: this page, when it is one (a GET)."""
    if request.method != "GET" or request.htmx:
        return None
    return request.full_path.rstrip("?")


def login_required(view=None, *, back: str | None = None):
    """The view runs for a signed-in player; a visitor is sent to sign in and back.

    ``back`` names the endpoint to come back to when the view is not a page of its own
    (a form's POST); by default it is the page itself.
    """

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if current_player() is None:
                target = url_for(back) if back else _here()
                return redirect(url_for("auth.login", next=target) if target else url_for("auth.login"), 303)
            return view(*args, **kwargs)

        return guarded

    return decorate(view) if view is not None else decorate


class RealMoneyRequired(Exception):
    """A page for Real-money players only, asked by anyone else: the error page that says
    how to play for real answers (core/errors.py)."""


def real_player_required(view=None, *, poll: bool = False, otherwise: Callable[[], Any] | None = None):
    """The view runs for a Real-money player; anyone else gets the page that says how to
    play for real (sign in, or switch from Practice) and comes back here.

    ``poll``: the view answers htmx polls, which are told to stop (286) instead.
    ``otherwise``: what a form's POST answers instead (a page to come back to has no
    meaning there): e.g. the bonus claim says "Switch to real money" beside its form.
    """

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            player = current_player()
            if player is not None and player.real:
                return view(*args, **kwargs)
            if poll and request.htmx:
                return "", 286
            if otherwise is not None:
                return otherwise()
            raise RealMoneyRequired()

        return guarded

    return decorate(view) if view is not None else decorate


@overload
def optional(call: Callable[[], T], *, what: str) -> T | None: ...
@overload
def optional(call: Callable[[], T], default: D, *, what: str) -> T | D: ...
def optional(call: Callable[[], T], default: D | None = None, *, what: str) -> T | D | None:
    """An optional part of a page: what Kore says, or ``default`` when it cannot say.

    An ended session still raises (the page sends the player to sign in); anything else
    leaves the part out rather than failing the page.
    """
    try:
        return call()
    except KoreError as error:
        if error.session_over:
            raise
        log.info("%s unavailable: error=%s", what, error.raw_code)
        return default


def refused(error: KoreError) -> KoreError:
    """The error when Kore said no (the view explains it); any other answer goes on to
    the app's error handlers (sign in again, unavailable, rate-limited)."""
    if not error.refused:
        raise error
    return error
