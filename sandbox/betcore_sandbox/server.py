"""The BETCORE sandbox as a Flask app and as a threaded HTTP server (tests, app.py)."""

from __future__ import annotations

import json
import secrets
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from flask import Flask, Response, abort, current_app, jsonify, render_template_string, request
from werkzeug.serving import BaseWSGIServer, make_server

from .signer import Signer

__all__ = ["BetcoreSandboxServer", "create_betcore_sandbox_app"]

JWKS_PATH = "/mis-api/api/v2/auth/jwks"
#: The client id the sandbox's identity service puts in every JWT.
CLIENT_ID = "kore-lobby-sandbox"
#: How long the sandbox waits for the casino's partner API.
PARTNER_TIMEOUT = 10
_ASSETS = Path(__file__).parent / "assets"

WEBFRAME_PAGE = """<!doctype html>
<html lang="{{ lng }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>BETCORE sandbox</title>
  <link rel="stylesheet" href="/assets/webframe.css">
</head>
<body data-reauth="{{ reauth }}" data-server="{{ server }}">
  <main>
    <h1>BETCORE sandbox</h1>
    <p id="status" data-state="waiting">Waiting for the casino's token…</p>
    <dl>
      <dt>PartnerUserId</dt><dd id="partner-user-id">–</dd>
      <dt>CurrencyCode</dt><dd id="currency">–</dd>
      <dt>IsTest</dt><dd id="is-test">–</dd>
      <dt>Balance</dt><dd id="balance">–</dd>
    </dl>
    <p><button type="button" id="refresh" disabled>Authenticate again</button>
    {% if exit_url %}<a id="exit" href="{{ exit_url }}" target="_top">Back to the casino</a>{% endif %}</p>
  </main>
  <script src="/assets/webframe.js"></script>
</body>
</html>
"""


def _http_url(raw: str | None) -> str | None:
    """``raw`` if it is an absolute http(s) URL, else None."""
    if not raw or len(raw) > 2000:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return raw.rstrip("/")


class FrameSessions:
    """The WebFrame sessions the sandbox holds: the casino's newest refresh token of each."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, dict[str, Any]] = {}

    def open(self, server: str, refresh_token: str, tag_id: int | None) -> str:
        sid = secrets.token_urlsafe(16)
        with self._lock:
            self._sessions[sid] = {"server": server, "refresh_token": refresh_token, "tag_id": tag_id}
        return sid

    def get(self, sid: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._sessions.get(sid)
            return dict(found) if found else None

    def update(self, sid: str, **values: Any) -> None:
        with self._lock:
            if sid in self._sessions:
                self._sessions[sid].update(values)

    def reset(self) -> None:
        with self._lock:
            self._sessions.clear()


def call_partner(signer: Signer, server: str, operation: str, data: dict[str, Any]) -> dict[str, Any]:
    """POST a signed JWT to the casino's ``{server}/users/{operation}``, as BETCORE does.

    BETCORE's page reads both ways (the request is the JWT; its example has an Authorization
    header): the JWT goes in both, the body JSON-quoted and the header bare, as the page's
    example shows it. A casino reading either one gets it."""
    token = signer.sign(data)
    try:
        response = requests.post(
            f"{server}/users/{operation}", data=json.dumps(token),
            headers={"Content-Type": "application/json", "Authorization": token}, timeout=PARTNER_TIMEOUT,
        )
        answer = response.json()
    except (requests.RequestException, ValueError):
        return {"ErrorCode": 0, "Message": "The casino did not answer"}
    return answer if isinstance(answer, dict) else {"ErrorCode": 0, "Message": "Not an envelope"}


def _authenticate(sid: str) -> dict[str, Any]:
    """Authenticate the frame's session with its newest refresh token, then read the balance."""
    sessions: FrameSessions = current_app.extensions["betcore_sessions"]
    signer: Signer = current_app.extensions["betcore_signer"]
    state = sessions.get(sid)
    if state is None:
        abort(404)
    data: dict[str, Any] = {"RefreshToken": state["refresh_token"]}
    if state["tag_id"] is not None:
        data["TagId"] = state["tag_id"]
    auth = call_partner(signer, state["server"], "auth", data)
    result: dict[str, Any] = {"session": sid, "ok": auth.get("ErrorCode") == 200, "auth": _shown(auth)}
    value = auth.get("Value") if isinstance(auth.get("Value"), dict) else None
    if result["ok"] and value:
        sessions.update(sid, refresh_token=value.get("RefreshToken"), partner_user_id=value.get("PartnerUserId"))
        result["data"] = call_partner(signer, state["server"], "data", {
            "PartnerUserId": value.get("PartnerUserId"), "TagId": state["tag_id"] or 0,
        })
    return result


def _shown(auth: dict[str, Any]) -> dict[str, Any]:
    """What the WebFrame page may see of an auth answer: not the refresh token."""
    value = auth.get("Value")
    if isinstance(value, dict):
        value = {name: item for name, item in value.items() if name != "RefreshToken"}
    return {"ErrorCode": auth.get("ErrorCode"), "Message": auth.get("Message"), "Value": value}


def create_betcore_sandbox_app(public_url: str = "") -> Flask:
    """The sandbox aggregator: JWKS, frame.js, the WebFrame page and its server side."""
    app = Flask(__name__)
    app.extensions["betcore_signer"] = Signer(issuer=f"{public_url}/identity-api", client_id=CLIENT_ID)
    app.extensions["betcore_sessions"] = FrameSessions()

    #: The JWKS's next answers (POST /_betcore/jwks_fault) and how many were asked for.
    app.extensions["betcore_jwks"] = jwks_state = {"fault": None, "delay": 0.0, "fetches": 0}

    @app.get(JWKS_PATH)
    def jwks():
        jwks_state["fetches"] += 1
        if jwks_state["delay"]:
            time.sleep(jwks_state["delay"])
        fault = jwks_state["fault"]
        if fault == "empty":
            return jsonify({"keys": []})
        if fault == "junk":
            return jsonify({"keys": [{"kty": "RSA", "kid": "junk", "n": "xx", "e": "AQAB"},
                                     {"kty": "oct", "kid": "secret", "k": "c2VjcmV0"}, "not a key"]})
        if fault == "error":
            return Response("down", status=500)
        return jsonify(app.extensions["betcore_signer"].jwks())

    @app.post("/_betcore/jwks_fault")
    def jwks_fault():
        """Control: the JWKS answers ``{"fault": "empty" | "junk" | "error" | null}``, each
        answer after ``delay`` seconds; the answer says how many fetches were made so far."""
        body = request.get_json(silent=True) or {}
        jwks_state.update(fault=body.get("fault"), delay=float(body.get("delay") or 0))
        return jsonify({"fetches": jwks_state["fetches"]})

    @app.get("/_betcore/jwks_fetches")
    def jwks_fetches():
        """Control: how many times the JWKS was fetched."""
        return jsonify({"fetches": jwks_state["fetches"]})

    @app.post("/_betcore/rotate")
    def rotate():
        """Control: a new signing key (``{"keep_old": false}`` also unpublishes the old ones)."""
        body = request.get_json(silent=True) or {}
        key = app.extensions["betcore_signer"].rotate(keep_old=bool(body.get("keep_old", True)))
        return jsonify({"kid": key.kid})

    @app.post("/_betcore/reset")
    def reset():
        app.extensions["betcore_sessions"].reset()
        jwks_state.update(fault=None, delay=0.0)
        return Response(status=204)

    @app.get("/assets/<name>")
    def asset(name: str):
        kinds = {"frame.js": "text/javascript", "webframe.js": "text/javascript", "webframe.css": "text/css"}
        if name not in kinds:
            abort(404)
        return Response((_ASSETS / name).read_text(encoding="utf-8"), mimetype=kinds[name])

    @app.get("/webframe")
    def webframe():
        """The WebFrame page that frame.js puts in the casino's page."""
        try:
            reauth = max(1, min(3600, int(request.args.get("reauth", "180"))))
        except ValueError:
            reauth = 180
        return render_template_string(
            WEBFRAME_PAGE,
            lng=(request.args.get("lng") or "en")[:12],
            reauth=reauth,
            server=_http_url(request.args.get("server")) or "",
            exit_url=_http_url(request.args.get("exitUrl")),
        )

    @app.post("/webframe/session")
    def open_session():
        """The page got ``tokenAuth`` from the casino: authenticate it server to server."""
        body = request.get_json(silent=True) or {}
        server = _http_url(body.get("server"))
        token = body.get("tokenAuth")
        tag_id = body.get("tagId")
        if server is None or not isinstance(token, str) or not token:
            return jsonify({"ok": False, "auth": {"ErrorCode": 0, "Message": "tokenAuth and an http(s) server are needed"}}), 400
        sid = app.extensions["betcore_sessions"].open(server, token, tag_id if isinstance(tag_id, int) else None)
        return jsonify(_authenticate(sid))

    @app.post("/webframe/session/<sid>/refresh")
    def refresh_session(sid: str):
        """Authenticate again with the newest refresh token (the page does it every few minutes)."""
        return jsonify(_authenticate(sid))

    return app


class BetcoreSandboxServer:
    """The BETCORE sandbox on a real port, served from a daemon thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.app: Flask | None = None
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    def _wsgi(self, environ: Any, start_response: Any) -> Any:
        # The app is made once the server is bound (its issuer is the bound address).
        if self.app is None:
            raise RuntimeError("the BETCORE sandbox is not started")
        return self.app(environ, start_response)

    def start(self) -> "BetcoreSandboxServer":
        # Bind first: the issuer names the sandbox's own address.
        self._server = make_server(self.host, self.port, self._wsgi, threaded=True)
        self.port = self._server.server_port
        self.app = create_betcore_sandbox_app(self.url)
        self._thread = threading.Thread(target=self._server.serve_forever, name="betcore-sandbox", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def signer(self) -> Signer:
        return self._app().extensions["betcore_signer"]

    @property
    def sessions(self) -> FrameSessions:
        return self._app().extensions["betcore_sessions"]

    def _app(self) -> Flask:
        if self.app is None:
            raise RuntimeError("start the BETCORE sandbox first")
        return self.app

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # The settings a lobby needs to use this sandbox.
    @property
    def jwks_url(self) -> str:
        return self.url + JWKS_PATH

    @property
    def issuer(self) -> str:
        return self.url + "/identity-api"

    @property
    def frame_url(self) -> str:
        return self.url + "/assets/frame.js"

    client_id = CLIENT_ID

    def __enter__(self) -> "BetcoreSandboxServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
