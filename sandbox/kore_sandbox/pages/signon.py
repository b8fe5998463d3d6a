"""Kore's offline sign-on page (``~/v3/pages/login/offline_signon``) for mobile apps.

The player signs in on the page; the tokens reach the app through ``window.app``'s
callbacks (static/offline-signon.js): ``onLoginSuccess(SignonResponse)``, or
``onLoginError(error)`` for unexpected errors. A wrong password is handled by the page.
"""

from __future__ import annotations

import json

from flask import render_template, request

from lobby.kore.errors import ErrorCode

from ..context import client_ip, get_backend, public_url
from ..exceptions import SandboxError, error_body
from ..serializers.auth import signon_response
from ..serializers.common import Urls
from .common import pages

#: The page's query parameters and the only values the doc accepts.
QUERY = {"locale": ("en-US",), "mode": ("MobileApp",)}


@pages.route("/v3/pages/login/offline_signon", methods=["GET", "POST"])
def offline_signon() -> tuple[str, int] | str:
    """Sign in for an app: ``locale`` en-US, ``mode`` MobileApp, ``brandGroup`` KoreDemo."""
    backend = get_backend()
    invalid = [name for name, allowed in QUERY.items() if request.args.get(name) not in allowed]
    if request.args.get("brandGroup") != backend.config.brand_id:
        invalid.append("brandGroup")
    if invalid:
        return render_template("sandbox/offline_signon.html", invalid=invalid, message=None, result=None), 400
    message, result, status = None, None, 200
    if request.method == "POST":
        try:
            backend.check_rate_limit(client_ip(), bucket="offline_signon")
            pair = backend.offline_signon(request.form.get("email", ""), request.form.get("password", ""),
                                          request.args["locale"])
        except SandboxError as error:
            if error.code == ErrorCode.INVALID_PASSWORD:
                message, status = "The email or password is not right.", 401
            else:
                result = _script_json({"error": error_body(error, backend.new_uuid())})
                message, status = error.description, error.status
        else:
            result = _script_json({"success": signon_response(pair, Urls(public_url(), None))})
    return render_template("sandbox/offline_signon.html", invalid=[], message=message, result=result), status


def _script_json(value: object) -> str:
    # Inside <script type="application/json">: no "<" may end the element early.
    return json.dumps(value).replace("<", "\\u003c")
