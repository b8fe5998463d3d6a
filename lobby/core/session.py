"""The signed-in player, kept in the session cookie.

The cookie is signed by Flask; the player record inside it (the Kore bearer token,
the links Kore handed out, the email) is also encrypted, so the token never
appears in HTML, in scripts or readable in the browser's cookie jar. Any process
sharing SECRET_KEY can read it.

Three things end a session whatever the cookie says:
- the token's own expiry (Kore's 24 hours), which is also the cookie's lifetime;
- the lobby's idle clock: no player action for SESSION_IDLE_TIMEOUT (Kore's 20 minutes).
  Background polls (news, leaderboards, jackpots) do not count, although they reach Kore
  with the player's token and so keep Kore's own idle clock alive;
- a sign-out: the session's live record in the shared store (Redis when configured)
  goes, and its id is recorded as revoked, so a copy of the old cookie opens nothing on
  any process, even when Kore's own logout failed.

A session is honoured only while its live record exists (written at sign-in): a record
lost with Redis (restarted empty, a key evicted) ends the session rather than undoing a
sign-out, at the cost of asking everyone to sign in again after such a loss. While Redis
does not answer at all, a session can be neither confirmed nor ended: its requests get a
branded 503 page with a retry link (lobby/core/errors.py) and the cookie is kept, so the
player carries on as soon as the store is back; the idle clock, which lives in the signed
cookie, then decides as usual. (README, "Redis", says why this way.)
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache, wraps

from blinker import Namespace
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import Flask, current_app, flash, g, session
from flask_babel import gettext as _
from werkzeug.exceptions import Unauthorized

from lobby.core.htmx import request
from lobby.core.security import STATIC_ENDPOINTS
from lobby.core.store import StoreUnavailable, checked_delete, checked_get_many, checked_set
from lobby.core.upstream import kore, upstream
from lobby.extensions import cache
from lobby.kore import KoreError, Link, PlayerTokenResponse

_KEY = "player"
#: When the player last did something (epoch seconds), beside the sealed record.
_SEEN = "seen"
#: The idle clock is written back at most this often (a new cookie on every click
#: would be churn for nothing).
_SEEN_RESOLUTION = 30
#: Sent with ``player=`` when a session ends (sign-out, idle timeout, Kore ended it), so
#: what other areas bound to it goes too (BETCORE's refresh tokens).
session_ended = Namespace().signal("session-ended")
#: Sent with ``player=`` when a player signs in (a new session), so what other areas start
#: with it starts too (the reality check's clock).
session_started = Namespace().signal("session-started")


@dataclass(frozen=True)
class Player:
    """What the lobby remembers of a signed-in player between requests."""

    token: str
    expiration: str
    email: str
    play_mode: str
    locale: str | None
    user_href: str
    user_method: str = "GET"
    logout_href: str | None = None
    logout_method: str = "DELETE"
    #: This session's id: what a sign-out revokes (never the token itself).
    sid: str = ""

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


def clock() -> float:
    """Now, in epoch seconds: the app's clock (tests move it)."""
    return current_app.extensions.get("lobby.clock", time.time)()


def _revoked_key(sid: str) -> str:
    return f"revoked-session:{sid}"


def _live_key(sid: str) -> str:
    return f"live-session:{sid}"


def _seconds_left(player: Player) -> int:
    left = datetime.fromisoformat(player.expiration) - datetime.now(timezone.utc)
    return max(60, int(left.total_seconds()) + 60)


#: The longest a session can outlive its revocation: a Kore token's lifetime, and a minute.
_REVOCATION_MEMORY = 24 * 3600 + 60


def revoke(player: Player, cause: str = "signed-out") -> None:
    """Record the session as ended for every process, until its token expires anyway. The
    first cause recorded stays (what the player's other live pages say: lobby/live)."""
    if not player.sid:
        return
    cache.add(_revoked_key(player.sid), cause, timeout=_seconds_left(player))
    # The record that honours the session goes: without it no process accepts the cookie
    # (StoreUnavailable when the store cannot take it: the sign-out is then not done).
    checked_delete(cache, _live_key(player.sid))


def revoke_ended_elsewhere(sid: str) -> None:
    """Kore ended the session (UserLogout: a sign-in on another device, or a sign-out there):
    every process forgets it at its next request. A sign-out of the lobby's own stays that."""
    cache.add(_revoked_key(sid), "ended-elsewhere", timeout=_REVOCATION_MEMORY)
    cache.delete(_live_key(sid))


def session_end_cause(sid: str) -> str | None:
    """"signed-out" or "idle" (by this lobby), "ended-elsewhere" (Kore said so), or None."""
    cause = cache.get(_revoked_key(sid))
    return cause if isinstance(cause, str) else ("signed-out" if cause else None)


def ended_sessions(sids: list[str]) -> set[str]:
    """Those of ``sids`` the lobby has ended (any cause), in one read of the store."""
    if not sids:
        return set()
    causes = cache.get_many(*(_revoked_key(sid) for sid in sids))
    return {sid for sid, cause in zip(sids, causes, strict=True) if cause}


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
    player = replace(player_from_response(response, email=email, play_mode=play_mode), sid=secrets.token_urlsafe(16))
    session.clear()
    _forget_csrf_token()
    # A cookie that lasts as long as the token (LobbySessionInterface gives its expiry).
    session.permanent = True
    session[_SEEN] = int(clock())
    # What honours the session from now on (StoreUnavailable: no sign-in while the store is away).
    checked_set(cache, _live_key(player.sid), 1, timeout=_seconds_left(player))
    _store(player)
    # The app itself, not the proxy, is the sender (Flask's signals documentation).
    session_started.send(current_app._get_current_object(), player=player)  # type: ignore[attr-defined]
    return player


def replace_token(response: PlayerTokenResponse, *, play_mode: str | None = None) -> Player:
    """Keep the session, swap in the tokens Kore issued to supersede the old ones (mutate)."""
    old = current_player()
    if old is None:
        raise RuntimeError("no player signed in")
    player = player_from_response(response, email=old.email, play_mode=play_mode or old.play_mode)
    player = replace(player, sid=old.sid or secrets.token_urlsafe(16))
    cache.set(_live_key(player.sid), 1, timeout=_seconds_left(player))  # as long as the new token
    _store(player)
    return g.player


def current_player() -> Player | None:
    """The signed-in player, or None (also when the token has expired)."""
    if "player" in g:
        return g.player
    player = None
    blob = session.get(_KEY)
    if blob:
        try:
            player, expires = _opened(_fernet(), blob)
        except (InvalidToken, TypeError, ValueError):
            session.pop(_KEY, None)
        else:
            if expires <= datetime.now(timezone.utc):
                session.pop(_KEY, None)
                player = None
            else:
                player = _honoured(player)
    g.player = player
    return player


@lru_cache(maxsize=1024)
def _opened(fernet: Fernet, blob: str) -> tuple[Player, datetime]:
    """The player a cookie's blob holds, and when their token expires.

    Kept for the blobs seen last: the same cookie comes back on every page of a player,
    and opening it (HMAC, AES, JSON) was a share of each page's CPU. The blob is the key
    as a whole, so a changed or forged cookie is opened (and refused) afresh; a Fernet
    token without a TTL decrypts the same every time, and a Player cannot be changed.
    """
    player = Player(**json.loads(fernet.decrypt(blob.encode())))
    return player, datetime.fromisoformat(player.expiration)


def signed_in_player() -> Player:
    """The signed-in player, in a view behind ``login_required`` (which sent visitors to sign in)."""
    player = current_player()
    if player is None:
        raise Unauthorized()
    return player
def _honoured(player: Player) -> Player | None:
    """The player if the shared store still honours the session, else None (cookie cleared).

    StoreUnavailable when the store cannot say: the request is then answered by a branded
    503 page and the cookie stays (the player is a visitor for that page only).
    """
    try:
        # Both records in one round trip: this runs before every page of a signed-in player,
        # and a page's reads of the player's own records (favourites, reality check) go with
        # them. Not for polls and changes: they read little, and a change reads after writing.
        reads_for = player if request.method == "GET" and not _is_poll() else None
        live, revoked = checked_get_many(cache, _live_key(player.sid), _revoked_key(player.sid),
                                         player=reads_for) if player.sid else (False, False)
    except StoreUnavailable:
        g.player = None
        raise
    if live and not revoked:
        return player
    # Signed out (on any process), or the record is gone with the store's data: this
    # cookie is a copy of an ended session, or one the lobby can no longer vouch for.
    if not revoked:
        g.lobby_session_lost = True
    session.clear()
    return None


def idle_seconds() -> float:
    """Seconds since the signed-in player last did something."""
    return clock() - float(session.get(_SEEN) or 0)


def polled(view):
    """Mark a view whose htmx requests are polls: they never count as the player's activity."""

    @wraps(view)
    def marked(*args, **kwargs):
        return view(*args, **kwargs)

    marked.lobby_polled = True
    return marked


def _is_poll() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "lobby_polled", False)) and bool(request.htmx)


def init_session(app: Flask) -> None:
    """The lobby's idle clock, checked before every request of a signed-in player."""
    idle_limit = app.config["LOBBY"].session_idle_timeout

    @app.before_request
    def idle_clock():
        if request.endpoint in STATIC_ENDPOINTS or request.endpoint in ("health.healthz", "health.readyz", None):
            return None
        player = current_player()
        if player is None:
            if g.pop("lobby_session_lost", False):
                flash(_("Your session has ended. Please sign in again."), "info")
            return None
        if idle_seconds() > idle_limit:
            _end_idle_session(player, idle_limit)
            return None  # the request goes on as a visitor's (a page that needs a player sends them to sign in)
        if not _is_poll() and idle_seconds() >= _SEEN_RESOLUTION:
            session[_SEEN] = int(clock())
        return None


def _end_idle_session(player: Player, idle_limit: int) -> None:
    revoke(player, "idle")  # before Kore's UserLogout reaches the player's other pages
    try:
        # Kore's session may still be alive (the polls kept it so): end it too.
        kore().for_player(player).logout()
    except KoreError as error:  # best effort: the lobby's sign-out below holds regardless
        current_app.logger.info("logout at Kore after idle timeout failed: error=%s", error.raw_code)
    sign_out()
    flash(_("You were signed out after %(minutes)s minutes without activity. Please sign in again.",
            minutes=max(1, idle_limit // 60)), "info")


def sign_out() -> None:
    """Forget the player: the whole session goes, and what this process kept for it."""
    player = g.get("player") or current_player()
    if player is not None:
        revoke(player)
        upstream().forget_player(player)
        session_ended.send(current_app._get_current_object(), player=player)  # type: ignore[attr-defined]
    session.clear()
    _forget_csrf_token()
    g.player = None
