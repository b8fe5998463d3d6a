"""One rule for the client's address: TRUSTED_PROXIES (none by default), never the ASGI
server's own reading of X-Forwarded-For (issue 25, item 1)."""

from __future__ import annotations

import re
import time

import requests

from lobby import create_app
from lobby.config import Config
from tests.web.conftest import csrf_from
from tests.web.core.test_make_run import make_run

FORGED = ["198.51.100.7", "300.1.1.1", "x" * 300, "203.0.113.9, 10.0.0.1", "unknown", "::1"]


def _attempt(n: int, token: str) -> dict:
    return {"email": f"nobody{n}@demo.kore", "password": "wrong-password", "play_mode": "Real", "csrf_token": token}


def test_forged_forwarded_for_under_make_run_changes_nothing(sandbox_server, tmp_path):
    """app.py (uvicorn) on loopback, no trusted proxy: sixteen sign-ins, each naming another
    address, meet the per-address limit, and the log shows the peer, not the forged values."""
    statuses = []
    with make_run(tmp_path, KORE_API_URL=sandbox_server.url, LOBBY_ENV="development") as base:
        browser = requests.Session()
        token = csrf_from(browser.get(f"{base}/login", timeout=10).text)
        for n in range(16):
            forged = FORGED[n % len(FORGED)] if n < len(FORGED) else f"198.51.100.{n}"
            statuses.append(browser.post(f"{base}/login", data=_attempt(n, token), timeout=10,
                                         headers={"X-Forwarded-For": forged, "X-Real-IP": forged}).status_code)
        time.sleep(0.5)
    assert statuses[:10] == [401] * 10 and set(statuses[10:]) == {429}, statuses
    text = (tmp_path / "run.log").read_text()
    # The lobby's own request lines (lobby.access): the client by the lobby's rule.
    requests_logged = re.findall(r'lobby\.access \[[0-9a-f]{32}\]: (\S+) "POST /login"', text)
    assert len(requests_logged) == 16 and set(requests_logged) == {"127.0.0.1"}, requests_logged
    assert "198.51.100" not in text and "300.1.1.1" not in text and "x" * 300 not in text


def test_with_one_trusted_proxy_the_right_most_untrusted_address_counts(sandbox, tmp_path):
    """Behind one proxy that appends the peer it saw: whatever the client put in front of it,
    the address the proxy appended is the one limited."""
    app = create_app(Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, trusted_proxies=1,
                            player_state_db=tmp_path / "f.sqlite3"))
    client = app.test_client()
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    token = csrf_from(client.get("/login", environ_base=proxy, headers={"X-Forwarded-For": "203.0.113.5"}).text)
    statuses = [
        client.post("/login", data=_attempt(n, token), environ_base=proxy,
                    headers={"X-Forwarded-For": f"198.51.100.{n}, 203.0.113.5"}).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429
    # Another client behind the same proxy is its own address.
    other = client.post("/login", data=_attempt(99, token), environ_base=proxy,
                        headers={"X-Forwarded-For": "203.0.113.5, 203.0.113.6"})
    assert other.status_code == 401

