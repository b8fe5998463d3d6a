"""THE error handler of the sandbox: a SandboxError becomes the documented error body."""

from __future__ import annotations

import logging
import math

from flask import Response, request
from werkzeug.exceptions import HTTPException

from lobby.kore.errors import ErrorCode

from ..context import get_backend
from ..exceptions import SandboxError, error_body
from .endpoint import api, reply

log = logging.getLogger(__name__)


@api.app_errorhandler(SandboxError)
def kore_error(error: SandboxError) -> Response:
    """THE error handler: the documented error body and headers for every Kore error."""
    response = reply(error_body(error, get_backend().new_uuid()), error.status)
    response.headers["X-Error-Code"] = str(error.code)
    response.headers["X-Kore-ErrorCode"] = str(error.code)  # deprecated, still sent
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
    return response


@api.app_errorhandler(HTTPException)
def plain_http_error(error: HTTPException) -> Response:
    """Unknown paths, methods or games: a bare status like any web server, no Kore code."""
    return Response(f"{error.code} {error.name}\n", status=error.code or 500, mimetype="text/plain")


@api.errorhandler(Exception)
def unexpected_error(error: Exception) -> Response:
    # A blueprint handler for Exception outranks the app-wide one for SandboxError.
    if isinstance(error, SandboxError):
        return kore_error(error)
    if isinstance(error, HTTPException):
        return plain_http_error(error)
    log.exception("sandbox bug behind %s %s", request.method, request.path)
    return kore_error(SandboxError(ErrorCode.SERVER_ERROR))


