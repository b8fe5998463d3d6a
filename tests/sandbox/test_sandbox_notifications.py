"""The SignalR hub (GET ~/v3/api/notifications): the JSON hub protocol over a plain
WebSocket client, and the messages the sandbox pushes."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import requests
from sandbox_helpers import Kore, Player
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from kore_sandbox.server import SandboxConfig, SandboxServer

RS = "\x1e"
ANOTHER_ADDRESS = {"X-Forwarded-For": "203.0.113.7"}
HANDSHAKE = json.dumps({"protocol": "json", "version": 1}) + RS


def hub_url(server_url: str, token: str) -> str:
    return server_url.replace("http://", "ws://", 1) + f"/v3/api/notifications?access_token={token}"


def frames(ws: ClientConnection, timeout: float = 5) -> list[dict[str, Any]]:
    text = ws.recv(timeout=timeout)
    assert isinstance(text, str) and text.endswith(RS), text
    return [json.loads(part) for part in text.split(RS) if part]


def next_message(ws: ClientConnection, timeout: float = 5) -> dict[str, Any]:
    """The next message other than a ping."""
    deadline = time.monotonic() + timeout
    while True:
        for message in frames(ws, max(deadline - time.monotonic(), 0.01)):
            if message.get("type") != 6:
                return message


def invocation(ws: ClientConnection, target: str) -> Any:
    message = next_message(ws)
    assert message["type"] == 1 and message["target"] == target, message
    assert "invocationId" not in message
    assert len(message["arguments"]) == 1
    return message["arguments"][0]


def assert_closed(ws: ClientConnection) -> None:
    """A close message (type 7), then the socket closes."""
    assert next_message(ws)["type"] == 7
    with pytest.raises(ConnectionClosed):
        ws.recv(timeout=5)


@contextmanager
def hub(server_url: str, token: str) -> Iterator[ClientConnection]:
    """A hub connection past the handshake."""
    with connect(hub_url(server_url, token), open_timeout=5, close_timeout=5) as ws:
        ws.send(HANDSHAKE)
        assert frames(ws) == [{}]
        yield ws


def refused(server_url: str, token: str) -> str:
    """The hub's refusal before the WebSocket, as ASP.NET Core's authorization answers:
    401 (403 for a token that is not a player's) with WWW-Authenticate; the code of Kore's
    error object."""
    with pytest.raises(InvalidStatus) as refusal:
        connect(hub_url(server_url, token), open_timeout=5, close_timeout=5)
    response = refusal.value.response
    body = json.loads(response.body)
    if response.status_code == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    else:
        assert response.status_code == 403 and body["error"] == "access_denied"
    return f"{body['error']}: {body['error_description']}"


def refused_handshake(server_url: str, token: str, handshake: str = HANDSHAKE) -> str:
    """The handshake error, after which the hub closes the socket."""
    with connect(hub_url(server_url, token), open_timeout=5, close_timeout=5) as ws:
        ws.send(handshake)
        [answer] = frames(ws)
        assert set(answer) == {"error"}
        with pytest.raises(ConnectionClosed):
            ws.recv(timeout=5)
        return answer["error"]


def play_link(kore: Kore, token: str) -> str:
    return kore.get("games/Html/AladdinsLootVideoSlot", token=token).json()["_actions"]["play"]["href"]


# -- handshake ----------------------------------------------------------------------------


def test_handshake(sandbox: SandboxServer, alice: Player) -> None:
    with hub(sandbox.url, alice.token):
        pass


def test_unknown_token_is_refused(sandbox: SandboxServer) -> None:
    assert refused(sandbox.url, "made-up").startswith("invalid_credentials")
    assert refused(sandbox.url, "").startswith("missing_credentials")


def test_brand_token_is_refused(sandbox: SandboxServer, brand_token: str) -> None:
    assert refused(sandbox.url, brand_token).startswith("access_denied")


def test_expired_token_is_refused(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    kore.advance(24 * 3600)
    assert refused(sandbox.url, alice.token).startswith("expired_token")


def test_ended_session_is_refused(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    kore.delete("auth/player_credentials", token=alice.token)
    assert refused(sandbox.url, alice.token).startswith("expired_player_session")


def test_other_protocols_are_refused(sandbox: SandboxServer, alice: Player) -> None:
    pack = json.dumps({"protocol": "messagepack", "version": 1}) + RS
    assert "messagepack" in refused_handshake(sandbox.url, alice.token, pack)
    version_2 = json.dumps({"protocol": "json", "version": 2}) + RS
    assert "version 2" in refused_handshake(sandbox.url, alice.token, version_2)


def test_json_protocol_versions_0_and_1(sandbox: SandboxServer, alice: Player) -> None:
    """ASP.NET Core's JSON hub protocol accepts every version up to its own (1)."""
    for version in (0, 1):
        with connect(hub_url(sandbox.url, alice.token), open_timeout=5, close_timeout=5) as ws:
            ws.send(json.dumps({"protocol": "json", "version": version}) + RS)
            assert frames(ws) == [{}]


def test_not_a_websocket(sandbox: SandboxServer, alice: Player) -> None:
    response = requests.get(f"{sandbox.url}/v3/api/notifications", params={"access_token": alice.token}, timeout=5)
    assert response.status_code == 400


def test_client_invocations_get_an_error_completion(sandbox: SandboxServer, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        ws.send(json.dumps({"type": 1, "invocationId": "1", "target": "Echo", "arguments": []}) + RS)
        answer = next_message(ws)
        assert answer["type"] == 3 and answer["invocationId"] == "1" and "Echo" in answer["error"]
        ws.send(json.dumps({"type": 7}) + RS)
        with pytest.raises(ConnectionClosed):
            ws.recv(timeout=5)


# -- BalanceUpdate ------------------------------------------------------------------------


def test_balance_update_after_a_spin(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        assert requests.post(play_link(kore, alice.token), timeout=5).status_code == 200
        update = invocation(ws, "BalanceUpdate")
    user = kore.get(alice.user_url, token=alice.token).json()
    assert update == {
        "balance": user["balance"], "cash_balance": user["cash_balance"], "bonus_balance": user["bonus_balance"],
    }
    assert update["balance"]["currency"] == "USD" and update["balance"]["exponent"] == 2


def test_balance_update_in_practice(sandbox: SandboxServer, kore: Kore) -> None:
    practice = kore.login("bruno@demo.kore", "Practice")
    with hub(sandbox.url, practice.token) as ws:
        requests.post(play_link(kore, practice.token), timeout=5)
        update = invocation(ws, "BalanceUpdate")
    assert update == {"balance": kore.get(practice.user_url, token=practice.token).json()["balance"]}
    assert update["balance"]["currency"] == "XXX"


def test_balance_update_after_a_bonus_claim(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        response = kore.post("bonuses/claim", token=alice.token, json={"bonus_code": "WELCOME10"})
        assert response.status_code == 200, response.text
        update = invocation(ws, "BalanceUpdate")
    # 1,250.00 cash + 50.00 bonus, then +10.00 bonus
    assert update["balance"] == {"currency": "USD", "amount": 131_000, "exponent": 2}
    assert update["cash_balance"]["amount"] == 125_000
    assert update["bonus_balance"]["amount"] == 6_000


def test_bonus_balance_null_without_bonus(sandbox: SandboxServer, kore: Kore) -> None:
    bruno = kore.login("bruno@demo.kore", "Real")
    with hub(sandbox.url, bruno.token) as ws:
        requests.post(play_link(kore, bruno.token), timeout=5)
        assert invocation(ws, "BalanceUpdate")["bonus_balance"] is None


def test_balance_update_after_a_tournament_registration(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        response = kore.post("tournaments/101/registration", token=alice.token, json={"type": "Cash"})
        assert response.status_code == 200, response.text
        update = invocation(ws, "BalanceUpdate")
    assert update["cash_balance"]["amount"] == 125_000 - 600  # 1.00 + 5.00


def test_balance_update_after_a_tournament_refund(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    kore.post("tournaments/101/registration", token=alice.token, json={"type": "Cash"})
    with hub(sandbox.url, alice.token) as ws:
        response = kore.delete("tournaments/101/registration", token=alice.token, json={})
        assert response.status_code == 200, response.text
        assert invocation(ws, "BalanceUpdate")["cash_balance"]["amount"] == 125_000


def cashier_link(kore: Kore, player: Player, action: str) -> str:
    return kore.get(player.user_url, token=player.token).json()["_actions"][action]["href"]


def test_balance_update_after_cashier_actions(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        page = requests.post(cashier_link(kore, alice, "cashier_deposit"), timeout=5)
        assert page.status_code == 200 and "Deposited 10.00." in page.text
        assert invocation(ws, "BalanceUpdate")["cash_balance"]["amount"] == 126_000
        page = requests.post(cashier_link(kore, alice, "cashier_withdrawal"), timeout=5)
        assert "Withdrew 10.00." in page.text
        assert invocation(ws, "BalanceUpdate")["cash_balance"]["amount"] == 125_000
    assert kore.get(alice.user_url, token=alice.token).json()["cash_balance"]["amount"] == 125_000


def test_cashier_pages(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    link = cashier_link(kore, alice, "cashier_deposit")
    assert "<form method=\"post\">" in requests.get(link, timeout=5).text
    lars = kore.login("lars@demo.kore", "Real")
    assert "Not enough cash" in requests.post(cashier_link(kore, lars, "cashier_withdrawal"), timeout=5).text
    assert requests.post(cashier_link(kore, alice, "cashier_statement"), timeout=5).status_code == 404
    kore.delete("auth/player_credentials", token=alice.token)
    assert "expired" in requests.post(link, timeout=5).text


def test_no_message_for_a_refused_claim(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        assert kore.post("bonuses/claim", token=alice.token, json={"bonus_code": "OLDCODE"}).status_code != 200
        # bonuses/claim: 1 request a second per client address
        kore.post("bonuses/claim", token=alice.token, json={"bonus_code": "STEPONE"}, headers=ANOTHER_ADDRESS)
        assert invocation(ws, "BalanceUpdate")["bonus_balance"]["amount"] == 5_100


def test_two_connections_both_get_events(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as first, hub(sandbox.url, alice.token) as second:
        kore.post("bonuses/claim", token=alice.token, json={"bonus_code": "WELCOME10"})
        assert invocation(first, "BalanceUpdate") == invocation(second, "BalanceUpdate")


def test_other_players_get_nothing(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    bruno = kore.login("bruno@demo.kore", "Real")
    with hub(sandbox.url, bruno.token) as ws:
        kore.post("bonuses/claim", token=alice.token, json={"bonus_code": "WELCOME10"})
        kore.post("bonuses/claim", token=bruno.token, json={"bonus_code": "WELCOME10"}, headers=ANOTHER_ADDRESS)
        assert invocation(ws, "BalanceUpdate")["balance"]["currency"] == "EUR"


# -- UserLogout ---------------------------------------------------------------------------


def test_user_logout_on_logout(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        assert kore.delete("auth/player_credentials", token=alice.token).status_code == 200
        assert invocation(ws, "UserLogout") == {}
        assert_closed(ws)


def test_user_logout_on_single_sign_on(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        again = kore.login("alice@demo.kore", "Real")
        assert invocation(ws, "UserLogout") == {}
        assert_closed(ws)
    with hub(sandbox.url, again.token):
        pass


def test_user_logout_on_idle_expiry(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        kore.advance(1201)
        assert invocation(ws, "UserLogout") == {}
        assert_closed(ws)


# -- OperatorInitiatedChat ------------------------------------------------------------------


def test_operator_initiated_chat(sandbox: SandboxServer, kore: Kore) -> None:
    bruno = kore.login("bruno@demo.kore", "Real")
    assert kore.get("chats", token=bruno.token).json() == {"chats": []}
    with hub(sandbox.url, bruno.token) as ws:
        started = kore.control("POST", "chats", {"email": "bruno@demo.kore"})
        assert started.status_code == 201, started.text
        chat = invocation(ws, "OperatorInitiatedChat")
    assert set(chat) == {"chat_url", "secure_chat_id"}
    assert chat["secure_chat_id"] == started.json()["chat_id"]
    assert len(chat["secure_chat_id"]) == 48
    assert chat["chat_url"].startswith(f"{sandbox.url}/pages/help_chat?")
    kore.advance(10)  # GET chats: 1 request per 10 s
    [listed] = kore.get("chats", token=bruno.token).json()["chats"]
    assert listed["chat_id"] == chat["secure_chat_id"]
    assert listed["is_operator_initiated"] is True
    assert requests.get(chat["chat_url"], timeout=5).status_code == 200


def test_a_new_operator_chat_replaces_the_active_one(sandbox: SandboxServer, kore: Kore) -> None:
    alice = kore.login("alice@demo.kore", "Real")
    [seeded] = kore.get("chats", token=alice.token).json()["chats"]
    assert seeded["is_operator_initiated"] is False
    chat_id = kore.control("POST", "chats", {"email": "alice@demo.kore"}).json()["chat_id"]
    assert chat_id != seeded["chat_id"]
    kore.advance(10)  # GET chats: 1 request per 10 s
    [active] = kore.get("chats", token=alice.token).json()["chats"]
    assert active["chat_id"] == chat_id and active["is_operator_initiated"] is True


def test_chat_control_errors(sandbox: SandboxServer, kore: Kore) -> None:
    assert kore.control("POST", "chats", {}).status_code == 400
    assert kore.control("POST", "chats", {"email": "nobody@demo.kore"}).status_code == 404


# -- pings, reset, logging ----------------------------------------------------------------


@pytest.fixture
def quick_pings() -> Iterator[SandboxServer]:
    server = SandboxServer(config=SandboxConfig(hub_ping_interval=0.3)).start()
    try:
        yield server
    finally:
        server.stop()


def test_pings_at_the_configured_interval(quick_pings: SandboxServer) -> None:
    alice = Kore(quick_pings.url).login("alice@demo.kore", "Real")
    with hub(quick_pings.url, alice.token) as ws:
        started = time.monotonic()
        for _ in range(3):
            assert frames(ws, timeout=2) == [{"type": 6}]
        elapsed = time.monotonic() - started
    assert 0.6 <= elapsed < 2.0


def test_default_ping_interval_is_15_seconds() -> None:
    assert SandboxConfig().hub_ping_interval == 15.0
    assert SandboxConfig.from_env({"SANDBOX_HUB_PING_INTERVAL": "0.5"}).hub_ping_interval == 0.5


def test_reset_closes_connections(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        kore.control("POST", "reset")
        close = next_message(ws)
        assert close["type"] == 7 and "reset" in close["error"]
        with pytest.raises(ConnectionClosed):
            ws.recv(timeout=5)


def test_the_access_token_is_not_logged(
    sandbox: SandboxServer, alice: Player, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="werkzeug"):
        with hub(sandbox.url, alice.token):
            pass
        refused(sandbox.url, "made-up-secret")
        deadline = time.monotonic() + 5
        while caplog.text.count("/v3/api/notifications") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "access_token=[redacted]" in caplog.text
    assert alice.token not in caplog.text and "made-up-secret" not in caplog.text


def test_listed_among_the_endpoints(sandbox: SandboxServer, kore: Kore) -> None:
    listed = kore.control("GET", "endpoints").json()
    assert {"method": "GET", "path": "/v3/api/notifications", "grant_types": ["player_credentials"]} in listed


def test_stop_closes_connections() -> None:
    server = SandboxServer(config=SandboxConfig()).start()
    try:
        alice = Kore(server.url).login("alice@demo.kore", "Real")
        with hub(server.url, alice.token) as ws:
            server.stop()
            close = next_message(ws)
            assert close["type"] == 7 and "stopped" in close["error"]
            with pytest.raises(ConnectionClosed):
                ws.recv(timeout=5)
    finally:
        server.stop()


# -- as ASP.NET Core serves an authorised hub: header tokens, negotiate, restart -------------


def negotiate(server_url: str, token: str | None, version: int | None = 1) -> requests.Response:
    params = {} if version is None else {"negotiateVersion": version}
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.post(f"{server_url}/v3/api/notifications/negotiate", params=params, headers=headers, timeout=5)


def test_token_in_the_authorization_header(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    """What Node's and Python's clients send: the header, no access_token."""
    url = sandbox.url.replace("http://", "ws://", 1) + "/v3/api/notifications"
    with connect(url, additional_headers={"Authorization": f"Bearer {alice.token}"}, open_timeout=5) as ws:
        ws.send(HANDSHAKE)
        assert frames(ws) == [{}]
        assert requests.post(play_link(kore, alice.token), timeout=5).status_code == 200
        assert invocation(ws, "BalanceUpdate")["balance"]["currency"] == "USD"
    with pytest.raises(InvalidStatus) as refusal:
        connect(url, additional_headers={"Authorization": "Bearer made-up"}, open_timeout=5)
    assert refusal.value.response.status_code == 401
    assert 'error="invalid_token"' in refusal.value.response.headers["WWW-Authenticate"]


def test_negotiate_versions(sandbox: SandboxServer, alice: Player) -> None:
    one = negotiate(sandbox.url, alice.token, 1)
    assert one.status_code == 200, one.text
    body = one.json()
    assert body["negotiateVersion"] == 1 and body["connectionId"] and body["connectionToken"]
    assert body["connectionId"] != body["connectionToken"]
    assert body["availableTransports"] == [{"transport": "WebSockets", "transferFormats": ["Text", "Binary"]}]
    zero = negotiate(sandbox.url, alice.token, None).json()
    assert zero["negotiateVersion"] == 0 and zero["connectionId"] and "connectionToken" not in zero
    # Version 1: the WebSocket presents the connectionToken; version 0: the connectionId.
    for key in (body["connectionToken"], zero["connectionId"]):
        with connect(hub_url(sandbox.url, alice.token) + f"&id={key}", open_timeout=5) as ws:
            ws.send(HANDSHAKE)
            assert frames(ws) == [{}]
    # Each id once; an id of version 1's connectionId is no connection.
    for key in (body["connectionToken"], body["connectionId"]):
        with pytest.raises(InvalidStatus) as refusal:
            connect(hub_url(sandbox.url, alice.token) + f"&id={key}", open_timeout=5)
        assert refusal.value.response.status_code == 404


def test_a_negotiated_id_is_the_negotiating_players(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    key = negotiate(sandbox.url, alice.token).json()["connectionToken"]
    bruno = kore.login("bruno@demo.kore", "Real")
    with pytest.raises(InvalidStatus) as refusal:
        connect(hub_url(sandbox.url, bruno.token) + f"&id={key}", open_timeout=5)
    assert refusal.value.response.status_code == 403


def test_negotiate_refuses_missing_invalid_and_ended_tokens(sandbox: SandboxServer, kore: Kore, alice: Player,
                                                             brand_token: str) -> None:
    missing = negotiate(sandbox.url, None)
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"] == "Bearer"
    assert missing.json()["error"] == "missing_credentials"
    assert negotiate(sandbox.url, "made-up").status_code == 401
    assert negotiate(sandbox.url, brand_token).status_code == 403
    kore.delete("auth/player_credentials", token=alice.token)
    ended = negotiate(sandbox.url, alice.token)
    assert ended.status_code == 401 and ended.json()["error"] == "expired_player_session"


def test_restart_allows_reconnecting(sandbox: SandboxServer, kore: Kore, alice: Player) -> None:
    with hub(sandbox.url, alice.token) as ws:
        assert kore.control("POST", "hub/restart").status_code == 200
        close = next_message(ws)
        assert close == {"type": 7, "error": "Connection closed with an error: hub restarting.",
                         "allowReconnect": True}
    with hub(sandbox.url, alice.token):
        pass


def test_chat_url_is_the_sandboxs_address_whatever_the_host_header(sandbox: SandboxServer, kore: Kore) -> None:
    """signalrcore sends ``Host: 127.0.0.1`` without the port: the chat link must not follow it."""
    bruno = kore.login("bruno@demo.kore", "Real")
    with connect(hub_url(sandbox.url, bruno.token), additional_headers={"Host": "127.0.0.1"}, open_timeout=5) as ws:
        ws.send(HANDSHAKE)
        assert frames(ws) == [{}]
        kore.control("POST", "chats", {"email": "bruno@demo.kore"})
        chat = invocation(ws, "OperatorInitiatedChat")
    assert chat["chat_url"].startswith(f"{sandbox.url}/pages/help_chat?")
    assert requests.get(chat["chat_url"], timeout=5).status_code == 200


def test_public_url_setting() -> None:
    assert SandboxConfig.from_env({"SANDBOX_PUBLIC_URL": "https://kore.test/"}).public_url == "https://kore.test"
    server = SandboxServer(config=SandboxConfig(public_url="https://kore.test")).start()
    try:
        alice = Kore(server.url).login("alice@demo.kore", "Real")
        assert play_link(Kore(server.url), alice.token).startswith("https://kore.test/play/")
    finally:
        server.stop()
