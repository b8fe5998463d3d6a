"""Headers, error bodies and the checks every endpoint shares."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from sandbox_helpers import RETURN_URL, Kore, Player, assert_error


def test_success_carries_version_and_json_content_type(kore: Kore, brand_token: str) -> None:
    response = kore.get("currencies", token=brand_token)
    assert response.status_code == 200
    assert response.headers["X-Kore-Version"] == "3.35.0 (sandbox)"
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert "X-Error-Code" not in response.headers


def test_unknown_path_is_a_plain_404_with_version(kore: Kore, brand_token: str) -> None:
    response = kore.get("no-such-thing", token=brand_token)
    assert response.status_code == 404
    assert response.headers["X-Kore-Version"]
    assert "X-Error-Code" not in response.headers


def test_wrong_method_is_405_with_version(kore: Kore) -> None:
    response = kore.request("PATCH", "currencies")
    assert response.status_code == 405
    assert response.headers["X-Kore-Version"]


def test_pages_and_controls_carry_version_too(kore: Kore) -> None:
    assert kore.control("GET", "clock").headers["X-Kore-Version"]
    assert requests.get(f"{kore.url}/pages/register", timeout=5).headers["X-Kore-Version"]


def test_error_body_has_documented_shape(kore: Kore) -> None:
    body = assert_error(kore.get("currencies"), "missing_credentials", 401)
    assert set(body) == {"error", "error_description", "uuid"}


def test_error_uuids_differ(kore: Kore) -> None:
    first = kore.get("currencies").json()["uuid"]
    second = kore.get("currencies").json()["uuid"]
    assert first != second


# (method, path, grant) for every endpoint whose "Required Headers" list X-Kore-ReturnUrl.
RETURN_URL_ENDPOINTS = [
    ("GET", "users", "brand"),
    ("GET", "currencies", "brand"),
    ("GET", "games", "brand"),
    ("GET", "games/Html/ZodiacVideoSlot", "brand"),
    ("GET", "progressives/games", "brand"),
    ("GET", "USER", "player"),
    ("POST", "auth/player_credentials/token/mutate", "player"),
    ("DELETE", "auth/player_credentials", "player"),
]


@pytest.mark.parametrize(("method", "path", "grant"), RETURN_URL_ENDPOINTS)
def test_missing_return_url(kore: Kore, brand_token: str, alice: Player, method: str, path: str, grant: str) -> None:
    token = brand_token if grant == "brand" else alice.token
    url = alice.user_url if path == "USER" else path
    response = kore.request(method, url, token=token, return_url=None, json={"play_mode": "Practice"})
    assert_error(response, "missing_return_url", 400)


@pytest.mark.parametrize(
    "path",
    ["auth/brand_public_credentials/token", "auth/player_credentials/token"],
)
def test_token_endpoints_require_return_url(kore: Kore, path: str) -> None:
    response = kore.post(path, return_url=None, json={"brand_id": "KoreDemo", "locale": "en-US"})
    assert_error(response, "missing_return_url", 400)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ('{"brand_id": "KoreDemo", "locale": "en-US"}', "text/plain"),
        ("brand_id=KoreDemo&locale=en-US", "application/x-www-form-urlencoded"),
        ("{not json", "application/json"),
        ('["a", "list"]', "application/json"),
    ],
)
def test_post_body_must_be_a_json_object(kore: Kore, data: str, content_type: str) -> None:
    response = kore.post(
        "auth/brand_public_credentials/token", data=data, headers={"Content-Type": content_type}
    )
    assert_error(response, "invalid_request", 400)


@pytest.mark.parametrize(
    "authorization",
    ["Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer", "not-even-a-scheme"],
)
def test_unknown_token_is_invalid_credentials(kore: Kore, authorization: str) -> None:
    response = kore.get("currencies", headers={"Authorization": authorization})
    assert_error(response, "invalid_credentials", 401)


def test_missing_authorization(kore: Kore) -> None:
    assert_error(kore.get("games"), "missing_credentials", 401)


def test_brand_token_cannot_read_a_user(kore: Kore, brand_token: str, alice: Player) -> None:
    assert_error(kore.get(alice.user_url, token=brand_token), "access_denied", 403)


def test_player_token_cannot_use_privileged_endpoints(kore: Kore, alice: Player) -> None:
    assert_error(kore.get("tracking/whatever", token=alice.token), "access_denied", 403)


def test_endpoint_list_names_grant_types(kore: Kore) -> None:
    endpoints = kore.control("GET", "endpoints").json()
    index = {(e["method"], e["path"]): e["grant_types"] for e in endpoints}
    assert index[("GET", "/v3/api/users/{user_id}")] == [
        "player_credentials", "brand_credentials", "restricted_activity_subscriber"
    ]
    assert set(index[("GET", "/v3/api/games")]) == {"brand_public_credentials", "player_credentials"}
    assert index[("POST", "/v3/api/auth/player_credentials/token")] == []
    assert ("POST", "/v3/api/auth/{grant_type}/token/mutate") in index


def _floats(value: Any) -> list[Any]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for v in value.values() for f in _floats(v)]
    if isinstance(value, list):
        return [f for v in value for f in _floats(v)]
    return []


def test_no_floats_anywhere(kore: Kore, brand_token: str, alice: Player) -> None:
    for path in ("games", "progressives/games", "currencies", "users"):
        assert _floats(kore.get(path, token=brand_token).json()) == []
    assert _floats(kore.get(alice.user_url, token=alice.token).json()) == []


def test_return_url_is_carried_into_action_links(kore: Kore, brand_token: str) -> None:
    actions = kore.get("users", token=brand_token, return_url="https://other.example/back").json()["_actions"]
    assert "ReturnUrl=https%3A%2F%2Fother.example%2Fback" in actions["register"]["href"]
    actions = kore.get("users", token=brand_token).json()["_actions"]
    assert requests.utils.quote(RETURN_URL, safe="") in actions["register"]["href"]
