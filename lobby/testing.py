"""Testing mode (LOBBY_TESTING=1, docs/testing.md): what an end-to-end suite needs of the
lobby itself, and nothing a player could use.

- The lobby's own rate limits are off: a suite signs in, registers and claims far more
  often than a person, from one address (Kore's limits stay: the sandbox's reset zeroes them).
- ``/_lobby/testing`` (POST ``reset``, POST ``clock``) lets the suite's control client put
  the lobby's state back (favourites, recently played, reality-check intervals and
  session clocks, caches, sign-out records, rate-limit counters) and move the lobby's
  clock with the sandbox's, so a reality check comes when Kore's clock says it is due.
  Both answer only a client on this machine (loopback, before and after trusted proxies).

Config.from_env refuses LOBBY_TESTING in production, and create_app imports this module
only in testing mode: a production process has none of it.
"""

from __future__ import annotations

import ipaddress
import threading
import time

from flask import Blueprint, Flask, abort, current_app, jsonify, request

from lobby.extensions import cache, csrf, limiter

bp = Blueprint("testing", __name__, url_prefix="/_lobby/testing")


class MovableClock:
    """Real time plus what the suite added (the app's clock: lobby.core.session.clock)."""

    def __init__(self) -> None:
        self.offset = 0.0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.offset += seconds

    def reset(self) -> None:
        with self._lock:
            self.offset = 0.0


def _testing_app() -> bool:
    """The limiter's request filter: no lobby limits for an app in testing mode. The limiter
    is shared by every app of the process, so the filter asks the app, not a flag."""
    return bool(current_app.config["LOBBY"].testing)


def _loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


@bp.before_request
def local_clients_only():
    """Nobody but a client on this machine: the socket's peer and the client the trusted
    proxies name must both be loopback (a proxy on this machine forwards everyone)."""
    peer = request.environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR", request.environ.get("REMOTE_ADDR"))
    if not (_loopback(peer) and _loopback(request.remote_addr)):
        abort(404)


@bp.post("/reset")
def reset():
    """Every state a suite's test can leave behind in the lobby, gone; the clock back to now."""
    app = current_app
    app.extensions["lobby.favourites"].clear()
    app.extensions["lobby.care"].clear()
    app.extensions["lobby.core.upstream"].clear()
    cache.clear()  # brand data, sign-out and idle records, CAPTCHA status, app links
    limiter.reset()
    app.extensions["lobby.clock"].reset()
    return jsonify({"reset": True})


@bp.post("/clock")
def move_clock():
    """``{"advance": seconds}``: the lobby's clock moves forward (the sandbox's moves apart)."""
    body = request.get_json(silent=True)
    seconds = body.get("advance") if isinstance(body, dict) else None
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0:
        return jsonify({"error": 'send {"advance": seconds}, a number of seconds forward'}), 400
    clock = current_app.extensions["lobby.clock"]
    clock.advance(seconds)
    return jsonify({"now": clock(), "offset": clock.offset})


_filter_installed = threading.Event()


def init_testing(app: Flask) -> None:
    """Testing mode on this app (create_app calls it only when Config.testing)."""
    from lobby.config import ConfigError

    if not app.config["LOBBY"].development:  # a Config built by hand, past from_env's refusal
        raise ConfigError("testing mode is refused when LOBBY_ENV=production")
    app.extensions["lobby.clock"] = MovableClock()
    if not _filter_installed.is_set():
        _filter_installed.set()
        limiter.request_filter(_testing_app)
    csrf.exempt(bp)
    app.register_blueprint(bp)
