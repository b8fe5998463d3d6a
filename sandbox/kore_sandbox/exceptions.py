"""The one exception the sandbox raises for a documented Kore error.

Codes and statuses come from ``lobby.kore.errors``; nothing here repeats that table.
"""

from __future__ import annotations

from typing import Iterable

from lobby.kore.errors import ERRORS, ErrorCode


class SandboxError(Exception):
    """A Kore error: the routes' single error handler turns it into the documented body."""

    def __init__(
        self,
        code: ErrorCode,
        description: str | None = None,
        properties: Iterable[str] = (),
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        spec = ERRORS[code]
        self.code = code
        self.description = description or spec.description
        self.properties = tuple(properties)
        self.status = status or spec.status
        self.retry_after = retry_after
        super().__init__(f"{code}: {self.description}")


def invalid_request(properties: Iterable[str], description: str | None = None) -> SandboxError:
    """An ``invalid_request`` naming the failing properties the way the doc's example does."""
    properties = list(dict.fromkeys(properties))
    if description is None:
        names = ", ".join(f"`{p}`" for p in properties)
        if len(properties) == 1:
            description = f"Invalid value for {names} parameter."
        else:
            description = f"Invalid values for {names} parameters."
    return SandboxError(ErrorCode.INVALID_REQUEST, description, properties)


def error_body(error: SandboxError, uuid: str) -> dict:
    """The documented error object: for error responses and for non-fatal ``errors`` arrays."""
    body: dict = {"error": str(error.code), "error_description": error.description}
    if error.properties:
        body["properties"] = list(error.properties)
    body["uuid"] = uuid
    return body
