"""Strict request validation: collect every failing property path, then fail once.

Kore answers ``invalid_request`` with ``properties`` listing the paths that failed,
a dot for sub-properties (doc, Errors).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .exceptions import invalid_request

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
