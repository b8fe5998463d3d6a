"""Tournaments and competitions: lists, details, leaderboards, joining, leaving, rebuy, news.

The blueprint is defined here; ``views``, ``actions``, ``moved`` and ``news`` add its routes.
"""

from flask import Blueprint

bp = Blueprint("tournaments", __name__, url_prefix="/tournaments")

from lobby.tournaments import actions, data, moved, news, views  # noqa: E402,F401  (they add the routes)
