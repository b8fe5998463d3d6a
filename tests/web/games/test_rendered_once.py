"""Tiles, the menu and the footer are rendered once per look and reused (lobby/games/tiles.py,
lobby/core/fragments.py): what each player sees stays theirs — their hearts, their CSRF
token, their language, their menu — on one process serving many of them."""

from __future__ import annotations

import re

from tests.web.conftest import DEMO_PASSWORD, csrf_from

SLOTS = ("tile-csrf-", "tile-next-", "tile-age-", "csrf-slot-")


def sign_in(client, email):
    page = client.get("/login")
    answer = client.post("/login", data={"email": email, "password": DEMO_PASSWORD, "play_mode": "Real",
                                         "csrf_token": csrf_from(page.text)})
    assert answer.status_code == 303


def heart(page: str, slug: str) -> str:
    """aria-pressed of the heart on the first tile of ``slug``."""
    tile = page[page.index(f'<li class="tile" data-slug="{slug}"'):]
    return re.search(r'aria-pressed="(\w+)"', tile[: tile.index("</li>")]).group(1)


def tokens(page: str) -> set[str]:
    return set(re.findall(r'name="csrf_token" value="([^"]+)"', page)) | set(
        re.findall(r'"X-CSRFToken": "([^"]+)"', page))


def test_two_players_on_one_process_each_see_their_own_hearts_and_token(app):
    alice, bruno = app.test_client(), app.test_client()
    sign_in(alice, "alice@demo.kore")
    sign_in(bruno, "bruno@demo.kore")
    page = alice.get("/").text
    assert alice.post("/favourites/zodiac-video-slot", data={
        "action": "add", "name": "Zodiac", "csrf_token": csrf_from(page)}).status_code == 303
    # Bruno's page first, then Alice's: the tiles Bruno's page rendered are reused for hers.
    bruno_page, alice_page = bruno.get("/").text, alice.get("/").text
    assert heart(alice_page, "zodiac-video-slot") == "true"
    assert heart(bruno_page, "zodiac-video-slot") == "false"
    assert heart(alice_page, "midnight-racer-video-slot") == heart(bruno_page, "midnight-racer-video-slot") == "false"
    alice_tokens, bruno_tokens = tokens(alice_page), tokens(bruno_page)
    assert len(alice_tokens) == len(bruno_tokens) == 1 and alice_tokens != bruno_tokens
    for page in (alice_page, bruno_page):
        assert not any(slot in page for slot in SLOTS)
        # The hearts' forms come back to the page they are on.
        assert 'name="next" value="/"' in page
    assert app.extensions["lobby.tiles"].hits > 0  # reused, not rendered again


def test_a_heart_from_a_reused_tile_still_works_without_scripts(app):
    alice, bruno = app.test_client(), app.test_client()
    sign_in(alice, "alice@demo.kore")
    sign_in(bruno, "bruno@demo.kore")
    alice.get("/")
    page = bruno.get("/?category=videoslots").text
    form = page[page.index('action="/favourites/zodiac-video-slot"'):]
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    back = re.search(r'name="next" value="([^"]*)"', form).group(1)
    assert back == "/?category=videoslots"
    answer = bruno.post("/favourites/zodiac-video-slot", data={"action": "add", "name": "Zodiac", "next": back,
                                                                "csrf_token": token})
    assert answer.status_code == 303 and answer.headers["Location"] == "/?category=videoslots"
    assert heart(bruno.get("/").text, "zodiac-video-slot") == "true"


def test_the_menu_and_footer_follow_the_language_and_the_player(app):
    visitor, player = app.test_client(), app.test_client()
    sign_in(player, "alice@demo.kore")
    english = visitor.get("/").text
    german = visitor.get("/", headers={"Accept-Language": "de-DE"}).text
    signed_in = player.get("/").text
    assert "Change language" in english and "Sprache ändern" not in english
    assert "Sprache ändern" in german and "Change language" not in german
    assert "Abmelden" not in german and "Sign out" not in english  # a visitor has no sign-out
    assert "Sign out" in signed_in and 'action="/logout"' in signed_in
    assert "Play responsibly. Adults only." in english and "Play responsibly. Adults only." not in german
    assert tokens(signed_in).isdisjoint(tokens(english) | tokens(german))
    assert not any(slot in page for page in (english, german, signed_in) for slot in SLOTS)


def test_jackpot_tiles_say_how_old_their_figure_is(client):
    page = client.get("/").text
    ages = re.findall(r'class="jackpot" id="jackpot-[^"]+"[^>]*data-age="([^"]*)"', page.replace("\n", " "))
    assert ages and all(age.isdigit() for age in ages)


def countdowns(page: str) -> list[tuple[str, str]]:
    """(the date, the time left written) of each countdown on the page."""
    return re.findall(r'<time datetime="([^"]+)"[^>]*data-countdown-to="[^"]+"[^>]*>([^<]+)</time>', page)


def seconds_left(written: str) -> int:
    """``in 09:27`` / ``in 2 d 03:00:00`` (English) as seconds."""
    days = re.search(r"(\d+) d ", written)
    parts = [int(p) for p in written.rsplit(" ", 1)[-1].split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    return (int(days.group(1)) if days else 0) * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2]


def test_a_reused_promotions_row_counts_down_from_now(app, monkeypatch):
    from datetime import datetime, timedelta

    from lobby.tournaments import data

    player = app.test_client()
    sign_in(player, "alice@demo.kore")
    first = countdowns(player.get("/").text)
    assert first and not any(slot in written for _, written in first for slot in ("countdown-left-",))
    hits = app.extensions["lobby.grids"].hits

    class Later(datetime):  # the lobby's clock a minute on: the kept row must not show the old time left
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + timedelta(seconds=61)

    monkeypatch.setattr(data, "datetime", Later)
    later = countdowns(player.get("/").text)
    assert app.extensions["lobby.grids"].hits >= hits + 2  # the grid and the row were both reused
    assert [date for date, _ in later] == [date for date, _ in first]
    for (_, before), (_, after) in zip(first, later, strict=True):
        if before != "now":
            assert 59 <= seconds_left(before) - seconds_left(after) <= 63, (before, after)


def test_a_kept_grid_follows_the_filters_and_a_search_is_not_kept(app):
    visitor = app.test_client()
    slots = visitor.get("/?category=videoslots").text
    assert 'aria-current="true">Video slots<' in slots
    tables = visitor.get("/?category=tablegames").text
    assert 'aria-current="true">Table games<' in tables and 'aria-current="true">Video slots<' not in tables
    assert "Zodiac" in slots and "Zodiac" not in tables.split('id="games"', 1)[1]
    kept = len(app.extensions["lobby.fragments"]._kept)
    grids = len(app.extensions["lobby.grids"]._grids)
    for word in ("zodiac", "racer", "loot", "<b>bold</b>"):
        page = visitor.get("/", query_string={"q": word}).text
        assert f'value="{word}"' in page or word.startswith("<")
        assert "<b>bold</b>" not in page
    # What visitors type is rendered for them, and not kept for anyone else.
    assert len(app.extensions["lobby.fragments"]._kept) == kept
    assert len(app.extensions["lobby.grids"]._grids) == grids
    assert 'value="zodiac"' not in visitor.get("/").text


def test_visitors_share_one_promotions_row(app):
    """A visitor has no tournaments of their own: the row kept for the first is every visitor's."""
    first = app.test_client().get("/").text
    assert 'data-testid="promotions"' in first
    grids, hits = len(app.extensions["lobby.grids"]._grids), app.extensions["lobby.grids"].hits
    second = app.test_client().get("/").text
    assert len(app.extensions["lobby.grids"]._grids) == grids  # nothing laid out again
    assert app.extensions["lobby.grids"].hits == hits + 2  # the grid and the row
    row = re.compile(r'<section class="promos-row".*?</section>', re.S)
    ageless = re.compile(r'data-age="\d+"')  # a jackpot figure's age is the request's own
    assert ageless.sub("", row.search(second).group(0)) == ageless.sub("", row.search(first).group(0))
