"""The player's account page: balances, profile, verification, statistics, Kore's account actions."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("account", __name__)
