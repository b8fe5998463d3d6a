"""Kore bound to the request (issue 20, item 1): views and helpers call ``kore().get_user()``,
``kore().claim_referral(…)`` with the operation's own arguments; the player's token, the
return URL and the client's address (TRUSTED_PROXIES decides) ride along, on the pool's
threads too, and the player's account is asked of Kore once a page."""

from __future__ import annotations

import ast
import re
import time
from pathlib import Path

import requests
from flask import g

from lobby import create_app
from lobby.config import Config
from lobby.core.session import Player, current_player
from lobby.core.upstream import kore, upstream
from tests.web.accounts.pages import submit
from tests.web.conftest import DEMO_PASSWORD, csrf_from

ROOT = Path(__file__).resolve().parents[3]
CONTEXT = {"return_url", "client_ip"}
#: Where the request's context is the business: the client (explicit arguments, no Flask),
#: the request-bound object, and the app's Kore (brand tokens and brand data).
BINDING = {"lobby/kore", "lobby/core/bound.py", "lobby/core/upstream.py"}
#: Calls that may still name them, each with why: (file, function) → reason.
ALLOWED = {
    ("lobby/checks.py", "probe"): "the start-up check's own client, before any request",
    ("lobby/live/views.py", "events"): "the stream's record of its page, for Kore calls made outside any request",
}


def _bound_here(relative: str) -> bool:
    return any(relative == place or relative.startswith(place + "/") for place in BINDING)


def context_arguments(root: Path = ROOT) -> dict[tuple[str, str], list[int]]:
    """(file, enclosing function) → lines of calls with a ``return_url=``/``client_ip=`` argument."""
    found: dict[tuple[str, str], list[int]] = {}
    for path in sorted((root / "lobby").rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if _bound_here(relative):
            continue

        def visit(node: ast.AST, function: str, relative: str = relative) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    visit(child, child.name)
                    continue
                if isinstance(child, ast.Call) and any(k.arg in CONTEXT for k in child.keywords):
                    found.setdefault((relative, function), []).append(child.lineno)
                visit(child, function)

        visit(ast.parse(path.read_text(), str(path)), "<module>")
    return found


def test_no_view_or_helper_threads_the_request_into_kore_calls():
    found = context_arguments()
    threaded = {f"{file}:{lines[0]} ({function})" for (file, function), lines in found.items()
                if (file, function) not in ALLOWED}
    assert not threaded, f"return_url=/client_ip= passed by hand (use kore()): {sorted(threaded)}"
    # An allowance outlives its reason: it goes with the call it allowed.
    assert set(ALLOWED) <= set(found), f"no longer needed: {sorted(set(ALLOWED) - set(found))}"


def test_the_scan_sees_a_call_that_threads_them(tmp_path):
    """The scan itself: a helper passing them by hand is found, the binding modules are not."""
    (tmp_path / "lobby" / "games").mkdir(parents=True)
    (tmp_path / "lobby" / "games" / "hand.py").write_text(
        "def helper(client, player):\n"
        "    return client.get_user(token=player.token, link=player.user_link, return_url=ret())\n")
    (tmp_path / "lobby" / "core").mkdir()
    (tmp_path / "lobby" / "core" / "bound.py").write_text("def f(c):\n    return c.chats(client_ip=None)\n")
    assert context_arguments(tmp_path) == {("lobby/games/hand.py", "helper"): [2]}


# -- what Kore hears ------------------------------------------------------------------


def _sent_for(sandbox, response) -> list[dict]:
    """The API requests the sandbox recorded for one lobby request (by its X-Request-Id)."""
    request_id = response.headers["X-Request-Id"]
    recorded = requests.get(f"{sandbox.url}/_sandbox/requests", timeout=5).json()["requests"]
    return [entry for entry in recorded if entry["request_id"] == request_id]


def _user_reads(sent: list[dict]) -> int:
    """GETs of the player's account itself (``users/{id}``, not its stats or day)."""
    return sum(1 for e in sent if e["method"] == "GET" and re.fullmatch(r"/v3/api/users/[^/]+", e["path"]))


def test_kore_hears_the_players_address_by_the_lobbys_rule(sandbox, tmp_path):
    """Behind one trusted proxy, the account page's calls for the player (balance, stats, email
    status, today's play: four, side by side on the pool's threads) carry the player's address."""
    app = create_app(Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, trusted_proxies=1,
                            player_state_db=tmp_path / "f.sqlite3"))
    client = app.test_client()
    proxied = {"environ_base": {"REMOTE_ADDR": "127.0.0.1"}, "headers": {"X-Forwarded-For": "203.0.113.77"}}
    page = client.get("/login", **proxied)
    signed_in = client.post("/login", data={"email": "alice@demo.kore", "password": DEMO_PASSWORD,
                                            "play_mode": "Real", "csrf_token": csrf_from(page.text)}, **proxied)
    assert signed_in.status_code == 303
    assert {e["forwarded_for"] for e in _sent_for(sandbox, signed_in)} == {"203.0.113.77"}
    account = client.get("/account", **proxied)
    assert account.status_code == 200 and "$1,300.00" in account.text
    players = [e for e in _sent_for(sandbox, account) if e["path"].startswith("/v3/api/users/")]
    assert len(players) == 4 and {e["forwarded_for"] for e in players} == {"203.0.113.77"}, players
    # Brand data goes without it, as it always has (the currencies, cached for everyone;
    # the competitions), the player's own balance with it.
    competitions = _sent_for(sandbox, client.get("/competitions/", **proxied))
    assert {e["forwarded_for"] for e in competitions if "/competitions" in e["path"]} == {None}
    assert {e["forwarded_for"] for e in competitions if "/competitions" not in e["path"]} == {"203.0.113.77"}


def test_a_page_with_its_reality_check_asks_for_the_account_once(app, client, login, sandbox):
    """The header's balance and the reality check's "Balance now" are one answer of Kore's."""
    offset = [0.0]
    app.extensions["lobby.clock"] = lambda: time.time() + offset[0]
    login()
    submit(client, "/care/reality-check/interval", {"interval": 10}, page="/account")
    offset[0] += 10 * 60
    for path in ("/account", "/", "/tournaments/"):
        page = client.get(path)
        assert 'data-testid="reality-check"' in page.text and "Balance now $1,300.00" in " ".join(
            re.sub(r"<[^>]+>", " ", page.text).split()), path
        assert _user_reads(_sent_for(sandbox, page)) == 1, path


def test_after_a_call_that_may_move_money_the_account_is_asked_again(client, login, sandbox):
    """A lost answer to joining a tournament: the page shows the balance as Kore says it now,
    not the one read before the POST in the same request."""
    login()
    rule = {"method": "POST", "path": "/v3/api/tournaments/101/registration", "kind": "reset", "times": 1}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201
    answer = submit(client, "/tournaments/101/join", {"type": "Cash"})
    assert answer.status_code == 503 and "may or may not have gone through" in answer.text
    assert _user_reads(_sent_for(sandbox, answer)) == 2


def test_the_pools_threads_share_the_requests_kore(app, sandbox):
    """Made once in the request's thread; the pool's threads (their own g) get that one,
    without resolving the session again; a change of player makes a new one."""
    with app.test_request_context("/", environ_base={"REMOTE_ADDR": "198.51.100.4"}):
        assert current_player() is None
        bound = kore()
        assert bound.player is None and bound.client_ip == "198.51.100.4"
        assert bound.return_url.endswith("/return")
        up = upstream()
        assert up.submit(kore).result() is bound
        assert up.gather(kore, kore, kore) == [bound] * 3
        assert kore() is bound
        # A sign-in (or a new token) within the request: the player's own Kore from then on.
        g.player = Player(token="t", expiration="2999-01-01T00:00:00+00:00", email="a@demo.kore",
                          play_mode="Real", locale=None, user_href=f"{sandbox.url}/v3/api/users/x")
        changed = kore()
        assert changed is not bound and changed.player is g.player and up.submit(kore).result() is changed
