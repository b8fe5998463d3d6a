"""Talking to the sandbox over HTTP, as a Kore client would (imported by the tests)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

RETURN_URL = "https://lobby.example.com/casino"
PASSWORD = "Demo-pass-1"
_UNSET: Any = object()


@dataclass
class Player:
    token: str
    user_url: str
    login: dict[str, Any]


class Kore:
    """A thin HTTP helper: every call is a real request to the sandbox."""

    def __init__(self, url: str) -> None:
        self.url = url

    def api(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.url}/v3/api/{path.lstrip('/')}"

    def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        return_url: str | None = RETURN_URL,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        all_headers = {}
        if return_url is not None:
            all_headers["X-Kore-ReturnUrl"] = return_url
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        all_headers.update(headers or {})
        kwargs.setdefault("timeout", 10)
        return requests.request(method, self.api(path), headers=all_headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def brand_token(self, locale: str = "en-US", **body: Any) -> str:
        response = self.post(
            "auth/brand_public_credentials/token", json={"brand_id": "KoreDemo", "locale": locale, **body}
        )
        assert response.status_code == 200, response.text
        return response.json()["tokens"][0]["value"]

    def login_response(
        self, email: str = "alice@demo.kore", play_mode: str = "Real", password: str = PASSWORD, **kwargs: Any
    ) -> requests.Response:
        body = {
            "brand_id": "KoreDemo",
            "locale": "en-US",
            "email": email,
            "password": password,
            "play_mode": play_mode,
        }
        body.update(kwargs.pop("body", {}))
        return self.post("auth/player_credentials/token", json=body, **kwargs)

    def login(self, email: str = "alice@demo.kore", play_mode: str = "Real", **kwargs: Any) -> Player:
        response = self.login_response(email, play_mode, **kwargs)
        assert response.status_code == 200, response.text
        data = response.json()
        return Player(data["tokens"][0]["value"], data["_links"]["user"]["href"], data)

    def control(self, method: str, path: str, json: Any = _UNSET) -> requests.Response:
        kwargs = {} if json is _UNSET else {"json": json}
        return requests.request(method, f"{self.url}/_sandbox/{path}", timeout=10, **kwargs)

    def advance(self, seconds: float) -> None:
        assert self.control("POST", "clock", {"advance": seconds}).status_code == 200

    def add_fault(self, **rule: Any) -> str:
        response = self.control("POST", "faults", rule)
        assert response.status_code == 201, response.text
        return response.json()["id"]


def assert_error(response: requests.Response, code: str, status: int) -> dict[str, Any]:
    """The documented error body and headers."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["X-Error-Code"] == code
    assert response.headers["X-Kore-ErrorCode"] == code
    assert response.headers["X-Kore-Version"]
    body = response.json()
    assert body["error"] == code
    assert isinstance(body["error_description"], str) and body["error_description"]
    assert len(body["uuid"]) == 36
    return body
