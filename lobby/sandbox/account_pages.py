"""HTML pages Kore's account flows lead to (the legacy follow link, activation, email verification notices)."""

from __future__ import annotations

from flask import Blueprint

account_pages = Blueprint("sandbox_account_pages", __name__, template_folder="templates")
