"""The TrackingContext: tracking ids and their records (validation: api/validation.py).

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
from urllib.parse import parse_qs, urlsplit

from lobby.kore.errors import ErrorCode

from ..exceptions import SandboxError
from .base import BackendBase, locked
from .entities import TrackingResult

MAX_LENGTH = 1000
# The doc does not say how long a tracking id lives; 30 days is a common cookie life.
TRACKING_TTL = timedelta(days=30)


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

    def expired(self, now: datetime) -> bool:
        return now - self.created > TRACKING_TTL


class TrackingMixin(BackendBase):
    """Tracking ids and their records (last-touch attribution)."""

    def _reset_tracking(self) -> None:
        self.tracking_records: dict[str, TrackingRecord] = {}

    def _tracking_record(self, tracking_id: str) -> TrackingRecord | None:
        record = self.tracking_records.get(tracking_id)
        if record is None or record.expired(self.now()):
            return None
        return record

    @locked
    def tracking_info(self, tracking_id: str) -> TrackingRecord:
        """GET tracking/{tracking_id}. Leaves out: nothing the doc lists; ids live 30 days."""
        record = self._tracking_record(tracking_id)
        if record is None:
            raise SandboxError(ErrorCode.TRACKING_NOT_FOUND)
        return record

    def track(
        self, clean: dict[str, str], brand_id: str, locale: str, *,
        return_url: str | None, ip: str | None, user_agent: str | None,
    ) -> TrackingResult | None:
        """The TrackingContext of one request (already validated): an id, or None."""
        if not clean:
            return None
        now = self.now()
        url = clean.get("url")
        referrer = clean.get("referrer")
        if referrer and root_domain(referrer) == root_domain(return_url):
            referrer = None
        known = self._tracking_record(clean["tracking_id"]) if "tracking_id" in clean else None
        # An external referrer is an SEO source in its own right (Version 3.15), so it
        # counts as new data even without a query string; a url only with one.
        new_data = _has_query(url) or bool(referrer)
        params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()} if url else {}
        if known and not new_data:
            return TrackingResult(known.tracking_id, known.params.get("mid"))
        if not (known or new_data or url or "tracking_id" in clean):
            return TrackingResult(None)
        record = TrackingRecord(
            tracking_id=self.new_uuid(),
            brand_id=brand_id,
            locale=locale,
            created=now,
            ip=ip,
            origin_url=url,
            referrer_url=referrer,
            user_agent=clean.get("user_agent") or (user_agent or "")[:MAX_LENGTH] or None,
            params=params,
        )
        self.tracking_records[record.tracking_id] = record
        return TrackingResult(record.tracking_id, params.get("mid"))
