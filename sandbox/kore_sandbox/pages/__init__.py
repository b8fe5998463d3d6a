"""HTML pages: stand-ins for Kore's web applications (cashier, account, chat, sign-on)
and its game servers (the demo game, the tournament game)."""

from __future__ import annotations

from . import account, actions, art, game, signon, tournament  # noqa: F401  (they add routes to the blueprint)
from .common import pages

__all__ = ["pages"]
