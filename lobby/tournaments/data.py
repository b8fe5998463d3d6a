"""Tournaments as the pages need them: labels, links by id, details, news, totals."""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from cachetools import TTLCache
from flask import current_app, render_template
from flask_babel import format_datetime, format_timedelta, get_locale, get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from lobby.core.guards import optional
from lobby.core.upstream import kore, upstream
from lobby.extensions import cache
from markupsafe import Markup, escape

from lobby.kore import KoreError, Link, Money, Tournament

STATUSES = {
    "Created": _l("Coming soon"),
    "RegistrationOpened": _l("Registration open"),
    "Started": _l("Running"),
    "Finishing": _l("Finishing"),
    "Finished": _l("Finished"),
    "Canceled": _l("Canceled"),
}
CATEGORIES = {
    "classicslots": _l("Classic slots"),
    "videoslots": _l("Video slots"),
    "videopokers": _l("Video poker"),
    "tablegames": _l("Table games"),
    "other": _l("Other games"),
}
TYPES = {"Scheduled": _l("Scheduled"), "SitAndGo": _l("Sit & Go")}
#: The leaderboard of a running tournament refreshes this often (seconds).
LEADERBOARD_REFRESH = 10
NEWS_REFRESH = 15
#: A tournament's _self link, by its id, in the shared cache: the links Kore hands out
#: are the same for every player, and a page needs one without listing them all.
LINK_TTL = 600
_LINKS_LOCK = threading.Lock()


def key_of(tournament: Tournament) -> str:
    """The tournament's id in our URLs: the last segment of its ``_self`` link."""
    href = tournament.links["_self"].href
    return urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]


def total(*amounts: Money | None) -> Money | None:
    """The sum of amounts in one currency (fee + buy-in), or None when they differ."""
    present = [a for a in amounts if a is not None]
    if not present or any((a.currency, a.exponent) != (present[0].currency, present[0].exponent) for a in present):
        return None
    return Money(present[0].currency, sum(a.amount for a in present), present[0].exponent)


def brand() -> str:
    return current_app.config["LOBBY"].kore_brand_id


def list_tournaments() -> list[Tournament]:
    tournaments = kore().list_tournaments()
    _remember_links(tournaments)
    return tournaments


def _remember_links(tournaments: list[Tournament]) -> None:
    """Share the tournaments' links (one write for all), those this process has not
    shared in the last half of LINK_TTL: a listing per page would otherwise rewrite them all."""
    shared = current_app.extensions.get("lobby.tournament-links")
    if shared is None:
        shared = current_app.extensions.setdefault("lobby.tournament-links", TTLCache(maxsize=4096, ttl=LINK_TTL / 2))
    links = {f"tournament-link:{brand()}:{key_of(t)}": t.links["_self"].href for t in tournaments if "_self" in t.links}
    with _LINKS_LOCK:
        fresh = {key: href for key, href in links.items() if shared.get(key) != href}
    if fresh:
        cache.set_many(fresh, timeout=LINK_TTL)
        with _LINKS_LOCK:
            shared.update(fresh)


def self_link(key: str) -> Link | None:
    href = cache.get(f"tournament-link:{brand()}:{key}")
    if href is None:
        found = next((t for t in list_tournaments() if "_self" in t.links and key_of(t) == key), None)
        if found is None:
            return None
        href = found.links["_self"].href
    return Link(href)


def find_tournament(key: str) -> Tournament | None:
    link = self_link(key)
    if link is None:
        return None
    try:
        return kore().get_tournament(link)
    except KoreError as error:
        if error.status == 404:  # gone since the link was cached
            cache.delete(f"tournament-link:{brand()}:{key}")
            return None
        raise


def news_or_none():
    """The news ticker is a nicety: without it the page still works."""
    return optional(lambda: kore().tournament_news(), what="tournament news")


def not_found(user=None):
    return render_template("tournaments/not_found.html", user=user), 404


def load(key: str):
    """The player's account and the detailed tournament, side by side."""
    user, tournament = upstream().gather(kore().user, lambda: find_tournament(key))
    return user, tournament


def relative_time(when: datetime) -> str:
    """``in 09:27`` / ``in 2 d 03:00:00`` / ``now``: the countdown as static/js/tournaments.js
    writes it, so a page says time left one way, with or without the script."""
    return _time_left(when, _left_words(str(get_locale())))


@lru_cache(maxsize=64)
def _left_words(locale: str) -> tuple[str, str, str]:
    # The locale is the request's: the key names it, so the words are reused only where the
    # request would have translated the same. Placeholders go in as braces (str.replace, not
    # format: a translation may hold braces of its own).
    return _("now"), _("in %(time)s", time="{time}"), _("%(days)s d %(clock)s", days="{days}", clock="{clock}")


def _time_left(when: datetime, words: tuple[str, str, str]) -> str:
    now_word, in_time, in_days = words
    left = int((when - datetime.now(timezone.utc)).total_seconds())
    if left <= 0:
        return now_word
    days, rest = divmod(left, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = (f"{hours:02d}:" if hours or days else "") + f"{minutes:02d}:{seconds:02d}"
    if days:
        clock = in_days.replace("{days}", str(days)).replace("{clock}", clock)
    return in_time.replace("{time}", clock)


_COUNTDOWN = Markup(
    '<time datetime="{0}" title="{1}" data-countdown-to="{0}" data-countdown-label="{2}" '
    'data-countdown-done="{3}" data-countdown-days="{4}">{5}</time>'
)


#: Where a countdown's time left goes in HTML kept for many requests (random per process).
_LEFT_SLOT = f"countdown-left-{secrets.token_hex(6)}-"
_LEFT_SLOTS = re.compile(re.escape(_LEFT_SLOT) + r"(\d+)\.")
_SLOTTED: ContextVar[list[datetime] | None] = ContextVar("lobby_countdown_slots", default=None)


def countdown(when: datetime) -> Markup:
    """A date as the time left until it (partials/when.html's ``countdown``): what the page
    shows now and what static/js/tournaments.js needs to count down. Its words and the
    date's long form are the same for every card and request of a locale: formatted once."""
    title, label, done, days = _countdown_words(str(get_locale()), str(get_timezone()), when)
    iso = when.isoformat()
    slotted = _SLOTTED.get()
    if slotted is None:
        return _COUNTDOWN.format(iso, title, label, done, days, relative_time(when))
    slotted.append(when)
    return _COUNTDOWN.format(iso, title, label, done, days, f"{_LEFT_SLOT}{len(slotted) - 1}.")


@contextmanager
def countdown_slots() -> Iterator[list[datetime]]:
    """Countdowns rendered meanwhile hold a slot for the time left (HTML kept for later
    requests): the dates, in slot order, for :func:`fill_countdowns`."""
    dates: list[datetime] = []
    token = _SLOTTED.set(dates)
    try:
        yield dates
    finally:
        _SLOTTED.reset(token)


def fill_countdowns(html: str, dates: Sequence[datetime]) -> str:
    """Kept HTML with the time left of each countdown as of now (one pass over the HTML)."""
    if not dates:
        return html
    words = _left_words(str(get_locale()))
    left = [str(escape(_time_left(when, words))) for when in dates]
    return _LEFT_SLOTS.sub(lambda found: left[int(found[1])], html)


@lru_cache(maxsize=1024)
def _countdown_words(locale: str, zone: str, when: datetime) -> tuple[str, str, str, str]:
    # The locale and time zone are the request's (the key names them so that a cached
    # answer is only reused where the request would have formatted the same).
    return (format_datetime(when, "medium"), _("in %(time)s", time="{time}"), _("now"),
            _("%(days)s d %(clock)s", days="{days}", clock="{clock}"))


def duration(seconds: int) -> str:
    return format_timedelta(timedelta(seconds=seconds), threshold=1.5)


def template_globals() -> dict:
    """Globals, not a context processor: the macros of partials/when.html need them too."""
    return dict(
        key_of=key_of,
        status_label=lambda status: str(STATUSES.get(status, status)),
        category_label=lambda category: str(CATEGORIES.get(category, category)),
        type_label=lambda kind: str(TYPES.get(kind, kind)),
        relative_time=relative_time,
        countdown_time=countdown,
        duration=duration,
        cash_total=lambda option: total(option.fee, option.buy_in),
        tournament_statuses=STATUSES,
        tournament_categories=CATEGORIES,
        leaderboard_refresh=LEADERBOARD_REFRESH,
        news_refresh=NEWS_REFRESH,
    )
