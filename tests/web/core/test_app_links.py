""""Get the app" in the menu (Kore's GET users links), by device, cached for every visitor."""

from __future__ import annotations

import re

import pytest
import requests

ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
APP = "Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0"


def app_links(client, agent: str, path: str = "/") -> list[str]:
    found = re.search(r'<nav class="get-app".*?</nav>', client.get(path, headers={"User-Agent": agent}).text, re.S)
    return re.findall(r'href="([^"]+)"', found.group(0)) if found else []


@pytest.mark.parametrize(("agent", "expected"), [
    (ANDROID, ["kore-demo.apk"]),
    (IPHONE, ["kore-demo-ios"]),
    (DESKTOP, ["kore-demo.apk", "kore-demo-ios"]),  # shown on small screens only (CSS)
    (APP, []),  # already in the operator's app
])
def test_the_links_suit_the_device(client, agent, expected):
    links = app_links(client, agent)
    assert [link.rsplit("/", 1)[-1] for link in links] == expected


def test_players_get_them_too_and_on_every_page(client, login):
    login()
    assert app_links(client, ANDROID, "/tournaments/")
    assert app_links(client, ANDROID, "/account")


def test_a_link_kore_leaves_out_is_not_offered(client, sandbox):
    requests.post(f"{sandbox.url}/_sandbox/apps", json={"download_apk": False}, timeout=5).raise_for_status()
    assert app_links(client, ANDROID) == []
    assert len(app_links(client, IPHONE)) == 1


def test_get_users_is_asked_once_for_every_visitor(client, sandbox):
    assert app_links(client, ANDROID)
    requests.post(f"{sandbox.url}/_sandbox/faults", json={"method": "GET", "path": "/v3/api/users",
                                                          "kind": "error", "status": 503}, timeout=5)
    other = client.application.test_client()
    assert app_links(other, ANDROID)  # the cached answer: Kore is not asked again


def test_no_links_and_no_error_when_kore_cannot_say(client, sandbox):
    requests.post(f"{sandbox.url}/_sandbox/faults", json={"method": "GET", "path": "/v3/api/users",
                                                          "kind": "error", "status": 503}, timeout=5)
    page = client.get("/", headers={"User-Agent": ANDROID})
    assert page.status_code == 200 and 'class="get-app"' not in page.text
