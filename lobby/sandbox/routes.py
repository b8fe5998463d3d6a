"""The Kore API v3 under /v3/api: read the request, call the backend, answer JSON.

Every endpoint is declared once with ``@endpoint``: method, path, accepted grant types
and whether X-Kore-ReturnUrl is required (the doc's "Required Headers"). The wrapper
checks, in this order: rate limit, Authorization (missing → invalid → expired →
grant type → player session), X-Kore-ReturnUrl, then a JSON body for POST/PUT/PATCH.

The account endpoints (registration, email check, activation, SMS verification,
password change and resets, amend user, migrations) are in routes_accounts.py, the
tournament, competition and news endpoints in routes_tournaments.py, game launches and
launch tokens in routes_games.py; bonus claims and filters, chats, referrals, the
privileged user-activity endpoints (summaries, favourite games, registrations) and
offline sign-on in routes_extras.py (state in extras.py); the privileged variant of
``users/{user_id}`` is served by ``get_user`` below. Not implemented yet: the SignalR
notifications.
"""

from __future__ import annotations

import datetime
import logging
import math
import re
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import HTTPException, NotFound

from lobby.kore.errors import ErrorCode

from . import seed, serializers as ser
from .exceptions import SandboxError, error_body, invalid_request
from .entities import Token
from .models import BRAND_PUBLIC, PLAYER, PRIVILEGED_GRANTS, SandboxBackend
from .tracking import validate_tracking
from .validation import Validator

log = logging.getLogger(__name__)

api = Blueprint("kore_api", __name__, url_prefix="/v3/api")

PUBLIC = (BRAND_PUBLIC, PLAYER)
PLAYER_ONLY = (PLAYER,)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    grant_types: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"method": self.method, "path": self.path, "grant_types": list(self.grant_types)}


#: Every implemented endpoint, in declaration order (served by GET /_sandbox/endpoints).
ENDPOINTS: list[Endpoint] = []


def get_backend() -> SandboxBackend:
    return current_app.extensions["kore_sandbox"]


def client_ip() -> str:
    # The lobby calls Kore from its own server on the player's behalf and forwards the
    # player's address in X-Forwarded-For; per-IP limits must count players, not the
    # lobby, so the first X-Forwarded-For entry wins over the socket address.
    forwarded = request.headers.get("X-Forwarded-For", "")
    first = forwarded.split(",")[0].strip()
    return first or request.remote_addr or "unknown"


@dataclass
class Call:
    """What a view needs from the request once the common checks have passed."""

    backend: SandboxBackend
    token: Token | None
    return_url: str | None
    body: dict[str, Any]
    urls: ser.Urls

    def track_args(self) -> dict[str, Any]:
        return {
            "return_url": self.return_url,
            "ip": client_ip(),
            "user_agent": request.headers.get("User-Agent"),
        }


def reply(body: Any, status: int = 200) -> Response:
    return Response(ser.to_json(body), status=status, content_type="application/json; charset=utf-8")


def _read_body() -> dict[str, Any]:
    if request.mimetype != "application/json":
        raise SandboxError(
            ErrorCode.INVALID_REQUEST, "The Content-Type header must be set to application/json."
        )
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise SandboxError(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object.")
    return body


def endpoint(
    method: str,
    rule: str,
    *,
    grants: tuple[str, ...] = (),
    return_url: bool | tuple[str, ...] = True,
    rate_limited: bool = False,
    limits: tuple[tuple[int, int], ...] | None = None,
) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    """Declare an API endpoint; stack several to serve one view under several paths.

    ``return_url`` as a tuple of grant types: X-Kore-ReturnUrl is required only for
    those (one path, a player and a privileged variant). ``limits``: the endpoint's own
    rate limits, ``(requests, seconds)`` pairs per client address (``rate_limited``
    alone means the sign-in limits).
    """

    def decorate(view: Callable[..., Response]) -> Callable[..., Response]:
        ENDPOINTS.append(Endpoint(method, "/v3/api" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule), grants))

        @wraps(view)
        def handler(**kwargs: Any) -> Response:
            backend = get_backend()
            if rate_limited or limits:
                # Each rate-limited endpoint counts its own requests.
                backend.check_login_rate_limit(client_ip(), bucket=rule, limits=limits)
            token = backend.authenticate(request.headers.get("Authorization"), grants) if grants else None
            ret = request.headers.get("X-Kore-ReturnUrl") or None
            needed = token is not None and token.grant_type in return_url if isinstance(return_url, tuple) else return_url
            if needed and not ret:
                raise SandboxError(ErrorCode.MISSING_RETURN_URL)
            body = _read_body() if method in ("POST", "PUT", "PATCH") else {}
            call = Call(backend, token, ret, body, ser.Urls(request.host_url, ret))
            return view(call, **kwargs)

        api.add_url_rule(rule, endpoint=f"{method} {rule}", view_func=handler, methods=[method])
        return view

    return decorate


@api.app_errorhandler(SandboxError)
def kore_error(error: SandboxError) -> Response:
    """THE error handler: the documented error body and headers for every Kore error."""
    response = reply(error_body(error, get_backend().new_uuid()), error.status)
    response.headers["X-Error-Code"] = str(error.code)
    response.headers["X-Kore-ErrorCode"] = str(error.code)  # deprecated, still sent
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
    return response


@api.app_errorhandler(HTTPException)
def plain_http_error(error: HTTPException) -> Response:
    """Unknown paths, methods or games: a bare status like any web server, no Kore code."""
    return Response(f"{error.code} {error.name}\n", status=error.code or 500, mimetype="text/plain")


@api.errorhandler(Exception)
def unexpected_error(error: Exception) -> Response:
    # A blueprint handler for Exception outranks the app-wide one for SandboxError.
    if isinstance(error, SandboxError):
        return kore_error(error)
    if isinstance(error, HTTPException):
        return plain_http_error(error)
    log.exception("sandbox bug behind %s %s", request.method, request.path)
    return kore_error(SandboxError(ErrorCode.SERVER_ERROR))


# -- helpers ------------------------------------------------------------------------


def _brand_and_locale(v: Validator, backend: SandboxBackend) -> tuple[str, str]:
    brand_id = v.string("brand_id", required=True, choices=(backend.config.brand_id,))
    locale = v.string("locale", required=True, choices=seed.LOCALES)
    return brand_id or "", locale or ""


def _captcha(v: Validator) -> dict[str, str] | None:
    captcha = v.obj("captcha")
    if captcha is None:
        return None
    captcha.string("type", required=True, choices=("reCAPTCHAv2",))
    token = captcha.string("token", required=True)
    v.merge(captcha)
    return {"type": "reCAPTCHAv2", "token": token or ""}


def _non_fatal(body: dict[str, Any], *, device_id: bool) -> tuple[dict[str, str], list[SandboxError]]:
    """tracking (and device_id) use non-fatal validation: drop, report, carry on."""
    tracking, errors = validate_tracking(body.get("tracking"))
    failed = [p for e in errors for p in e.properties]
    if device_id and body.get("device_id") is not None:
        value = body["device_id"]
        if not isinstance(value, str) or not 1 <= len(value) <= 20:
            failed.append("device_id")
    return tracking, ([invalid_request(failed)] if failed else [])


# -- Authentication -----------------------------------------------------------------


@endpoint("POST", "/auth/brand_public_credentials/token")
def create_brand_public_token(call: Call) -> Response:
    """Obtain a Public Brand Token."""
    v = Validator(call.body)
    brand_id, locale = _brand_and_locale(v, call.backend)
    v.check()
    tracking, errors = _non_fatal(call.body, device_id=False)
    token, result = call.backend.create_brand_public_token(brand_id, locale, tracking, **call.track_args())
    return reply(ser.brand_token_response(call.backend, token, result, errors, call.urls))


@endpoint("POST", "/auth/player_credentials/token", rate_limited=True)
def create_player_token(call: Call) -> Response:
    """Obtain a Player Token (sign in)."""
    v = Validator(call.body)
    brand_id, locale = _brand_and_locale(v, call.backend)
    email = v.string("email", required=True, max_len=254)
    password = v.string("password", required=True)
    play_mode = v.string("play_mode", required=True, choices=seed.PLAY_MODES)
    captcha = _captcha(v)
    v.check()
    tracking, errors = _non_fatal(call.body, device_id=True)
    outcome = call.backend.create_player_token(
        brand_id, locale, email or "", password or "", play_mode or "",
        captcha=captcha, tracking=tracking, **call.track_args(),
    )
    return reply(ser.player_token_response(call.backend, outcome, errors, call.urls))


@endpoint("POST", "/auth/player_credentials/token/mutate", grants=PLAYER_ONLY)
def mutate_player_token(call: Call) -> Response:
    """Mutate a Player Token (switch play mode or locale)."""
    v = Validator(call.body)
    play_mode = v.string("play_mode", choices=seed.PLAY_MODES)
    locale = v.string("locale", choices=seed.LOCALES)
    v.check()
    if play_mode is None and locale is None:
        raise invalid_request(["play_mode", "locale"], "You must provide either `play_mode` or `locale`.")
    tracking, errors = _non_fatal(call.body, device_id=False)
    assert call.token is not None
    outcome = call.backend.mutate_player_token(
        call.token, play_mode=play_mode, locale=locale, tracking=tracking, **call.track_args()
    )
    return reply(ser.player_token_response(call.backend, outcome, errors, call.urls))


@endpoint("DELETE", "/auth/player_credentials", grants=PLAYER_ONLY)
def delete_player_credentials(call: Call) -> Response:
    """Sign out: the player session ends."""
    assert call.token is not None
    call.backend.delete_player_credentials(call.token)
    return reply({})


@endpoint("GET", "/auth/player_credentials", return_url=False)
def get_captcha_status(call: Call) -> Response:
    """Check CAPTCHA Status.

    The doc disagrees with itself: its examples answer ``{"recaptcha": {"type",
    "siteKey"}}``, its text a ``captcha`` property, its table ``catpcha`` with
    ``site_key``. One body carries all three so every reading finds its property.
    """
    kind, site_key = call.backend.get_captcha_status()
    example = {"type": kind} | ({"siteKey": site_key} if site_key else {})
    table = {"type": kind} | ({"site_key": site_key} if site_key else {})
    return reply({"recaptcha": example, "captcha": table, "catpcha": dict(table)})


@endpoint("POST", "/auth/<grant_type>/token", return_url=False)
@endpoint("POST", "/auth/<grant_type>/token/mutate", return_url=False)
def create_privileged_token(call: Call, grant_type: str) -> Response:
    """Obtain a Privileged Brand Token.

    The endpoint index lists it as ``auth/{grant_type}/token/mutate``, its section as
    ``auth/{grant_type}/token``: both paths work.
    """
    if grant_type not in PRIVILEGED_GRANTS:
        raise SandboxError(ErrorCode.UNSUPPORTED_GRANT_TYPE)
    v = Validator(call.body)
    brand_id, locale = _brand_and_locale(v, call.backend)
    secret = v.string("secret", required=True)
    v.check()
    token = call.backend.create_privileged_token(
        grant_type, brand_id, locale, secret or "", from_browser="Origin" in request.headers
    )
    return reply(ser.privileged_token_response(token))


# -- Users --------------------------------------------------------------------------


@endpoint("GET", "/users", grants=PUBLIC)
def get_users_links(call: Call) -> Response:
    """Get Unregistered Users Links."""
    assert call.token is not None
    return reply(ser.users_links(call.token, call.urls))


#: The privileged grant types of the user-activity endpoints.
ACTIVITY_GRANTS = ("brand_credentials", "restricted_activity_subscriber")


@endpoint("GET", "/users/<user_id>", grants=PLAYER_ONLY + ACTIVITY_GRANTS, return_url=PLAYER_ONLY)
def get_user(call: Call, user_id: str) -> Response:
    """Get User Information: the player's own, or any player's with a privileged token
    (no X-Kore-ReturnUrl needed; restricted_activity_subscriber sees no contact details)."""
    assert call.token is not None
    if call.token.grant_type in ACTIVITY_GRANTS:
        restricted = call.token.grant_type == "restricted_activity_subscriber"
        return reply(call.backend.get_player(user_id, restricted, call.urls.api))
    player = call.backend.get_user(call.token, user_id)
    return reply(ser.user_json(player, call.token, call.urls))


@endpoint("GET", "/users/<user_id>/stats", grants=PLAYER_ONLY)
def get_user_stats(call: Call, user_id: str) -> Response:
    """Get User Statistics."""
    assert call.token is not None
    player = call.backend.get_user_stats(call.token, user_id)
    return reply(ser.stats_json(call.backend, player, call.token, call.urls))


@endpoint("GET", "/users/<user_id>/email_status", grants=PLAYER_ONLY)
def get_email_status(call: Call, user_id: str) -> Response:
    """Get Email Delivery Status."""
    assert call.token is not None
    player = call.backend.get_user(call.token, user_id)
    return reply({"email_status": ser.email_status_json(player)})


@endpoint("GET", "/users/<user_id>/tags", grants=PLAYER_ONLY)
def get_user_tags(call: Call, user_id: str) -> Response:
    """Get User Tags: ``categories`` is mandatory, comma separated, from the doc's list."""
    assert call.token is not None
    categories = [c.strip() for c in request.args.get("categories", "").split(",") if c.strip()]
    if not categories or any(c not in seed.TAG_CATEGORIES for c in categories):
        raise invalid_request(["categories"])
    tags = call.backend.get_user_tags(call.token, user_id, categories)
    return reply({"tags": [{"name": name, "category": category} for name, category in tags]})


@endpoint("GET", "/users/<user_id>/custom", grants=PLAYER_ONLY)
def get_user_custom(call: Call, user_id: str) -> Response:
    """Get Custom User Info: the sandbox's stand-in for pGetUserCustomInfo."""
    assert call.token is not None
    player = call.backend.get_user(call.token, user_id)
    return reply({"result": [{"user_token": player.user_token, "nickname": player.profile.nickname,
                              "is_locked": False}]})


@endpoint("GET", "/users/<user_id>/player_day", grants=PLAYER_ONLY)
def get_player_day(call: Call, user_id: str) -> Response:
    """Get Player Day: ``date`` (yyyy-mm-dd) is mandatory."""
    assert call.token is not None
    date = request.args.get("date", "")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or not _is_date(date):
        raise invalid_request(["date"])
    bets, count, deposits = call.backend.get_player_day(call.token, user_id)
    return reply({
        "cash_bet_total_usd": {"currency": "USD", "decimal_amount": bets},
        "deposit_count": count,
        "deposit_total_usd": {"currency": "USD", "decimal_amount": deposits},
    })


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# -- Currencies ---------------------------------------------------------------------


# The currencies section accepts brand_public_credentials or player_credentials, the
# endpoint index player_credentials or brand_credentials: all three are accepted.
@endpoint("GET", "/currencies", grants=PUBLIC + ("brand_credentials",))
def list_currencies(call: Call) -> Response:
    """Get List of Currencies."""
    return reply({"currencies": [c.to_json() for c in call.backend.list_currencies()]})


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
    assert call.token is not None
    games = call.backend.list_games(platform, category)
    return reply({"games": [ser.game_json(call.backend, g, call.token, call.urls) for g in games]})


@endpoint("GET", "/games/<platform>/<name>", grants=PUBLIC)
def get_game(call: Call, platform: str, name: str) -> Response:
    """Get Game Info. An unknown game is a plain 404: the doc names no error code for it."""
    v = Validator(request.args.to_dict())
    device = v.string("deviceCategory", choices=DEVICE_CATEGORIES)
    v.check()
    game = call.backend.get_game(platform, name, device)
    if game is None:
        raise NotFound()
    assert call.token is not None
    return reply(ser.game_json(call.backend, game, call.token, call.urls))


# -- Progressives -------------------------------------------------------------------


@endpoint("GET", "/progressives/games", grants=PUBLIC)
@endpoint("GET", "/progressive/games", grants=PUBLIC)  # the spelling of Version 3.14's notes
def list_progressive_games(call: Call) -> Response:
    """Get Games and Jackpots."""
    games = [
        {
            "game_slug": game.game_slug,
            "currencies": list(game.currencies),
            "jackpots": [ser.jackpot_json(j) for j in jackpots],
        }
        for game, jackpots in call.backend.list_progressive_games()
    ]
    return reply({"games": games})


# -- Tracking -----------------------------------------------------------------------


@endpoint("GET", "/tracking/<tracking_id>", grants=("brand_credentials", "tracking"), return_url=False)
def get_tracking(call: Call, tracking_id: str) -> Response:
    """Get Tracking Debug Info."""
    return reply(call.backend.get_tracking(tracking_id).to_json())
