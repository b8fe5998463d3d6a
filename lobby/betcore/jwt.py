"""BETCORE's JWTs: the request body, the aggregator's keys (JWKS) and the checks.

BETCORE signs with RS256 and names its key by ``kid``; its keys are published as a JWKS.
The lobby fetches the JWKS once, keeps it, and fetches it again when a JWT names a key it
does not know (a rotation), at most a few times a minute whatever the JWTs say.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from typing import Any, Callable

import jwt
import requests

#: Seconds of clock difference allowed on ``nbf`` and ``exp``.
LEEWAY = 5
#: BETCORE's JWTs live ten seconds; one that claims to live much longer is not BETCORE's.
MAX_LIFETIME = 60
#: At most this many JWKS fetches for unknown keys per minute.
REFETCHES_PER_MINUTE = 6
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
    """The aggregator's public keys by ``kid``, from its JWKS URL."""

    def __init__(self, url: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.url = url
        self.clock = clock
        self._lock = threading.Lock()
        self._keys: dict[str, jwt.PyJWK] | None = None
        self._fetches: deque[float] = deque()

    def key(self, kid: str) -> jwt.PyJWK:
        with self._lock:
            if self._keys is None or (kid not in self._keys and self._may_refetch()):
                self._keys = self._fetch()
            key = self._keys.get(kid)
        if key is None:
            raise JwtRefused("unknown kid")
        return key

    def _may_refetch(self) -> bool:
        now = self.clock()
        while self._fetches and now - self._fetches[0] > 60:
            self._fetches.popleft()
        return len(self._fetches) < REFETCHES_PER_MINUTE

    def _fetch(self) -> dict[str, jwt.PyJWK]:
        self._fetches.append(self.clock())
        try:
            response = requests.get(self.url, timeout=JWKS_TIMEOUT, headers={"Accept": "application/json"})
            response.raise_for_status()
            listed = response.json().get("keys")
        except (requests.RequestException, ValueError, AttributeError) as error:
            if self._keys is not None:
                return self._keys  # keep the keys we had
            raise JwksUnavailable(type(error).__name__) from None
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
