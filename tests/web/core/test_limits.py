"""The lobby's own rate limits: per client, below Kore's, with a page that says when."""

import re

import pytest

from lobby.core.limits import LIMITS
from tests.web.conftest import csrf_from


def test_every_limited_endpoint_exists(app):
    # A renamed view must not lose its limit silently.
    assert sorted(set(LIMITS) - set(app.view_functions)) == []


def test_login_attempts_are_limited_per_client_with_a_friendly_page(client, sandbox):
    token = csrf_from(client.get("/login").text)
    # An unknown account: Kore answers invalid_password every time (no account lock).
    data = {"email": "nobody@demo.kore", "password": "wrong-password", "play_mode": "Real", "csrf_token": token}
    statuses = [client.post("/login", data=data).status_code for _ in range(10)]
    assert set(statuses) == {401}  # Kore's own answer, ten times
    limited = client.post("/login", data=data)
    assert limited.status_code == 429
    assert "Please try again in" in limited.text
    assert int(limited.headers["Retry-After"]) > 0
    # Another client (address) is not affected.
    other = client.post("/login", data=data, environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert other.status_code == 401


def test_pages_are_not_limited_for_reading(client):
    assert all(client.get("/login").status_code == 200 for _ in range(30))
