"""Player care: reality checks (interval, dialog, Continue) and the way to one's history.

The blueprint is defined here; ``views`` adds its routes, ``reality`` keeps the clocks.
"""

from flask import Blueprint

bp = Blueprint("care", __name__, url_prefix="/care")

from lobby.care import views  # noqa: E402,F401  (it adds the routes)
