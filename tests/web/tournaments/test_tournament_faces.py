"""Tournaments with faces (live sandbox): every card with a picture of its game, a
tournament's games with theirs, and time left said one way on every page."""

from __future__ import annotations

import re


def countdowns(page: str) -> list[str]:
    """The text of each countdown as the server writes it (before, or without, the script)."""
    return re.findall(r"<time [^>]*data-countdown-to=\"[^\"]+\"[^>]*>([^<]+)</time>", page)


def test_every_tournament_card_has_a_picture_of_its_game(client, login):
    login()
    page = client.get("/tournaments/").text
    cards = page.count('data-testid="tournament-card"')
    pictures = re.findall(r'<img class="t-art" src="([^"]+)" data-fallback="(/art/[^"]+\.svg)" alt="" width="240" '
                          r'height="180" loading="lazy"', page)
    assert cards >= 6 and len(pictures) == cards
    assert len({src for src, _ in pictures}) > 1  # not one picture for every tournament
    assert client.get(pictures[0][1]).mimetype == "image/svg+xml"


def test_a_tournaments_games_with_their_pictures(client, login):
    login()
    page = client.get("/tournaments/104").text
    games = re.findall(r'<li class="t-game">\s*<img src="([^"]+)"', page)
    assert games and all("/art/" in src for src in games)


def test_time_left_is_said_one_way_on_the_list_the_page_and_the_join_page(client, login):
    login()
    written = countdowns(client.get("/tournaments/").text) + countdowns(client.get("/tournaments/105").text) \
        + countdowns(client.get("/tournaments/105/join").text) + countdowns(client.get("/").text)
    assert len(written) >= 4
    for text in written:  # "in 09:27", "in 1:02:03"… never "in 9 minutes"
        assert re.fullmatch(r"in (\d+ d )?(\d\d:)?\d\d:\d\d|now", text), text
