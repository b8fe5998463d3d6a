"""Kore Lobby: a server-rendered casino lobby on the Kore API v3."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lobby.config import TRANSLATIONS_DIR, Config, warn_renamed

if TYPE_CHECKING:  # Flask is imported by create_app only: lobby.kore stays usable without it
    from flask import Flask

#: Entries the in-process cache holds without Redis (sessions' records, brand data, links):
#: some for every signed-in player of the process, and room for tens of thousands of them.
SIMPLE_CACHE_ENTRIES = 200_000


def create_app(config: Config | None = None) -> "Flask":
    """Build the lobby for one brand. ``config`` defaults to the environment's."""
    from flask import Flask
    from werkzeug.middleware.proxy_fix import ProxyFix

    config = config or Config.from_env()
    if not config.kore_api_url:
        raise ValueError("create_app needs a Kore URL (app.py starts the sandbox when there is none)")

    # templates/ and static/ are the package's own folders (lobby/templates, lobby/static).
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key,
        LOBBY=config,
        SESSION_COOKIE_NAME="lobby_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        # CSRF tokens live as long as the session; a page left open an hour still submits.
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=True,
        BABEL_DEFAULT_LOCALE=config.default_locale.replace("-", "_"),
        BABEL_TRANSLATION_DIRECTORIES=str(TRANSLATIONS_DIR),
        CACHE_DEFAULT_TIMEOUT=300,
        CACHE_KEY_PREFIX="lobby:",
        RATELIMIT_KEY_PREFIX="lobby",
        RATELIMIT_HEADERS_ENABLED=True,
        MAX_CONTENT_LENGTH=64 * 1024,
        # The signature's validity: no session cookie outlives a Kore token (24 hours).
        PERMANENT_SESSION_LIFETIME=24 * 3600,
        # The cookie's expiry is the token's, fixed at sign-in: rewrite it only when it changes.
        SESSION_REFRESH_EACH_REQUEST=False,
        TEMPLATES_AUTO_RELOAD=config.development,
    )
    if config.public_url:
        # Requests for any other host are refused (Host header attacks).
        app.config["TRUSTED_HOSTS"] = [urlsplit(config.public_url).hostname]
    if config.redis_url:
        from lobby.core.store import redis_options

        # Several processes: one cache and one set of rate-limit counters for all. Redis
        # down is a degradation (lobby/core/store.py): cache misses, the limits counted in
        # this process's memory meanwhile, every call bounded by a short timeout.
        app.config.update(CACHE_TYPE="lobby.core.store.ResilientRedisCache", CACHE_REDIS_URL=config.redis_url,
                          RATELIMIT_STORAGE_URI=config.redis_url, RATELIMIT_STORAGE_OPTIONS=redis_options(),
                          RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True)
    else:
        # One process: its memory is the shared store, the sessions' records included, so it
        # must not forget them to make room: Flask-Caching's default of 500 entries signed
        # players out once a few hundred were on (found with bench/live.py at 5,000 pages).
        app.config.update(CACHE_TYPE="SimpleCache", CACHE_THRESHOLD=SIMPLE_CACHE_ENTRIES,
                          RATELIMIT_STORAGE_URI="memory://")

    from lobby.core.access import RequestObserver
    from lobby.core.transport import ReadableForms, TransportGuard

    # Innermost: whatever the proxies forwarded, the views get a plain client address
    # and a Host that is a host name (lobby/core/transport.py).
    public_host = urlsplit(config.public_url).hostname if config.public_url else None
    app.wsgi_app = TransportGuard(app.wsgi_app, public_host)  # type: ignore[method-assign]
    # The request's id, request line and metrics, with the address as ProxyFix made it:
    # a proxy's X-Request-Id is believed only from a proxy the lobby trusts.
    app.wsgi_app = RequestObserver(  # type: ignore[method-assign]
        app.wsgi_app, trust_request_id=config.trusted_proxies > 0, log_requests=config.access_log
    )
    if config.trusted_proxies:
        # Client address and scheme only: the host is never taken from X-Forwarded-Host
        # (many proxies pass a client's header through); PUBLIC_URL says who we are.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=config.trusted_proxies, x_proto=config.trusted_proxies
        )

    from lobby.core.fragments import init_fragments
    from lobby.core.i18n import init_i18n
    from lobby.core.labels import init_labels
    from lobby.core.notices import init_notices
    from lobby.core.limits import init_limits
    from lobby.core.logs import init_logging
    from lobby.core.security import init_security
    from lobby.core.session import init_session
    from lobby.core.upstream import init_upstream
    from lobby.extensions import cache, csrf, htmx, limiter
    from lobby.games.favourites import init_favourites

    init_logging(app, config)
    warn_renamed(config)  # once per process: FAVOURITES_DB read as PLAYER_STATE_DB …
    from flask import request_started

    from lobby.core.access import note_endpoint

    request_started.connect(note_endpoint, app)
    cache.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    # After htmx-flask set its request class: a form part without a readable name is a 400.
    app.request_class = type("LobbyRequest", (ReadableForms, app.request_class), {})
    limiter.init_app(app)
    init_i18n(app)
    init_security(app, config)
    init_upstream(app, config)
    init_session(app)
    init_favourites(app)

    from lobby.care.reality import init_reality_checks

    init_reality_checks(app)

    from lobby import assets, health, languages
    from lobby.accounts import (
        account,
        auth,
        outcomes,
        password,
        register,
        tracking,
        verify,
    )
    from lobby.betcore import init_betcore
    from lobby.care import bp as care
    from lobby.care import reality
    from lobby.care.views import here as care_here
    from lobby.core.apps import app_links, app_links_key, visitor_help_chat
    from lobby.core import errors, templating
    from lobby.games import bp as games
    from lobby.live import views as live
    from lobby.offers import bp as offers
    from lobby.offers.names import offer_name
    from lobby.referrals import bp as referrals
    from lobby.tournaments import bp as tournaments
    from lobby.tournaments import competitions
    from lobby.tournaments.data import template_globals as tournament_globals

    for blueprint in (
        health.bp, assets.bp, languages.bp, games,
        auth.bp, register.bp, verify.bp, password.bp, account.bp,
        tournaments, competitions.bp, live.bp, care, offers, referrals,
    ):
        app.register_blueprint(blueprint)

    # App-wide hooks, all here: where a visitor landed (for Kore's tracking), the Android
    # app bridge on every page, and the globals templates and macros use.
    app.before_request(tracking.note_landing)
    app.context_processor(lambda: {"app_bridge": outcomes.app_bridge, "live_channel": live.live_channel})
    assets.init_static(app)
    app.jinja_env.globals.update(vendor_url=assets.vendor_url, theme_url=assets.theme_url, offer_name=offer_name,
                                 **tournament_globals())
    # The reality check of every page of a signed-in player (templates/care/partials/).
    app.jinja_env.globals.update(reality_check=reality.check, care_here=care_here, app_links=app_links,
                                 app_links_key=app_links_key, visitor_help_chat=visitor_help_chat)
    # BETCORE's page and partner API, when configured (docs/betcore.md).
    init_betcore(app)
    errors.init_error_pages(app)
    templating.init_templating(app)
    # The menu, footer and head links rendered once per page and locale (lobby/core/fragments.py).
    init_fragments(app)
    # Kore's enums (medals, profiles, loyalty tiers) as translated labels (lobby/core/labels.py).
    init_labels(app)
    # Confirmations beside the setting the player changed (lobby/core/notices.py).
    init_notices(app)
    init_limits(app)
    if config.testing:
        # Suites' testing mode (docs/testing.md); not even imported otherwise.
        from lobby.testing import init_testing

        init_testing(app)
    return app
