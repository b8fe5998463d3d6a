"""The TrackingContext: non-fatal validation, tracking ids and their records.

Rules (doc, Tracking Context and Version 3.15):
- no tracking object (or nothing valid in it) → no tracking_id;
- a known, unexpired tracking_id and no new tracking data → the same id;
- new tracking data (a ``url`` with query parameters, or an external ``referrer``) →
  a new id: last-touch attribution;
- an unknown or expired tracking_id → a new id;
- a referrer on the same root domain as X-Kore-ReturnUrl is discarded (internal link);
- url, referrer and user_agent are silently truncated to 1,000 characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

from .exceptions import SandboxError, invalid_request

MAX_LENGTH = 1000
# The doc does not say how long a tracking id lives; 30 days is a common cookie life.
TRACKING_TTL = timedelta(days=30)


def validate_tracking(raw: Any) -> tuple[dict[str, str], list[SandboxError]]:
    """The valid part of a tracking object and the non-fatal error for the rest."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [invalid_request(["tracking"])]
    clean: dict[str, str] = {}
    failed: list[str] = []
    for name, max_len in (("tracking_id", 36), ("url", None), ("referrer", None), ("user_agent", None)):
        if name not in raw or raw[name] is None:
            continue
        value = raw[name]
        if not isinstance(value, str) or not value or (max_len and len(value) > max_len):
            failed.append(f"tracking.{name}")
            continue
        clean[name] = value[:MAX_LENGTH]
    return clean, ([invalid_request(failed)] if failed else [])


def root_domain(url: str | None) -> str | None:
    """The last two labels of the host: good enough for the sandbox's demo domains."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    labels = host.split(".")
    return ".".join(labels[-2:])


def _has_query(url: str | None) -> bool:
    return bool(url and urlsplit(url).query)


@dataclass
class TrackingRecord:
    tracking_id: str
    brand_id: str
    locale: str
    created: datetime
    ip: str | None = None
    origin_url: str | None = None
    referrer_url: str | None = None
    user_agent: str | None = None
    params: dict[str, str] = field(default_factory=dict)

    @property
    def event_type(self) -> tuple[str, int]:
        if "TrackingToken" in self.params:
            return "MyAffliates", 3  # sic: the doc's spelling
        if "cid" in self.params or "mid" in self.params:
            return "Click", 1
        return "External", 3

    def to_json(self) -> dict[str, Any]:
        event_type, version = self.event_type
        body: dict[str, Any] = {
            # The example says "brand", the table "brand_id": answer both.
            "brand": self.brand_id,
            "brand_id": self.brand_id,
            "locale": self.locale,
            "tracking_version": version,
            "tracking_event_type": event_type,
            "tracking_id": self.tracking_id,
            "created_date": self.created.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.created.microsecond // 1000:03d}Z",
        }
        optional = {
            "ip": self.ip,
            "origin_url": self.origin_url,
            "referrer_url": self.referrer_url,
            "user_agent": self.user_agent,
            "tracking_token": self.params.get("TrackingToken"),
            "cid": self.params.get("cid"),
            "mid": self.params.get("mid"),
        }
        body.update({k: v for k, v in optional.items() if v})
        return body

    def expired(self, now: datetime) -> bool:
        return now - self.created > TRACKING_TTL


@dataclass(frozen=True)
class TrackingResult:
    tracking_id: str | None
    #: the ``mid`` of the landing URL, for the brand token's ``landing`` action
    mid: str | None = None


class TrackingBook:
    def __init__(self, new_id: Callable[[], str]) -> None:
        self._new_id = new_id
        self.records: dict[str, TrackingRecord] = {}

    def get(self, tracking_id: str, now: datetime) -> TrackingRecord | None:
        record = self.records.get(tracking_id)
        if record is None or record.expired(now):
            return None
        return record

    def resolve(
        self,
        clean: dict[str, str],
        *,
        brand_id: str,
        locale: str,
        return_url: str | None,
        ip: str | None,
        header_user_agent: str | None,
        now: datetime,
    ) -> TrackingResult:
        if not clean:
            return TrackingResult(None)
        url = clean.get("url")
        referrer = clean.get("referrer")
        if referrer and root_domain(referrer) == root_domain(return_url):
            referrer = None
        known = self.get(clean["tracking_id"], now) if "tracking_id" in clean else None
        # An external referrer is an SEO source in its own right (Version 3.15), so it
        # counts as new data even without a query string; a url only with one.
        new_data = _has_query(url) or bool(referrer)
        params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()} if url else {}
        if known and not new_data:
            return TrackingResult(known.tracking_id, known.params.get("mid"))
        if not (known or new_data or url or "tracking_id" in clean):
            return TrackingResult(None)
        record = TrackingRecord(
            tracking_id=self._new_id(),
            brand_id=brand_id,
            locale=locale,
            created=now,
            ip=ip,
            origin_url=url,
            referrer_url=referrer,
            user_agent=clean.get("user_agent") or (header_user_agent or "")[:MAX_LENGTH] or None,
            params=params,
        )
        self.records[record.tracking_id] = record
        return TrackingResult(record.tracking_id, params.get("mid"))

