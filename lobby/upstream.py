"""How views reach Kore: one client per app, brand tokens and brand data cached.

Views never build Kore URLs; they call the client with links Kore handed out.
Brand-level data that does not depend on the player is cached in the app's
cache (in memory by default, shared through Redis when configured).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, TypeVar

from flask import Flask, copy_current_request_context, current_app, has_request_context, request, url_for

from .config import Config
from .extensions import cache
from .kore import (
    Currency,
    Game,
    KoreAuthError,
    KoreClient,
    KoreError,
    KoreRateLimited,
    KoreServerError,
    KoreUnavailable,
    ProgressiveGame,
    Token,
    User,
)
from .kore.errors import ErrorCode

T = TypeVar("T")

#: Currencies rarely change ("could easily be cached or embedded into client code").
CURRENCIES_TTL = 3600
#: "The API typically cache the Jackpot Information for 30 seconds": asking more often
#: would only return the same numbers.
JACKPOTS_TTL = 30
#: The game list visitors see; new games may wait a minute to appear.
PUBLIC_GAMES_TTL = 60
#: How long a last good copy of brand data is kept to serve while Kore is down.
STALE_TTL = 24 * 3600
#: Answers meaning "Kore cannot say right now", as opposed to "Kore says no".
OUTAGES = (KoreUnavailable, KoreServerError, KoreRateLimited)
#: Renew a brand token this long before Kore says it expires.
TOKEN_MARGIN = timedelta(minutes=5)


class Upstream:
    """The app's Kore client and the few things derived from it."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.client = KoreClient(
            config.kore_api_url,
            config.kore_brand_id,
            timeout=(config.kore_connect_timeout, config.kore_read_timeout),
        )
        # Independent Kore calls of one page run side by side on these threads.
        self.pool = ThreadPoolExecutor(max_workers=16, thread_name_prefix="kore")
        self._token_lock = threading.Lock()

    # -- brand tokens -------------------------------------------------------
    def brand_token(self, locale: str, *, fresh: bool = False) -> str:
        """A brand_public_credentials bearer token for the locale, cached until near expiry."""
        key = f"brand-token:{self.config.kore_brand_id}:{locale}"
        if not fresh:
            cached = cache.get(key)
            if cached:
                return cached
        with self._token_lock:
            cached = None if fresh else cache.get(key)
            if cached:
                return cached
            response = self.client.brand_token(locale=locale, return_url=return_url())
            token: Token = response.bearer
            ttl = (token.expiration - TOKEN_MARGIN - datetime.now(timezone.utc)).total_seconds()
            if ttl > 0:
                cache.set(key, token.value, timeout=int(ttl))
            return token.value

    def as_brand(self, locale: str, call: Callable[[str], T]) -> T:
        """Run ``call(token)`` with the brand token; renew it once if Kore says it expired."""
        try:
            return call(self.brand_token(locale))
        except KoreAuthError as error:
            if error.code not in {ErrorCode.EXPIRED_TOKEN, ErrorCode.INVALID_CREDENTIALS}:
                raise
            return call(self.brand_token(locale, fresh=True))

    # -- brand data ---------------------------------------------------------
    def brand_data(self, key: str, ttl: int, fetch: Callable[[], T], *, stale_ok: bool) -> T:
        """Brand-level data from the cache while fresh, else from Kore.

        With ``stale_ok``, the last good copy is kept for a day and served (with a
        notice on the page) while Kore is down or refusing to answer.
        """
        entry = cache.get(key)
        now = time.time()
        if entry is not None and now - entry[0] < ttl:
            return entry[1]
        try:
            value = fetch()
        except OUTAGES:
            if stale_ok and entry is not None:
                mark_stale()
                return entry[1]
            raise
        cache.set(key, (now, value), timeout=STALE_TTL if stale_ok else ttl)
        return value

    def currencies(self, locale: str) -> dict[str, Currency]:
        ret = return_url()

        def fetch() -> dict[str, Currency]:
            listed = self.as_brand(locale, lambda token: self.client.currencies(token=token, return_url=ret))
            return {currency.currency: currency for currency in listed}

        return self.brand_data(f"currencies:{self.config.kore_brand_id}", CURRENCIES_TTL, fetch, stale_ok=True)

    def public_games(self, locale: str) -> list[Game]:
        """The games anyone may browse (brand token: no player's play links)."""
        ret = return_url()
        return self.brand_data(
            f"games:{self.config.kore_brand_id}:{locale}",
            PUBLIC_GAMES_TTL,
            lambda: self.as_brand(locale, lambda token: self.client.list_games(token=token, return_url=ret)),
            stale_ok=True,
        )

    def progressives(self, locale: str) -> dict[str, ProgressiveGame]:
        """Progressive games by slug, with their jackpots (cached like Kore caches them).

        No stale copies: an old jackpot figure would be wrong, so tiles go without.
        """
        ret = return_url()

        def fetch() -> dict[str, ProgressiveGame]:
            listed = self.as_brand(locale, lambda token: self.client.progressive_games(token=token, return_url=ret))
            return {game.game_slug: game for game in listed}

        return self.brand_data(f"progressives:{self.config.kore_brand_id}", JACKPOTS_TTL, fetch, stale_ok=False)

    # -- the player -------------------------------------------------------
    def user(self, player, ret: str, ip: str | None) -> User | None:
        """The player's account (balance and links), or None when Kore cannot say now.

        A session that is over still raises, so the page sends the player to login;
        anything else leaves the balance "unavailable" rather than wrong.
        """
        try:
            return self.client.get_user(token=player.token, link=player.user_link, return_url=ret, client_ip=ip)
        except KoreAuthError as error:
            if error.session_over:
                raise
            return None
        except KoreError:
            return None

    # -- concurrency --------------------------------------------------------
    def gather(self, *calls: Callable[[], Any]) -> list[Any]:
        """Run independent calls at the same time; results in order, first error raised."""
        if len(calls) == 1:
            return [calls[0]()]
        if has_request_context():
            # The calls may need url_for, the cache or the session, like the view itself.
            calls = tuple(copy_current_request_context(call) for call in calls)
        futures = [self.pool.submit(call) for call in calls]
        return [future.result() for future in futures]


def mark_stale() -> None:
    """This page shows a last good copy of something: it says so (see base.html)."""
    if has_request_context():
        # The environ, unlike g, is shared with the threads of Upstream.gather.
        request.environ["lobby.stale"] = True


def upstream() -> Upstream:
    return current_app.extensions["lobby.upstream"]


def return_url() -> str:
    """The URL Kore sends the player back to from its pages and games."""
    return url_for("lobby.returned", _external=True)


def client_ip() -> str | None:
    """The player's address, forwarded to Kore so its limits count per player."""
    try:
        return request.remote_addr
    except RuntimeError:
        return None


def init_upstream(app: Flask, config: Config) -> None:
    app.extensions["lobby.upstream"] = Upstream(config)
