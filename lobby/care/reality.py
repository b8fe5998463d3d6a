"""Reality checks (UKGC RTS 13): after the interval the player chose, every page says how
long they have played this session and where they stand, until they choose Continue.

The session's clock starts at sign-in, with the account's balance and today's deposits
as Kore showed them then (the baseline); Continue, or saving a new interval, restarts the
interval. Time is the app's clock (``lobby.core.session.clock``), which tests move.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from babel.lists import format_list
from flask import Flask, current_app
from flask_babel import format_timedelta, get_locale

from lobby.care.store import RedisStore, SessionClock, SqliteStore, Store
from lobby.core.players import owner_of
from lobby.core.session import Player, clock, current_player, session_ended, session_started
from lobby.core.store import UNREAD, PageRead, add_page_read, forget_page_read, page_read
from lobby.core.upstream import kore
from lobby.kore import KoreError, Money

log = logging.getLogger(__name__)

#: The intervals a player can choose, in minutes (0: off).
INTERVALS = (0, 10, 20, 30, 45, 60, 90, 120)


def store() -> Store:
    return current_app.extensions["lobby.care"]


def _today(started: float) -> str:
    return datetime.fromtimestamp(started, timezone.utc).date().isoformat()


def _baseline(player: Player, started: float) -> dict:
    """The balance and today's deposits as Kore shows them now (empty when it cannot say)."""
    bound = kore().for_player(player)
    try:
        user = bound.get_user()
    except KoreError as error:
        log.info("reality check baseline unavailable: error=%s", error.raw_code)
        return {}
    baseline = {"currency": user.balance.currency, "amount": user.balance.amount, "exponent": user.balance.exponent}
    if "player_day" in user.links:
        try:
            day = bound.get_player_day(user, _today(started))
        except KoreError as error:
            log.info("reality check deposits unavailable: error=%s", error.raw_code)
        else:
            baseline.update(deposits=day.deposit_count, deposited=str(day.deposit_total_usd.decimal_amount))
    return baseline


def start(player: Player) -> SessionClock:
    """The session's clock from now, with Kore's figures as the baseline."""
    now = clock()
    session_clock = SessionClock(started=now, acknowledged=now, baseline=_baseline(player, now))
    _save_session(player, session_clock)
    return session_clock


def session_clock(player: Player) -> SessionClock:
    """The session's clock; a session signed in before reality checks existed starts now."""
    kept = page_read("care.session")
    if kept is UNREAD:
        kept = store().session(player.sid) if player.sid else None
    return kept if kept is not None else start(player)


def interval(player: Player) -> int:
    kept = page_read("care.interval")
    return kept if kept is not UNREAD else store().interval(owner_of(player))


def set_interval(player: Player, minutes: int) -> None:
    """The player's choice (kept for their next sessions too); the interval restarts now."""
    store().set_interval(owner_of(player), minutes)
    continue_playing(player)


def continue_playing(player: Player) -> None:
    """Continue: the interval restarts now."""
    kept = session_clock(player)
    kept.acknowledged = clock()
    _save_session(player, kept)


def _save_session(player: Player, kept: SessionClock) -> None:
    store().save_session(player.sid, kept)
    forget_page_read("care.session")


@dataclass(frozen=True)
class Figures:
    """What the dialog shows: the session's length and where the player stands."""

    played: str
    balance_then: Money | None = None
    balance_now: Money | None = None
    deposits: int = 0
    deposited: Money | None = None
    #: balance now − balance then − deposits, when all are in one currency.
    net: Money | None = None

    @property
    def net_size(self) -> Money | None:
        """How far up or down, as a positive amount."""
        return Money(self.net.currency, abs(self.net.amount), self.net.exponent) if self.net else None


@dataclass(frozen=True)
class Check:
    """The reality check of this page: due now, or in ``due_in`` seconds (None: off)."""

    due_in: int | None
    figures: Figures | None = None

    @property
    def due(self) -> bool:
        return self.due_in is not None and self.due_in <= 0


def duration(seconds: float) -> str:
    """``1 hour and 5 minutes`` in the page's language (whole minutes, at least one)."""
    minutes = max(1, int(seconds // 60))
    hours, minutes = divmod(minutes, 60)
    parts = [format_timedelta(timedelta(hours=hours), threshold=1)] if hours else []
    if minutes or not hours:
        parts.append(format_timedelta(timedelta(minutes=minutes), threshold=1))
    return format_list(parts, locale=get_locale())


def _money(currency: str, amount: Decimal, exponent: int) -> Money:
    return Money(currency, int(amount.scaleb(exponent).to_integral_value()), exponent)


def figures(player: Player, kept: SessionClock) -> Figures:
    """The session's length, and Kore's current balance and deposits against the baseline."""
    played = duration(clock() - kept.started)
    base = kept.baseline
    if "currency" not in base:
        return Figures(played)
    bound = kore().for_player(player)
    try:
        user = bound.get_user()
    except KoreError:  # only the length then (a template asks: it must not fail the page)
        return Figures(played)
    then = Money(base["currency"], int(base["amount"]), int(base["exponent"]))
    now = user.balance
    deposits, deposited = 0, Decimal(0)
    if "deposits" in base and "player_day" in user.links:
        try:
            day = bound.get_player_day(user, _today(kept.started))
        except KoreError:
            return Figures(played, then, now)
        deposits = max(0, day.deposit_count - int(base["deposits"]))
        deposited = max(Decimal(0), day.deposit_total_usd.decimal_amount - Decimal(base["deposited"]))
    if now.currency != then.currency or (deposits and now.currency != "USD"):
        # Kore counts deposits in USD only: a net position in another currency would be a guess.
        return Figures(played, then, now, deposits, _money("USD", deposited, 2) if deposits else None)
    net = now.decimal - then.decimal - deposited
    return Figures(played, then, now, deposits, _money("USD", deposited, now.exponent) if deposits else None,
                   _money(now.currency, net, now.exponent))


def check(*, with_figures: bool = True) -> Check | None:
    """This page's reality check for the signed-in player; None for a visitor or when off."""
    player = current_player()
    if player is None or not player.sid:
        return None
    try:
        minutes = interval(player)
        if not minutes:
            return None
        kept = session_clock(player)
    except Exception as error:  # noqa: BLE001 - the store is down: the page still renders (and says nothing)
        # One line, no traceback: an outage of the store would write one per page (lobby/core/store.py).
        log.warning("reality check store unavailable: %s", type(error).__name__)
        return None
    # Rounded up: a check is never shown (nor its timer fired) before the interval is whole.
    due_in = math.ceil(kept.anchor + minutes * 60 - clock())
    if due_in > 0 or not with_figures:
        return Check(max(due_in, 0))
    return Check(0, figures(player, kept))


def _on_sign_in(app: Flask, player: Player, **_: object) -> None:
    try:
        start(player)
    except Exception:  # noqa: BLE001 - never fails a sign-in; the clock starts at the next page instead
        log.warning("reality check clock not started", exc_info=True)


def _on_sign_out(app: Flask, player: Player, **_: object) -> None:
    try:
        store().forget_session(player.sid)
        forget_page_read("care.session")
    except Exception:  # noqa: BLE001 - it expires anyway
        log.warning("reality check clock not forgotten", exc_info=True)


def init_reality_checks(app: Flask) -> None:
    config = app.config["LOBBY"]
    if config.redis_url:
        # Every page shows the reality check: its records are read with the session's.
        app.extensions["lobby.care"] = RedisStore(config.redis_url)
        add_page_read(app, PageRead("care.interval", 1, lambda pipe, player: pipe.get(
            RedisStore.interval_key(owner_of(player))), lambda answers: RedisStore.parse_interval(answers[0])))
        add_page_read(app, PageRead("care.session", 1, lambda pipe, player: pipe.get(
            RedisStore.session_key(player.sid)), lambda answers: RedisStore.parse_session(answers[0])))
    else:
        app.extensions["lobby.care"] = SqliteStore(config.player_state_db)
    session_started.connect(_on_sign_in, sender=app, weak=False)
    session_ended.connect(_on_sign_out, sender=app, weak=False)
