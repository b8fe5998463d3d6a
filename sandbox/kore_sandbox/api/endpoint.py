"""The shared endpoint machinery of /v3/api: declaration, the checks every endpoint
makes, and the JSON reply.

Every endpoint is declared once with ``@endpoint``: method, path, accepted grant types
and whether X-Kore-ReturnUrl is required (the doc's "Required Headers"). The wrapper
checks, in this order: rate limit, Authorization (missing → invalid → expired →
grant type → player session), X-Kore-ReturnUrl, then a JSON body for POST/PUT/PATCH.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable

from flask import Blueprint, Response, request

from lobby.kore.errors import ErrorCode

from ..backend import SandboxBackend
from ..backend.entities import Token
from ..backend.grants import BRAND_PUBLIC, PLAYER
from ..context import client_ip, get_backend, public_url
from ..exceptions import SandboxError
from ..serializers.common import Urls, to_json

api = Blueprint("kore_api", __name__, url_prefix="/v3/api")

PUBLIC = (BRAND_PUBLIC, PLAYER)
PLAYER_ONLY = (PLAYER,)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    grant_types: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"method": self.method, "path": self.path, "grant_types": list(self.grant_types)}


#: Every implemented endpoint, in declaration order (served by GET /_sandbox/endpoints).
ENDPOINTS: list[Endpoint] = []


@dataclass
class Call:
    """What a view needs from the request once the common checks have passed."""

    backend: SandboxBackend
    token: Token | None
    return_url: str | None
    body: dict[str, Any]
    urls: Urls

    @property
    def player_token(self) -> Token:
        """The token of an endpoint that requires one (the wrapper checked it)."""
        assert self.token is not None  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
        return self.token

    def track_args(self) -> dict[str, Any]:
        return {
            "return_url": self.return_url,
            "ip": client_ip(),
            "user_agent": request.headers.get("User-Agent"),
        }


def reply(body: Any, status: int = 200) -> Response:
    return Response(to_json(body), status=status, content_type="application/json; charset=utf-8")


def _read_body() -> dict[str, Any]:
    if request.mimetype != "application/json":
        raise SandboxError(
            ErrorCode.INVALID_REQUEST, "The Content-Type header must be set to application/json."
        )
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise SandboxError(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object.")
    return body


def endpoint(
    method: str,
    rule: str,
    *,
    grants: tuple[str, ...] = (),
    return_url: bool | tuple[str, ...] = True,
    rate_limited: bool = False,
    limits: tuple[tuple[int, int], ...] | None = None,
) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    """Declare an API endpoint; stack several to serve one view under several paths.

    ``return_url`` as a tuple of grant types: X-Kore-ReturnUrl is required only for
    those (one path, a player and a privileged variant). ``limits``: the endpoint's own
    rate limits, ``(requests, seconds)`` pairs per client address (``rate_limited``
    alone means the sign-in limits).
    """

    def decorate(view: Callable[..., Response]) -> Callable[..., Response]:
        ENDPOINTS.append(Endpoint(method, "/v3/api" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule), grants))

        @wraps(view)
        def handler(**kwargs: Any) -> Response:
            backend = get_backend()
            if rate_limited or limits:
                # Each rate-limited endpoint counts its own requests.
                backend.check_rate_limit(client_ip(), bucket=rule, limits=limits)
            token = backend.authenticate(request.headers.get("Authorization"), grants) if grants else None
            ret = request.headers.get("X-Kore-ReturnUrl") or None
            needed = token is not None and token.grant_type in return_url if isinstance(return_url, tuple) else return_url
            if needed and not ret:
                raise SandboxError(ErrorCode.MISSING_RETURN_URL)
            body = _read_body() if method in ("POST", "PUT", "PATCH") else {}
            call = Call(backend, token, ret, body, Urls(public_url(), ret))
            return view(call, **kwargs)

        api.add_url_rule(rule, endpoint=f"{method} {rule}", view_func=handler, methods=[method])
        return view

    return decorate


