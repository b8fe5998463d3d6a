"""Password reset and forced password change."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("password", __name__)
