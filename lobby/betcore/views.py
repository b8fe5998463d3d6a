"""The BETCORE page: the aggregator's WebFrame for the signed-in player."""

from __future__ import annotations

from flask import abort, current_app, make_response, render_template

from lobby.betcore import bp, issue_refresh_token
from lobby.core.guards import login_required
from lobby.core.security import content_security_policy, csp_nonce
from lobby.core.session import current_player
from lobby.core.upstream import absolute_url, kore


@bp.get("")
@login_required
def index():
    """BETCORE's WebFrame, opened with a new refresh token for the player's wallet."""
    config = current_app.config["LOBBY"]
    player = current_player()
    user = kore().user()
    if user is None:  # Kore cannot say the player's currency now
        abort(503)
    options = {
        "lng": (player.locale or config.default_locale).split("-")[0],
        "clientId": config.betcore_client_id,
        # The frame hands this to BETCORE, which calls /betcore/users/auth with it.
        "tokenAuth": issue_refresh_token(player, user.balance.currency),
        "server": absolute_url("betcore.index"),
        "containerId": "betcore-frame",
        "exitUrl": absolute_url("games.index"),
    }
    response = make_response(render_template("betcore/index.html", frame_url=config.betcore_frame_url,
                                             options=options, user=user))
    # BETCORE's origin may load its script and frame on this page, and on no other.
    response.headers["Content-Security-Policy"] = content_security_policy(
        config, csp_nonce(), partner_origins=(config.betcore_frame_url,))
    return response
