"""Kore API v3 tournaments, competitions and tournament news endpoints.

Endpoints are declared with ``routes.endpoint`` on the same ``/v3/api`` blueprint;
server.py imports this module so they are registered.
"""

from __future__ import annotations
