"""Kore API v3 account endpoints: registration, email check, activation, SMS verification, password change and resets, amend user, migrations.

Endpoints are declared with ``routes.endpoint`` on the same ``/v3/api`` blueprint;
server.py imports this module so they are registered.
"""

from __future__ import annotations
