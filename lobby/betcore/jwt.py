"""BETCORE's JWTs: the request body, the aggregator's keys (JWKS) and the checks.

BETCORE signs with RS256 and names its key by ``kid``; its keys are published as a JWKS.
The lobby fetches the JWKS once, keeps it, and fetches it again when a JWT names a key it
does not know (a rotation), at most once per REFETCH_INTERVAL whatever the JWTs say.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
from typing import Any, Callable

import jwt
import requests

log = logging.getLogger(__name__)

#: Seconds of clock difference allowed on ``nbf`` and ``exp``.
LEEWAY = 5
#: BETCORE's JWTs live ten seconds; one that claims to live much longer is not BETCORE's.
MAX_LIFETIME = 60
#: Unknown kids refetch the JWKS at most once in this many seconds, whoever sends them.
REFETCH_INTERVAL = 10.0
#: Before any key was read, a failed fetch is tried again after this many seconds.
UNREAD_RETRY = 2.0
#: Seconds a key that vanished from the JWKS stays valid (a rotation's tokens in flight).
KEY_GRACE = 300.0
#: A request needing a fetch another is making waits at most this long for it.
FETCH_WAIT = 5.0
JWKS_TIMEOUT = (3.05, 5)
_JWT = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_MAX_BODY = 16 * 1024


class BadRequest(Exception):
    """The request is not what BETCORE sends (103752)."""


class JwtRefused(Exception):
    """The JWT's signature or claims are wrong (103811). The message is for the log."""


class JwksUnavailable(Exception):
    """The aggregator's keys could not be read (103799)."""


def token_from_body(raw: bytes) -> str:
    """The JWT of a request body: a JSON-quoted string, or the bare JWT."""
    if len(raw) > _MAX_BODY:
        raise BadRequest("body too long")
    try:
        text = raw.decode("utf-8").strip()
        if text.startswith('"'):
            text = json.loads(text)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("body is not a JSON string") from None
    if not isinstance(text, str) or not _JWT.fullmatch(text):
        raise BadRequest("body is not a JWT")
    return text


class Jwks:
    """The aggregator's public keys by ``kid``, from its JWKS URL.

    Nobody can poison or starve it: a fetched set without one usable RS256 key never
    replaces good keys (the bad answer is logged, the last good set stays); unknown kids
    cause a refetch at most once per ``REFETCH_INTERVAL`` whoever asks (a shared minimum
    interval, not a budget unauthenticated JWTs could spend); keys that vanish from the set
    stay valid for ``KEY_GRACE`` (a rotation never refuses a token signed a moment ago).
    Fetches happen outside the lock known keys are read under, one at a time (callers
    that need its result wait at most ``FETCH_WAIT``): a slow JWKS delays no valid call.
    """

    def __init__(self, url: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.url = url
        self.clock = clock
        self._lock = threading.Lock()  # guards the fields below; never held over the network
        self._keys: dict[str, jwt.PyJWK] = {}
        #: kid → (key, when it vanished from the set): still valid for KEY_GRACE.
        self._retired: dict[str, tuple[jwt.PyJWK, float]] = {}
        self._loaded = False
        self._last_fetch = -math.inf
        self._last_refetch = -math.inf
        self._fetching: threading.Event | None = None

    def key(self, kid: str) -> jwt.PyJWK:
        key = self._known(kid)
        if key is None:
            self._refresh()
            key = self._known(kid)
        if key is None:
            with self._lock:
                loaded = self._loaded
            if not loaded:
                raise JwksUnavailable("no keys yet")
            raise JwtRefused("unknown kid")
        return key

    def _known(self, kid: str) -> jwt.PyJWK | None:
        with self._lock:
            key = self._keys.get(kid)
            if key is None and kid in self._retired:
                key, vanished = self._retired[kid]
                if self.clock() - vanished > KEY_GRACE:
                    del self._retired[kid]
                    key = None
            return key

    def _refresh(self) -> None:
        """Fetch the set once (single-flight), unless a fetch was made within the interval."""
        with self._lock:
            waiting = self._fetching
            if waiting is None:
                now = self.clock()
                if self._loaded:
                    # The first unknown kid after the keys were read refetches at once (a
                    # rotation); more only once the interval has passed since the last.
                    if now - self._last_refetch < REFETCH_INTERVAL:
                        return
                    self._last_refetch = now
                elif now - self._last_fetch < UNREAD_RETRY:
                    return
                self._last_fetch = now
                self._fetching = done = threading.Event()
        if waiting is not None:
            waiting.wait(FETCH_WAIT)
            return
        try:
            fetched = self._fetch()
            if fetched:
                with self._lock:
                    self._install(fetched)
        finally:
            with self._lock:
                self._fetching = None
            done.set()

    def _install(self, fetched: dict[str, jwt.PyJWK]) -> None:
        now = self.clock()
        for kid, key in self._keys.items():
            if kid not in fetched:
                self._retired.setdefault(kid, (key, now))
        for kid in fetched:
            self._retired.pop(kid, None)
        self._keys = fetched
        self._loaded = True

    def _fetch(self) -> dict[str, jwt.PyJWK]:
        """The usable keys of a fresh answer; empty when it could not be read or held none."""
        try:
            response = requests.get(self.url, timeout=JWKS_TIMEOUT, headers={"Accept": "application/json"})
            response.raise_for_status()
            listed = response.json().get("keys")
        except (requests.RequestException, ValueError, AttributeError) as error:
            log.warning("BETCORE JWKS could not be read (%s): keeping the keys we have", type(error).__name__)
            return {}
        keys: dict[str, jwt.PyJWK] = {}
        for jwk in listed if isinstance(listed, list) else ():
            if not isinstance(jwk, dict) or not isinstance(jwk.get("kid"), str):
                continue
            # RSA signing keys for RS256 only, whatever else the set holds.
            if jwk.get("kty") != "RSA" or jwk.get("alg", "RS256") != "RS256" or jwk.get("use", "sig") != "sig":
                continue
            try:
                keys[jwk["kid"]] = jwt.PyJWK(jwk, algorithm="RS256")
            except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, TypeError):
                continue
        if not keys:
            log.warning("BETCORE JWKS answered a set with no usable RS256 key (%d entries): keeping the keys we have",
                        len(listed) if isinstance(listed, list) else 0)
        return keys


def verify(token: str, jwks: Jwks, *, issuer: str = "", client_id: str = "") -> dict[str, Any]:
    """The claims of a BETCORE JWT, or JwtRefused."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise JwtRefused("no readable header") from None
    # RS256 only: never "none", never HMAC (with the public key as its secret), nothing else.
    if header.get("alg") != "RS256":
        raise JwtRefused("algorithm not RS256")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise JwtRefused("no kid")
    key = jwks.key(kid)
    try:
        claims = jwt.decode(
            token, key.key, algorithms=["RS256"], leeway=LEEWAY, issuer=issuer or None,
            options={"require": ["exp", "nbf"], "verify_aud": False},
        )
    except jwt.PyJWTError as error:
        raise JwtRefused(type(error).__name__) from None
    if not isinstance(claims.get("exp"), int | float) or not isinstance(claims.get("nbf"), int | float):
        raise JwtRefused("exp and nbf must be numbers")
    if claims["exp"] - claims["nbf"] > MAX_LIFETIME:
        raise JwtRefused("lifetime too long")
    if client_id and claims.get("client_id") != client_id:
        raise JwtRefused("wrong client_id")
    return claims


def request_data(claims: dict[str, Any]) -> dict[str, Any]:
    """The JWT's ``data``: a JSON object, written as a string (an object is taken too)."""
    data = claims.get("data")
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            raise BadRequest("data is not JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("data is not an object")
    return data
