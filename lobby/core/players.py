"""The lobby's own key for a player: what its stores (favourites, reality checks) file them under.

A hash of the brand and the player's Kore user path: the same on every process and
machine, for every session of the player, and neither their token nor their email.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from flask import current_app

from lobby.core.session import Player


def owner_of(player: Player) -> str:
    """The player's key: a hash of the brand and their Kore user's path."""
    brand = current_app.config["LOBBY"].kore_brand_id
    path = urlsplit(player.user_href).path
    return hashlib.sha256(f"{brand}:{path}".encode()).hexdigest()[:40]
