"""The live relay over real HTTP: pages of signed-in players stream Kore's notifications,
the token stays on the server, one hub connection per session (docs/live.md)."""

from __future__ import annotations

import re

import requests

from lobby.core.session import current_player
from lobby.extensions import cache
from tests.web.live.conftest import Stream, hub, play_link, sign_in, spin, wait_for


def token_of(lobby, browser) -> str:
    cookie = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
    with lobby.app.test_request_context(headers={"Cookie": cookie}):
        return current_player().token


def test_a_players_page_opens_the_stream_a_visitors_does_not(lobby):
    visitor = requests.get(f"{lobby.url}/", timeout=10).text
    assert "sse-connect" not in visitor and "htmx-ext-sse" not in visitor
    page = sign_in(lobby).get(f"{lobby.url}/", timeout=10).text
    assert 'sse-connect="/live/events"' in page and 'sse-close="ended"' in page
    assert re.search(r'<span class="amount" sse-swap="balance"[^>]*>\s*\$1,300\.00', page)


def test_served_without_the_stream_pages_do_not_ask_for_it(app, login, client):
    """Under plain WSGI (lobby.wsgi) the path does not exist and no page points at it."""
    login()
    assert "sse-connect" not in client.get("/").text
    assert client.get("/live/events").status_code == 404


def test_spins_reach_the_page_as_the_page_writes_money(lobby, sandbox):
    browser = sign_in(lobby)
    link = play_link(lobby, browser)
    stream = Stream(browser, f"{lobby.url}/live/events")
    wait_for(lambda: hub(sandbox)["players"].get("alice@demo.kore") == 1, what="the upstream")
    spin(link)
    balance = stream.next("balance")
    account = browser.get(f"{lobby.url}/account", timeout=10).text
    shown = re.search(r'data-testid="account-balance" sse-swap="balance">([^<]+)<', account).group(1).strip()
    assert balance == shown and balance != "$1,300.00"
    cash = stream.next("cash")
    assert re.search(rf'sse-swap="cash"[^>]*>{re.escape(cash)}<', account)
    stream.close()


def test_the_token_is_in_neither_the_page_nor_the_stream_nor_the_logs(lobby, sandbox, capfd, caplog):
    caplog.set_level("DEBUG")
    browser = sign_in(lobby)
    token = token_of(lobby, browser)
    page = browser.get(f"{lobby.url}/", timeout=10).text
    link = play_link(lobby, browser)
    stream = Stream(browser, f"{lobby.url}/live/events")
    wait_for(lambda: hub(sandbox)["connections"] == 1, what="the upstream")
    spin(link)
    stream.next("balance")
    requests.post(f"{sandbox.url}/_sandbox/chats", json={"email": "alice@demo.kore"}, timeout=5)
    stream.next("chat")
    stream.close()
    out, err = capfd.readouterr()
    lobby_logs = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("werkzeug"))
    for where, text in (("page", page), ("stream", "\n".join(stream.raw)), ("logs", lobby_logs)):
        assert token not in text, where
    # The sandbox's request log names the hub's address with the token taken out.
    assert token not in out + err


def test_one_upstream_per_session_however_many_pages_and_closed_when_they_leave(lobby, sandbox):
    alice = sign_in(lobby)
    bruno = sign_in(lobby, "bruno@demo.kore")
    pages = [Stream(alice, f"{lobby.url}/live/events") for _ in range(3)] + [Stream(bruno, f"{lobby.url}/live/events")]
    wait_for(lambda: hub(sandbox)["players"] == {"alice@demo.kore": 1, "bruno@demo.kore": 1}, what="two upstreams")
    # (An upstream of an earlier test may still be on its way out: only those with pages count.)
    assert len([u for u in lobby.asgi.relay.upstreams.values() if u.pages]) == 2
    # Every page of the session hears each event.
    requests.post(f"{sandbox.url}/_sandbox/chats", json={"email": "bruno@demo.kore"}, timeout=5)
    assert "chat-panel" in pages[3].next("chat")
    for page in pages[:3]:
        page.close()
    # The last page of alice's session left: her upstream goes (after LIVE_LINGER), bruno's stays.
    wait_for(lambda: hub(sandbox)["players"] == {"bruno@demo.kore": 1}, what="alice's upstream closed")
    pages[3].close()
    wait_for(lambda: hub(sandbox)["connections"] == 0, what="every upstream closed")
    wait_for(lambda: not lobby.asgi.relay.upstreams, what="the relay forgot them")


def test_the_upstream_comes_back_after_the_hub_restarts(lobby, sandbox):
    browser = sign_in(lobby)
    link = play_link(lobby, browser)
    stream = Stream(browser, f"{lobby.url}/live/events")
    wait_for(lambda: hub(sandbox)["connections"] == 1, what="the upstream")
    requests.post(f"{sandbox.url}/_sandbox/hub/restart", timeout=5).raise_for_status()
    [upstream] = [u for u in lobby.asgi.relay.upstreams.values() if u.pages]
    wait_for(lambda: upstream.connections == 2, timeout=5, what="a second connection")
    assert hub(sandbox)["connections"] == 1
    spin(link)
    assert stream.next("balance")
    stream.close()


def test_a_sign_in_elsewhere_ends_the_pages_and_the_session(lobby, sandbox):
    browser = sign_in(lobby)
    stream = Stream(browser, f"{lobby.url}/live/events", referer=f"{lobby.url}/tournaments/")
    wait_for(lambda: hub(sandbox)["connections"] == 1, what="the upstream")
    sign_in(lobby)  # the same player in another browser: single sign-on ends the first session
    notice = stream.next("ended")
    assert "signed in on another device" in notice
    assert 'href="/login?next=/tournaments/"' in notice
    assert stream.ended(), "the stream closes after the session's end"
    # The first browser's session is over on the lobby's side too, at its next request.
    page = browser.get(f"{lobby.url}/", timeout=10).text
    assert 'data-testid="balance"' not in page and "Sign in" in page


def test_a_sign_out_in_another_tab_says_so(lobby, sandbox):
    browser = sign_in(lobby)
    stream = Stream(browser, f"{lobby.url}/live/events")
    wait_for(lambda: hub(sandbox)["connections"] == 1, what="the upstream")
    page = browser.get(f"{lobby.url}/", timeout=10).text
    csrf = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    assert browser.post(f"{lobby.url}/logout", data={"csrf_token": csrf}, timeout=10).status_code == 200
    assert "You signed out in another window or tab." in stream.next("ended")


def test_a_session_that_ended_before_the_stream_opened_is_told_when_kore_confirms(lobby, sandbox):
    browser = sign_in(lobby)
    sign_in(lobby)  # single sign-on: Kore ended the first session...
    # ...which the lobby learns when its hub connection is refused and Kore confirms the
    # token is over: the page is asked to come back (its cookie might carry a newer token)...
    first = Stream(browser, f"{lobby.url}/live/events")
    assert first.ended(), "the stream ends for the browser to reconnect"
    assert not [line for line in first.raw if line.startswith("event:")]
    # ...and coming back with the same token, it is told, and the session is forgotten.
    again = Stream(browser, f"{lobby.url}/live/events")
    notice = again.next("ended")
    assert "Your session has ended." in notice and "Sign in again to go on playing." in notice
    assert again.ended()
    assert 'data-testid="balance"' not in browser.get(f"{lobby.url}/", timeout=10).text


def test_a_refusal_kore_does_not_confirm_signs_nobody_out(lobby, sandbox):
    """A hub that says no while Kore still knows the session (a hub shutting down, a 401 of
    its own): the relay tries again; the player stays signed in."""
    fault = {"path": "/v3/api/notifications", "kind": "error", "status": 401, "times": 1}
    requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5).raise_for_status()
    browser = sign_in(lobby)
    link = play_link(lobby, browser)
    stream = Stream(browser, f"{lobby.url}/live/events")
    wait_for(lambda: hub(sandbox)["connections"] == 1, timeout=8, what="the upstream after the refusal")
    assert requests.get(f"{sandbox.url}/_sandbox/faults", timeout=5).json() == []  # the 401 was met
    spin(link)
    assert stream.next("balance")
    assert 'data-testid="balance"' in browser.get(f"{lobby.url}/", timeout=10).text
    stream.close()


def test_a_switch_of_play_mode_moves_the_upstream_to_the_new_token(lobby, sandbox):
    browser = sign_in(lobby)
    old = Stream(browser, f"{lobby.url}/live/events")
    wait_for(lambda: hub(sandbox)["connections"] == 1, what="the upstream")
    page = browser.get(f"{lobby.url}/", timeout=10).text
    csrf = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    switched = browser.post(f"{lobby.url}/mode", data={"csrf_token": csrf, "play_mode": "Practice", "next": "/"},
                            allow_redirects=False, timeout=10)
    assert switched.status_code == 303
    link = play_link(lobby, browser)
    new = Stream(browser, f"{lobby.url}/live/events")
    [upstream] = [u for u in lobby.asgi.relay.upstreams.values() if u.pages]
    wait_for(lambda: upstream.connections == 2, what="a connection with the new token")
    spin(link)
    practice = new.next("balance")
    assert "credits" in practice  # the practice balance, in the new token's play mode
    assert 'data-testid="balance"' in browser.get(f"{lobby.url}/", timeout=10).text
    old.close()
    new.close()


def test_a_sign_out_kore_did_not_hear_reaches_the_other_pages(lobby, sandbox):
    fault = {"path": "/v3/api/auth/player_credentials", "method": "DELETE", "kind": "error", "status": 503}
    requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5).raise_for_status()
    browser = sign_in(lobby)
    stream = Stream(browser, f"{lobby.url}/live/events")
    wait_for(lambda: hub(sandbox)["connections"] == 1, what="the upstream")
    page = browser.get(f"{lobby.url}/", timeout=10).text
    csrf = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    browser.post(f"{lobby.url}/logout", data={"csrf_token": csrf}, timeout=10)
    # No UserLogout came (Kore never heard of it): the stream sees the lobby's own record at
    # its next keep-alive (1 s here).
    assert "You signed out in another window or tab." in stream.next("ended", timeout=4)
    assert stream.ended()


def test_an_operator_chat_opens_once_per_chat(lobby, sandbox):
    browser = sign_in(lobby)
    first = Stream(browser, f"{lobby.url}/live/events")
    wait_for(lambda: hub(sandbox)["connections"] == 1, what="the upstream")
    chat_id = requests.post(f"{sandbox.url}/_sandbox/chats", json={"email": "alice@demo.kore"},
                            timeout=5).json()["chat_id"]
    panel = first.next("chat")
    assert "A message from the casino" in panel and "ChatID=" in panel
    assert re.search(r'<iframe src="http://127\.0\.0\.1:\d+/pages/help_chat\?ChatID=', panel)
    # Another page of the session, and the poll (past the lobby's own 10 s spacing and
    # Kore's), do not open it again although Kore still lists it.
    second = Stream(browser, f"{lobby.url}/live/events")
    with lobby.app.app_context():
        cache.delete_many(*[key for key in cache.cache._cache if "chats-asked" in key])  # noqa: SLF001
    requests.post(f"{sandbox.url}/_sandbox/clock", json={"advance": 11}, timeout=5)
    answer = browser.get(f"{lobby.url}/live/chats", headers={"HX-Request": "true"}, timeout=10)
    assert answer.status_code == 204
    # A new chat opens (on one page of the session: the first to show it claims it).
    first.close()
    requests.post(f"{sandbox.url}/_sandbox/chats", json={"email": "alice@demo.kore"}, timeout=5)
    assert chat_id not in second.next("chat").replace("%2B", "+").replace("%2F", "/")  # the next chat, not this one
    second.close()


def test_chidis_waiting_chat_opens_on_his_first_live_page(lobby, sandbox):
    stream = Stream(sign_in(lobby, "chidi@demo.kore"), f"{lobby.url}/live/events")
    assert "A message from the casino" in stream.next("chat")
    stream.close()


def test_an_idle_stream_is_kept_alive_and_unbuffered(lobby, sandbox):
    browser = sign_in(lobby)
    stream = Stream(browser, f"{lobby.url}/live/events")
    assert stream.response.headers["Content-Type"].startswith("text/event-stream")
    assert stream.response.headers["X-Accel-Buffering"] == "no"
    assert stream.response.headers["Cache-Control"] == "no-store"
    # LIVE_KEEPALIVE is 1 s here: comments keep proxies from closing the quiet stream.
    wait_for(lambda: stream.raw.count(": keep-alive") >= 2, timeout=4, what="two keep-alives")
    assert stream.raw[0] == "retry: 3000"
    stream.close()


def test_a_hub_that_cannot_be_reached_breaks_nothing(lobby, sandbox):
    fault = {"path": "/v3/api/notifications", "kind": "error", "status": 503, "times": 2}
    requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5).raise_for_status()
    browser = sign_in(lobby)
    link = play_link(lobby, browser)
    stream = Stream(browser, f"{lobby.url}/live/events")
    # The page and the stream stay up while the relay tries again (backoff), then connects.
    assert 'data-testid="balance"' in browser.get(f"{lobby.url}/", timeout=10).text
    wait_for(lambda: hub(sandbox)["connections"] == 1, timeout=8, what="the upstream after two refusals")
    assert requests.get(f"{sandbox.url}/_sandbox/faults", timeout=5).json() == []  # both refusals were used
    [upstream] = [u for u in lobby.asgi.relay.upstreams.values() if u.pages]
    assert upstream.connections == 1 and not upstream.ended
    spin(link)
    assert stream.next("balance")
    stream.close()
