"""Offers: the bonus codes a player can still claim, the email check's offers, campaigns,
and what the player has claimed (views.py); codes as players read them (names.py)."""

from flask import Blueprint

bp = Blueprint("offers", __name__, url_prefix="/offers")

from lobby.offers import views  # noqa: E402,F401  (adds its routes to bp)
