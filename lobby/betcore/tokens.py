"""BETCORE refresh tokens: issued for a signed-in player, rotated by every /users/auth.

A token is random (256 bits, hex: within BETCORE's alphabet) and stored only as its
SHA-256. Tokens of one WebFrame opening form a chain bound to the player's session; the
chain holds the grant (PartnerUserId, currency, IsTest, and the Kore credentials sealed
with the app's key). Rotation retires the presented token and issues its successor:

- the same token again within RETRY_WINDOW seconds (the aggregator lost our answer)
  gets the same successor, as long as that successor has not been used itself;
- a retired token presented later revokes the whole chain (someone replays a copy);
- a chain not used for the session's idle timeout, or past its Kore token's expiry, is
  gone; signing out (any way a session ends) revokes the session's chains.

Redis when REDIS_URL is set (optimistic transactions: WATCH/MULTI), else process memory.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any, Callable, Protocol

import redis
from cryptography.fernet import Fernet, InvalidToken
from lobby.core.store import redis_client

#: Seconds during which a retry of the same /users/auth gets the same new token.
RETRY_WINDOW = 5
#: Chains (WebFrame openings) a session keeps; opening more revokes the oldest.
CHAINS_PER_SESSION = 20
_PREFIX = "lobby:betcore:"

Read = Callable[[str], Any]
Writes = dict[str, tuple[Any, float]]


class TokenRefused(Exception):
    """Unknown, expired, revoked or reused refresh token (103805). The message is for the log."""


@dataclass(frozen=True)
class Grant:
    """What a chain of refresh tokens stands for."""

    sid: str
    partner_user_id: str
    currency: str
    is_test: bool
    #: The Kore credentials (token and user link), sealed: never readable in the store.
    sealed: str
    #: Epoch seconds when the Kore token expires.
    expires: float


def new_token() -> str:
    return secrets.token_hex(32)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Backend(Protocol):
    def transact(self, work: Callable[[Read, Writes], Any]) -> Any: ...


class MemoryBackend:
    """JSON values with expiry in a dict, one lock for every transaction."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._data: dict[str, tuple[str, float]] = {}

    def _read(self, key: str) -> Any:
        found = self._data.get(key)
        if found is None or found[1] <= self.clock():
            self._data.pop(key, None)
            return None
        return json.loads(found[0])

    def transact(self, work: Callable[[Read, Writes], Any]) -> Any:
        with self._lock:
            writes: Writes = {}
            result = work(self._read, writes)
            for key, (value, ttl) in writes.items():
                self._data[key] = (json.dumps(value), self.clock() + ttl)
            if len(self._data) > 10_000:  # now and then, what expired goes
                for key in [key for key, (_, expiry) in self._data.items() if expiry <= self.clock()]:
                    del self._data[key]
            return result


class RedisBackend:
    """JSON values in Redis; a transaction reads under WATCH and writes in MULTI, or starts over."""

    def __init__(self, url: str) -> None:
        self.redis = redis_client(url)

    def transact(self, work: Callable[[Read, Writes], Any]) -> Any:
        while True:
            with self.redis.pipeline() as pipe:

                def read(key: str) -> Any:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    return json.loads(raw) if raw else None

                writes: Writes = {}
                result = work(read, writes)
                try:
                    pipe.multi()
                    for key, (value, ttl) in writes.items():
                        pipe.set(key, json.dumps(value), ex=max(1, int(ttl)))
                    pipe.execute()
                except redis.WatchError:
                    continue  # another process changed what we read: decide again
                return result


class TokenStore:
    """Refresh tokens on a backend (memory or Redis)."""

    def __init__(self, backend: Backend, fernet: Fernet, *, idle_timeout: int,
                 clock: Callable[[], float] = time.time) -> None:
        self.backend = backend
        self.fernet = fernet
        self.idle_timeout = idle_timeout
        self.clock = clock

    # -- keys -------------------------------------------------------------
    @staticmethod
    def _token_key(token_hash: str) -> str:
        return f"{_PREFIX}token:{token_hash}"

    @staticmethod
    def _chain_key(chain: str) -> str:
        return f"{_PREFIX}chain:{chain}"

    @staticmethod
    def _session_key(sid: str) -> str:
        return f"{_PREFIX}session:{sid}"

    @staticmethod
    def _partner_key(partner_user_id: str) -> str:
        return f"{_PREFIX}partner:{partner_user_id}"

    def _ttl(self, grant: dict[str, Any]) -> float:
        return min(self.idle_timeout, grant["expires"] - self.clock())

    # -- operations ---------------------------------------------------------
    def issue(self, grant: Grant) -> str:
        """A new chain for ``grant``; its first refresh token."""
        token, chain = new_token(), secrets.token_hex(16)
        record = asdict(grant)
        ttl = self._ttl(record)
        if ttl <= 0:
            raise TokenRefused("session already over")

        def work(read: Read, writes: Writes) -> None:
            chains = [*(read(self._session_key(grant.sid)) or []), chain]
            # A session keeps its newest chains (a frame opened again and again); older ones are revoked.
            for dropped in chains[:-CHAINS_PER_SESSION]:
                self._revoke_chain(dropped, read, writes)
            writes[self._session_key(grant.sid)] = (
                chains[-CHAINS_PER_SESSION:], max(0.0, grant.expires - self.clock()) + 60)
            writes[self._chain_key(chain)] = (
                {"grant": record, "current": _hash(token), "revoked": False, "idle_until": self.clock() + ttl}, ttl)
            writes[self._token_key(_hash(token))] = ({"chain": chain, "state": "active"}, ttl)
            writes[self._partner_key(grant.partner_user_id)] = ({"chain": chain}, ttl)

        self.backend.transact(work)
        return token

    def rotate(self, token: str) -> tuple[str, Grant]:
        """The successor of ``token`` and its grant; TokenRefused when it is not good."""
        successor = new_token()
        sealed_successor = self.fernet.encrypt(successor.encode()).decode()
        old_hash, new_hash = _hash(token), _hash(successor)
        now = self.clock()

        def work(read: Read, writes: Writes) -> tuple[str, Grant] | str:
            entry = read(self._token_key(old_hash))
            chain = read(self._chain_key(entry["chain"])) if entry else None
            if entry is None or chain is None or chain["idle_until"] <= now:
                return "unknown or expired"
            if chain["revoked"]:
                return "revoked"
            grant = chain["grant"]
            if entry["state"] == "active":
                ttl = self._ttl(grant)
                if ttl <= 0:
                    return "expired"
                writes[self._token_key(old_hash)] = (
                    {**entry, "state": "retired", "retired_at": now, "successor": sealed_successor,
                     "successor_hash": new_hash}, ttl)
                writes[self._token_key(new_hash)] = ({"chain": entry["chain"], "state": "active"}, ttl)
                writes[self._chain_key(entry["chain"])] = ({**chain, "current": new_hash, "idle_until": now + ttl}, ttl)
                writes[self._partner_key(grant["partner_user_id"])] = ({"chain": entry["chain"]}, ttl)
                return successor, Grant(**grant)
            if now - entry["retired_at"] <= RETRY_WINDOW and chain["current"] == entry["successor_hash"]:
                # A retry: the aggregator never got our answer. Same successor.
                try:
                    again = self.fernet.decrypt(entry["successor"].encode()).decode()
                except InvalidToken:
                    return "unreadable successor"
                return again, Grant(**grant)
            # A retired token used again: a copy is in someone's hands. The chain goes.
            writes[self._chain_key(entry["chain"])] = ({**chain, "revoked": True}, max(1.0, self._ttl(grant)))
            return "reused: chain revoked"

        result = self.backend.transact(work)
        if isinstance(result, str):
            raise TokenRefused(result)
        return result

    def current(self, partner_user_id: str) -> Grant:
        """The grant of the player's newest live chain; TokenRefused when there is none."""

        def work(read: Read, writes: Writes) -> Grant | None:
            pointer = read(self._partner_key(partner_user_id))
            chain = read(self._chain_key(pointer["chain"])) if pointer else None
            if chain is None or chain["revoked"] or chain["idle_until"] <= self.clock():
                return None
            return Grant(**chain["grant"])

        grant = self.backend.transact(work)
        if grant is None:
            raise TokenRefused("no live session for this player")
        return grant

    def revoke_session(self, sid: str) -> None:
        """Every chain of the session is revoked (the player signed out, or the session ended)."""
        if not sid:
            return

        def work(read: Read, writes: Writes) -> None:
            for chain_id in read(self._session_key(sid)) or []:
                self._revoke_chain(chain_id, read, writes)

        self.backend.transact(work)

    def _revoke_chain(self, chain_id: str, read: Read, writes: Writes) -> None:
        chain = read(self._chain_key(chain_id))
        if chain is not None and not chain["revoked"]:
            writes[self._chain_key(chain_id)] = ({**chain, "revoked": True}, max(1.0, self._ttl(chain["grant"])))

    # -- sealing the Kore credentials ------------------------------------------
    def seal(self, credentials: dict[str, str]) -> str:
        return self.fernet.encrypt(json.dumps(credentials).encode()).decode()

    def unseal(self, sealed: str) -> dict[str, str]:
        return json.loads(self.fernet.decrypt(sealed.encode()))
