"""The sandbox aggregator's keys: RSA pairs, the JWKS that publishes them, RS256 JWTs."""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

#: BETCORE's JWTs are valid for ten seconds (``exp`` is ``nbf`` + 10).
LIFETIME = 10


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey

    def jwk(self) -> dict[str, Any]:
        public = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
        return {**public, "kid": self.kid, "use": "sig", "alg": "RS256"}


def _new_key() -> SigningKey:
    return SigningKey(kid=secrets.token_hex(8), private_key=rsa.generate_private_key(public_exponent=65537, key_size=2048))


class Signer:
    """The current key signs; the JWKS lists the current key and, until dropped, older ones."""

    def __init__(self, issuer: str, client_id: str, clock: Callable[[], float] = time.time) -> None:
        self.issuer = issuer
        self.client_id = client_id
        self.clock = clock
        self._lock = threading.Lock()
        self._keys = [_new_key()]

    @property
    def current(self) -> SigningKey:
        with self._lock:
            return self._keys[-1]

    def rotate(self, *, keep_old: bool = True) -> SigningKey:
        """A new current key; the old ones stay published unless ``keep_old`` is false."""
        key = _new_key()
        with self._lock:
            self._keys = [*self._keys[-2:], key] if keep_old else [key]
        return key

    def jwks(self) -> dict[str, Any]:
        with self._lock:
            keys = list(self._keys)
        return {"keys": [key.jwk() for key in keys]}

    def sign(self, data: dict[str, Any], **overrides: Any) -> str:
        """A JWT like BETCORE's: ``data`` as a JSON string, ``nbf``/``exp`` ten seconds apart."""
        now = int(self.clock())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "client_id": self.client_id,
            "nbf": now,
            "iat": now,
            "exp": now + LIFETIME,
            "data": json.dumps(data, separators=(",", ":")),
        }
        claims.update(overrides)
        key = self.current
        return jwt.encode(claims, key.private_key, algorithm="RS256", headers={"kid": key.kid})
