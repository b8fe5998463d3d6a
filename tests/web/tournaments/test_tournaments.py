"""Tournament and competition pages against the live sandbox: gates, costs, actions, errors."""

from __future__ import annotations

import html
import re

import pytest
import requests

from lobby.core.messages import PLAYER_MESSAGES
from lobby.kore.errors import ERRORS, ErrorCode
from tests.web.conftest import csrf_from

HX = {"HX-Request": "true"}


def text_of(response) -> str:
    """What the player reads: tags out, entities decoded, spaces collapsed."""
    body = response.text.split("<body", 1)[-1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def message(code: ErrorCode) -> str:
    return str(PLAYER_MESSAGES[code])


def fault(sandbox, **rule) -> None:
    response = requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5)
    assert response.status_code == 201, response.text


def advance(sandbox, seconds: int) -> None:
    assert requests.post(f"{sandbox.url}/_sandbox/clock", json={"advance": seconds}, timeout=5).ok


def post_confirm(client, url: str, **data):
    page = client.get(url)
    assert page.status_code == 200, page.text
    return client.post(url, data={"csrf_token": csrf_from(page.text), **data})


# -- gates ----------------------------------------------------------------------------


def test_anonymous_visitor_is_offered_login(client):
    page = client.get("/tournaments/")
    assert page.status_code == 200
    assert 'href="/login?next=/tournaments/"' in page.text
    assert "tournament-card" not in page.text


def test_practice_player_is_offered_the_switch_to_real_money(client, login):
    login(play_mode="Practice")
    page = client.get("/tournaments/101")
    assert "practice credits" in text_of(page)
    assert 'name="play_mode" value="Real"' in page.text and 'value="/tournaments/101"' in page.text
    assert "tournament-card" not in page.text and "Leaderboard" not in page.text


def test_practice_player_switches_and_sees_the_tournaments(client, login):
    login(play_mode="Practice")
    page = client.get("/tournaments/")
    response = client.post("/mode", data={"csrf_token": csrf_from(page.text), "play_mode": "Real",
                                          "next": "/tournaments/"})
    assert response.status_code == 303 and response.headers["Location"] == "/tournaments/"
    assert text_of(client.get("/tournaments/")).count("Daily Slots Showdown") >= 1


# -- list and detail --------------------------------------------------------------------


def test_list_shows_costs_counts_pool_dates_and_filters(client, login):
    login()
    page = text_of(client.get("/tournaments/"))
    assert "Cash: $1.00 fee + $5.00 buy-in = $6.00" in page
    assert "Loyalty: 100 points" in page
    assert "3 of 50 (minimum 2)" in page
    assert "$15.00 now, at least $10.00; grows with each player" in page
    assert "Starts as soon as 1 more player joins." in page  # SitAndGo: no date
    assert "Just ended: the results are being worked out." in page
    assert "This tournament was canceled." in page
    assert "Finished on" in page
    assert 'data-countdown-to="' in client.get("/tournaments/").text
    filtered = client.get("/tournaments/?status=Started", headers=HX)
    assert "<html" not in filtered.text
    assert re.findall(r'id="t-(\d+)"', filtered.text) == ["104"]
    assert re.findall(r'id="t-(\d+)"', client.get("/tournaments/?category=tablegames").text) == ["105", "108"]


def test_detail_of_a_running_tournament_refreshes_its_leaderboard_in_place(client, login):
    login()
    page = client.get("/tournaments/104")
    text = text_of(page)
    assert "Starting credits 1,000.00" in text and "Duration 60 minutes" in text
    assert "Your rank: 3" in text and "Rebuy" in text
    assert 'hx-trigger="every 10s"' in page.text
    fragment = client.get("/tournaments/104", headers=HX)
    assert fragment.text.lstrip().startswith('<section id="leaderboard"')
    assert 'aria-current="true"' in fragment.text
    assert "hx-get" not in client.get("/tournaments/101", headers=HX).text  # not running: no polling


def test_names_from_kore_are_escaped(client, login, sandbox):
    login()
    advance(sandbox, 600)
    page = client.get("/tournaments/101")
    assert "Max &lt;b&gt;Bet&lt;/b&gt; &amp; Co" in page.text
    assert "<b>Bet</b>" not in page.text


def test_unknown_tournament_is_a_404_page(client, login):
    login()
    page = client.get("/tournaments/999")
    assert page.status_code == 404 and "That tournament is not here" in page.text


# -- join, leave, rebuy --------------------------------------------------------------


def test_join_with_cash_confirms_the_cost_then_the_balance_drops(client, login):
    login()
    confirm = client.get("/tournaments/101/join")
    text = text_of(confirm)
    assert "Pay $6.00 in cash" in text and "$1.00 fee + $5.00 buy-in" in text and "you have $1,250.00" in text
    assert "Pay 100 loyalty points" in text and "you have 1,520 points" in text
    response = client.post("/tournaments/101/join",
                           data={"csrf_token": csrf_from(confirm.text), "type": "Cash"})
    assert response.status_code == 303 and response.headers["Location"] == "/tournaments/101"
    page = text_of(client.get("/tournaments/101"))
    assert "You have joined Daily Slots Showdown." in page
    assert "You are registered." in page
    assert "$1,294.00" in page  # 1,300.00 - 6.00 in the header


def test_a_get_never_joins(client, login):
    login()
    client.get("/tournaments/101/join?type=Cash")
    assert "You are not registered." in text_of(client.get("/tournaments/101"))


def test_join_without_csrf_is_refused(client, login):
    login()
    assert client.post("/tournaments/101/join", data={"type": "Cash"}).status_code == 400
    assert "You are not registered." in text_of(client.get("/tournaments/101"))


def test_joining_with_a_bonus_needs_a_code(client, login):
    login()
    response = post_confirm(client, "/tournaments/102/join", type="Bonus", bonus_code="")
    assert response.status_code == 400 and "Enter your bonus code." in response.text
    response = post_confirm(client, "/tournaments/102/join", type="Bonus", bonus_code="FREEROLL")
    assert response.status_code == 303
    assert "Running" in text_of(client.get("/tournaments/102"))  # a SitAndGo with its minimum starts


def test_leave_and_rebuy_confirm_then_act(client, login):
    login()
    post_confirm(client, "/tournaments/101/join", type="Cash")
    response = post_confirm(client, "/tournaments/101/leave")
    assert response.status_code == 303
    page = text_of(client.get("/tournaments/101"))
    assert "You have left Daily Slots Showdown." in page and "$1,300.00" in page

    confirm = text_of(client.get("/tournaments/104/rebuy"))
    assert "This would be rebuy 2 of 2." in confirm and "Confirm and pay $10.00" in confirm
    assert post_confirm(client, "/tournaments/104/rebuy").status_code == 303
    page = text_of(client.get("/tournaments/104"))
    assert "Rebuy done" in page and "2 of 2 used" in page and "$1,290.00" in page


@pytest.mark.parametrize(
    "email, url, data, code",
    [
        ("alice@demo.kore", "/tournaments/103/join", {"type": "Loyalty"}, ErrorCode.TOURNAMENT_NOT_REGISTERING),
        ("bruno@demo.kore", "/tournaments/108/join", {"type": "Cash"}, ErrorCode.TOURNAMENT_TAG_RESTRICTION),
        ("bruno@demo.kore", "/tournaments/109/join", {"type": "Cash"}, ErrorCode.TOURNAMENT_FULL),
        ("lars@demo.kore", "/tournaments/101/join", {"type": "Cash"}, ErrorCode.INSUFFICIENT_BALANCE),
        ("chidi@demo.kore", "/tournaments/101/join", {"type": "Loyalty"}, ErrorCode.INSUFFICIENT_LOYALTY),
        ("alice@demo.kore", "/tournaments/102/join", {"type": "Bonus", "bonus_code": "OLDCODE"},
         ErrorCode.BONUS_EXPIRED),
        ("alice@demo.kore", "/tournaments/101/leave", {}, ErrorCode.PLAYER_NOT_REGISTERED),
        ("alice@demo.kore", "/tournaments/104/leave", {}, ErrorCode.TOURNAMENT_STARTED),
    ],
)
def test_sandbox_rules_show_their_message(client, login, email, url, data, code):
    login(email=email)
    response = post_confirm(client, url, **data)
    assert response.status_code == 400
    assert message(code) in text_of(response)
    assert str(code) not in response.text  # never the raw code


def test_rebuy_errors_from_the_sandbox(client, login, sandbox):
    login()
    post_confirm(client, "/tournaments/101/join", type="Cash")
    assert message(ErrorCode.TOURNAMENT_NOT_STARTED) in text_of(post_confirm(client, "/tournaments/101/rebuy"))
    advance(sandbox, 600)
    response = post_confirm(client, "/tournaments/101/rebuy")
    assert message(ErrorCode.TOURNAMENT_BALANCE_EXCESSIVE) in text_of(response)
    post_confirm(client, "/tournaments/104/rebuy")
    assert message(ErrorCode.TOURNAMENT_REBUYS_EXCEEDED) in text_of(post_confirm(client, "/tournaments/104/rebuy"))


TOURNAMENT_AND_BONUS_CODES = [
    code for code in ErrorCode
    if code.value.startswith(("tournament_", "registration_", "bonus_"))
    or code in (ErrorCode.INSUFFICIENT_LOYALTY, ErrorCode.INSUFFICIENT_BALANCE, ErrorCode.PLAYER_NOT_REGISTERED)
]


@pytest.mark.parametrize("code", TOURNAMENT_AND_BONUS_CODES, ids=str)
def test_every_tournament_and_bonus_error_has_its_plain_message(client, login, sandbox, code):
    login()
    fault(sandbox, method="POST", path="/v3/api/tournaments/102/registration", kind="error",
          error=str(code), times=1)
    response = post_confirm(client, "/tournaments/102/join", type="Bonus", bonus_code="FREEROLL")
    assert response.status_code == 400
    assert message(code) in text_of(response)
    assert str(code) not in response.text and ERRORS[code].description not in response.text


def test_a_lost_answer_is_not_retried_and_the_status_is_shown(client, login, sandbox):
    login()
    fault(sandbox, method="POST", path="/v3/api/tournaments/101/registration", kind="reset", times=1)
    response = post_confirm(client, "/tournaments/101/join", type="Cash")
    assert response.status_code == 503
    text = text_of(response)
    assert "may or may not have gone through" in text
    assert "the casino says you are not registered for Daily Slots Showdown" in text
    assert "$1,300.00" in text_of(client.get("/tournaments/101"))  # not charged, not sent twice


# -- playing ------------------------------------------------------------------------------


def test_tournament_games_open_in_our_game_host_only_when_running_and_joined(client, login, sandbox):
    login()
    refused = client.get("/tournaments/101/play/zodiac-video-slot")
    assert refused.status_code == 409 and "Join the tournament to play its games." in refused.text
    post_confirm(client, "/tournaments/101/join", type="Cash")
    early = client.get("/tournaments/101/play/zodiac-video-slot")
    assert early.status_code == 409 and "has not started yet" in early.text
    advance(sandbox, 600)
    page = client.get("/tournaments/101/play/zodiac-video-slot")
    assert page.status_code == 200
    assert re.search(r'<iframe[^>]+src="http://127\.0\.0\.1:\d+/play/tournament/html/ZodiacVideoSlot\?', page.text)
    # "Back" returns where the player came from: the tournament, not the lobby.
    assert re.search(r'<a class="button back" href="/tournaments/101" data-testid="back"\s+aria-label="Back to the '
                     r'tournament">', page.text)
    assert client.get("/tournaments/101/play/european-roulette").status_code == 409


# -- news ---------------------------------------------------------------------------------


def test_news_ticker_follows_the_latest_link_from_our_kore_only(client, login, sandbox, app):
    login()
    page = client.get("/tournaments/")
    latest = html.unescape(re.search(r'hx-get="/tournaments/news\?latest=([^"]+)"', page.text).group(1))
    from urllib.parse import unquote
    latest = unquote(latest)
    assert latest.startswith(sandbox.url + "/v3/api/tournaments/news?min_id=")
    empty = client.get("/tournaments/news", query_string={"latest": latest}, headers=HX)
    assert empty.status_code == 200 and "news-item" not in empty.text and "news-poll" in empty.text
    post_confirm(client, "/tournaments/101/join", type="Cash")
    fresh = client.get("/tournaments/news", query_string={"latest": latest}, headers=HX)
    assert "Lucky Alice joined Daily Slots Showdown." in fresh.text
    assert fresh.text.count("news-item") == 1  # only what is new

    for foreign in ("http://evil.example/v3/api/tournaments/news?min_id=1",
                    sandbox.url + "/v3/api/users/someone",
                    sandbox.url.replace("127.0.0.1", "localhost") + "/v3/api/tournaments/news",
                    "javascript:alert(1)"):
        refused = client.get("/tournaments/news", query_string={"latest": foreign}, headers=HX)
        assert refused.status_code == 400


# -- competitions -----------------------------------------------------------------------


def test_competitions_list_for_anyone_with_dates_and_state(client):
    page = text_of(client.get("/competitions/"))
    assert "Spring Slots Sprint" in page and "Running" in page and "Upcoming" in page
    assert "Sister Casino Spring Cup" not in page
    assert "Sister Casino Spring Cup" in text_of(client.get("/competitions/?all=true"))


def _cards(page) -> dict[str, str]:
    """Each competition card's text, by the competition's name."""
    cards = re.findall(r'<li class="competition-card[^"]*" data-testid="competition">(.*?)</li>\s*(?=<li class="competition-card|</ul>)',
                       page.text, re.S)
    found = {}
    for card in cards:
        name = re.search(r"<h2><a [^>]*>([^<]+)</a></h2>", card).group(1)
        found[name] = " ".join(re.sub(r"<[^>]+>", " ", card).split())
    return found


def test_competitions_are_cards_with_dates_and_the_leaders(client, login):
    login()
    page = client.get("/competitions/")
    assert 'type="checkbox"' in page.text.split("<details", 1)[1]  # combining is tucked away
    assert 'type="checkbox"' not in page.text.split("<details", 1)[0]
    cards = _cards(page)
    assert set(cards) == {"Spring Slots Sprint", "Summer Showdown"}  # Kore lists the live ones
    sprint = cards["Spring Slots Sprint"]
    assert sprint.startswith("Running Spring Slots Sprint Ends ") and "See the leaderboard" in sprint
    # The podium is Kore's leaderboard's first three rows, and the player's own place.
    board = client.get("/competitions/1/leaderboard?limit=3").text
    leaders = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>([^<]+)</td>", board)[:3]
    for rank, nickname in leaders:
        assert f"{rank} {nickname.strip()}" in sprint
    assert re.search(r"You are ranked \d+ with 1,900 points\.", sprint)
    assert len(re.findall(r"\d[\d,]* points", sprint)) == 3 + 1  # the podium, and the player's own line
    assert "Upcoming" in cards["Summer Showdown"] and "Starts " in cards["Summer Showdown"]
    assert "climb its leaderboard" in cards["Summer Showdown"]


def test_competition_cards_for_visitors_have_no_own_place(client):
    cards = _cards(client.get("/competitions/"))
    assert "You are ranked" not in cards["Spring Slots Sprint"] and " points" in cards["Spring Slots Sprint"]


def test_composite_leaderboard_highlights_the_player_and_shows_the_hole(client, login):
    login()
    response = client.get("/competitions/leaderboard?ids=1&ids=2&limit=3")
    assert response.status_code == 303 and response.headers["Location"] == "/competitions/1,2/leaderboard?limit=3"
    page = client.get("/competitions/1,2/leaderboard?limit=3")
    text = text_of(page)
    assert "You are ranked 51 with 2,700 points." in text
    assert 'data-testid="hole"' in page.text
    assert re.search(r'<tr class="me" aria-current="true"[^>]*>\s*<td>51</td>', page.text)


def test_competition_errors_have_plain_messages(client):
    missing = client.get("/competitions/1,77/leaderboard")
    assert missing.status_code == 404 and message(ErrorCode.COMPETITION_NOT_FOUND) in text_of(missing)
    too_many = client.get("/competitions/1/leaderboard?limit=501")
    assert too_many.status_code == 400 and "Choose between 1 and 500 rows." in too_many.text
    assert client.get("/competitions/abc/leaderboard").status_code == 404


def test_a_tournament_gone_since_its_link_was_cached_loses_the_cached_link(client, login, app, sandbox):
    """A link kept for a tournament Kore no longer knows is dropped at the first 404, not
    kept for LINK_TTL (the cache key has the brand in it; deleting it must too)."""
    from lobby.extensions import cache

    login()
    assert client.get("/tournaments/101").status_code == 200
    key = "tournament-link:KoreDemo:101"
    with app.app_context():
        assert cache.get(key), "the detail page keeps the tournament's link"
        # The tournament is gone: the kept link now points at nothing Kore has.
        cache.set(key, f"{sandbox.url}/v3/api/tournaments/999999", timeout=600)
    assert client.get("/tournaments/101").status_code == 404
    with app.app_context():
        assert cache.get(key) is None
    # Asked again, the lobby looks the tournament up afresh and finds it.
    assert client.get("/tournaments/101").status_code == 200
