"""Referrals: the "Refer a friend" page (views.py) and the landing of a shared link (landing.py)."""

from flask import Blueprint

bp = Blueprint("referrals", __name__)

from lobby.referrals import landing, views  # noqa: E402,F401  (they add their routes to bp)
