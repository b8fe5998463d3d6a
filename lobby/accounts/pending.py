"""The step a player is in the middle of (SMS code, new password, address, activation,
migration, password reset), kept encrypted in the session cookie.

Kore's outcome tokens (player_verification_credentials, player_change_password,
extra_player_info) are bearer tokens like any other: they never reach HTML or
scripts, and the cookie is unreadable without SECRET_KEY.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from flask import session

from lobby.core.session import fernet_for
from lobby.kore import Link

_KEY = "step"


@dataclass
class Step:
    kind: str  # sms, change_password, address, activation, migration, reset
    email: str = ""
    play_mode: str = "Real"
    next: str = ""
    token: str = ""
    expiration: str = ""
    links: dict[str, list[str]] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    def link(self, *names: str) -> Link | None:
        for name in names:
            if name in self.links:
                href, method = self.links[name]
                return Link(href=href, method=method)
        return None

    @property
    def expired(self) -> bool:
        if not self.expiration:
            return False
        return datetime.fromisoformat(self.expiration) <= datetime.now(timezone.utc)

    def __repr__(self) -> str:  # never the token or the email
        return f"Step(kind={self.kind!r})"


def _fernet() -> Fernet:
    return fernet_for("pending step")


def seal(value: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(value).encode()).decode()


def unseal(blob: str | None) -> dict[str, Any] | None:
    if not blob:
        return None
    try:
        value = json.loads(_fernet().decrypt(blob.encode()))
    except (InvalidToken, ValueError):
        return None
    return value if isinstance(value, dict) else None


def save(step: Step) -> Step:
    session[_KEY] = seal(asdict(step))
    return step


def load(*kinds: str) -> Step | None:
    """The pending step if it is one of ``kinds`` (any when none given) and not expired."""
    raw = unseal(session.get(_KEY))
    if raw is None:
        return None
    try:
        step = Step(**raw)
    except TypeError:
        return None
    if kinds and step.kind not in kinds:
        return None
    return None if step.expired else step


def clear() -> None:
    session.pop(_KEY, None)
