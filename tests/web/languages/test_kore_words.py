"""Kore's enums (medals, profiles, loyalty tiers) read in the page's language: Kore sends
English words whatever the locale; lobby/core/labels.py maps them in one place."""

from __future__ import annotations

import re

import pytest

from lobby.core.labels import MEDALS, PROFILES, TIERS
from tests.web.conftest import csrf_from, text_of


def in_language(client, locale: str) -> None:
    page = client.get("/account")
    switched = client.post("/account/switch", data={"play_mode": "Real", "locale": locale,
                                                    "csrf_token": csrf_from(page.text)})
    assert switched.status_code == 303


def test_the_account_type_and_tier_of_a_greek_page_are_greek(client, login):
    assert login(email="chidi@demo.kore").status_code == 303
    in_language(client, "el-GR")
    page = client.get("/account")
    assert re.search(r'data-testid="account-type">Δεν έχει επαληθευτεί ακόμη</dd>', page.text)
    assert "Χάλκινο" in text_of(page) and "Bronze" not in text_of(page)
    assert "Unverified" not in text_of(page)


def test_the_account_type_in_german(client, login):
    assert login(email="chidi@demo.kore").status_code == 303
    in_language(client, "de-DE")
    assert 'data-testid="account-type">Noch nicht verifiziert</dd>' in client.get("/account").text


def test_medal_badges_on_the_tiles_are_in_the_page_language(client, login):
    login()
    # The medal disc over a tile's picture says its name (title and screen readers).
    medal = r'<span class="tile-medal medal-\d" title="[^"]*: ([^"]+)">'
    english = re.findall(medal, client.get("/").text)
    assert set(english) >= {"Gold", "Diamond", "Bronze"}
    in_language(client, "el-GR")
    greek = re.findall(medal, client.get("/").text)
    assert set(greek) >= {"Χρυσό", "Διαμάντι", "Χάλκινο"} and not set(greek) & {"Gold", "Diamond", "Bronze"}


@pytest.mark.parametrize("locale", ["de_DE", "el_GR", "fr_FR", "sv_SE"])
def test_every_label_has_its_translation(app, locale):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale(locale):
        labels = [*MEDALS.values(), *PROFILES.values(), *TIERS.values()]
        english = [label._args[0] for label in labels]
        shown = [str(label) for label in labels]
    # Words that are the same in the language (VIP, Standard, Platin/Gold in German) aside,
    # most differ from English: a missing catalog entry would leave them all English.
    assert sum(a != b for a, b in zip(english, shown, strict=True)) >= len(labels) // 2
