"""Where BETCORE's JWT travels in a request to the partner API.

BETCORE's documentation allows two readings: the request is a JWT (the "JWT payload"
whose ``data`` is the request's JSON), and the request page shows an ``Authorization``
header as well. Both are taken: the JWT in the body (JSON-quoted or bare) or in
``Authorization`` (``Bearer <jwt>`` or the bare JWT). When both are there they must be the
same JWT: two different tokens in one request is not a request BETCORE makes (103752).
"""

from __future__ import annotations

from lobby.betcore.jwt import BadRequest, token_from_body


def _from_header(authorization: str) -> str:
    value = authorization.strip()
    scheme, _, rest = value.partition(" ")
    if rest and scheme.lower() == "bearer":
        value = rest.strip()
    try:
        # The same rules as a bare body: one JWT, nothing else.
        return token_from_body(value.encode("utf-8"))
    except BadRequest:
        raise BadRequest("Authorization is not a JWT") from None


def token_from_request(body: bytes, authorization: str | None) -> str:
    """The request's JWT, from its body and/or its Authorization header; BadRequest if
    there is none, one is not a JWT, or the two differ."""
    from_body = token_from_body(body) if body.strip() else None
    from_header = _from_header(authorization) if authorization and authorization.strip() else None
    if from_body is None and from_header is None:
        raise BadRequest("no JWT in the body or the Authorization header")
    if from_body is not None and from_header is not None and from_body != from_header:
        raise BadRequest("the body's JWT and the Authorization header's differ")
    return from_body or from_header or ""
