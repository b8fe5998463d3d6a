"""The TrackingContext: ids, last-touch attribution, non-fatal validation, debug endpoint."""

from __future__ import annotations

import pytest
from sandbox_helpers import Kore, assert_error

BRAND = "auth/brand_public_credentials/token"
AFFILIATE_URL = "https://lobby.example.com/?TrackingToken=TrackMe&mid=22JC0492"


def brand(kore: Kore, tracking: object = None, **kwargs: object) -> dict:
    body: dict = {"brand_id": "KoreDemo", "locale": "en-US"}
    if tracking is not None:
        body["tracking"] = tracking
    response = kore.post(BRAND, json=body, **kwargs)
    assert response.status_code == 200, response.text
    return response.json()


def privileged(kore: Kore, grant: str = "tracking") -> str:
    body = {"brand_id": "KoreDemo", "locale": "en-US", "secret": "sandbox-secret"}
    return kore.post(f"auth/{grant}/token", json=body).json()["tokens"][0]["value"]


def test_no_tracking_no_id(kore: Kore) -> None:
    assert "tracking_id" not in brand(kore)
    assert "tracking_id" not in brand(kore, {})


def test_url_with_query_creates_an_id(kore: Kore) -> None:
    body = brand(kore, {"url": AFFILIATE_URL})
    assert len(body["tracking_id"]) == 36


def test_known_id_without_new_data_is_kept(kore: Kore) -> None:
    first = brand(kore, {"url": AFFILIATE_URL})["tracking_id"]
    assert brand(kore, {"tracking_id": first})["tracking_id"] == first
    same = brand(kore, {"tracking_id": first, "url": "https://lobby.example.com/games"})["tracking_id"]
    assert same == first


@pytest.mark.parametrize(
    "new_data",
    [
        {"url": "https://lobby.example.com/?cid=9V147K&mid=1"},
        {"referrer": "https://affiliate.example.net/best-casinos?ref=1"},
        {"referrer": "https://www.search.example.org/"},
    ],
)
def test_new_tracking_data_gives_a_new_id(kore: Kore, new_data: dict) -> None:
    first = brand(kore, {"url": AFFILIATE_URL})["tracking_id"]
    second = brand(kore, {"tracking_id": first} | new_data)["tracking_id"]
    assert second and second != first


def test_internal_referrer_is_discarded(kore: Kore) -> None:
    first = brand(kore, {"url": AFFILIATE_URL})["tracking_id"]
    # Same root domain as the X-Kore-ReturnUrl (lobby.example.com → example.com).
    tracking = {"tracking_id": first, "referrer": "https://www.example.com/promo?x=1"}
    assert brand(kore, tracking)["tracking_id"] == first


@pytest.mark.parametrize("unknown", ["6507763a-70aa-45ec-a523-162c0325d043", "nope"])
def test_unknown_id_gives_a_new_id(kore: Kore, unknown: str) -> None:
    body = brand(kore, {"tracking_id": unknown})
    assert body["tracking_id"] not in (None, unknown)


def test_expired_id_gives_a_new_id(kore: Kore) -> None:
    first = brand(kore, {"url": AFFILIATE_URL})["tracking_id"]
    kore.advance(31 * 24 * 3600)
    assert brand(kore, {"tracking_id": first})["tracking_id"] != first


@pytest.mark.parametrize(
    ("tracking", "properties", "kept"),
    [
        ("not-an-object", ["tracking"], False),
        ({"tracking_id": "x" * 37}, ["tracking.tracking_id"], False),
        ({"url": 12, "referrer": ""}, ["tracking.url", "tracking.referrer"], False),
        ({"url": AFFILIATE_URL, "user_agent": ["a"]}, ["tracking.user_agent"], True),
    ],
)
def test_invalid_tracking_is_dropped_and_reported(kore: Kore, tracking: object, properties: list, kept: bool) -> None:
    body = brand(kore, tracking)
    [error] = body["errors"]
    assert error["error"] == "invalid_request"
    assert error["properties"] == properties
    assert ("tracking_id" in body) is kept


def test_long_values_are_silently_truncated(kore: Kore) -> None:
    url = AFFILIATE_URL + "&pad=" + "p" * 2000
    body = brand(kore, {"url": url, "user_agent": "U" * 1500})
    assert "errors" not in body
    info = kore.get(f"tracking/{body['tracking_id']}", token=privileged(kore), return_url=None).json()
    assert info["origin_url"] == url[:1000]
    assert info["user_agent"] == "U" * 1000


def test_tracking_debug_info(kore: Kore) -> None:
    tracking_id = brand(kore, {"url": AFFILIATE_URL}, headers={"X-Forwarded-For": "81.110.98.39"})["tracking_id"]
    for grant in ("tracking", "brand_credentials"):
        response = kore.get(f"tracking/{tracking_id}", token=privileged(kore, grant), return_url=None)
        assert response.status_code == 200
        info = response.json()
        assert info["tracking_id"] == tracking_id
        assert info["brand_id"] == "KoreDemo" and info["locale"] == "en-US"
        assert info["tracking_token"] == "TrackMe"
        assert info["tracking_event_type"] == "MyAffliates" and info["tracking_version"] == 3
        assert info["ip"] == "81.110.98.39"
        assert info["created_date"].endswith("Z")


def test_tracking_not_found(kore: Kore) -> None:
    response = kore.get("tracking/00000000-0000-4000-8000-000000000000", token=privileged(kore), return_url=None)
    assert_error(response, "tracking_not_found", 404)


def test_landing_action_for_mid(kore: Kore) -> None:
    body = brand(kore, {"url": AFFILIATE_URL})
    assert "mid=22JC0492" in body["_actions"]["landing"]["href"]
    assert "_actions" not in brand(kore, {"url": "https://lobby.example.com/?TrackingToken=x"})


def test_player_login_returns_tracking_id(kore: Kore) -> None:
    first = brand(kore, {"url": AFFILIATE_URL})["tracking_id"]
    body = kore.login(body={"tracking": {"tracking_id": first}}).login
    assert body["tracking_id"] == first
    assert "tracking_id" not in kore.login("bruno@demo.kore").login


def test_player_login_tracking_is_non_fatal(kore: Kore) -> None:
    body = kore.login(body={"tracking": {"url": 5}, "device_id": "y" * 40}).login
    [error] = body["errors"]
    assert error["properties"] == ["tracking.url", "device_id"]
