"""The lobby's own rate limits, per client, below Kore's documented ones.

Kore counts requests per address too, and would answer ``rate_limit_exceeded`` to the
whole lobby if one client hammered it through us; these limits stop a client first,
with a friendly page. Counters live in Redis when REDIS_URL is set (shared by every
process and machine), in memory otherwise.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

from flask import Flask, request

from lobby.extensions import limiter

#: endpoint → (limits, methods). Kore's limits for comparison in the comments.
LIMITS: dict[str, tuple[str, tuple[str, ...]]] = {
    # Kore: 20 per minute; 100 per 10 minutes; 300 per hour (login, activation).
    "auth.login": ("10 per minute; 50 per 10 minutes; 150 per hour", ("POST",)),
    "auth.activate": ("10 per minute; 50 per 10 minutes; 150 per hour", ("POST",)),
    "auth.migrate": ("10 per minute; 50 per 10 minutes; 150 per hour", ("POST",)),
    "games.play_sign_in": ("10 per minute; 50 per 10 minutes; 150 per hour", ("POST",)),
    # Kore: duplicate_request on POST users; nobody registers more than a few times.
    "register.index": ("5 per minute; 20 per hour", ("POST",)),
    # Kore: 20 per minute; 100 per 10 minutes; 300 per hour (email check).
    "register.email_check": ("15 per minute; 80 per 10 minutes; 250 per hour", ("POST",)),
    # SMS cost money and annoy: Kore has too_many_verification_retries.
    "verify.resend": ("5 per minute; 15 per hour", ("POST",)),
    "verify.index": ("10 per minute; 30 per hour", ("POST",)),
    "password.reset": ("5 per minute; 20 per hour", ("POST",)),
    "password.reset_code": ("10 per minute; 30 per hour", ("POST",)),
    "password.reset_resend": ("5 per minute; 15 per hour", ("POST",)),
    # Kore: 1 per second; 10 per minute (bonus claim).
    "account.claim_bonus": ("1 per 2 seconds; 6 per minute; 30 per hour", ("POST",)),
    "offers.claim": ("1 per 2 seconds; 6 per minute; 30 per hour", ("POST",)),
    # Kore: 50 per minute; 250 per 10 minutes; 750 per hour (referral claims).
    "referrals.claim": ("1 per 2 seconds; 10 per minute; 60 per hour", ("POST",)),
    # Kore: 100 per minute; 500 per 10 minutes; 1500 per hour (referral codes): a visitor
    # opens a few links, not hundreds (nobody walks through codes through us).
    "referrals.landing": ("30 per minute; 200 per hour", ("GET",)),
}


#: endpoint → limits per account (a hash of the email), beside the per-address ones: many
#: addresses trying one account are slowed down before they reach Kore, whose own answer
#: is to lock the account (account_temporarily_locked) for everyone, its owner included.
ACCOUNT_LIMITS: dict[str, str] = {
    "auth.login": "5 per minute; 20 per hour",
    "games.play_sign_in": "5 per minute; 20 per hour",
    # One email asked about again and again from many addresses is someone probing it,
    # not a player typing theirs (a form checks it once or twice).
    "register.email_check": "5 per minute; 20 per hour",
}


def account_key() -> str:
    """The account a form names, as a hash: the limit's key never holds the address itself."""
    email = (request.form.get("email") or "").strip().casefold()
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def client_key() -> str:
    """The client's address (after the trusted proxies, see TRUSTED_PROXIES)."""
    return request.remote_addr or "unknown"


def init_limits(app: Flask) -> None:
    """Wrap the listed views with their limits (views whose area is not installed are skipped)."""
    for endpoint, (limits, methods) in LIMITS.items():
        view: Callable[..., Any] | None = app.view_functions.get(endpoint)
        if view is not None:
            app.view_functions[endpoint] = limiter.limit(limits, methods=list(methods))(view)
    for endpoint, limits in ACCOUNT_LIMITS.items():
        account_view: Callable[..., Any] | None = app.view_functions.get(endpoint)
        if account_view is not None:
            app.view_functions[endpoint] = limiter.limit(
                limits, key_func=account_key, methods=["POST"], scope=f"{endpoint}:account"
            )(account_view)
