"""Tournaments and competitions: lists, details, leaderboards, joining, leaving, rebuy, news.

The blueprint is defined here; ``views``, ``actions``, ``moved`` and ``news`` add its routes.
"""

from flask import Blueprint

bp = Blueprint("tournaments", __name__, url_prefix="/tournaments")


@bp.before_request
def _forget_listed_tournaments() -> None:
    """Joining, leaving or rebuying changes what the lobby's row of tournaments shows."""
    from flask import request

    from lobby.core.session import current_player
    from lobby.core.upstream import upstream

    if request.method == "POST" and (player := current_player()) is not None:
        upstream().forget_player(player, "tournaments")


from lobby.tournaments import actions, data, moved, news, views  # noqa: E402,F401  (they add the routes)
