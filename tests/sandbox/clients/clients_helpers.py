"""What the real-client tests share: the actions a player's notifications follow."""

from __future__ import annotations

import requests
from sandbox_helpers import Kore, Player


def hub_address(server_url: str) -> str:
    """The hub as a client is given it: the http(s) address (clients pick ws:// themselves)."""
    return f"{server_url}/v3/api/notifications"


def spin(kore: Kore, player: Player) -> None:
    """One round of the demo game: the hub pushes BalanceUpdate."""
    play = kore.get("games/Html/AladdinsLootVideoSlot", token=player.token).json()["_actions"]["play"]["href"]
    assert requests.post(play, timeout=5).status_code == 200


def start_chat(kore: Kore, email: str) -> str:
    """The operator opens a chat (POST /_sandbox/chats): the hub pushes OperatorInitiatedChat."""
    started = kore.control("POST", "chats", {"email": email})
    assert started.status_code == 201, started.text
    return started.json()["chat_id"]


def sign_out(kore: Kore, player: Player) -> None:
    assert kore.delete("auth/player_credentials", token=player.token).status_code == 200


def balance_of(kore: Kore, player: Player) -> dict:
    return kore.get(player.user_url, token=player.token).json()["balance"]
