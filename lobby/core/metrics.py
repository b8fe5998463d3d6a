"""Prometheus metrics: what the lobby serves, what it asks of Kore, what it holds open.

Every process counts its own; under ``kore-lobby serve`` the gunicorn workers write to a
shared folder (``PROMETHEUS_MULTIPROC_DIR``, prometheus-client's multiprocess mode), so
``/metrics`` of any worker reports them all. Labels are bounded: endpoints are Flask's
endpoint names (``unmatched`` for a 404 without a route), Kore operations are the API
path with its ids taken out.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess

#: Page latencies: most pages wait one Kore round trip (tens of ms), some several.
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter("lobby_requests_total", "Requests answered, by endpoint, method and status.",
                   ["endpoint", "method", "status"])
REQUEST_SECONDS = Histogram("lobby_request_duration_seconds", "Time to answer a request, by endpoint.",
                            ["endpoint"], buckets=_BUCKETS)
KORE_CALLS = Counter("lobby_kore_calls_total", "Calls to Kore, by operation and outcome (ok, refused, unavailable).",
                     ["operation", "outcome"])
KORE_SECONDS = Histogram("lobby_kore_call_duration_seconds", "Time a Kore call took, retries included, by operation.",
                         ["operation"], buckets=_BUCKETS)
LIVE_STREAMS = Gauge("lobby_live_streams", "Live pages' event streams open.", multiprocess_mode="livesum")
HUB_CONNECTIONS = Gauge("lobby_hub_connections", "Connections to Kore's notification hub open.",
                        multiprocess_mode="livesum")
RATE_LIMITED = Counter("lobby_rate_limited_total", "Requests refused by the lobby's own rate limits, by endpoint.",
                       ["endpoint"])
BRAND_CACHE = Counter("lobby_brand_cache_total", "Lookups of brand data (games, currencies, jackpots), by result.",
                      ["data", "result"])

#: Path segments that are ids, codes or slugs rather than names of the API.
_ID = re.compile(r"^(?=.*\d)[\w.~-]+$|^[0-9a-f-]{16,}$")


@lru_cache(maxsize=2048)
def child(metric, *labels: str):
    """``metric.labels(*labels)``, looked up once: prometheus_client takes a lock and checks
    the labels at every call, a dozen times a page."""
    return metric.labels(*labels)


def operation(method: str, path: str) -> str:
    """``GET tournaments/{id}/players`` from ``GET /v3/api/tournaments/104/players``."""
    parts = path.split("/v3/api/", 1)[-1].strip("/").split("/")
    return f"{method.upper()} " + "/".join("{id}" if _ID.match(part) else part for part in parts)


def observe_kore(method: str, path: str, outcome: str, seconds: float) -> None:
    """The Kore client's observer (lobby.kore.KoreClient(observer=...))."""
    name = operation(method, path)
    child(KORE_CALLS, name, outcome).inc()
    child(KORE_SECONDS, name).observe(seconds)


def brand_cache(data: str, hit: bool) -> None:
    child(BRAND_CACHE, data, "hit" if hit else "miss").inc()


def exposition() -> tuple[bytes, str]:
    """The text format of every process's metrics (or this process's alone)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
