"""Kore API v3 game launch endpoints: custom launch and launch tokens.

Endpoints are declared with ``routes.endpoint`` on the same ``/v3/api`` blueprint;
server.py imports this module so they are registered.
"""

from __future__ import annotations
