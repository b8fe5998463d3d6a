"""The help chat: in the chat panel with htmx, Kore's chat page without scripts; the player's
own ``help_chat`` action, or for visitors the one ``GET users`` offers."""

from __future__ import annotations

import re

import requests

HX = {"HX-Request": "true"}


def test_a_visitor_opens_the_help_chat_of_get_users_in_the_panel(client, sandbox):
    page = client.get("/").text
    assert re.search(r'<a class="menu-help" href="/live/help-chat" hx-get="/live/help-chat"\s+hx-target="#chat-panel"',
                     page)
    panel = client.get("/live/help-chat", headers=HX)
    assert panel.status_code == 200
    assert 'data-testid="chat-panel"' in panel.text and ">Help chat</h2>" in panel.text
    frame = re.search(r'<iframe src="([^"]+)"', panel.text).group(1).replace("&amp;", "&")
    assert frame.startswith(f"{sandbox.url}/pages/help_chat?")
    assert requests.get(frame, timeout=5).status_code == 200


def test_without_scripts_the_link_leads_to_kores_chat_page(client, sandbox):
    answer = client.get("/live/help-chat")
    assert answer.status_code == 303
    assert answer.headers["Location"].startswith(f"{sandbox.url}/pages/help_chat?")


def test_a_player_gets_their_own_help_chat(client, login, sandbox):
    visitor = client.get("/live/help-chat").headers["Location"]
    login()
    mine = client.get("/live/help-chat").headers["Location"]
    assert mine.startswith(f"{sandbox.url}/pages/help_chat?") and mine != visitor
    account = client.get("/account").text
    assert re.search(r'<a href="/live/help-chat" hx-get="/live/help-chat" hx-target="#chat-panel"\s+data-chat-link>Help chat',
                     account)


def test_when_kore_offers_no_help_chat_the_page_says_so(client, sandbox):
    fault = {"path": "/v3/api/users", "method": "GET", "kind": "error", "status": 503}
    requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5).raise_for_status()
    assert "menu-help" not in client.get("/").text
    panel = client.get("/live/help-chat", headers=HX)
    assert "The help chat is not available right now." in panel.text and "<iframe" not in panel.text
    answer = client.get("/live/help-chat", follow_redirects=True)
    assert answer.request.path == "/"
    assert "The help chat is not available right now." in answer.text
