"""Offline sign-on for mobile apps: the page's sign-in, refresh and signon info.
Part of SandboxBackend."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from lobby.kore.errors import ErrorCode

from ..exceptions import SandboxError
from .accounts import REFUSALS
from .base import BackendBase, locked
from .entities import Player, Token
from .grants import OFFLINE_SIGNON

#: "Typically the Auth token is valid for up to three months"; the Bearer lives 24 h
#: like every sandbox token.
OFFLINE_AUTH_LIFETIME = timedelta(days=90)

#: Loyalty tiers for the extended Loyalty object: (tier, name, level, points to reach it).
LOYALTY_TIERS = (
    ("KoreDemoBronze", "Bronze", 1, 0),
    ("KoreDemoSilver", "Silver", 2, 500),
    ("KoreDemoGold", "Gold", 3, 1_500),
    ("KoreDemoPlatinum", "Platinum", 4, 5_000),
)

@dataclass
class AuthToken:
    """An offline_signon Auth token: refreshes the pair; dies with a password change."""

    value: str
    player_id: str
    locale: str
    expiration: datetime
    password: str
    revoked: bool = False


@dataclass(frozen=True)
class SignonPair:
    """What a sign-on or a refresh gives the app: a Bearer and an Auth token."""

    player: Player
    bearer: Token
    auth: AuthToken
    signon_id: str


def signon_id(player: Player) -> str:
    """A signon per player of the brand group: stable, opaque, not the user id."""
    digest = hashlib.sha256(b"signon:" + player.id.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def loyalty_tier(player: Player) -> int:
    """The index in LOYALTY_TIERS of the player's tier; outside the scheme, the first."""
    tier_key = player.profile.loyalty[0] if player.profile.loyalty else LOYALTY_TIERS[0][0]
    return next(i for i, t in enumerate(LOYALTY_TIERS) if t[0] == tier_key)


class SignonMixin(BackendBase):
    def _reset_signon(self) -> None:
        self.auth_tokens: dict[str, AuthToken] = {}
        #: offline_signon Bearer value → the password it was issued under
        self.bearer_passwords: dict[str, str] = {}

    @locked
    def offline_signon(self, email: str, password: str, locale: str) -> SignonPair:
        """The offline_signon page's sign-in: the account's password; no session is made
        (the tokens survive single sign-on and idleness, not a password change).

        Not an API operation (Kore's page). Leaves out: outcomes other than the refusals.
        """
        player = self.player_by_email(email)
        if player is None or not player.member or player.password != password:
            raise SandboxError(ErrorCode.INVALID_PASSWORD)
        if player.profile.trigger in REFUSALS:
            raise SandboxError(REFUSALS[player.profile.trigger])
        return self._signon_pair(player, locale)

    @locked
    def refresh_offline_signon(self, value: str) -> SignonPair:
        """POST auth/offline_signon/token: a new pair; the Auth token sent is used up.

        Leaves out: nothing documented.
        """
        auth = self.auth_tokens.get(value)
        if auth is None or auth.revoked:
            raise SandboxError(ErrorCode.INVALID_CREDENTIALS)
        if self.now() >= auth.expiration:
            raise SandboxError(ErrorCode.EXPIRED_TOKEN)
        player = self.players[auth.player_id]
        if player.password != auth.password:
            raise SandboxError(ErrorCode.INVALID_CREDENTIALS)
        auth.revoked = True
        return self._signon_pair(player, auth.locale)

    def _signon_pair(self, player: Player, locale: str) -> SignonPair:
        bearer = self._new_token(OFFLINE_SIGNON, self.config.brand_id, locale, player_id=player.id)
        self.bearer_passwords[bearer.value] = player.password
        auth = AuthToken(secrets.token_urlsafe(48), player.id, locale,
                         self.now().replace(microsecond=0) + OFFLINE_AUTH_LIFETIME, player.password)
        self.auth_tokens[auth.value] = auth
        return SignonPair(player, bearer, auth, signon_id(player))

    @locked
    def get_signon(self, token: Token, signon: str) -> Player:
        """GET signons/{id}: the token's own signon only (access_denied otherwise); the
        token dies with a password change (invalid_credentials).

        Leaves out: one brand, so the signon never spans several accounts.
        """
        player = self.player_of(token)
        if self.bearer_passwords.get(token.value) != player.password:
            raise SandboxError(ErrorCode.INVALID_CREDENTIALS)
        if signon != signon_id(player):
            raise SandboxError(ErrorCode.ACCESS_DENIED)
        return player
