"""The pages under the ASGI server (lobby/live/bridge.py): each answered whole, bodies read
whole (also chunked), an oversized one refused as the app refuses it, nothing streamed."""

from __future__ import annotations

import requests

from tests.web.conftest import DEMO_PASSWORD, csrf_from


def test_a_page_is_answered_whole_with_its_length(lobby):
    answer = requests.get(f"{lobby.url}/", timeout=10)
    assert answer.status_code == 200 and "<main" in answer.text
    assert int(answer.headers["Content-Length"]) == len(answer.content)
    assert "chunked" not in answer.headers.get("Transfer-Encoding", "")
    head = requests.head(f"{lobby.url}/", timeout=10)
    assert head.status_code == 200 and head.content == b""


def test_a_chunked_form_is_read_whole(lobby):
    browser = requests.Session()
    token = csrf_from(browser.get(f"{lobby.url}/login", timeout=10).text)
    form = f"email=alice%40demo.kore&password={DEMO_PASSWORD}&play_mode=Real&csrf_token={token}".encode()

    def pieces():  # no Content-Length: requests sends it chunked, a few bytes at a time
        for start in range(0, len(form), 7):
            yield form[start:start + 7]

    answer = browser.post(f"{lobby.url}/login", data=pieces(), allow_redirects=False, timeout=10,
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 303 and "/login" not in answer.headers["Location"]
    assert browser.get(f"{lobby.url}/account", timeout=10, allow_redirects=False).status_code == 200


def test_an_oversized_body_is_refused_not_read_to_its_end(lobby):
    big = b"x=" + b"a" * (lobby.app.config["MAX_CONTENT_LENGTH"] * 4)

    def pieces():
        for start in range(0, len(big), 16384):
            yield big[start:start + 16384]

    with_length = requests.post(f"{lobby.url}/login", data=big, timeout=10,
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert with_length.status_code == 413
    chunked = requests.post(f"{lobby.url}/login", data=pieces(), timeout=10,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert chunked.status_code == 413
    assert "Traceback" not in chunked.text and "Traceback" not in with_length.text


def test_a_websocket_upgrade_is_refused_not_an_error(lobby, caplog):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    try:
        with connect(lobby.url.replace("http://", "ws://") + "/", open_timeout=5):
            raise AssertionError("the lobby accepted a WebSocket")
    except InvalidStatus as refused:
        assert refused.response.status_code == 403
    assert "Exception in ASGI application" not in caplog.text
    assert requests.get(f"{lobby.url}/healthz", timeout=5).status_code == 200
