"""Tournaments: the list, a tournament's page and leaderboard, registration, rebuys, news."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("tournaments", __name__)
