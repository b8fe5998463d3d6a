"""Is everything the lobby needs there? Each check answers in a fraction of a second.

Used by ``kore-lobby check`` (one line each, before a deploy) and by ``/readyz`` (a load
balancer's question, every few seconds).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from lobby.config import KORE_LOCALES, TRANSLATIONS_DIR, VENDOR_DIR, Config


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}: {self.detail}"


def _timed(name: str, probe: Callable[[], str]) -> Check:
    started = time.perf_counter()
    try:
        detail = probe()
    except Exception as error:  # every failure is a line, never a traceback
        return Check(name, False, _reason(error))
    return Check(name, True, f"{detail} ({(time.perf_counter() - started) * 1000:.0f} ms)")


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:200]


def kore(config: Config) -> Check:
    """Kore hands the brand a token (its URL, its brand id and its answer are right)."""
    from lobby.kore import KoreClient

    def probe() -> str:
        with KoreClient(config.kore_api_url, config.kore_brand_id, max_retries=0, budget=3.0,
                        timeout=(min(config.kore_connect_timeout, 3.0), min(config.kore_read_timeout, 5.0))) as client:
            client.brand_token(locale=config.default_locale, return_url=(config.public_url or "http://localhost") + "/")
        return f"{config.kore_api_url} gave brand {config.kore_brand_id} a token"

    if not config.kore_api_url:
        return Check("kore", False, "KORE_API_URL is not set")
    return _timed("kore", probe)


def redis_store(config: Config) -> Check | None:
    """Redis answers PING (None when no REDIS_URL is set: one process, local stores)."""
    if not config.redis_url:
        return None

    def probe() -> str:
        import redis

        client = redis.Redis.from_url(config.redis_url, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            client.ping()
        finally:
            client.close()
        return "PING answered"

    return _timed("redis", probe)


def front_end() -> Check:
    """The front-end packages the pages load are in the package."""
    from lobby.assets import VENDOR_NAMES, vendor_manifest

    manifest = vendor_manifest(VENDOR_DIR)
    missing = [name for name in VENDOR_NAMES if name not in manifest]
    if missing:
        return Check("front-end", False, f"{', '.join(missing)} missing from {VENDOR_DIR} (build the wheel, or `make setup`)")
    return Check("front-end", True, ", ".join(f"{name} {manifest[name]['version']}" for name in VENDOR_NAMES))


def catalogs() -> Check:
    """Every Kore locale's catalog is compiled (else pages fall back to English)."""
    missing = [locale for locale in KORE_LOCALES
               if not (TRANSLATIONS_DIR / locale.replace("-", "_") / "LC_MESSAGES" / "messages.mo").is_file()]
    if missing:
        return Check("catalogs", False, f"not compiled for {', '.join(missing)} in {TRANSLATIONS_DIR}")
    return Check("catalogs", True, f"{len(KORE_LOCALES)} locales compiled")


def everything(config: Config) -> list[Check]:
    checks = [kore(config), redis_store(config), front_end(), catalogs()]
    return [check for check in checks if check is not None]
