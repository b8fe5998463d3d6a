"""Live notifications (the SignalR hub's connections and what they are told). Part of
SandboxBackend.

The other parts call ``_balance_changed(player)`` when a player's money moves,
``_session_ended(session)`` when a session ends and ``_chat_started(player, chat_id)``
when the operator opens a chat; this part queues the message on each of the player's hub
connections. It calls no other part. The hub endpoint (api/notifications.py) registers a
connection with ``hub_connect`` and sends what arrives on its queue.
"""

from __future__ import annotations

import base64
import itertools
import queue
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

from .base import BackendBase, locked
from .entities import Money, Player, Session, Token


@dataclass(frozen=True)
class BalanceMessage:
    """The BalanceUpdate message: the balance of the connection's play mode; Real adds
    cash and bonus (bonus None when there is none, as in the doc's example)."""

    balance: Money
    cash_balance: Money | None
    bonus_balance: Money | None


@dataclass(frozen=True)
class UserLogout:
    """The UserLogout message (empty); the connection closes after it."""


@dataclass(frozen=True)
class OperatorInitiatedChat:
    chat_id: str


@dataclass(frozen=True)
class HubClose:
    """Not a message: the hub closes the connection (sandbox reset, stop, restart).
    ``allow_reconnect``: the close message says so (a restarting hub), and clients with
    automatic reconnection come back."""

    reason: str
    allow_reconnect: bool = False


#: Negotiated connections not yet taken up by a WebSocket (ASP.NET Core drops them too).
PENDING_NEGOTIATIONS = 10_000

HubItem = BalanceMessage | UserLogout | OperatorInitiatedChat | HubClose


@dataclass(eq=False)
class HubConnection:
    """One hub connection of a player session; the hub endpoint drains ``queue``."""

    id: int
    player_id: str
    session_id: str
    play_mode: str
    queue: "queue.SimpleQueue[HubItem]" = field(default_factory=queue.SimpleQueue)
    closed: bool = False
    #: Called after each item is queued: wakes the thread serving the connection.
    wake: "Callable[[], object] | None" = None

    def put(self, item: HubItem) -> None:
        if not self.closed:
            self.queue.put(item)
            if self.wake is not None:
                self.wake()
            if isinstance(item, (UserLogout, HubClose)):
                self.closed = True


class EventsMixin(BackendBase):
    def _reset_events(self) -> None:
        # Connections belong to the state being thrown away: close them. Ids keep counting,
        # so a closing connection of before the reset never unregisters a new one.
        self.close_hub_connections("sandbox reset")
        self._hub_ids = getattr(self, "_hub_ids", None) or itertools.count(1)
        #: Negotiated connections: the id the WebSocket must present → the session negotiating.
        self.hub_negotiated: OrderedDict[str, str] = OrderedDict()

    @locked
    def close_hub_connections(self, reason: str, allow_reconnect: bool = False) -> None:
        """Close every hub connection (reset, server stop; a restart allows reconnecting)."""
        for connection in getattr(self, "hub_connections", {}).values():
            connection.put(HubClose(reason, allow_reconnect))
        self.hub_connections: dict[int, HubConnection] = {}

    def _connection_key(self) -> str:
        # ASP.NET Core's ids: 16 random bytes, URL-safe base64 without padding.
        return base64.urlsafe_b64encode(self.random.randbytes(16)).decode().rstrip("=")

    @locked
    def hub_negotiate(self, token: Token, version: int) -> tuple[str, str]:
        """POST notifications/negotiate: ``(connectionId, connectionToken)``. The WebSocket
        then presents ``id=`` the connectionToken (negotiateVersion 1) or the connectionId (0)."""
        connection_id, connection_token = self._connection_key(), self._connection_key()
        self.hub_negotiated[connection_token if version >= 1 else connection_id] = token.session_id or ""
        while len(self.hub_negotiated) > PENDING_NEGOTIATIONS:
            self.hub_negotiated.popitem(last=False)
        return connection_id, connection_token

    @locked
    def hub_take_negotiated(self, key: str, token: Token) -> str:
        """The WebSocket's ``id``: "ok" (taken, once), "unknown", or "other" (negotiated by
        another session: ASP.NET Core refuses a connection whose user changed)."""
        session_id = self.hub_negotiated.get(key)
        if session_id is None:
            return "unknown"
        if session_id != (token.session_id or ""):
            return "other"
        del self.hub_negotiated[key]
        return "ok"

    @locked
    def hub_connect(self, token: Token) -> HubConnection:
        """A new hub connection for a player token the caller has authenticated."""
        connection = HubConnection(next(self._hub_ids), token.player_id or "", token.session_id or "",
                                   token.play_mode or "Real")
        self.hub_connections[connection.id] = connection
        return connection

    @locked
    def hub_disconnect(self, connection: HubConnection) -> None:
        connection.closed = True
        if self.hub_connections.get(connection.id) is connection:
            del self.hub_connections[connection.id]

    @locked
    def hub_check_session(self, connection: HubConnection) -> None:
        """UserLogout when the connection's session has gone idle (each connection polls
        this: idleness ends a session without any request)."""
        session = self.sessions.get(connection.session_id)
        if session is None or not session.alive(self.now(), self.config.idle_timeout):
            connection.put(UserLogout())

    @locked
    def hub_summary(self) -> dict[str, int]:
        """Open hub connections per player email (GET /_sandbox/hub)."""
        emails = {player.id: player.email for player in self.players.values()}
        summary: dict[str, int] = {}
        for connection in self.hub_connections.values():
            email = emails.get(connection.player_id, "")
            summary[email] = summary.get(email, 0) + 1
        return summary

    # -- called by the other parts ------------------------------------------------------

    def _connections_of(self, player_id: str) -> list[HubConnection]:
        return [c for c in self.hub_connections.values() if c.player_id == player_id]

    def _balance_changed(self, player: Player) -> None:
        """BalanceUpdate to each of the player's connections, in its play mode."""
        for connection in self._connections_of(player.id):
            if connection.play_mode == "Practice":
                update = BalanceMessage(player.balance("Practice"), None, None)
            else:
                bonus = player.bonus_balance()
                update = BalanceMessage(player.balance("Real"), player.cash_balance(), bonus if bonus.amount else None)
            connection.put(update)

    def _session_ended(self, session: Session) -> None:
        """UserLogout to the connections of an ended session (logout, single sign-on)."""
        for connection in list(self.hub_connections.values()):
            if connection.session_id == session.id:
                connection.put(UserLogout())

    def _chat_started(self, player: Player, chat_id: str) -> None:
        for connection in self._connections_of(player.id):
            connection.put(OperatorInitiatedChat(chat_id))
