"""The HTTP layer under the Kore client: pooled connections, timeouts, and the only retries.

libcurl (pycurl), not requests or urllib3: a call through requests' session cost a page
about 0.4 ms more CPU than urllib3, and urllib3's pools and http.client's header parsing
cost three times what libcurl does for the same call (README "Performance"), for
features the lobby turns off anyway (cookies, redirects, netrc, the environment read on
every call).

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
import threading
from io import BytesIO
from typing import Any, Callable, Mapping
from urllib.parse import urlencode, urlsplit

import certifi
import pycurl
from requests.utils import get_environ_proxies
from urllib3 import HTTPHeaderDict

from .errors import KoreError, KoreUnavailable, error_from_body, retry_after_seconds

log = logging.getLogger("lobby.kore")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "DELETE"})
#: Answers from a gateway in front of Kore (or Kore restarting) worth one more try.
RETRY_STATUSES = frozenset({502, 503, 504})

DEFAULT_TIMEOUT = (3.05, 10.0)

#: libcurl's codes (curl_easy_setopt(3), libcurl-errors(3)) for the ways a request fails.
#: The connection was never made: Kore cannot have seen the request.
_NOT_CONNECTED = frozenset({pycurl.E_COULDNT_RESOLVE_HOST, pycurl.E_COULDNT_RESOLVE_PROXY, pycurl.E_COULDNT_CONNECT})
#: Worth another try (for idempotent requests only): not an invalid URL or a certificate
#: Kore's address does not match, which repeating cannot mend.
_TRANSIENT = _NOT_CONNECTED | frozenset({
    pycurl.E_OPERATION_TIMEDOUT, pycurl.E_GOT_NOTHING, pycurl.E_SEND_ERROR, pycurl.E_RECV_ERROR,
    pycurl.E_PARTIAL_FILE, pycurl.E_BAD_CONTENT_ENCODING, pycurl.E_HTTP2,
    8,   # CURLE_WEIRD_SERVER_REPLY (pycurl names it E_FTP_WEIRD_SERVER_REPLY)
    97,  # CURLE_PROXY: the proxy's handshake failed (no pycurl name)
})


@dataclass(frozen=True)
class HttpResponse:
    """A decoded answer: ``data`` is the JSON body (floats as Decimal) or None when empty."""

    status: int
    headers: Mapping[str, str]
    data: Any


class HttpClient:
    """libcurl's kept connections with timeouts and bounded retries.

    One instance per process (per ``KoreClient``); it is safe to share between the
    threads that call Kore concurrently for one page: each thread has its own libcurl
    handle (and its connections), and nothing per-request outlives the call.

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

        # libcurl through pycurl: a Kore call cost a page about a third of urllib3's CPU
        # (README "Performance"). It must not retry or follow redirects on its own: every
        # retry decision is taken below, where the method is known; a redirect would be
        # followed without the Authorization header, and Kore does not redirect its API.
        # No cookie engine: the connections are shared by every player of the process, and
        # a cookie Kore (or a proxy) set for one player must never be sent for another.
        self.user_agent = user_agent
        #: Connections kept per thread (each thread that calls Kore has its own handle,
        #: libcurl's are not shared between threads): one per origin, a few origins.
        self.pool_size = pool_size
        # The environment's CA setting is read once, like every setting; none set: the
        # same bundle requests would use.
        self.ca_certs = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or certifi.where()
        self._local = threading.local()
        self._handles: list[pycurl.Curl] = []
        self._handles_lock = threading.Lock()
        #: Bumped by close(): a thread's handle from before is not used again.
        self._generation = 0
        self._proxies_by_origin: dict[str, str | None] = {}

    def close(self) -> None:
        with self._handles_lock:
            handles, self._handles = self._handles, []
            self._generation += 1
        for handle in handles:
            handle.close()

    def _handle(self) -> pycurl.Curl:
        kept = getattr(self._local, "curl", None)
        if kept is not None and kept[0] == self._generation:
            return kept[1]
        handle = pycurl.Curl()
        with self._handles_lock:
            self._handles.append(handle)
            self._local.curl = (self._generation, handle)
        return handle

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
                response = self._perform(method, target, url, headers, data, idempotent,
                                         self._timeout(attempt, deadline))
            except _TransportFailure as exc:
                error = _transport_error(exc, idempotent)
                log.info(
                    "kore %s %s failed after %.0f ms: %s",
                    method, path, (self._clock() - started) * 1000, exc.name,
                )
                delay = self._delay(attempt, None)
                # An invalid URL or a certificate error is a configuration error: repeating it is pointless.
                if idempotent and exc.code in _TRANSIENT and self._may_retry(attempt, delay, deadline):
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

    def _perform(self, method: str, target: str, url: str, headers: Mapping[str, str], body: bytes | None,
                 idempotent: bool, timeout: tuple[float, float]) -> "_Answer":
        """One attempt: the answer, or _TransportFailure."""
        curl = self._handle()
        curl.reset()  # options only: the handle's open connections stay
        received = BytesIO()
        answer_headers = HTTPHeaderDict()

        def header_line(line: bytes) -> None:
            text = line.decode("iso-8859-1")
            if text.startswith("HTTP/"):
                answer_headers.clear()  # a 100 Continue's headers are not the answer's
            elif ":" in text:
                name, _, value = text.partition(":")
                answer_headers.add(name.strip(), value.strip())

        sent = [f"User-Agent: {self.user_agent}", "Accept: application/json", "Expect:"]
        sent.extend(f"{name}: {value}" for name, value in headers.items())
        if any("\r" in line or "\n" in line for line in sent):
            raise _TransportFailure(pycurl.E_URL_MALFORMAT, True)  # a header cannot hold a line break
        if body is not None and not any(name.lower() == "content-type" for name in headers):
            sent.append("Content-Type:")  # libcurl would otherwise call the body a form
        connect, read = timeout
        try:
            curl.setopt(pycurl.URL, target)
            curl.setopt(pycurl.NOSIGNAL, 1)  # threads: no SIGALRM for timeouts
            curl.setopt(pycurl.HTTP_VERSION, pycurl.CURL_HTTP_VERSION_1_1)
            curl.setopt(pycurl.PROTOCOLS, pycurl.PROTO_HTTP | pycurl.PROTO_HTTPS)
            # libcurl bounds the whole exchange, not each read as urllib3 did: the read
            # timeout is the longest one attempt may take, its connect included (never
            # longer than before; with the defaults, 3.05 s to connect within 10 s).
            curl.setopt(pycurl.CONNECTTIMEOUT_MS, max(1, int(min(connect, read) * 1000)))
            curl.setopt(pycurl.TIMEOUT_MS, max(1, int(read * 1000)))
            curl.setopt(pycurl.MAXCONNECTS, max(1, min(self.pool_size, 8)))
            curl.setopt(pycurl.CAINFO, self.ca_certs)
            curl.setopt(pycurl.PROXY, self._proxy(url) or "")  # "": not libcurl's own reading of the environment
            curl.setopt(pycurl.ACCEPT_ENCODING, "gzip, deflate")
            curl.setopt(pycurl.HTTPHEADER, sent)
            curl.setopt(pycurl.HEADERFUNCTION, header_line)
            curl.setopt(pycurl.WRITEDATA, received)
            if not idempotent:
                # libcurl repeats a request on its own when a kept connection turns out
                # closed: a login, a claim or a rebuy goes on a new connection, once.
                curl.setopt(pycurl.FRESH_CONNECT, 1)
            if method == "GET":
                curl.setopt(pycurl.HTTPGET, 1)
            elif method == "HEAD":
                curl.setopt(pycurl.NOBODY, 1)
            else:
                curl.setopt(pycurl.CUSTOMREQUEST, method)
                if body is not None or method in ("POST", "PUT", "PATCH"):
                    curl.setopt(pycurl.POSTFIELDS, body or b"")
            curl.perform()
        except pycurl.error as exc:
            code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else -1
            raise _TransportFailure(code, curl.getinfo(pycurl.REQUEST_SIZE) == 0) from exc
        except (UnicodeError, TypeError, ValueError) as exc:  # a URL or header libcurl cannot take
            raise _TransportFailure(pycurl.E_URL_MALFORMAT, True) from exc
        return _Answer(curl.getinfo(pycurl.RESPONSE_CODE), answer_headers, received.getvalue())

    def _proxy(self, url: str) -> str | None:
        """HTTP(S)_PROXY for the URL's origin unless NO_PROXY exempts it (the environment
        looked up once per origin, the way requests reads it)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._proxies_by_origin:
            self._proxies_by_origin[origin] = get_environ_proxies(origin).get(parts.scheme)
        return self._proxies_by_origin[origin]

    # -- retry arithmetic ----------------------------------------------------------

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


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: HTTPHeaderDict
    data: bytes


class _TransportFailure(Exception):
    """libcurl could not complete the exchange (``code``: its error number)."""

    def __init__(self, code: int, never_sent: bool) -> None:
        super().__init__(code)
        self.code, self.never_sent = code, never_sent

    @property
    def name(self) -> str:
        """libcurl's name for the error (``E_COULDNT_CONNECT``), for logs."""
        return _CURL_NAMES.get(self.code, f"curl error {self.code}")


_CURL_NAMES = {value: name for name, value in vars(pycurl).items() if name.startswith("E_") and isinstance(value, int)}


def _decode(response: _Answer) -> Any:
    """The JSON body with floats as Decimal (money is never a float), None if empty."""
    content = response.data
    if not content or not content.strip():
        return None
    return json.loads(content, parse_float=Decimal)


def _error_for(
    response: _Answer, decoded: Any, readable: bool, idempotent: bool
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


def _transport_error(exc: _TransportFailure, idempotent: bool) -> KoreUnavailable:
    # Nothing went out when the connection was never made, or no byte of the request was
    # written: Kore cannot have seen it.
    never_sent = exc.code in _NOT_CONNECTED or exc.never_sent
    timed_out = exc.code == pycurl.E_OPERATION_TIMEDOUT
    if timed_out:
        what = "timed out connecting to Kore" if never_sent else "Kore did not answer in time"
    elif exc.code in _TRANSIENT:
        what = "could not connect to Kore" if never_sent else "the connection to Kore was lost"
    else:
        what = f"request to Kore failed ({exc.name})"
    return KoreUnavailable(what, outcome_unknown=not idempotent and not never_sent, timed_out=timed_out)
