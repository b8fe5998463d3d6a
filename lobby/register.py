"""Registration of new players (POST users), with the email availability check."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("register", __name__)
