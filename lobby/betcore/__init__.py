"""BETCORE, the games aggregator: the casino side of its WebFrame (docs/betcore.md).

The lobby opens BETCORE's WebFrame for a signed-in player with a refresh token
(views.py); BETCORE's servers then call the lobby's partner API (api.py) with RS256 JWTs
checked against BETCORE's published keys (jwt.py); refresh tokens rotate (tokens.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app

from lobby.betcore.jwt import Jwks
from lobby.betcore.tokens import Grant, MemoryBackend, RedisBackend, TokenStore
from lobby.kore import Link

bp = Blueprint("betcore", __name__, url_prefix="/betcore")


@dataclass
class Betcore:
    """The BETCORE integration of one app: the aggregator's keys and the refresh tokens."""

    store: TokenStore
    jwks: Jwks

    @staticmethod
    def user_link(credentials: dict[str, str]) -> Link:
        return Link(href=credentials["user_href"], method=credentials["user_method"])


def service() -> Betcore:
    return current_app.extensions["lobby.betcore"]


def partner_user_id(player, currency: str) -> str:
    """Stable per player and currency wallet: a hash of the brand, the Kore user and the currency."""
    brand = current_app.config["LOBBY"].kore_brand_id
    path = urlsplit(player.user_href).path
    return "kl-" + hashlib.sha256(f"{brand}:{path}:{currency}".encode()).hexdigest()[:32]


def issue_refresh_token(player, currency: str) -> str:
    """A new chain of refresh tokens for the signed-in player's ``currency`` wallet."""
    store = service().store
    sealed = store.seal({"token": player.token, "user_href": player.user_href, "user_method": player.user_method})
    return store.issue(Grant(
        sid=player.sid,
        partner_user_id=partner_user_id(player, currency),
        currency=currency,
        is_test=current_app.config["LOBBY"].betcore_test_accounts,
        sealed=sealed,
        expires=datetime.fromisoformat(player.expiration).timestamp(),
    ))


def _revoke_tokens(app: Flask, player=None, **_: object) -> None:
    """A session ended (sign-out, idle timeout, Kore ended it): its refresh tokens go."""
    if player is not None:
        app.extensions["lobby.betcore"].store.revoke_session(player.sid)


def init_betcore(app: Flask) -> None:
    """Register BETCORE when it is configured (BETCORE_JWKS_URL and BETCORE_FRAME_URL)."""
    config = app.config["LOBBY"]
    if not config.betcore_enabled:
        return
    from lobby.betcore import api, views  # noqa: F401 - the routes
    from lobby.core.session import clock, fernet_for, session_ended
    from lobby.extensions import csrf

    with app.app_context():
        fernet = fernet_for("betcore")
    # The app's clock (tests move it), read in the requests that use the store.
    backend = RedisBackend(config.redis_url) if config.redis_url else MemoryBackend(clock)
    app.extensions["lobby.betcore"] = Betcore(
        store=TokenStore(backend, fernet, idle_timeout=config.session_idle_timeout, clock=clock),
        jwks=Jwks(config.betcore_jwks_url),
    )
    # Server to server: BETCORE's calls carry a signed JWT, not a browser's CSRF token.
    csrf.exempt(api.users_auth)
    csrf.exempt(api.users_data)
    app.register_blueprint(bp)
    session_ended.connect(_revoke_tokens, app, weak=False)
