"""SMS verification of a player's mobile phone, at registration, at login and from the account."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("verify", __name__)
