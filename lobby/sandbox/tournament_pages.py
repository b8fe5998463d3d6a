"""The demo game behind play_tournament links: play that moves tournament credits and feeds the leaderboard."""

from __future__ import annotations

from flask import Blueprint

tournament_pages = Blueprint("sandbox_tournament_pages", __name__, template_folder="templates")
