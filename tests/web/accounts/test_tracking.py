"""Tracking (live sandbox): landing URL, referrer and tracking ids sent with sign-in and registration."""

from __future__ import annotations

from typing import Any

import requests

from tests.web.accounts.pages import register, registration
from tests.web.conftest import csrf_from

# -- tracking ------------------------------------------------------------------------------


def tracking_info(sandbox, tracking_id: str) -> dict[str, Any]:
    token = requests.post(f"{sandbox.url}/v3/api/auth/brand_credentials/token", timeout=5, json={
        "brand_id": "KoreDemo", "locale": "en-US", "secret": "sandbox-secret"}).json()["tokens"][0]["value"]
    return requests.get(f"{sandbox.url}/v3/api/tracking/{tracking_id}", timeout=5,
                        headers={"Authorization": f"Bearer {token}"}).json()


def test_landing_url_and_referrer_are_sent_with_the_sign_in(client, login, sandbox):
    client.get("/?cid=9V147K&mid=22JC0492", headers={"Referer": "https://affiliate.example.org/best.html",
                                                      "User-Agent": "TestPhone/1.0"})
    response = login()
    cookie = client.get_cookie("tracking_id")
    assert cookie is not None and response.status_code == 303
    info = tracking_info(sandbox, cookie.value)
    assert info["cid"] == "9V147K" and info["referrer_url"] == "https://affiliate.example.org/best.html"
    assert info["origin_url"].endswith("/?cid=9V147K&mid=22JC0492")


def test_tg_parameter_wins_and_the_same_id_keeps_its_expiry(client, login, sandbox):
    client.get("/?cid=ABC")
    login()
    first = client.get_cookie("tracking_id")
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    # The same id back from Kore: the cookie is not set again (its expiry stays).
    response = login()
    assert "tracking_id=" not in " ".join(response.headers.getlist("Set-Cookie"))
    assert client.get_cookie("tracking_id").value == first.value
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    client.get("/?tg=made-up-id")
    response = login()
    assert client.get_cookie("tracking_id").value != first.value  # an unknown tg → a new id


def test_no_tracking_id_back_deletes_the_cookie(client, login, sandbox):
    # An id Kore refuses (over 36 characters: non-fatal validation drops it) brings no
    # id back: the cookie goes.
    client.set_cookie("tracking_id", "x" * 40)
    response = login()
    assert response.status_code == 303
    assert client.get_cookie("tracking_id") is None


def test_visitor_with_tracking_registers_with_their_own_brand_token(client, sandbox):
    client.get("/register?cid=REG1", headers={"Referer": "https://affiliate.example.org/"})
    response = register(client, registration("tracked+success@new.kore"))
    assert response.status_code == 303
    tracking_id = client.get_cookie("tracking_id").value
    assert tracking_info(sandbox, tracking_id)["cid"] == "REG1"
