"""The Kore API v3 under /v3/api: one module per area reads the request, calls the
backend and answers JSON built by the serializers; endpoint.py holds what they share,
errors.py the one error handler; notifications.py the SignalR hub (WebSocket)."""

from __future__ import annotations

from . import (  # noqa: F401  (each module declares its endpoints on the blueprint)
    accounts,
    activity,
    auth,
    bonuses,
    errors,
    games,
    notifications,
    recovery,
    referrals,
    signon,
    tournaments,
    users,
)
from .endpoint import ENDPOINTS, api

__all__ = ["ENDPOINTS", "api"]
