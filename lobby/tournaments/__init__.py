"""Tournaments and competitions: lists, details, leaderboards, registration, rebuy, news.

The blueprint is defined here; ``views``, ``actions`` and ``news`` add its routes.
"""

from flask import Blueprint

bp = Blueprint("tournaments", __name__, url_prefix="/tournaments")

from lobby.tournaments import actions, data, news, views  # noqa: E402,F401  (they add the routes)
