"""Chats without the stream: pages poll ``GET /live/chats`` (Kore's ``GET chats``, at most
once per 10 s per session), and the chat panel's rules."""

from __future__ import annotations

import requests

from tests.web.conftest import csrf_from

HX = {"HX-Request": "true"}


def test_a_waiting_operator_chat_is_found_by_polling_once(client, login, sandbox):
    login("chidi@demo.kore")
    answer = client.get("/live/chats", headers=HX)
    assert answer.status_code == 200
    assert 'data-testid="chat-panel"' in answer.text and "A message from the casino" in answer.text
    assert "/pages/help_chat?ChatID=" in answer.text
    # Opened once: the next poll (even after Kore's 10 s) has nothing new.
    requests.post(f"{sandbox.url}/_sandbox/clock", json={"advance": 11}, timeout=5)
    assert client.get("/live/chats", headers=HX).status_code == 204


def test_polls_share_kores_rate_limit(client, login, sandbox):
    login("alice@demo.kore")  # a chat she opened herself: never opened for her
    assert client.get("/live/chats", headers=HX).status_code == 204
    requests.post(f"{sandbox.url}/_sandbox/chats", json={"email": "alice@demo.kore"}, timeout=5)
    # Within 10 s of the last call the lobby does not ask Kore again (it would refuse).
    assert client.get("/live/chats", headers=HX).status_code == 204
    with client.application.app_context():
        from lobby.extensions import cache
        # What the lobby remembers of its polls goes (the session's own record stays).
        for key in [key for key in cache.cache._cache if "live-session:" not in key]:
            cache.cache._cache.pop(key)
    requests.post(f"{sandbox.url}/_sandbox/clock", json={"advance": 11}, timeout=5)  # Kore's limit too
    assert "A message from the casino" in client.get("/live/chats", headers=HX).text


def test_only_pages_of_a_signed_in_player_poll(client, login):
    assert client.get("/live/chats", headers=HX).status_code == 204
    login()
    assert client.get("/live/chats").status_code == 204  # not htmx: not a poll


def test_every_signed_in_page_carries_the_poll_and_the_panel(client, login):
    visitor = client.get("/").text
    assert 'id="chat-panel"' in visitor and 'id="chat-poll"' not in visitor
    login()
    page = client.get("/").text
    assert 'id="chat-poll"' in page and 'hx-get="/live/chats"' in page and "js/live.js" in page
    csrf_from(page)
