"""How views reach Kore: one client per app, brand tokens and brand data cached.

Views never build Kore URLs; they call Kore with links it handed out, through ``kore()``:
the request's Kore, its player, return URL and client address bound in (lobby/core/bound.py).
Brand-level data that does not depend on the player is cached in the app's
cache (in memory by default, shared through Redis when configured).
"""

from __future__ import annotations

import contextvars
import hashlib
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, TypeVar

from cachetools import TTLCache
from flask import (
    Flask,
    current_app,
    g,
    has_request_context,
    request,
    url_for,
)

from lobby.config import Config
from lobby.core import metrics
from lobby.core.access import REQUEST_ID
from lobby.core.bound import RequestKore
from lobby.extensions import cache
from lobby.kore import (
    Currency,
    Game,
    KoreAuthError,
    KoreClient,
    KoreError,
    KoreRateLimited,
    KoreUnavailable,
    ProgressiveGame,
    User,
)
from lobby.kore.errors import ErrorCode

T = TypeVar("T")

#: Currencies rarely change ("could easily be cached or embedded into client code").
CURRENCIES_TTL = 3600
#: "The API typically cache the Jackpot Information for 30 seconds": asking more often
#: would only return the same numbers.
JACKPOTS_TTL = 30
#: The game list visitors see; new games may wait a minute to appear.
PUBLIC_GAMES_TTL = 60
#: How long a process reuses brand data it has just read from the shared cache.
LOCAL_TTL = 5
#: How long a player's own game list is reused while they browse.
PLAYER_GAMES_TTL = 15
#: How long a last good copy of brand data is kept to serve while Kore is down.
STALE_TTL = 24 * 3600
#: After Kore failed to give brand data, how long its last good copy is served without asking.
OUTAGE_BACKOFF = 15
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
            observer=metrics.observe_kore,
            context_headers=_request_id_header,
        )
        # Independent Kore calls of one page run side by side on these threads (each
        # request thread of gunicorn may fan out three or four at once).
        self.pool = ThreadPoolExecutor(max_workers=64, thread_name_prefix="kore")
        self._token_lock = threading.Lock()
        # In-process copies, kept as objects: a shared cache (Redis) pickles, and
        # reading it on every page costs the unpickling. Seconds only, so processes
        # never disagree for long.
        self._recent_brand: TTLCache[str, tuple[float, Any]] = TTLCache(maxsize=64, ttl=LOCAL_TTL)
        # A player's own game list (medals, free games, play links for this session),
        # by a hash of the token: never written to a shared cache, gone with the token.
        self._recent_games: TTLCache[str, list[Game]] = TTLCache(maxsize=4096, ttl=PLAYER_GAMES_TTL)
        # A Real-money player's currency, learnt from their balance: pages can then lay
        # out amounts in it while this page's balance is still on its way.
        self._recent_currency: TTLCache[str, str] = TTLCache(maxsize=4096, ttl=600)
        # What a page shows beside the games for a while (the tournaments on today), by
        # what it is and the token's hash; dropped when the player acts (see forget_player).
        self._recent_player: TTLCache[tuple[str, str], Any] = TTLCache(maxsize=8192, ttl=PLAYER_GAMES_TTL)
        # Brand data Kore just failed to give: its last good copy is served without
        # asking again for a while, so an outage is not hit once per amount on a page.
        self._backing_off: TTLCache[str, bool] = TTLCache(maxsize=64, ttl=OUTAGE_BACKOFF)
        self._recent_lock = threading.Lock()

    def clear(self) -> None:
        """Forget every copy kept in this process (the shared cache is the app's to clear)."""
        with self._recent_lock:
            for kept in (self._recent_brand, self._recent_games, self._recent_currency, self._recent_player,
                         self._backing_off):
                kept.clear()

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
            token = response.bearer
            if token is None:
                raise KoreUnavailable("Kore answered a brand token request without a Bearer token")
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
        try:
            return call(self.brand_token(locale, fresh=True))
        except KoreAuthError as error:
            # A fresh brand token refused too: the brand's setup, not the player's
            # session. Never let it pass for an ended session (that signs players out).
            raise KoreUnavailable(
                f"Kore refused the brand's credentials ({error.raw_code})", status=error.status, uuid=error.uuid
            ) from error

    # -- brand data ---------------------------------------------------------
    def brand_data(self, key: str, ttl: int, fetch: Callable[[], T], *, stale_ok: bool) -> T:
        """Brand-level data from the cache while fresh, else from Kore.

        With ``stale_ok``, the last good copy is kept for a day and served (with a
        notice on the page) while Kore is down or refusing to answer.
        """
        now = time.time()
        with self._recent_lock:
            entry = self._recent_brand.get(key)
        if entry is None or now - entry[0] >= ttl:
            entry = cache.get(key)
        if entry is not None and now - entry[0] < ttl:
            with self._recent_lock:
                self._recent_brand[key] = entry
            metrics.brand_cache(key.split(":", 1)[0], hit=True)
            return entry[1]
        metrics.brand_cache(key.split(":", 1)[0], hit=False)
        with self._recent_lock:
            backing_off = key in self._backing_off
        if backing_off and stale_ok and entry is not None:
            mark_stale()
            return entry[1]
        try:
            value = fetch()
        except KoreError as error:
            if not outage(error):
                raise
            with self._recent_lock:
                self._backing_off[key] = True
            if stale_ok and entry is not None:
                mark_stale()
                return entry[1]
            raise
        entry = (now, value)
        cache.set(key, entry, timeout=STALE_TTL if stale_ok else ttl)
        with self._recent_lock:
            self._recent_brand[key] = entry
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
        # Kore writes the return URL into the play links: a list fetched for one return
        # URL is never served to a request that would send another.
        where = hashlib.sha256(ret.encode()).hexdigest()[:16]
        return self.brand_data(
            f"games:{self.config.kore_brand_id}:{locale}:{where}",
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
    def player_games(self, player, ret: str, ip: str | None) -> list[Game]:
        """The player's game list; the same token asking again within seconds gets the
        list it just had (a player browsing the lobby), a new token a fresh one."""
        key = _token_key(player)
        with self._recent_lock:
            games = self._recent_games.get(key)
        if games is None:
            games = self.client.list_games(token=player.token, return_url=ret, client_ip=ip)
            with self._recent_lock:
                self._recent_games[key] = games
        return games

    def recent_for_player(self, player, what: str, fetch: Callable[[], T]) -> T:
        """``fetch()``'s answer for this token, reused for a few seconds (PLAYER_GAMES_TTL):
        for what a page shows beside its main content, never for what the player acts on."""
        key = (what, _token_key(player))
        with self._recent_lock:
            if key in self._recent_player:
                return self._recent_player[key]
        value = fetch()
        with self._recent_lock:
            self._recent_player[key] = value
        return value

    def forget_player(self, player, what: str | None = None) -> None:
        """Drop what is kept for the player's token (sign-out, or Kore ended the session);
        with ``what``, only that (the player changed it)."""
        token = _token_key(player)
        with self._recent_lock:
            if what is not None:
                self._recent_player.pop((what, token), None)
            else:
                self._recent_games.pop(token, None)
                self._recent_currency.pop(token, None)
                for key in [key for key in self._recent_player if key[1] == token]:
                    self._recent_player.pop(key, None)

    def user(self, player, ret: str, ip: str | None) -> User | None:
        """The player's account (balance and links), or None when Kore cannot say now.

        A session that is over still raises, so the page sends the player to login;
        anything else leaves the balance "unavailable" rather than wrong.
        """
        try:
            user = self.client.get_user(token=player.token, link=player.user_link, return_url=ret, client_ip=ip)
        except KoreError as error:
            if error.session_over:
                raise
            return None
        self.remember_currency(player, user)
        return user

    def remember_currency(self, player, user: User) -> None:
        """A Real-money player's currency, as their balance just told it."""
        if player.real:
            with self._recent_lock:
                self._recent_currency[_token_key(player)] = user.balance.currency

    def session_over(self, token: str, return_url: str | None) -> bool:
        """Does Kore itself say this token's session is over? (``GET users`` with it: any
        player token may ask.) Outside a request: the return URL is the one its page had."""
        try:
            self.client.get_users_links(token=token, return_url=return_url or None)
        except KoreError as error:
            return error.session_over
        return False

    def known_currency(self, player) -> str | None:
        """The Real-money player's currency if a recent balance told it, else None."""
        with self._recent_lock:
            return self._recent_currency.get(_token_key(player)) if player.real else None

    # -- concurrency --------------------------------------------------------
    def submit(self, call: Callable[[], T]) -> "Future[T]":
        """Start a call on the pool now; take its result later (``.result()``)."""
        if has_request_context():
            kore()  # made once, on the request's thread, before its calls fan out
        # The call runs in a copy of this thread's context: the same request, session
        # and g (Flask keeps them in context variables), without pushing a new request
        # context per call, which cost more than a cached lookup itself.
        return self.pool.submit(contextvars.copy_context().run, call)

    def gather(self, *calls: Callable[[], Any]) -> list[Any]:
        """Run independent calls at the same time; results in order, first error raised."""
        if len(calls) == 1:
            return [calls[0]()]
        first, rest = calls[0], calls[1:]
        if has_request_context():
            kore()  # made once, on the request's thread, before its calls fan out
        # The calls may need url_for, the cache or the session, like the view itself: each
        # runs in a copy of this context (one Context cannot be entered by two threads).
        futures = [self.pool.submit(contextvars.copy_context().run, call) for call in rest]
        # The request's own thread makes one of the calls instead of waiting idle.
        results = [first()]
        results.extend(future.result() for future in futures)
        return results


def outage(error: KoreError) -> bool:
    """Kore will not give data now (no answer, or too many requests): a last good copy
    or a fallback can stand in, where a refusal of the request itself could not."""
    return error.unavailable or isinstance(error, KoreRateLimited)


def _token_key(player) -> str:
    """What in-process caches key a player's data by: never the token itself."""
    return hashlib.sha256(player.token.encode()).hexdigest()


def mark_stale() -> None:
    """This page shows a last good copy of something: it says so (see base.html)."""
    if has_request_context():
        # The environ, unlike g, is shared with the threads of Upstream.gather.
        request.environ["lobby.stale"] = True


def _request_id_header() -> dict[str, str]:
    """The request's id on its Kore calls, so both sides' logs can be joined."""
    if has_request_context():
        request_id = request.environ.get(REQUEST_ID)
        if request_id:
            return {"X-Request-Id": request_id}
    return {}


def upstream() -> Upstream:
    return current_app.extensions["lobby.core.upstream"]


#: The environ key of the request's Kore, beside the request it was made for: the environ,
#: unlike g, is shared with the threads of Upstream.gather (the same request object); a new
#: request made from a copy of the environ (a live stream's events) makes its own.
_KORE = "lobby.kore"


def kore() -> RequestKore:
    """This request's Kore: the signed-in player's token, the return URL and the client's
    address bound in, so each call takes the operation's own arguments only.

    Made once a request (and again when the player changes: a sign-in, a new token, a
    sign-out), from what the request already knows: no Kore call, no store round trip.
    """
    this = request._get_current_object()  # type: ignore[attr-defined]
    kept: tuple[Any, RequestKore] | None = this.environ.get(_KORE)
    bound = kept[1] if kept is not None and kept[0] is this else None
    if "player" in g:  # the request's own thread, the player already known (it may have changed)
        player = g.player
        if bound is not None and bound.player is player:
            return bound
    elif bound is not None:  # a thread of the pool: its g is its own, the request's Kore is shared
        return bound
    else:
        from lobby.core.session import current_player  # the session module depends on this one

        player = current_player()
    bound = RequestKore(upstream(), player, return_url(), client_ip())
    this.environ[_KORE] = (this, bound)
    return bound


def absolute_url(endpoint: str, **values: Any) -> str:
    """An absolute URL of ours: under PUBLIC_URL, never from a client's Host header."""
    return public_root() + url_for(endpoint, **values)


#: Hosts a development lobby may be reached at whose URLs can be built from the request
#: (a test server on a free port, a developer's browser): they name this machine only.
_LOOPBACK = {"localhost", "127.0.0.1", "[::1]"}


def public_root() -> str:
    """Where players reach the lobby: PUBLIC_URL (production cannot start without it).

    Development without it: the request's own loopback host (make run, test servers on
    free ports), else where the lobby listens. Never another Host a client sent: it would
    come back in pages, return URLs and the BETCORE frame's addresses.
    """
    config = current_app.config["LOBBY"]
    if config.public_url:
        return config.public_url
    if has_request_context():
        host = request.host.lower()
        name = host[: host.index("]") + 1] if host.startswith("[") else host.rsplit(":", 1)[0]
        if name in _LOOPBACK:
            return f"{request.scheme}://{host}"
    return f"http://{config.lobby_host}:{config.lobby_port}"


def return_url() -> str:
    """The URL Kore sends the player back to from its pages and games (built once a request:
    a page asks for it for each Kore call and cached list it reads)."""
    if not has_request_context():
        return absolute_url("games.returned")
    kept = request.environ.get("lobby.return_url")
    if kept is None:
        kept = request.environ["lobby.return_url"] = absolute_url("games.returned")
    return kept


def client_ip() -> str | None:
    """The player's address, forwarded to Kore so its limits count per player: the
    request's as the lobby's one rule made it (``TRUSTED_PROXIES``, ProxyFix)."""
    try:
        return request.remote_addr
    except RuntimeError:
        return None


def init_upstream(app: Flask, config: Config) -> None:
    app.extensions["lobby.core.upstream"] = Upstream(config)
    app.jinja_env.globals["return_url"] = return_url
