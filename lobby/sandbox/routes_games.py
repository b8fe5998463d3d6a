"""Kore API v3 game launch endpoints: custom launch and launch tokens.

Endpoints are declared with ``routes.endpoint`` on the same ``/v3/api`` blueprint;
server.py imports this module so they are registered. Both endpoints are "only
implemented for betconstruct games" (Game Links table): other games answer 404.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from urllib.parse import urlencode

from flask import Response, request
from werkzeug.exceptions import NotFound

from lobby.kore.errors import ErrorCode

from . import seed
from .clock import iso
from .exceptions import SandboxError, invalid_request
from .models import PLAYER
from .routes import DEVICE_CATEGORIES, PUBLIC, Call, endpoint, reply
from .serializers import link
from .validation import Validator

#: A launch token only has to survive the trip through the browser to the game.
LAUNCH_TOKEN_LIFETIME = timedelta(minutes=5)
LAUNCH_GRANT = "launch_game"
SECTIONS = ("live", "prematch")
# The doc: no leading or trailing slash, no query, at most 128 ASCII characters; its
# regex is cut off in the text, so path segments of RFC 3986 unreserved characters.
PATH_SUFFIX = re.compile(r"[-._~A-Za-z0-9]+(?:/[-._~A-Za-z0-9]+)*")


def _betconstruct_game(call: Call, platform: str, name: str, device: str | None) -> seed.Game:
    game = call.backend.get_game(platform, name, device)
    if game is None or game.provider not in seed.UNAUTHENTICATED_PROVIDERS:
        raise NotFound()
    return game


@endpoint("POST", "/games/<platform>/<name>/tokens", grants=(PLAYER,))
def obtain_launch_token(call: Call, platform: str, name: str) -> Response:
    """Obtain Launch Token: a launch_game token that signs a player in to a game
    launched unauthenticated. player_credentials in Real play mode only."""
    query = Validator(request.args.to_dict())
    device = query.string("deviceCategory", choices=DEVICE_CATEGORIES)
    query.check()
    # The doc's curl example sends "grand_type"; its table and JS example say grant_type.
    grant = call.body.get("grant_type", call.body.get("grand_type"))
    if grant != LAUNCH_GRANT:
        raise invalid_request(["grant_type"])
    token = call.token
    assert token is not None
    if token.play_mode != "Real":
        # The doc requires Real play mode and names no error for Practice: the token
        # does not give access to this resource.
        raise SandboxError(ErrorCode.ACCESS_DENIED, "Launch tokens need a player_credentials token in Real play mode.")
    game = _betconstruct_game(call, platform, name, device)
    backend = call.backend
    with backend.lock:
        launch = backend._new_token(
            LAUNCH_GRANT, token.brand_id, token.locale, session_id=token.session_id, play_mode="Real"
        )
        launch = replace(launch, expiration=backend.now().replace(microsecond=0) + LAUNCH_TOKEN_LIFETIME)
        backend.tokens[launch.value] = launch
    del game  # looked up only to refuse unknown and non-betconstruct games
    return reply(
        {
            "grant_type": LAUNCH_GRANT,
            "tokens": [{"type": "Launch", "expiration": iso(launch.expiration), "value": launch.value}],
            "locale": token.locale,
        }
    )


@endpoint("POST", "/games/<platform>/<name>/launch", grants=PUBLIC)
def custom_game_launch(call: Call, platform: str, name: str) -> Response:
    """Custom Game Launch: a play link with BetConstruct's section and path suffix."""
    v = Validator(call.body)
    launch = v.obj("betconstruct", required=True)
    section = path_suffix = None
    if launch is not None:
        section = launch.string("section", required=True, choices=SECTIONS)
        path_suffix = launch.string("path_suffix", max_len=128)
        if path_suffix is not None and (not path_suffix.isascii() or not PATH_SUFFIX.fullmatch(path_suffix)):
            launch.failed.append("betconstruct.path_suffix")
        v.merge(launch)
    v.check()
    token = call.token
    assert token is not None
    game = _betconstruct_game(call, platform, name, request.args.get("deviceCategory"))
    extra = {"section": section}
    if path_suffix:
        extra["path"] = path_suffix
    if token.grant_type == PLAYER:
        href = call.urls.play(game, token)
    else:
        href = call.urls.play_unauthenticated(game, token)
    return reply({"_actions": {"play": link(f"{href}&{urlencode(extra)}", "GET")}})


def redeem_launch_token(backend, value: str | None):
    """The live session a launch token stands for, or None (unknown, expired, ended)."""
    with backend.lock:
        token = backend.tokens.get(value or "")
        if token is None or token.grant_type != LAUNCH_GRANT or token.expiration <= backend.now():
            return None
        if backend.open_play_session(token.session_id) is None:
            return None
        # One use: a launch token that leaked from the browser cannot be replayed.
        del backend.tokens[token.value]
        return token
