"""Security defaults applied to every response: CSP with nonces, headers, safe redirects."""

from __future__ import annotations

import secrets
from datetime import datetime
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, request, session
from flask.sessions import SecureCookieSessionInterface

from lobby.config import Config

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
STATIC_ENDPOINTS = frozenset({"static", "assets.vendor", "assets.theme", "games.game_art"})
#: Blueprints whose pages carry what a visitor typed or a step of their account.
PERSONAL_AREAS = frozenset({"auth", "register", "verify", "password", "account", "care"})
#: Origins Google's reCAPTCHA v2 (lobby/accounts/captcha.py) loads scripts and frames from:
#: allowed by the CSP of the pages that show the widget only.
CAPTCHA_SCRIPT_ORIGINS = ("https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/")
CAPTCHA_FRAME_ORIGINS = ("https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/")


def csp_nonce() -> str:
    """The nonce of this response's Content-Security-Policy (one per request)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def content_security_policy(
    config: Config, nonce: str, *, frame_ancestors: str | None = None, captcha: bool = False,
    partner_origins: tuple[str, ...] = (),
) -> str:
    """``partner_origins``: a page's embedded partner (BETCORE's WebFrame), allowed its
    scripts and frames on that page only."""
    frame_src = ["'self'"]
    for url in (config.kore_api_url, *config.game_origins, *config.chat_origins, *partner_origins):
        origin = _origin(url) if url else None
        if origin and origin not in frame_src:
            frame_src.append(origin)
    script_src = f"'self' 'nonce-{nonce}'"
    for origin in dict.fromkeys(filter(None, map(_origin, partner_origins))):
        script_src += f" {origin}"
    if captcha:
        # Only pages that show Google's reCAPTCHA v2 widget (lobby/accounts/captcha.py).
        script_src += " " + " ".join(CAPTCHA_SCRIPT_ORIGINS)
        frame_src.extend(CAPTCHA_FRAME_ORIGINS)
    img_src = ["'self'", "data:"]
    for url in (config.game_art_url, config.brand_logo_url, *(banner.image for banner in config.promotions)):
        origin = _origin(url) if url else None
        if origin and origin not in img_src:
            img_src.append(origin)  # the operator's CDN (artwork, logo, banners)
    directives = {
        "default-src": "'self'",
        # No 'unsafe-inline', no 'unsafe-eval': htmx runs with allowEval off.
        "script-src": script_src,
        "style-src": "'self'",
        "img-src": " ".join(img_src),
        "font-src": "'self'",
        "connect-src": "'self'",
        "frame-src": " ".join(frame_src),
        "frame-ancestors": frame_ancestors or config.frame_ancestors,
        "form-action": "'self'",
        "base-uri": "'none'",
        "object-src": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def frameable_by_us() -> dict[str, str]:
    """Headers for a page our own game frame loads (the return page): framed by us only."""
    config = current_app.config["LOBBY"]
    return {
        "Content-Security-Policy": content_security_policy(config, csp_nonce(), frame_ancestors="'self'"),
        "X-Frame-Options": "SAMEORIGIN",
    }


def safe_next(target: str | None, default: str = "/") -> str:
    """``target`` if it is a path of our own site, else ``default``.

    Only a relative path that starts with one slash is ours: ``//evil``,
    ``/\\evil``, schemes, hosts and encoded tricks all fall back to ``default``.
    """
    if not target or len(target) > 2000:
        return default
    if any(ch in target for ch in "\\\r\n\t\x00") or any(ord(ch) < 0x20 for ch in target):
        return default
    if not target.startswith("/") or target.startswith("//"):
        return default
    # Browsers treat some encoded forms as slashes or backslashes after decoding.
    lowered = target.lower()
    if lowered.startswith(("/%2f", "/%5c", "/%09", "/%0a", "/%0d")):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


class LobbySessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, marked Secure whenever the request came over https.

    A signed-in player's cookie expires with the Kore token in it (24 hours after sign-in),
    whatever the activity; a visitor's lasts as long as the browser session.
    """

    def get_expiration_time(self, app: Flask, session) -> datetime | None:
        if not session.permanent:
            return None
        player = g.get("player")
        if player is not None:
            return datetime.fromisoformat(player.expiration)
        return super().get_expiration_time(app, session)

    def get_cookie_secure(self, app: Flask) -> bool:
        if app.config["SESSION_COOKIE_SECURE"]:
            return True
        try:
            return request.is_secure
        except RuntimeError:  # outside a request
            return False


def _origin_of(url: str) -> str | None:
    """scheme://host[:port] of a URL, lower-cased; None for "null" or anything unparsable."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return None
        return f"{parts.scheme}://{parts.netloc}".lower()
    except ValueError:
        return None


def _our_origin(config: Config) -> str:
    if config.public_url:
        return _origin_of(config.public_url) or ""
    return f"{request.scheme}://{request.host}".lower()


def init_security(app: Flask, config: Config) -> None:
    app.session_interface = LobbySessionInterface()
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.before_request
    def refuse_cross_site_changes():
        # CSRF tokens are the first line; a browser that says the request comes from
        # another site is refused before any form is read (Fetch Metadata), and so is one
        # without Fetch Metadata whose Origin (or else Referer) is another site's.
        if request.method in SAFE_METHODS:
            return
        site = request.headers.get("Sec-Fetch-Site")
        if site is not None:
            if site == "cross-site":
                abort(403)
            return
        source = request.headers.get("Origin") or request.headers.get("Referer")
        if source is not None and _origin_of(source) != _our_origin(config):
            abort(403)

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault(
            "Content-Security-Policy",
            content_security_policy(config, csp_nonce(), captcha=bool(g.get("captcha_widget"))),
        )
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if config.frame_ancestors == "'none'":
            # For browsers that predate CSP frame-ancestors.
            headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint in STATIC_ENDPOINTS:
            # Same for everyone and cached for long: reading the session here would add
            # "Vary: Cookie" and make every CDN keep one copy per visitor.
            return response
        if session.get("player") or request.endpoint == "auth.logout":
            # Balances and personal data: never kept by the browser or a shared cache.
            headers["Cache-Control"] = "no-store"
            headers.add("Vary", "Cookie")
        elif request.method not in SAFE_METHODS or request.blueprint in PERSONAL_AREAS:
            # A form sent back with what was typed in it (email, phone, date of birth), and
            # the account steps: not for the browser's cache or a shared one either.
            headers["Cache-Control"] = "no-store"
        if request.endpoint == "auth.logout" and request.method == "POST":
            # Whatever pages the browser kept of the player's session go too. Not
            # "cookies": the response itself sets the new, empty session cookie.
            headers.setdefault("Clear-Site-Data", '"cache", "storage"')
        return response
