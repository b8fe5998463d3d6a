"""Strict request validation: collect every failing property path, then fail once;
and the readers many endpoints share (brand and locale, CAPTCHA, non-fatal parts).

Kore answers ``invalid_request`` with ``properties`` listing the paths that failed,
a dot for sub-properties (doc, Errors).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .. import seed
from ..backend.tracking import MAX_LENGTH
from ..exceptions import SandboxError, invalid_request

_MISSING = object()


class Validator:
    """Reads properties from a JSON object, remembering the ones that fail."""

    def __init__(self, body: dict[str, Any], prefix: str = "") -> None:
        self.body = body
        self.prefix = prefix
        self.failed: list[str] = []

    def _path(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def string(
        self,
        name: str,
        *,
        required: bool = False,
        min_len: int = 1,
        max_len: int | None = None,
        choices: Iterable[str] | None = None,
        pattern: str | None = None,
    ) -> str | None:
        value = self.body.get(name, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.failed.append(self._path(name))
            return None
        if (
            not isinstance(value, str)
            or len(value) < min_len
            or (max_len is not None and len(value) > max_len)
            or (choices is not None and value not in choices)
            or (pattern is not None and not re.fullmatch(pattern, value))
        ):
            self.failed.append(self._path(name))
            return None
        return value

    def integer(self, name: str, *, required: bool = False, minimum: int | None = None) -> int | None:
        value = self.body.get(name, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.failed.append(self._path(name))
            return None
        if not isinstance(value, int) or isinstance(value, bool) or (minimum is not None and value < minimum):
            self.failed.append(self._path(name))
            return None
        return value

    def fail(self, name: str) -> None:
        """Mark a property as failed by a rule the helpers cannot express."""
        self.failed.append(self._path(name))

    def obj(self, name: str, *, required: bool = False) -> "Validator | None":
        value = self.body.get(name, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.failed.append(self._path(name))
            return None
        if not isinstance(value, dict):
            self.failed.append(self._path(name))
            return None
        return Validator(value, prefix=f"{self._path(name)}.")

    def merge(self, child: "Validator | None") -> None:
        if child is not None:
            self.failed.extend(child.failed)

    def check(self) -> None:
        if self.failed:
            raise invalid_request(self.failed)


# -- request-level readers ------------------------------------------------------------


def brand_and_locale(v: Validator, brand: str) -> tuple[str, str]:
    """The brand_id (this brand only) and locale every token request carries."""
    brand_id = v.string("brand_id", required=True, choices=(brand,))
    locale = v.string("locale", required=True, choices=seed.LOCALES)
    return brand_id or "", locale or ""


def captcha(v: Validator) -> dict[str, str] | None:
    child = v.obj("captcha")
    if child is None:
        return None
    child.string("type", required=True, choices=("reCAPTCHAv2",))
    token = child.string("token", required=True)
    v.merge(child)
    return {"type": "reCAPTCHAv2", "token": token or ""}


def non_fatal(body: dict[str, Any], *, device_id: bool) -> tuple[dict[str, str], list[SandboxError]]:
    """tracking (and device_id) use non-fatal validation: drop, report, carry on."""
    tracking, errors = validate_tracking(body.get("tracking"))
    failed = [p for e in errors for p in e.properties]
    if device_id and body.get("device_id") is not None:
        value = body["device_id"]
        if not isinstance(value, str) or not 1 <= len(value) <= 20:
            failed.append("device_id")
    return tracking, ([invalid_request(failed)] if failed else [])


def welcome(body: dict[str, Any]) -> list[SandboxError]:
    """welcome uses non-fatal validation: reported, then ignored."""
    value = body.get("welcome")
    if value is None:
        return []
    ok = (
        isinstance(value, dict)
        and isinstance(value.get("page_id"), int)
        and not isinstance(value.get("page_id"), bool)
        and value["page_id"] > 0
        and isinstance(value.get("bonus_codes"), list)
        and 1 <= len(value["bonus_codes"]) <= 2
        and all(isinstance(c, str) and c for c in value["bonus_codes"])
    )
    return [] if ok else [invalid_request(["welcome"])]


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
