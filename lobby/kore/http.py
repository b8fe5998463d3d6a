"""The HTTP layer under the Kore client: pooled connections, timeouts, and the only retries.

urllib3 directly, not requests: a Kore call through requests' session cost a page about
0.4 ms more CPU on the development machine (0.65 against 0.22 ms a call on loopback,
1.5 against 0.6 ms with 50 ms of latency; README "Performance"), for features the lobby
turns off anyway (cookies, redirects, netrc, the environment read on every call).

Retries live here and nowhere else. Only requests that cannot do anything twice are
repeated: GET and HEAD, and DELETE because Kore's DELETEs (log out, leave a tournament)
are idempotent — doing one again ends in the same state (a second logout answers
``expired_player_session``, which the caller already treats as "logged out"). A POST,
PUT or PATCH is sent once: a login, a registration, a bonus claim or a rebuy must never
happen twice because a connection dropped; when its answer is lost the caller gets
``KoreUnavailable(outcome_unknown=True)`` and can tell the player so.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Mapping
from urllib.parse import urlencode, urlsplit

import certifi
import urllib3
from requests.utils import get_environ_proxies
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    LocationValueError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)

from .errors import KoreError, KoreUnavailable, error_from_body, retry_after_seconds

log = logging.getLogger("lobby.kore")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "DELETE"})
#: Answers from a gateway in front of Kore (or Kore restarting) worth one more try.
RETRY_STATUSES = frozenset({502, 503, 504})

DEFAULT_TIMEOUT = (3.05, 10.0)

#: Transport failures worth another try (for idempotent requests only): not an invalid
#: URL or a certificate Kore's address does not match, which repeating cannot mend.
_TRANSIENT = (ConnectTimeoutError, ReadTimeoutError, ProtocolError, DecodeError, ProxyError, OSError)
#: Transport failures: the request may or may not have reached Kore.
_TRANSPORT = (HTTPError, OSError)


@dataclass(frozen=True)
class HttpResponse:
    """A decoded answer: ``data`` is the JSON body (floats as Decimal) or None when empty."""

    status: int
    headers: Mapping[str, str]
    data: Any


class HttpClient:
    """urllib3's connection pools with timeouts and bounded retries.

    One instance per process (per ``KoreClient``); it is safe to share between the
    threads that call Kore concurrently for one page, because nothing per-request is
    stored on the pools.

    ``budget`` bounds the time spent on retries: a retry (its wait included) is only
    started if it can finish within ``budget`` seconds of the first attempt, so a page
    never hangs on a Kore that keeps failing. ``sleep``, ``clock`` and ``jitter`` are
    injectable so that tests are fast and repeatable.
    """

    def __init__(
        self,
        *,
        timeout: tuple[float, float] | float = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        backoff: float = 0.25,
        max_backoff: float = 2.0,
        budget: float = 8.0,
        pool_size: int = 32,
        user_agent: str = "kore-lobby",
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        if isinstance(timeout, (int, float)):
            timeout = (float(timeout), float(timeout))
        self.connect_timeout, self.read_timeout = timeout
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.budget = budget
        self._sleep = sleep
        self._clock = clock
        self._jitter = jitter

        # urllib3 must not retry or follow redirects on its own: every retry decision is
        # taken below, where the method is known; a redirect would be followed with another
        # method or without the Authorization header, and Kore does not redirect its API.
        # No cookie jar: the connections are shared by every player of the process, and a
        # cookie Kore (or a proxy) set for one player must never be sent for another.
        self._pool_options: dict[str, Any] = dict(
            num_pools=4, maxsize=pool_size, retries=False, block=False,
            headers={"User-Agent": user_agent, "Accept": "application/json", "Accept-Encoding": "gzip, deflate"},
            # The environment's CA setting is read once, like every setting; none set:
            # the same bundle requests would use.
            ca_certs=os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or certifi.where(),
        )
        self._direct = urllib3.PoolManager(**self._pool_options)
        self._by_proxy: dict[str, urllib3.PoolManager] = {}
        self._proxies_by_origin: dict[str, str | None] = {}

    def close(self) -> None:
        self._direct.clear()
        for manager in self._by_proxy.values():
            manager.clear()

    # -- the one entry point -------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        retry: bool = True,
    ) -> HttpResponse:
        """Send one request (retrying only if idempotent, and ``retry``) and decode the answer.

        Raises a ``KoreError`` subclass for every error answer and transport failure.
        """
        method = method.upper()
        idempotent = method in IDEMPOTENT_METHODS and retry
        data = None if json_body is None else _dumps(json_body)
        path = urlsplit(url).path  # never the query: it may carry codes or tokens
        target = _with_params(url, params)
        headers = dict(headers or {})
        deadline = self._clock() + self.budget
        attempt = 0
        error: KoreError
        while True:
            attempt += 1
            started = self._clock()
            try:
                response = self._manager(url).request(
                    method,
                    target,
                    headers=headers,
                    body=data,
                    timeout=self._urllib3_timeout(attempt, deadline),
                    redirect=False,
                    preload_content=True,
                )
            except _TRANSPORT as exc:
                error = _transport_error(exc, idempotent)
                log.info(
                    "kore %s %s failed after %.0f ms: %s",
                    method, path, (self._clock() - started) * 1000, type(exc).__name__,
                )
                delay = self._delay(attempt, None)
                # An invalid URL or header is a configuration error: repeating it is pointless.
                transient = isinstance(exc, _TRANSIENT) and not isinstance(exc, (SSLError, LocationValueError))
                if idempotent and transient and self._may_retry(attempt, delay, deadline):
                    log.info("kore %s %s: retry %d in %.2f s", method, path, attempt, delay)
                    self._sleep(delay)
                    continue
                raise error from exc

            elapsed_ms = (self._clock() - started) * 1000
            try:
                decoded = _decode(response)
            except ValueError:
                decoded, readable = None, False
            else:
                readable = True
            body = decoded if isinstance(decoded, dict) else {}
            uuid = body.get("uuid")
            if response.status < 300 and readable:
                log.debug("kore %s %s -> %d in %.0f ms", method, path, response.status, elapsed_ms)
                return HttpResponse(response.status, response.headers, decoded)

            error = _error_for(response, decoded, readable, idempotent)
            log.info(
                "kore %s %s -> %d %s in %.0f ms (uuid %s)",
                method, path, response.status, error.raw_code or "-", elapsed_ms, uuid,
            )
            if idempotent and _retryable_status(response.status, error):
                delay = self._delay(attempt, error.retry_after)
                if self._may_retry(attempt, delay, deadline):
                    log.info("kore %s %s: retry %d in %.2f s", method, path, attempt, delay)
                    self._sleep(delay)
                    continue
            raise error

    def _manager(self, url: str) -> urllib3.PoolManager:
        """The direct pools, or the proxy's for HTTP(S)_PROXY unless NO_PROXY exempts the
        URL's origin (the environment looked up once per origin)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._proxies_by_origin:
            self._proxies_by_origin[origin] = get_environ_proxies(origin).get(parts.scheme)
        proxy = self._proxies_by_origin[origin]
        if proxy is None:
            return self._direct
        manager = self._by_proxy.get(proxy)
        if manager is None:
            manager = self._by_proxy.setdefault(proxy, urllib3.ProxyManager(proxy, **self._pool_options))
        return manager

    # -- retry arithmetic ----------------------------------------------------------

    def _urllib3_timeout(self, attempt: int, deadline: float) -> urllib3.Timeout:
        connect, read = self._timeout(attempt, deadline)
        return urllib3.Timeout(connect=connect, read=read)

    def _timeout(self, attempt: int, deadline: float) -> tuple[float, float]:
        if attempt == 1:
            return (self.connect_timeout, self.read_timeout)
        # A retry must not run past the budget the first attempt started.
        remaining = max(0.1, deadline - self._clock())
        return (min(self.connect_timeout, remaining), min(self.read_timeout, remaining))

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        base = min(self.max_backoff, self.backoff * (2 ** (attempt - 1)))
        # "Equal jitter": at least half the backoff, so that many lobby processes
        # that failed together do not come back together.
        delay = base / 2 + self._jitter() * base / 2
        if retry_after is not None:
            delay = max(delay, retry_after)
        return delay

    def _may_retry(self, attempt: int, delay: float, deadline: float) -> bool:
        if attempt > self.max_retries:
            return False
        # Leave room for the retry to at least connect before the budget runs out.
        return self._clock() + delay + min(self.connect_timeout, 0.5) <= deadline


def _retryable_status(status: int, error: KoreError) -> bool:
    if status in RETRY_STATUSES:
        return True
    # A 429 is only worth repeating when Kore says when; the wait is then bounded
    # by the budget like any other.
    return status == 429 and error.retry_after is not None


def _dumps(body: Any) -> bytes:
    return json.dumps(body, default=_json_default, ensure_ascii=False).encode("utf-8")


def _json_default(value: Any) -> Any:
    # No Decimal branch on purpose: no request carries money, and turning one into a
    # JSON float would be the one place money became a float.
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    raise TypeError(f"cannot send {type(value).__name__} to Kore")


def _with_params(url: str, params: Mapping[str, Any] | None) -> str:
    """The URL with ``params`` in its query (after any it has), None values left out."""
    if not params:
        return url
    query = urlencode([(k, v) for k, v in params.items() if v is not None], doseq=True)
    if not query:
        return url
    return f"{url}{'&' if urlsplit(url).query else '?'}{query}"


def _decode(response: urllib3.BaseHTTPResponse) -> Any:
    """The JSON body with floats as Decimal (money is never a float), None if empty."""
    content = response.data
    if not content or not content.strip():
        return None
    return json.loads(content, parse_float=Decimal)


def _error_for(
    response: urllib3.BaseHTTPResponse, decoded: Any, readable: bool, idempotent: bool
) -> KoreError:
    status = response.status
    headers = response.headers
    body = decoded if isinstance(decoded, dict) else None
    has_code = bool(
        (body and body.get("error"))
        or headers.get("X-Error-Code")
        or headers.get("X-Kore-ErrorCode")
    )
    if has_code:
        return error_from_body(status, body, headers)
    retry_after = retry_after_seconds(headers.get("Retry-After"))
    if status in RETRY_STATUSES:
        # A gateway's answer: Kore itself was not reached, or its answer was lost.
        return KoreUnavailable(
            f"Kore is unavailable (HTTP {status})",
            status=status,
            retry_after=retry_after,
            outcome_unknown=not idempotent and status != 503,
        )
    if status >= 500 or status == 429 or (status >= 400 and readable and body is not None):
        return error_from_body(status, body, headers)
    # A 2xx/3xx we cannot read, or a 4xx that is not JSON: something that is not Kore
    # answered (a captive portal, a misrouted proxy, a wrong base URL).
    return KoreUnavailable(
        f"unexpected answer from Kore (HTTP {status}, not a Kore response)",
        status=status,
        outcome_unknown=not idempotent and status < 400,
    )


def _transport_error(exc: BaseException, idempotent: bool) -> KoreUnavailable:
    never_sent = _never_sent(exc)
    # A refused connection is, for urllib3, a kind of connect timeout: it is not one.
    timed_out = isinstance(exc, (ConnectTimeoutError, ReadTimeoutError, TimeoutError)) and not isinstance(
        exc, NewConnectionError)
    if timed_out:
        what = "timed out connecting to Kore" if never_sent else "Kore did not answer in time"
    elif isinstance(exc, (NewConnectionError, NameResolutionError, ProtocolError, ProxyError, OSError)):
        what = "could not connect to Kore" if never_sent else "the connection to Kore was lost"
    else:
        what = f"request to Kore failed ({type(exc).__name__})"
    return KoreUnavailable(what, outcome_unknown=not idempotent and not never_sent, timed_out=timed_out)


def _never_sent(exc: BaseException) -> bool:
    """True when the connection was never made, so Kore cannot have seen the request."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, (ConnectTimeoutError, NewConnectionError, NameResolutionError,
                                ConnectionRefusedError)):
            return True
        stack.extend(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))
        stack.append(getattr(current, "reason", None))
        stack.append(current.__cause__)
        stack.append(current.__context__)
    return False
