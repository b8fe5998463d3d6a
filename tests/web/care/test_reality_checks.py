"""Reality checks (UKGC RTS 13) on a live sandbox: the interval on the account page, the
dialog on every page when due (server-rendered), the fragment the page's timer asks for,
Continue, See my history, Sign out, and clocks shared by every process."""

from __future__ import annotations

import re
import time

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from lobby.extensions import cache
from tests.web.accounts.pages import control, submit, text_of
from tests.web.conftest import csrf_from

HX = {"HX-Request": "true"}
MINUTE = 60


@pytest.fixture
def clock(app):
    """The lobby's clock: real time plus what the test adds (the sandbox's days stay today's)."""
    offset = [0.0]
    app.extensions["lobby.clock"] = lambda: time.time() + offset[0]

    def advance(seconds: float) -> None:
        offset[0] += seconds

    return advance


def choose(client, minutes) -> object:
    return submit(client, "/care/reality-check/interval", {"interval": minutes}, page="/account")


def dialog_of(html: str) -> str | None:
    found = re.search(r"<dialog[^>]*data-testid=\"reality-check\".*?</dialog>", html, re.S)
    return found.group(0) if found else None


def dialog_text(client) -> str:
    dialog = dialog_of(client.get("/").text)
    assert dialog is not None, "no reality check on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", dialog).split())


def play_rounds(client, slug: str, rounds: int) -> None:
    """Spin the demo game in the lobby's frame, as the player would."""
    frame = re.search(r'<iframe[^>]*src="([^"]+)"', client.get(f"/play/{slug}").text).group(1)
    for _ in range(rounds):
        assert requests.post(frame.replace("&amp;", "&"), timeout=5).status_code == 200


def test_off_by_default_and_no_slot_for_visitors(client, login, clock):
    assert 'id="reality-check"' not in client.get("/").text
    login()
    clock(3 * 60 * MINUTE)
    page = client.get("/")
    assert 'id="reality-check"' not in page.text and "reality-check.js" not in page.text


def test_the_account_page_sets_the_interval(client, login, clock):
    login()
    page = client.get("/account")
    assert 'id="reality-check-settings"' in page.text and '<option selected value="0">Off</option>' in page.text
    done = choose(client, 30)
    assert done.status_code == 303 and done.headers["Location"].endswith("/account#reality-check-settings")
    page = client.get("/account")
    assert "after every 30 minutes of play" in text_of(page)
    assert '<option selected value="30">Every 30 minutes</option>' in page.text
    # The page's timer is armed for the whole interval.
    assert re.search(r'data-due-in="(\d+)"', page.text).group(1) in {"1800", "1799"}


@pytest.mark.parametrize("bad", ["7", "-10", "abc", "", "10.5", "9" * 40, "0x10"])
def test_a_bad_interval_is_refused_in_words(client, login, bad):
    login()
    response = choose(client, bad)
    assert response.status_code == 303
    assert "Choose how often to be reminded." in text_of(client.get("/account"))


def test_setting_the_interval_needs_the_csrf_token(client, login):
    login()
    assert client.post("/care/reality-check/interval", data={"interval": "10"}).status_code == 400


def test_the_dialog_comes_on_every_page_when_due(client, login, clock):
    login()
    choose(client, 10)
    clock(9 * MINUTE)
    assert dialog_of(client.get("/").text) is None
    clock(MINUTE + 1)
    for path in ("/", "/tournaments/", "/account", "/play/midnight-racer-video-slot"):
        dialog = dialog_of(client.get(path).text)
        assert dialog is not None, path
        assert "You have been playing for 10 minutes." in " ".join(re.sub(r"<[^>]+>", " ", dialog).split())
        assert 'action="/care/reality-check/continue"' in dialog and 'action="/logout"' in dialog
        assert 'href="/care/history"' in dialog and "csrf_token" in dialog
    game = client.get("/play/midnight-racer-video-slot").text
    assert dialog_of(game) and "<iframe" in game  # over the game, which stays on the page


def test_the_dialog_shows_the_sessions_net_position(client, login, clock, sandbox):
    login()
    choose(client, 10)
    before = text_of(client.get("/account"))
    assert "$1,300.00" in before
    play_rounds(client, "midnight-racer-video-slot", 5)
    clock(10 * MINUTE)
    dialog = dialog_text(client)
    assert "Balance when you signed in $1,300.00" in dialog
    now = re.search(r"Balance now \$([\d,]+\.\d\d)", dialog).group(1)
    change = float(now.replace(",", "")) - 1300
    if change > 0:
        assert f"This session ${change:,.2f} up" in dialog
    elif change < 0:
        assert f"This session ${-change:,.2f} down" in dialog
    else:
        assert "Even" in dialog


def test_deposits_are_not_counted_as_winnings(client, login, clock, sandbox):
    login()
    choose(client, 10)
    control(sandbox, "player_day", {"email": "alice@demo.kore", "deposit": 5000})  # a 50.00 deposit
    clock(10 * MINUTE)
    dialog = dialog_text(client)
    assert "Balance now $1,350.00" in dialog
    assert "Deposits since then 1 deposit · $50.00" in dialog
    assert "This session Even: no wins or losses" in dialog


def test_the_balance_at_sign_in_is_recorded_at_sign_in(client, login, clock, sandbox):
    login()
    choose(client, 10)
    control(sandbox, "player_day", {"email": "alice@demo.kore", "bet": 100})
    play_rounds(client, "midnight-racer-video-slot", 3)
    clock(10 * MINUTE)
    assert "Balance when you signed in $1,300.00" in dialog_text(client)


def test_continue_restarts_the_interval(client, login, clock):
    login()
    choose(client, 10)
    clock(11 * MINUTE)
    page = client.get("/tournaments/")
    form = re.search(r'action="/care/reality-check/continue".*?</form>', page.text, re.S).group(0)
    assert 'name="next" value="/tournaments/"' in form
    done = client.post("/care/reality-check/continue", data={"csrf_token": csrf_from(page.text),
                                                             "next": "/tournaments"})
    assert done.status_code == 303 and done.headers["Location"] == "/tournaments"
    assert dialog_of(client.get("/").text) is None
    clock(10 * MINUTE)
    assert "You have been playing for 21 minutes." in client.get("/").text


def test_continue_without_leaving_the_page(client, login, clock):
    """What the page's script sends: the answer is the slot, armed for another interval."""
    login()
    choose(client, 10)
    clock(10 * MINUTE)
    page = client.get("/")
    slot = client.post("/care/reality-check/continue", data={"csrf_token": csrf_from(page.text)}, headers=HX)
    assert slot.status_code == 200 and "<dialog" not in slot.text
    assert re.search(r'id="reality-check"[^>]*data-due-in="(\d+)"', slot.text).group(1) in {"600", "599"}
    assert slot.headers["Cache-Control"] == "no-store"


def test_continue_goes_back_only_to_our_own_pages(client, login, clock):
    login()
    choose(client, 10)
    token = csrf_from(client.get("/").text)
    for bad in ("https://evil.example/", "//evil.example", "/\\evil", "javascript:alert(1)"):
        response = client.post("/care/reality-check/continue", data={"csrf_token": token, "next": bad})
        assert response.headers["Location"] == "/", bad
    assert client.post("/care/reality-check/continue", data={"next": "/"}).status_code == 400  # no CSRF


def test_the_timer_gets_the_dialog_when_due(client, login, clock):
    login()
    choose(client, 10)
    early = client.get("/care/reality-check", headers={**HX, "HX-Current-URL": "http://localhost/tournaments"})
    assert early.status_code == 200 and "<dialog" not in early.text and 'data-due-in="' in early.text
    clock(10 * MINUTE)
    due = client.get("/care/reality-check", headers={**HX, "HX-Current-URL": "http://localhost/tournaments?x=1"})
    assert dialog_of(due.text) is not None and 'name="next" value="/tournaments?x=1"' in due.text
    hostile = client.get("/care/reality-check", headers={**HX, "HX-Current-URL": "https://evil.example//x"})
    assert 'name="next" value="//x"' not in hostile.text and hostile.status_code == 200
    for header in ("http://[", "\x00", "javascript:alert(1)", "/" * 5000):
        odd = client.get("/care/reality-check", headers={**HX, "HX-Current-URL": header})
        assert odd.status_code == 200 and 'name="next" value="/"' in odd.text


def test_the_timer_stops_for_a_visitor_and_when_off(client, login):
    assert client.get("/care/reality-check", headers=HX).status_code == 286
    assert client.get("/care/reality-check").status_code == 303
    login()
    assert client.get("/care/reality-check", headers=HX).status_code == 286  # off
    assert "Reality checks are off." in client.get("/care/reality-check").text


def test_the_timer_is_not_the_players_activity(client, login, clock):
    """A tab left open asks for the dialog; that alone does not keep the session alive."""
    login()
    choose(client, 10)
    for _ in range(3):
        clock(10 * MINUTE)
        client.get("/care/reality-check", headers=HX)
    assert "without activity" in client.get("/").text


def test_sign_out_from_the_dialog(client, login, clock):
    login()
    choose(client, 10)
    clock(10 * MINUTE)
    dialog = dialog_of(client.get("/").text)
    token = re.search(r'action="/logout".*?name="csrf_token" value="([^"]+)"', dialog, re.S).group(1)
    done = client.post("/logout", data={"csrf_token": token}, follow_redirects=True)
    assert "You are signed out" in done.text and 'id="reality-check"' not in done.text


def test_see_my_history_opens_kores_game_history(client, login, sandbox):
    assert client.get("/care/history").headers["Location"] == "/login?next=/care/history"
    login()
    response = client.get("/care/history")
    assert response.status_code == 303 and "/pages/account_playback?" in response.headers["Location"]


def test_the_clocks_are_shared_by_every_process(sandbox, tmp_path):
    """Two lobby processes with one store: the interval set on one, the dialog on the other."""
    def lobby():
        app = create_app(Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                                player_state_db=tmp_path / "shared.sqlite3"))
        app.config.update(TESTING=True)
        return app

    first, second = lobby(), lobby()
    # The processes share the session records too (Redis in production: lobby/core/session.py).
    second.extensions["cache"][cache] = first.extensions["cache"][cache]
    offset = [0.0]
    for app in (first, second):
        app.extensions["lobby.clock"] = lambda: time.time() + offset[0]
    one = first.test_client()
    page = one.get("/login")
    one.post("/login", data={"email": "alice@demo.kore", "password": "Demo-pass-1", "play_mode": "Real",
                             "csrf_token": csrf_from(page.text)})
    choose(one, 10)
    two = second.test_client()
    two.set_cookie("lobby_session", one.get_cookie("lobby_session").value)
    offset[0] += 10 * MINUTE
    assert dialog_of(two.get("/").text) is not None
    token = csrf_from(two.get("/").text)
    two.post("/care/reality-check/continue", data={"csrf_token": token, "next": "/"})
    assert dialog_of(one.get("/").text) is None  # Continue on one process holds on the other


def test_never_a_moment_early(app, client, login):
    """Half a second before the interval is whole there is no dialog yet, and the page's timer
    waits the whole last second: the dialog never says 9 minutes for a 10-minute interval."""
    now = [time.time()]
    app.extensions["lobby.clock"] = lambda: now[0]
    login()
    choose(client, 10)
    now[0] += 10 * MINUTE - 0.5
    page = client.get("/").text
    assert dialog_of(page) is None
    assert re.search(r'data-due-in="1"', page)
    now[0] += 0.5
    assert "You have been playing for 10 minutes." in dialog_text(client)


def _notice(page: str, place: str) -> str:
    found = re.search(rf'<p class="placed-notice [^"]*"[^>]*data-testid="notice-{place}">([^<]+)</p>', page)
    return found.group(1) if found else ""


def test_the_confirmation_stands_beside_the_setting_not_at_the_top(client, login):
    login()
    choose(client, 30)
    page = client.get("/account").text
    section = page.split('data-testid="reality-check-settings"', 1)[1].split("</section>", 1)[0]
    assert "after every 30 minutes of play" in _notice(section, "reality-check")
    assert 'class="flashes"' not in page  # nothing at the top of the page
    # Shown once: the next visit has no confirmation.
    assert _notice(client.get("/account").text, "reality-check") == ""


def test_under_htmx_the_section_comes_back_with_its_confirmation(client, login):
    login()
    page = client.get("/account")
    assert 'hx-post="/care/reality-check/interval"' in page.text and 'hx-target="closest section"' in page.text
    answer = client.post("/care/reality-check/interval", headers={"HX-Request": "true"},
                         data={"interval": "60", "csrf_token": csrf_from(page.text)})
    assert answer.status_code == 200 and "<html" not in answer.text
    assert answer.text.lstrip().startswith("{#") is False and 'data-testid="reality-check-settings"' in answer.text
    assert "after every 60 minutes of play" in _notice(answer.text, "reality-check")
    assert '<option selected value="60">' in answer.text  # what is stored, read back
    assert '<option selected value="60">' in client.get("/account").text
    refused = client.post("/care/reality-check/interval", headers={"HX-Request": "true"},
                          data={"interval": "7", "csrf_token": csrf_from(page.text)})
    assert "Choose how often to be reminded." in _notice(refused.text, "reality-check")
    assert 'role="alert"' in refused.text
