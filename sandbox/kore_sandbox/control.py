"""/_sandbox: controls for tests, benchmarks and the README. Not part of Kore.

Errors here are plain ``{"error": "..."}`` with status 400: these endpoints are the
sandbox's own, so they do not pretend to be Kore.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from . import seed
from .api import ENDPOINTS
from .clock import iso, parse_iso
from .context import get_backend

control = Blueprint("sandbox_control", __name__, url_prefix="/_sandbox")


def _bad(message: str) -> tuple[Response, int]:
    return jsonify({"error": message}), 400


def _json() -> dict[str, Any]:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


@control.post("/reset")
def reset() -> Response:
    """Everything back as seeded: players, tokens, sessions, limits, faults, clock."""
    get_backend().reset()
    current_app.extensions["kore_sandbox.requests"].clear()
    return jsonify({"reset": True})


@control.get("/requests")
def recorded_requests() -> Response:
    """The last API requests (at most 1,000), oldest first: method, path, and the caller's
    X-Request-Id and X-Forwarded-For, so a test can see what a client sent."""
    return jsonify({"requests": list(current_app.extensions["kore_sandbox.requests"])})


@control.get("/clock")
def get_clock() -> Response:
    """The sandbox's current time."""
    return jsonify({"now": iso(get_backend().clock.now())})


@control.post("/clock")
def move_clock() -> Response | tuple[Response, int]:
    """``{"advance": seconds}`` or ``{"set": iso8601}``."""
    body = _json()
    clock = get_backend().clock
    try:
        if "advance" in body:
            seconds = body["advance"]
            if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
                return _bad("advance must be a number of seconds")
            clock.advance(seconds)
        elif "set" in body:
            clock.set(parse_iso(str(body["set"])))
        else:
            return _bad('send {"advance": seconds} or {"set": "2024-01-01T00:00:00Z"}')
    except ValueError as error:
        return _bad(str(error))
    return jsonify({"now": iso(clock.now())})


@control.get("/faults")
def list_faults() -> Response:
    """The fault rules in force, with what is left of their ``times``."""
    return jsonify([rule.to_json() for rule in get_backend().faults.list()])


@control.post("/faults")
def add_fault() -> tuple[Response, int]:
    """Add one fault rule (format in faults.py and docs/sandbox.md)."""
    try:
        rule = get_backend().faults.add(request.get_json(silent=True))
    except ValueError as error:
        return _bad(str(error))
    return jsonify({"id": rule.id}), 201


@control.delete("/faults")
def clear_faults() -> Response:
    """Remove every fault rule."""
    get_backend().faults.clear()
    return jsonify([])


@control.post("/latency")
def set_latency() -> Response | tuple[Response, int]:
    """``{"ms": 50}``: delay every /v3/api request (benchmarks)."""
    ms = _json().get("ms")
    if not isinstance(ms, int) or isinstance(ms, bool) or ms < 0:
        return _bad("ms must be a non-negative integer")
    get_backend().latency_ms = ms
    return jsonify({"ms": ms})


@control.post("/captcha")
def set_captcha() -> Response | tuple[Response, int]:
    """``{"required": true}``: sign-in needs the CAPTCHA token ``sandbox-captcha-ok``."""
    required = _json().get("required")
    if not isinstance(required, bool):
        return _bad("required must be true or false")
    get_backend().captcha_required = required
    return jsonify({"required": required})


@control.post("/chats")
def start_chat() -> tuple[Response, int]:
    """``{"email": "alice@demo.kore"}``: the operator starts a chat with the player
    (GET chats lists it; the hub pushes OperatorInitiatedChat)."""
    email = _json().get("email")
    if not isinstance(email, str) or not email:
        return _bad("email must be a player's email")
    started = get_backend().start_operator_chat(email)
    if started is None:
        return jsonify({"error": f"no player {email}"}), 404
    player, chat_id = started
    return jsonify({"email": player.email, "chat_id": chat_id, "is_operator_initiated": True}), 201


@control.post("/hub/restart")
def restart_hub() -> Response:
    """The hub restarts: every connection is closed with an error and ``allowReconnect``
    (clients with automatic reconnection come back); players, sessions and tokens stay."""
    get_backend().close_hub_connections("hub restarting", allow_reconnect=True)
    return jsonify({"restarted": True})


@control.get("/hub")
def hub() -> Response:
    """The SignalR hub's open connections: ``{"connections": n, "players": {email: n}}``."""
    players = get_backend().hub_summary()
    return jsonify({"connections": sum(players.values()), "players": players})


@control.post("/players")
def add_players() -> tuple[Response, int]:
    """``{"count": 1000, "prefix": "bench"}``: that many signed-up players (benchmarks);
    ``{"currency": "EUR", "balance": "250.00", "locale": "fr-FR"}``: one player made to order."""
    body = _json()
    if "count" not in body:
        return _create_player(body)
    count, prefix = body.get("count"), body.get("prefix", "bench")
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 10_000:
        return _bad("count must be a whole number from 1 to 10000")
    if not isinstance(prefix, str) or not prefix.isalnum() or len(prefix) > 20:
        return _bad("prefix must be letters and digits (at most 20)")
    return jsonify({"emails": get_backend().add_bulk_players(prefix.lower(), count)}), 201
def _create_player(body: dict[str, Any]) -> tuple[Response, int]:
    currency, balance, locale = body.get("currency", "USD"), body.get("balance", "100.00"), body.get("locale", "en-US")
    spec = seed.CURRENCY_BY_CODE.get(currency) if isinstance(currency, str) else None
    if spec is None or currency in (seed.PRACTICE, "XTC"):
        return _bad("currency must be one of GET currencies' codes")
    try:
        amount = Decimal(str(balance))
    except InvalidOperation:
        amount = Decimal(-1)
    if isinstance(balance, bool) or not amount.is_finite() or amount < 0 or amount != round(amount, spec.iso_exponent):
        return _bad(f"balance must be a non-negative amount of {currency} with at most {spec.iso_exponent} decimals")
    if locale not in seed.LOCALES:
        return _bad(f"locale must be one of {', '.join(seed.LOCALES)}")
    email = body.get("email")
    if email is not None and (not isinstance(email, str) or not re.fullmatch(r"[^@\s]{1,64}@[^@\s]{1,190}", email)):
        return _bad("email must be an email address")
    player = get_backend().create_player(currency, int(amount.scaleb(spec.iso_exponent)), locale, email)
    if player is None:
        return jsonify({"error": f"{email} has a player already"}), 409
    return jsonify({"email": player.email, "password": player.password, "currency": currency,
                    "balance": str(amount), "locale": locale}), 201


@control.post("/spin")
def spin() -> Response | tuple[Response, int]:
    """``{"email": …, "game": slug}``: one round of the game in the player's live session, as
    if they pressed Spin (bet 1.00, a random win); the hub pushes the new balance."""
    body = _json()
    email, slug = body.get("email"), body.get("game")
    if not isinstance(email, str) or not isinstance(slug, str):
        return _bad('send {"email": …, "game": a game\'s slug}')
    try:
        result = get_backend().spin_for(email, slug)
    except LookupError as error:
        return jsonify({"error": str(error)}), 404
    if result is None:
        return jsonify({"error": "insufficient balance for the bet"}), 409
    return jsonify({name: {"currency": money.currency, "amount": str(Decimal(money.amount).scaleb(-money.exponent))}
                    for name, money in (("bet", result.bet), ("win", result.win), ("balance", result.balance))})


@control.post("/player_day")
def player_day() -> tuple[Response, int] | Response:
    """``{"email": …, "bet": minor units, "deposit": minor units}``: count cash bets and a
    deposit in the player's day now, as if played elsewhere (the deposit also adds cash)."""
    body = _json()
    email, bet, deposit = body.get("email"), body.get("bet", 0), body.get("deposit", 0)
    if not isinstance(email, str) or not email:
        return _bad("email must be a player's email")
    for name, value in (("bet", bet), ("deposit", deposit)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return _bad(f"{name} must be a non-negative whole number of minor units")
    player = get_backend().play_a_day(email, bet=bet, deposit=deposit)
    if player is None:
        return jsonify({"error": f"no player {email}"}), 404
    return jsonify({"email": player.email, "bet": bet, "deposit": deposit})


@control.post("/apps")
def set_app_links() -> Response | tuple[Response, int]:
    """``{"download_apk": false, "download_app_store": true}``: which optional app links
    GET users hands out (both, as seeded)."""
    body = _json()
    links = get_backend().app_links
    for name in ("download_apk", "download_app_store"):
        if name in body:
            if not isinstance(body[name], bool):
                return _bad(f"{name} must be true or false")
            links[name] = body[name]
    return jsonify(dict(links))


@control.post("/referrals")
def referrals() -> Response | tuple[Response, int]:
    """``{"enabled": false}``: every referral endpoint answers referral_disabled;
    ``{"email": "bruno@demo.kore", "unclaimed": 3}``: referees waiting for that referrer's bonus."""
    body = _json()
    enabled, email, unclaimed = body.get("enabled"), body.get("email"), body.get("unclaimed")
    if enabled is not None and not isinstance(enabled, bool):
        return _bad("enabled must be true or false")
    if email is not None and (not isinstance(email, str) or not email):
        return _bad("email must be a player's email")
    if unclaimed is not None and (not isinstance(unclaimed, int) or isinstance(unclaimed, bool) or unclaimed < 0):
        return _bad("unclaimed must be a non-negative integer")
    if (email is None) != (unclaimed is None) or (enabled is None and email is None):
        return _bad('send {"enabled": false} or {"email": ..., "unclaimed": 3}')
    backend = get_backend()
    player = backend.set_referrals(enabled=enabled, email=email, unclaimed=unclaimed)
    if email is not None and player is None:
        return jsonify({"error": f"no player {email}"}), 404
    answer: dict[str, Any] = {"enabled": backend.referrals_enabled}
    if player is not None:
        answer.update(email=player.email, referral_code=backend.referral_code(player), unclaimed=unclaimed)
    return jsonify(answer)


@control.get("/outbox")
def outbox() -> Response:
    """SMS and emails the sandbox has "sent", with their codes (docs/sandbox.md)."""
    return jsonify(list(get_backend().outbox))


@control.get("/endpoints")
def endpoints() -> Response:
    """The implemented Kore endpoints with the grant types they accept."""
    return jsonify([e.to_json() for e in ENDPOINTS])
