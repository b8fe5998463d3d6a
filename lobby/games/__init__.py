"""The lobby page: games by category, provider and search, jackpots, play and launch.

The blueprint (endpoints ``games.*``) is defined here; ``views`` adds its routes.
"""

from flask import Blueprint

bp = Blueprint("games", __name__)

from lobby.games import views  # noqa: E402,F401  (adds the routes)
