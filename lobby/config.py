"""Settings, read from the environment once at start-up and never changed after."""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import re
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

#: The locales the Kore API accepts ("Locales" in the documentation).
KORE_LOCALES = (
    "en-US",
    "en-ZA",
    "fr-FR",
    "de-DE",
    "it-IT",
    "es-ES",
    "el-GR",
    "da-DK",
    "sv-SE",
    "nb-NO",
)

#: The installed package: its templates, static files, compiled catalogs and the front-end
#: packages copied in at build time (scripts/assets.py) travel inside it, so a wheel
#: installed anywhere serves every page; nothing is read from a checkout.
PACKAGE_ROOT = Path(__file__).resolve().parent
TRANSLATIONS_DIR = PACKAGE_ROOT / "translations"
VENDOR_DIR = PACKAGE_ROOT / "vendor"


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and how to fix it."""


DEFAULT_PLAYER_STATE_DB = Path("instance") / "favourites.sqlite3"

#: Settings renamed for what they hold: the new name, and the old one still read.
RENAMED_SETTINGS = {"PLAYER_STATE_DB": "FAVOURITES_DB"}

_warned: set[str] = set()
_log = logging.getLogger(__name__)


def _player_state_db(env: Mapping[str, str]) -> Path:
    """PLAYER_STATE_DB, or the old FAVOURITES_DB while an operator still sets that."""
    raw = env.get("PLAYER_STATE_DB", "").strip() or env.get("FAVOURITES_DB", "").strip()
    return Path(raw) if raw else DEFAULT_PLAYER_STATE_DB


def _renamed(env: Mapping[str, str]) -> tuple[str, ...]:
    """A sentence for each setting set under its old name."""
    notes = []
    for new, old in RENAMED_SETTINGS.items():
        if not env.get(old, "").strip():
            continue
        if env.get(new, "").strip():
            notes.append(f"{old} is ignored: {new}, its new name, is set too. Remove {old}.")
        else:
            notes.append(f"{old} is now called {new} (it holds favourites, recently played games and reality "
                         f"checks); the old name is still read for now. Rename it to {new}.")
    return tuple(notes)


def warn_renamed(config: "Config", log: Any = None) -> None:
    """Log each of ``config.renamed`` once per process: gunicorn's master warns before it
    forks, so its workers (which inherit what was said) do not say it again."""
    for note in config.renamed:
        if note not in _warned:
            _warned.add(note)
            (log or _log).warning(note)


def _colour(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name, "").strip() or default
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", raw):
        raise ConfigError(f"{name} must be a colour like #f5b731, not {raw!r}")
    return raw.lower()


def _art_url(raw: str) -> str:
    raw = raw.strip()
    if raw and ("{slug}" not in raw or not re.match(r"https?://|/", raw)):
        raise ConfigError("GAME_ART_URL must be an http(s) URL (or a /path) with {slug} in it, e.g. "
                          "https://cdn.example.com/games/{provider}/{slug}.webp")
    return raw


def _url(env: Mapping[str, str], name: str) -> str:
    raw = env.get(name, "").strip()
    if raw and not re.match(r"https?://|/|mailto:|tel:", raw):
        raise ConfigError(f"{name} must be an http(s) URL, a /path, mailto: or tel:, not {raw!r}")
    return raw


def _links(raw: str) -> tuple[tuple[str, str], ...]:
    """FOOTER_LINKS: "Label=https://…|Label=https://…"."""
    links = []
    for item in (part.strip() for part in raw.split("|") if part.strip()):
        label, _, url = item.partition("=")
        if not label.strip() or not re.match(r"https?://|/|mailto:", url.strip()):
            raise ConfigError(f"FOOTER_LINKS: {item!r} is not Label=URL")
        links.append((label.strip(), url.strip()))
    return tuple(links)


@dataclass(frozen=True)
class Banner:
    """One of the operator's own promotions (PROMOTIONS): a picture, a title, a link.

    ``titles`` maps a language ("de", or a locale "de-DE") to the title in it; "" is the
    title in any other language."""

    image: str
    titles: tuple[tuple[str, str], ...]
    link: str

    def title(self, locale: str) -> str:
        by_language = dict(self.titles)
        return by_language.get(locale) or by_language.get(locale.split("-")[0]) or by_language.get("", "")


def _promotions(raw: str) -> tuple[Banner, ...]:
    """PROMOTIONS: a JSON list of {"image": URL, "title": "…" or {"en": "…", "de": "…"}, "link": URL}."""
    if not raw.strip():
        return ()
    try:
        items = json.loads(raw)
    except ValueError:
        raise ConfigError("PROMOTIONS must be a JSON list of {image, title, link}") from None
    banners = []
    for item in items if isinstance(items, list) else [None]:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("image", "link")):
            raise ConfigError(f"PROMOTIONS: {item!r} needs an image, a title and a link")
        title = item.get("title")
        titles = {"": title} if isinstance(title, str) else title
        if not isinstance(titles, dict) or not titles or not all(isinstance(v, str) and v for v in titles.values()):
            raise ConfigError(f"PROMOTIONS: {item!r} needs a title (text, or text by language)")
        for key in ("image", "link"):
            if not re.match(r"https?://[^\s]+$|/[^/\s][^\s]*$", item[key]):
                raise ConfigError(f"PROMOTIONS: the {key} {item[key]!r} is not an http(s) URL or a /path")
        if "" not in titles:
            titles = {**titles, "": next(iter(titles.values()))}
        banners.append(Banner(image=item["image"], titles=tuple(titles.items()), link=item["link"]))
    return tuple(banners)


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _public_url(raw: str) -> str:
    raw = raw.strip().rstrip("/")
    if raw and not re.fullmatch(r"https?://[^/?#\s]+(/[^?#\s]*)?", raw):
        raise ConfigError(f"PUBLIC_URL must be an http(s) address like https://casino.example.com, not {raw!r}")
    return raw


def _http_setting(env: Mapping[str, str], name: str) -> str:
    raw = env.get(name, "").strip()
    if raw and not re.fullmatch(r"https?://[^/?#\s]+(/[^#\s]*)?", raw):
        raise ConfigError(f"{name} must be an http(s) URL, not {raw!r}")
    return raw


def _kore_url(env: Mapping[str, str]) -> str:
    raw = env.get("KORE_API_URL", "").strip().rstrip("/")
    if raw and not re.fullmatch(r"https?://[^/?#\s]+(/[^?#\s]*)?", raw):
        raise ConfigError(f"KORE_API_URL must be an http(s) URL like https://kore.example.com, not {raw!r}")
    return raw


def _redis_url(env: Mapping[str, str]) -> str:
    raw = env.get("REDIS_URL", "").strip()
    if raw and not re.fullmatch(r"(rediss?://[^/?#\s]*(/\d*)?(\?\S*)?|unix://\S+)", raw):
        raise ConfigError(f"REDIS_URL must be a Redis URL like redis://cache.internal:6379/0, not {raw!r}")
    return raw


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    raw = env.get(name, "").strip().lower() or choices[0]
    if raw not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def _networks(env: Mapping[str, str], name: str, default: str) -> tuple[str, ...]:
    """Addresses or networks (CIDR), comma-separated; checked, kept as written."""
    values = [part.strip() for part in (env.get(name) or default).split(",") if part.strip()]
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ConfigError(f"{name} must be addresses or networks like 127.0.0.1,10.0.0.0/8, not {value!r}") from None
    return tuple(values)


def _positive(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not 0 <= value <= 3600:
        raise ConfigError(f"{name} must be between 0 and 3600 seconds, not {raw!r}")
    return value


def _list(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in env.get(name, "").split(",") if part.strip())


def _bonus_codes(env: Mapping[str, str]) -> tuple[str, ...]:
    """OFFER_BONUS_CODES: at most 50 codes of 5 to 30 characters (Kore's bonuses/filter)."""
    codes = _list(env, "OFFER_BONUS_CODES")
    if len(codes) > 50 or any(not 5 <= len(code) <= 30 or not code.isascii() for code in codes):
        raise ConfigError("OFFER_BONUS_CODES must be at most 50 bonus codes of 5 to 30 characters, comma-separated")
    return tuple(dict.fromkeys(codes))


def _campaigns(env: Mapping[str, str]) -> tuple[int, ...]:
    """OFFER_CAMPAIGNS: Kore campaign ids (positive whole numbers), comma-separated."""
    ids = _list(env, "OFFER_CAMPAIGNS")
    if any(not re.fullmatch(r"[1-9]\d{0,9}", value) for value in ids):
        raise ConfigError("OFFER_CAMPAIGNS must be campaign ids (positive whole numbers), comma-separated")
    return tuple(dict.fromkeys(int(value) for value in ids))


def _offer_details(env: Mapping[str, str]) -> Mapping[str, Any]:
    """OFFER_DETAILS: the operator's names and texts of its bonus codes (JSON)."""
    from lobby.offer_details import OfferDetailsError, parse

    try:
        return parse(env.get("OFFER_DETAILS", ""))
    except OfferDetailsError as error:
        raise ConfigError(str(error)) from None


@dataclass(frozen=True)
class Config:
    """Everything the lobby can be told; README lists each setting."""

    #: Where Kore is (its root, e.g. https://kore.example.com). Empty: start the sandbox.
    kore_api_url: str = ""
    kore_brand_id: str = "KoreDemo"
    #: The name players see in the header and page titles.
    brand_name: str = "Kore Casino"
    secret_key: str = ""
    #: "development" or "production". Development allows a generated SECRET_KEY.
    env: str = "development"
    default_locale: str = "en-US"
    #: Currency for amounts shown to visitors who are not signed in (jackpots).
    default_currency: str = "USD"
    lobby_host: str = "127.0.0.1"
    lobby_port: int = 8000
    sandbox_port: int = 8001
    #: Where `make run` serves the BETCORE sandbox when BETCORE is not configured.
    betcore_sandbox_port: int = 8002
    #: Extra origins games are served from, allowed in the CSP frame-src (the Kore
    #: origin is always allowed, since play links are Kore's).
    game_origins: tuple[str, ...] = ()
    #: CSP frame-ancestors: who may frame the lobby. The Android app loads the lobby
    #: top-level, so nobody needs to.
    frame_ancestors: str = "'none'"
    #: iframe sandbox tokens for games (issue: withhold top-level navigation).
    game_frame_sandbox: str = "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox"
    #: Send the session cookie only over https (always on in production).
    secure_cookies: bool = False
    #: Number of proxies in front of the lobby whose X-Forwarded-* headers to trust.
    trusted_proxies: int = 0
    #: Kore client timeouts in seconds.
    kore_connect_timeout: float = 3.05
    kore_read_timeout: float = 10.0
    log_level: str = "INFO"
    #: "text" (one readable line a record) or "json" (one JSON object a line).
    log_format: str = "text"
    #: The lobby's own request lines (lobby.access): method, path, status, duration, client.
    access_log: bool = True
    #: Who may read /metrics (Prometheus): addresses or networks, by the lobby's address rule.
    metrics_allow: tuple[str, ...] = ("127.0.0.1/32", "::1/128")
    #: Redis for caches and rate-limit counters shared by every process; empty: memory.
    redis_url: str = ""
    #: The lobby's public address (e.g. https://casino.example.com). Return URLs sent to
    #: Kore are built from it, never from the request's Host header.
    public_url: str = ""
    #: Seconds without a player action after which the lobby ends the session: Kore's own
    #: idle timeout (20 minutes). Background polls do not count as actions.
    session_idle_timeout: int = 1200
    #: The operator's game artwork: a URL with {provider}, {slug} and optionally {width}.
    #: Empty: artwork generated by the lobby.
    game_art_url: str = ""
    #: The operator's brand: a logo (URL or /static path), colours, footer links.
    brand_logo_url: str = ""
    brand_color: str = "#f5b731"
    brand_accent: str = "#7c5cff"
    #: (label, url) pairs shown in every page's footer (responsible gambling, terms, help).
    footer_links: tuple[tuple[str, str], ...] = ()
    #: Player care: the operator's pages for deposit limits, time-out, self-exclusion and
    #: help with gambling, linked from every page's footer and the account page.
    care_limits_url: str = ""
    care_time_out_url: str = ""
    care_self_exclusion_url: str = ""
    care_help_url: str = ""
    #: The operator's licence line in every page's footer.
    licence_text: str = ""
    #: The brand's bonus codes the Offers page asks Kore about (bonuses/filter keeps the
    #: ones the player may still claim), and the invite campaigns it offers to claim.
    offer_bonus_codes: tuple[str, ...] = ()
    offer_campaigns: tuple[int, ...] = ()
    #: What the operator says about each bonus code (OFFER_DETAILS; lobby/offer_details.py).
    offer_details: Mapping[str, Any] = field(default_factory=dict)
    #: Slugs of the games the lobby shows in its "New" row, newest first.
    new_games: tuple[str, ...] = ()
    #: The operator's own banners at the head of the lobby's promotions row (PROMOTIONS).
    promotions: tuple[Banner, ...] = ()
    #: Where players' state is kept without REDIS_URL: favourites, recently played games and
    #: reality checks (each player's interval, each session's clock), in an SQLite file every
    #: process of the machine shares (PLAYER_STATE_DB; FAVOURITES_DB before). The default
    #: file keeps its old name, so an upgrade finds what the players had.
    player_state_db: Path = field(default=DEFAULT_PLAYER_STATE_DB)
    #: BETCORE (docs/betcore.md): the aggregator's JWKS and WebFrame loader, the issuer and
    #: client id its JWTs must carry (empty: not checked). Without the JWKS and the loader
    #: the BETCORE page and partner API are off.
    betcore_jwks_url: str = ""
    betcore_frame_url: str = ""
    betcore_issuer: str = ""
    betcore_client_id: str = ""
    #: Every account of this brand is a test account for BETCORE (IsTest).
    betcore_test_accounts: bool = False
    #: Live pages (docs/live.md): Kore's notifications streamed to signed-in players' pages
    #: when the lobby is served as ASGI (lobby.asgi). Off: pages are as fresh as their load.
    live_notifications: bool = True
    #: Seconds between keep-alive comments on an idle stream (below any proxy's idle timeout).
    live_keepalive: float = 15.0
    #: Seconds a session's hub connection stays open after its last page left (a click to
    #: the next page keeps it).
    live_linger: float = 5.0
    #: Threads running the Flask app under ASGI (gunicorn's gthread ran 16 per process).
    wsgi_threads: int = 16
    #: Origins Kore's chat pages come from besides Kore's own, framed in the chat panel.
    chat_origins: tuple[str, ...] = ()
    #: Testing mode for end-to-end suites (LOBBY_TESTING=1, docs/testing.md): the lobby's own
    #: rate limits off, and its stores, caches and clock under a control endpoint on
    #: loopback. Refused in production.
    testing: bool = False
    #: What start-up warns about: settings read under an old name (``warn_renamed``).
    renamed: tuple[str, ...] = field(default=(), compare=False)

    @property
    def betcore_enabled(self) -> bool:
        return bool(self.betcore_jwks_url and self.betcore_frame_url)

    @property
    def development(self) -> bool:
        return self.env == "development"

    def with_kore(self, url: str) -> "Config":
        """A copy pointing at another Kore (the embedded sandbox)."""
        return replace(self, kore_api_url=url.rstrip("/"))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Config":
        env = os.environ if env is None else env
        kore_url = _kore_url(env)
        # Without a Kore of its own the lobby runs on the sandbox: that is development.
        lobby_env = env.get("LOBBY_ENV", "").strip() or ("production" if kore_url else "development")
        if lobby_env not in {"development", "production"}:
            raise ConfigError(f"LOBBY_ENV must be 'development' or 'production', not {lobby_env!r}")
        secret = env.get("SECRET_KEY", "")
        if not secret:
            if lobby_env != "development":
                raise ConfigError(
                    "SECRET_KEY is not set. Outside development the lobby needs a secret "
                    "shared by every process (e.g. `export SECRET_KEY=$(python -c "
                    "'import secrets; print(secrets.token_urlsafe(48))')`)."
                )
            secret = secrets.token_urlsafe(48)
        elif len(secret) < 32 and lobby_env != "development":
            raise ConfigError("SECRET_KEY must be at least 32 characters long in production.")
        testing = _bool(env, "LOBBY_TESTING", False)
        if testing and lobby_env == "production":
            raise ConfigError(
                "LOBBY_TESTING=1 is refused when LOBBY_ENV=production (the default when KORE_API_URL is set): "
                "testing mode turns the lobby's rate limits off and lets a local client wipe its stores and move "
                "its clock. Unset LOBBY_TESTING, or run the lobby your tests drive with LOBBY_ENV=development."
            )
        if lobby_env == "production" and not env.get("PUBLIC_URL", "").strip():
            raise ConfigError(
                "PUBLIC_URL is not set: in production the lobby builds its links, Kore's return URLs "
                "and the BETCORE frame's addresses from it, never from a request's Host header "
                "(e.g. PUBLIC_URL=https://casino.example.com)."
            )
        default_locale = env.get("DEFAULT_LOCALE", "en-US")
        if default_locale not in KORE_LOCALES:
            raise ConfigError(f"DEFAULT_LOCALE must be one of {', '.join(KORE_LOCALES)}, not {default_locale!r}")
        return cls(
            kore_api_url=kore_url,
            kore_brand_id=env.get("KORE_BRAND_ID", "KoreDemo"),
            brand_name=env.get("BRAND_NAME", "Kore Casino"),
            secret_key=secret,
            env=lobby_env,
            default_locale=default_locale,
            default_currency=env.get("DEFAULT_CURRENCY", "USD").upper(),
            lobby_host=env.get("LOBBY_HOST", "127.0.0.1"),
            lobby_port=_int(env, "LOBBY_PORT", 8000),
            sandbox_port=_int(env, "SANDBOX_PORT", 8001),
            betcore_sandbox_port=_int(env, "BETCORE_SANDBOX_PORT", 8002),
            game_origins=_list(env, "GAME_ORIGINS"),
            frame_ancestors=env.get("FRAME_ANCESTORS", "'none'"),
            game_frame_sandbox=env.get("GAME_FRAME_SANDBOX", cls.game_frame_sandbox),
            secure_cookies=_bool(env, "SECURE_COOKIES", lobby_env == "production"),
            trusted_proxies=_int(env, "TRUSTED_PROXIES", 0),
            session_idle_timeout=_int(env, "SESSION_IDLE_TIMEOUT", 1200),
            kore_connect_timeout=float(env.get("KORE_CONNECT_TIMEOUT", 3.05)),
            kore_read_timeout=float(env.get("KORE_READ_TIMEOUT", 10.0)),
            log_level=env.get("LOG_LEVEL", "INFO").upper(),
            log_format=_choice(env, "LOG_FORMAT", ("text", "json")),
            access_log=_bool(env, "ACCESS_LOG", True),
            metrics_allow=_networks(env, "METRICS_ALLOW", "127.0.0.1/32,::1/128"),
            redis_url=_redis_url(env),
            public_url=_public_url(env.get("PUBLIC_URL", "")),
            game_art_url=_art_url(env.get("GAME_ART_URL", "")),
            brand_logo_url=env.get("BRAND_LOGO_URL", "").strip(),
            brand_color=_colour(env, "BRAND_COLOR", cls.brand_color),
            brand_accent=_colour(env, "BRAND_ACCENT", cls.brand_accent),
            footer_links=_links(env.get("FOOTER_LINKS", "")),
            new_games=_list(env, "NEW_GAMES"),
            promotions=_promotions(env.get("PROMOTIONS", "")),
            offer_bonus_codes=_bonus_codes(env),
            offer_campaigns=_campaigns(env),
            offer_details=_offer_details(env),
            care_limits_url=_url(env, "CARE_LIMITS_URL"),
            care_time_out_url=_url(env, "CARE_TIME_OUT_URL"),
            care_self_exclusion_url=_url(env, "CARE_SELF_EXCLUSION_URL"),
            care_help_url=_url(env, "CARE_HELP_URL"),
            licence_text=env.get("LICENCE_TEXT", "").strip(),
            player_state_db=_player_state_db(env),
            betcore_jwks_url=_http_setting(env, "BETCORE_JWKS_URL"),
            betcore_frame_url=_http_setting(env, "BETCORE_FRAME_URL"),
            betcore_issuer=env.get("BETCORE_ISSUER", "").strip(),
            betcore_client_id=env.get("BETCORE_CLIENT_ID", "").strip(),
            betcore_test_accounts=_bool(env, "BETCORE_TEST_ACCOUNTS", lobby_env == "development"),
            live_notifications=_bool(env, "LIVE_NOTIFICATIONS", True),
            live_keepalive=_positive(env, "LIVE_KEEPALIVE", 15.0),
            live_linger=_positive(env, "LIVE_LINGER", 5.0),
            wsgi_threads=_int(env, "WSGI_THREADS", 16),
            chat_origins=_list(env, "CHAT_ORIGINS"),
            testing=testing,
            renamed=_renamed(env),
        )


def serving_config(env: Mapping[str, str] | None = None) -> Config:
    """The environment's settings for a production server, refused (ConfigError) when they
    cannot serve players: ``kore-lobby serve``, lobby.asgi and lobby.wsgi start from here."""
    config = Config.from_env(env)
    if not config.kore_api_url:
        raise ConfigError(
            "KORE_API_URL is not set: the production server needs a Kore to talk to "
            "(for the sandbox, run `kore-lobby sandbox --port 8001` and set "
            "KORE_API_URL=http://127.0.0.1:8001)."
        )
    return config
