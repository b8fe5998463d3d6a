"""Fixtures for the lobby's views: app → client → signed-in player, on a live sandbox."""

from __future__ import annotations

import html
import itertools
import re

import pytest

from lobby import create_app
from lobby.config import Config

DEMO_PASSWORD = "Demo-pass-1"


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'"X-CSRFToken": "([^"]+)"', html
    )
    assert match, "page has no CSRF token"
    return match.group(1)


def text_of(response) -> str:
    """What the reader sees: tags out, entities decoded, spaces collapsed."""
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", response.text).split()))


def client_addresses(network: str):
    """A new client address at each call, in ``network`` (two octets): the lobby and Kore
    count claims per address."""
    numbers = itertools.count(1)

    def new_address() -> dict[str, str]:
        n = next(numbers)
        return {"REMOTE_ADDR": f"{network}.{n // 250}.{n % 250 + 1}"}

    return new_address


@pytest.fixture
def app(sandbox, tmp_path):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                    player_state_db=tmp_path / "favourites.sqlite3")
    app = create_app(config)
    app.config.update(TESTING=True)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(client):
    """Sign in through the real form; returns the response of the POST."""

    def sign_in(email="alice@demo.kore", password=DEMO_PASSWORD, play_mode="Real", next=None, follow=False):
        page = client.get("/login" + (f"?next={next}" if next else ""))
        data = {"email": email, "password": password, "play_mode": play_mode, "csrf_token": csrf_from(page.text)}
        if next is not None:
            data["next"] = next
        return client.post("/login", data=data, follow_redirects=follow)

    return sign_in
