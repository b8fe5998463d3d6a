"""The TrackingContext sent with every Kore token request (doc: Tracking Context).

- ``tracking_id``: the ``tg`` query parameter when a visit brought one (apps inject
  it), else the ``tracking_id`` cookie Kore's last answer left;
- ``url``: the landing URL, when it had a query (pixel parameters: cid, mid,
  TrackingToken…); ``referrer``: the outside page that linked here;
- ``user_agent``: the player's browser (the lobby calls Kore from its server, so
  Kore's own reading of the header would be ours).

After each token request the cookie follows Kore's answer: a new id is stored for 24
hours; the same id leaves the cookie (and its expiry) alone; no id deletes it. The
landing data is sent until Kore has turned it into an id, and is then dropped. It is kept
sealed (encrypted) in the session cookie: a landing URL can carry an email address.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Callable, TypeVar
from urllib.parse import quote, urlsplit

from flask import after_this_request, current_app, request, session

from lobby.accounts.pending import seal, unseal
from lobby.core.upstream import kore, public_root, upstream
from lobby.kore import KoreUnavailable, TrackingContext

log = logging.getLogger(__name__)
T = TypeVar("T")

COOKIE = "tracking_id"
COOKIE_AGE = timedelta(hours=24)
#: Landing URLs and referrers are kept up to this length (they travel in the session
#: cookie, which browsers cap at 4 KB; Kore needs the pixel parameters at the start).
MAX_LENGTH = 512
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~"
_LANDING = "landing"
_VISITOR_TOKEN = "visitor_token"  # noqa: S105 - a name, not a secret


def _external(url: str | None) -> bool:
    if not url:
        return False
    try:
        host = urlsplit(url).netloc
    except ValueError:  # not a URL at all: nothing to learn from it
        return False
    return bool(host) and host != request.host


def note_landing() -> None:
    """Remember where a visit came from (before each page request)."""
    if request.method != "GET" or getattr(request, "htmx", False):
        return
    if request.blueprint in ("assets",) or request.endpoint in (None, "static"):
        return
    tg = request.args.get("tg", "").strip()
    internal = bool(request.referrer) and not _external(request.referrer)
    referrer = quote(request.referrer, safe=_URL_SAFE)[:MAX_LENGTH] if _external(request.referrer) else None
    kept = _landing()
    landing = dict(kept)
    if tg and len(tg) <= 36:
        landing["tg"] = tg
    if request.query_string and not internal:
        # An arrival from outside with a query: the URL carries the pixel parameters.
        landing.update(url=_landing_url()[:MAX_LENGTH], referrer=referrer)
    elif referrer:
        landing["referrer"] = referrer
    if landing != kept:
        session[_LANDING] = seal(landing)


def _landing_url() -> str:
    """The URL as it came, percent-encoded (ASCII): its length is what the cookie pays."""
    query = request.query_string.decode("ascii", "replace")
    return f"{public_root()}{quote(request.path)}?{query}"


def _landing() -> dict:
    return unseal(session.get(_LANDING)) or {}


def context() -> TrackingContext | None:
    """The context for the next token request, or None when there is nothing to send."""
    landing = _landing()
    tracking_id = landing.get("tg") or request.cookies.get(COOKIE) or None
    url, referrer = landing.get("url"), landing.get("referrer")
    if not (tracking_id or url or referrer):
        return None
    agent = request.user_agent.string[:MAX_LENGTH] or None
    return TrackingContext(tracking_id=tracking_id, url=url, referrer=referrer, user_agent=agent)


def has_landing_data() -> bool:
    landing = _landing()
    return bool(landing.get("tg") or landing.get("url") or landing.get("referrer"))


def remember(tracking_id: str | None) -> None:
    """Follow Kore's answer to a token request: store, keep, or delete the id."""
    session.pop(_LANDING, None)
    current = request.cookies.get(COOKIE)
    if tracking_id and tracking_id == current:
        return  # the same id: the cookie's expiry is not extended
    secure = current_app.config["SESSION_COOKIE_SECURE"] or request.is_secure

    @after_this_request
    def update_cookie(response):
        if tracking_id:
            response.set_cookie(COOKIE, tracking_id, max_age=int(COOKIE_AGE.total_seconds()),
                                httponly=True, samesite="Lax", secure=secure)
        elif current:
            response.delete_cookie(COOKIE, httponly=True, samesite="Lax", secure=secure)
        return response


def as_visitor(locale: str, call: Callable[[str], T]) -> T:
    """Run a brand-token call for this visitor: with their own token when they landed
    with tracking data (so Kore ties a registration to it), else the shared one."""
    up = upstream()
    stored = unseal(session.get(_VISITOR_TOKEN))
    if stored and datetime.fromisoformat(stored["expiration"]) > datetime.now(timezone.utc) + timedelta(minutes=5):
        return call(stored["token"])
    if has_landing_data():
        response = kore().brand_token(locale=locale, tracking=context())
        for error in response.errors:
            log.info("tracking not accepted: error=%s properties=%s", error.error, ",".join(error.properties))
        remember(response.tracking_id)
        bearer = response.bearer
        if bearer is None:
            raise KoreUnavailable("Kore answered a brand token request without a Bearer token")
        session[_VISITOR_TOKEN] = seal({"token": bearer.value, "expiration": bearer.expiration.isoformat()})
        return call(bearer.value)
    return up.as_brand(locale, call)
