"""Games, launches, launch tokens, progressive jackpots and currencies.

Launches and launch tokens are "only implemented for betconstruct games" (Game Links
table): other games answer 404.
"""

from __future__ import annotations

import re
from typing import TypeVar
from urllib.parse import urlencode

from flask import Response, request
from werkzeug.exceptions import NotFound

from ..backend.grants import LAUNCH_GAME, PLAYER
from ..clock import iso
from ..exceptions import invalid_request
from ..serializers.common import link
from ..serializers.games import game_json, jackpot_json
from .endpoint import PUBLIC, Call, endpoint, reply
from .validation import Validator

T = TypeVar("T")

SECTIONS = ("live", "prematch")
# The doc: no leading or trailing slash, no query, at most 128 ASCII characters; its
# regex is cut off in the text, so path segments of RFC 3986 unreserved characters.
PATH_SUFFIX = re.compile(r"[-._~A-Za-z0-9]+(?:/[-._~A-Za-z0-9]+)*")


def _found(result: T | None) -> T:
    if result is None:
        raise NotFound()  # an unknown game: the doc names no error code for it
    return result


# The currencies section accepts brand_public_credentials or player_credentials, the
# endpoint index player_credentials or brand_credentials: all three are accepted.
@endpoint("GET", "/currencies", grants=PUBLIC + ("brand_credentials",))
def currencies(call: Call) -> Response:
    """Get List of Currencies."""
    return reply({"currencies": [c.to_json() for c in call.backend.currencies()]})


# -- Games --------------------------------------------------------------------------

CATEGORIES = ("classicslots", "videoslots", "videopokers", "tablegames", "sportsbook", "crashgames", "other")
PLATFORMS = ("html", "auto")
DEVICE_CATEGORIES = ("mobile", "desktop")


@endpoint("GET", "/games", grants=PUBLIC)
def list_games(call: Call) -> Response:
    """Get List of Games, optionally filtered by ``platform`` (and ``category``)."""
    v = Validator(request.args.to_dict())
    platform = v.string("platform", choices=PLATFORMS)
    category = v.string("category", choices=CATEGORIES)
    v.check()
    games = call.backend.list_games(platform, category)
    return reply({"games": [game_json(call.backend, g, call.player_token, call.urls) for g in games]})


@endpoint("GET", "/games/<platform>/<name>", grants=PUBLIC)
def get_game(call: Call, platform: str, name: str) -> Response:
    """Get Game Info. An unknown game is a plain 404: the doc names no error code for it."""
    v = Validator(request.args.to_dict())
    device = v.string("deviceCategory", choices=DEVICE_CATEGORIES)
    v.check()
    game = _found(call.backend.get_game(platform, name, device))
    return reply(game_json(call.backend, game, call.player_token, call.urls))


# -- Progressives -------------------------------------------------------------------


@endpoint("GET", "/progressives/games", grants=PUBLIC)
@endpoint("GET", "/progressive/games", grants=PUBLIC)  # the spelling of Version 3.14's notes
def progressive_games(call: Call) -> Response:
    """Get Games and Jackpots."""
    games = [
        {
            "game_slug": game.game_slug,
            "currencies": list(game.currencies),
            "jackpots": [jackpot_json(j) for j in jackpots],
        }
        for game, jackpots in call.backend.progressive_games()
    ]
    return reply({"games": games})


@endpoint("POST", "/games/<platform>/<name>/tokens", grants=(PLAYER,))
def launch_token(call: Call, platform: str, name: str) -> Response:
    """Obtain Launch Token: a launch_game token that signs a player in to a game
    launched unauthenticated. player_credentials in Real play mode only."""
    query = Validator(request.args.to_dict())
    device = query.string("deviceCategory", choices=DEVICE_CATEGORIES)
    query.check()
    # The doc's curl example sends "grand_type"; its table and JS example say grant_type.
    grant = call.body.get("grant_type", call.body.get("grand_type"))
    if grant != LAUNCH_GAME:
        raise invalid_request(["grant_type"])
    token = call.player_token
    launch = _found(call.backend.launch_token(token, platform, name, device))
    return reply(
        {
            "grant_type": LAUNCH_GAME,
            "tokens": [{"type": "Launch", "expiration": iso(launch.expiration), "value": launch.value}],
            "locale": token.locale,
        }
    )


@endpoint("POST", "/games/<platform>/<name>/launch", grants=PUBLIC)
def launch_game(call: Call, platform: str, name: str) -> Response:
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
    token = call.player_token
    game = _found(call.backend.launch_game(platform, name, request.args.get("deviceCategory")))
    extra = {"section": section}
    if path_suffix:
        extra["path"] = path_suffix
    if token.grant_type == PLAYER:
        href = call.urls.play(game, token)
    else:
        href = call.urls.play_unauthenticated(game, token)
    return reply({"_actions": {"play": link(f"{href}&{urlencode(extra)}", "GET")}})


