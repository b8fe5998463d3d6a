"""Bonus and offer codes as players read them (lobby/offers/names.py), in their language."""

from __future__ import annotations

import pytest

from lobby.offers.names import offer_name


@pytest.mark.parametrize(("code", "currency", "name"), [
    ("75free", None, "75 free spins"),
    ("1free", None, "1 free spin"),
    ("50FREESPINS", None, "50 free spins"),
    ("20-free-spins", None, "20 free spins"),
    ("10cashback", None, "10% cashback"),
    ("WELCOME10", "USD", "Welcome bonus of $10.00"),
    ("welcome10", None, "Welcome bonus of 10"),
    ("DEPOSIT100", "EUR", "Deposit bonus of €100.00"),
    ("campaign-1", None, "Campaign offer 1"),
    ("ONCEONLY", "USD", "ONCEONLY"),
    ("free", None, "free"),
    ("75freebies", None, "75freebies"),
    (" 75free ", None, "75 free spins"),
    ("", None, ""),
    (None, None, ""),
])
def test_names_in_english(app, code, currency, name):
    with app.test_request_context("/?lang=en-US"):
        assert offer_name(code, currency) == name


@pytest.mark.parametrize(("lang", "name"), [
    ("de-DE", "75 Freispiele"),
    ("fr-FR", "75 tours gratuits"),
    ("el-GR", "75 δωρεάν περιστροφές"),
])
def test_names_are_translated(app, lang, name):
    with app.test_request_context(f"/?lang={lang}"):
        assert offer_name("75free") == name


def test_amounts_follow_the_readers_locale(app):
    with app.test_request_context("/?lang=de-DE"):
        assert offer_name("WELCOME10", "EUR") == "Willkommensbonus von 10,00\xa0€"


@pytest.mark.parametrize("raw, message", [
    ("not json", "not JSON"),
    ('["ONCEONLY"]', "bonus code → details"),
    ('{"X": {"wagering": 0}}', "wagering"),
    ('{"X": {"wagering": true}}', "wagering"),
    ('{"X": {"expires": "31/12/2027"}}', "yyyy-mm-dd"),
    ('{"X": {"name": 5}}', "name must be a text"),
])
def test_offer_details_that_cannot_be_read_stop_the_start(raw, message):
    from lobby.config import Config, ConfigError

    with pytest.raises(ConfigError, match=message):
        Config.from_env({"OFFER_DETAILS": raw, "SECRET_KEY": "s" * 40})


def test_offer_details_in_the_readers_language():
    from lobby.offer_details import in_language, parse

    details = parse('{"once": {"name": {"en": "Thanks", "de_DE": "Danke"}, "wagering": 5, "expires": "2027-01-31"}}')
    assert set(details) == {"ONCE"} and details["ONCE"].wagering == 5
    assert in_language(details["ONCE"].name, "de-DE") == "Danke"
    assert in_language(details["ONCE"].name, "el-GR") == "Thanks"
