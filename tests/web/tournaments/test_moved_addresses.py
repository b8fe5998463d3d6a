"""Joining and leaving moved from /register and /unregister to /join and /leave: the old
addresses answer 308 with the new one. (That an old form's POST, followed by a browser,
joins exactly once: tests/e2e/test_tournament_journey.py. Flask's test client cannot show
it: it re-sends a body it has already read.)"""

from __future__ import annotations

import pytest
import requests

from tests.web.conftest import csrf_from, text_of


def registrations(sandbox, method: str, key: str) -> int:
    """How many times Kore was asked to join (POST) or leave (DELETE) tournament ``key``."""
    log = requests.get(f"{sandbox.url}/_sandbox/requests", timeout=5).json()["requests"]
    return sum(1 for r in log if r["method"] == method and r["path"] == f"/v3/api/tournaments/{key}/registration")


@pytest.mark.parametrize("old, new", [("register", "join"), ("unregister", "leave")])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_old_addresses_answer_308_with_the_new_one_and_its_query(client, old, new, method):
    # A POST carries its token (CSRF is checked on the old address as everywhere).
    data = {"csrf_token": csrf_from(client.get("/login").text)} if method == "POST" else None
    response = client.open(f"/tournaments/101/{old}?type=Cash&next=%2Fx", method=method, data=data)
    assert response.status_code == 308
    assert response.headers["Location"] == f"/tournaments/101/{new}?type=Cash&next=%2Fx"
    bare = client.open(f"/tournaments/101/{old}", method=method, data=data)
    assert (bare.status_code, bare.headers["Location"]) == (308, f"/tournaments/101/{new}")


def test_a_post_to_the_old_address_without_its_token_is_refused_and_joins_nothing(client, login, sandbox):
    login()
    response = client.post("/tournaments/101/register", data={"type": "Cash"}, follow_redirects=True)
    assert response.status_code == 400
    assert registrations(sandbox, "POST", "101") == 0
    assert "You are not registered." in text_of(client.get("/tournaments/101"))
