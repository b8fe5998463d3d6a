"""The signed-in player, kept in the session cookie.

The cookie is signed by Flask; the player record inside it (the Kore bearer token,
the links Kore handed out, the email) is also encrypted, so the token never
appears in HTML, in scripts or readable in the browser's cookie jar. Any process
sharing SECRET_KEY can read it: the lobby itself keeps no per-player state.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app, g, session

from lobby.kore import Link, PlayerTokenResponse

_KEY = "player"


@dataclass(frozen=True)
class Player:
    """What the lobby remembers of a signed-in player between requests."""

    token: str
    expiration: str
    email: str
    play_mode: str
    locale: str
    user_href: str
    user_method: str = "GET"
    logout_href: str | None = None
    logout_method: str = "DELETE"

    @property
    def user_link(self) -> Link:
        return Link(href=self.user_href, method=self.user_method)

    @property
    def logout_link(self) -> Link | None:
        return Link(href=self.logout_href, method=self.logout_method) if self.logout_href else None

    @property
    def real(self) -> bool:
        return self.play_mode == "Real"

    def __repr__(self) -> str:  # never the token or the email
        return f"Player(play_mode={self.play_mode!r}, locale={self.locale!r})"


def fernet_for(purpose: str) -> Fernet:
    """The app's encryption key for one purpose, derived from SECRET_KEY (HKDF).

    Every process sharing SECRET_KEY derives the same key, so any of them can read
    what another wrote into the session cookie.
    """
    fernets = current_app.extensions.setdefault("lobby.fernets", {})
    fernet = fernets.get(purpose)
    if fernet is None:
        key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=f"kore-lobby {purpose}".encode()
        ).derive(current_app.config["SECRET_KEY"].encode())
        fernet = fernets[purpose] = Fernet(base64.urlsafe_b64encode(key))
    return fernet


def _fernet() -> Fernet:
    return fernet_for("player session")


def _store(player: Player) -> None:
    session[_KEY] = _fernet().encrypt(json.dumps(asdict(player)).encode()).decode()
    g.player = player


def player_from_response(response: PlayerTokenResponse, *, email: str, play_mode: str) -> Player:
    bearer = response.bearer
    user = response.links.get("user")
    if bearer is None or user is None:
        raise ValueError("not a player_credentials response")
    logout = response.links.get("logout")
    return Player(
        token=bearer.value,
        expiration=bearer.expiration.isoformat(),
        email=response.email or email,
        play_mode=play_mode,
        locale=response.locale,
        user_href=user.href,
        user_method=user.method,
        logout_href=logout.href if logout else None,
        logout_method=logout.method if logout else "DELETE",
    )


def _forget_csrf_token() -> None:
    # Flask-WTF caches this request's CSRF token in g; its secret went with the old
    # session, so a page rendered after this point must get a token of the new one.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


def sign_in(response: PlayerTokenResponse, *, email: str, play_mode: str) -> Player:
    """Start a fresh session for the player (a new cookie: nothing carries over)."""
    player = player_from_response(response, email=email, play_mode=play_mode)
    session.clear()
    _forget_csrf_token()
    _store(player)
    return player


def replace_token(response: PlayerTokenResponse, *, play_mode: str | None = None) -> Player:
    """Keep the session, swap in the tokens Kore issued to supersede the old ones (mutate)."""
    old = current_player()
    if old is None:
        raise RuntimeError("no player signed in")
    player = player_from_response(response, email=old.email, play_mode=play_mode or old.play_mode)
    _store(player)
    return player


def current_player() -> Player | None:
    """The signed-in player, or None (also when the token has expired)."""
    if "player" in g:
        return g.player
    player = None
    blob = session.get(_KEY)
    if blob:
        try:
            player = Player(**json.loads(_fernet().decrypt(blob.encode())))
        except (InvalidToken, TypeError, ValueError):
            session.pop(_KEY, None)
        else:
            if datetime.fromisoformat(player.expiration) <= datetime.now(timezone.utc):
                session.pop(_KEY, None)
                player = None
    g.player = player
    return player


def sign_out() -> None:
    """Forget the player: the whole session goes, and what this process kept for it."""
    player = g.get("player") or current_player()
    if player is not None:
        from lobby.core.upstream import upstream

        upstream().forget_player(player)
    session.clear()
    _forget_csrf_token()
    g.player = None
