"""Choosing the language, and everything Babel writes in it: names, countries, dates, amounts."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from werkzeug.datastructures import LanguageAccept

from lobby.config import KORE_LOCALES
from lobby.core.collation import collated
from lobby.core.i18n import COOKIE, language_name, negotiate
from lobby.forms.validators import countries, currency_label
from tests.web.accounts.pages import register, registration
from tests.web.conftest import csrf_from
from tests.web.languages.pending_locales import PENDING_LOCALES

# -- first visit: Accept-Language ------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        ("fr-FR,fr;q=0.9", "fr-FR"),
        ("de-AT", "de-DE"),
        ("de-CH, en;q=0.5", "de-DE"),
        ("nb", "nb-NO"),
        ("no", "nb-NO"),
        ("nn-NO", "nb-NO"),
        ("en-ZA", "en-ZA"),
        ("en-GB", "en-US"),
        ("en", "en-US"),
        ("el", "el-GR"),
        ("sv-FI", "sv-SE"),
        ("pt-BR, es;q=0.4", "es-ES"),
        ("pt-BR", None),
        ("*", None),
        ("da;q=0, it;q=0.5", "it-IT"),
    ],
)
def test_accept_language_is_negotiated_to_a_kore_locale(header, locale):
    values = [(tag.split(";")[0].strip(), float(tag.split("q=")[1]) if "q=" in tag else 1.0)
              for tag in header.split(",")]
    assert negotiate(LanguageAccept(values)) == locale


def test_a_first_visit_reads_the_browser_language(client):
    page = client.get("/", headers={"Accept-Language": "de-AT,de;q=0.9"})
    assert '<html lang="de-DE">' in page.text
    assert client.get("/", headers={"Accept-Language": "pt-BR"}).text.count('<html lang="en-US">') == 1


# -- the picker ---------------------------------------------------------------------------


def test_every_page_has_a_picker_that_works_without_scripts(client):
    page = client.get("/login")
    form = re.search(r'<form method="post" action="/language"[^>]*>.*?</form>', page.text, re.S)
    assert form, "no language form"
    assert 'name="csrf_token"' in form.group(0) and 'type="submit"' in form.group(0)
    for code in KORE_LOCALES:
        assert f'<option value="{code}" lang="{code}"' in form.group(0)
    assert "Ελληνικά (Ελλάδα)" in form.group(0) and "English (United States)" in form.group(0)
    assert 'value="/login"' in form.group(0)  # back to the same page


def test_a_visitor_chooses_a_language_and_it_is_remembered(client, sandbox):
    page = client.get("/register")
    chosen = client.post("/language", data={"locale": "el-GR", "next": "/", "csrf_token": csrf_from(page.text)})
    assert chosen.status_code == 303 and chosen.headers["Location"] == "/"
    cookie = chosen.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=el-GR;") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    again = client.get("/", headers={"Accept-Language": "fr-FR"})
    assert '<html lang="el-GR">' in again.text  # the choice wins over the browser
    # Kore hears it: the visitor's brand token is issued in Greek.
    brand_locales = {t.locale for t in sandbox.backend.tokens.values() if t.grant_type == "brand_public_credentials"}
    assert "el-GR" in brand_locales


def test_the_picker_needs_its_csrf_token_and_a_kore_locale(client):
    assert client.post("/language", data={"locale": "fr-FR"}).status_code == 400
    token = csrf_from(client.get("/").text)
    wrong = client.post("/language", data={"locale": "pt-BR", "next": "/", "csrf_token": token})
    assert wrong.status_code == 303 and COOKIE not in wrong.headers.get("Set-Cookie", "")


def test_the_picker_goes_back_only_to_our_own_pages(client):
    token = csrf_from(client.get("/").text)
    away = client.post("/language", data={"locale": "fr-FR", "next": "https://evil.example/", "csrf_token": token})
    assert away.headers["Location"] == "/"
    kept = client.post("/language", data={"locale": "fr-FR", "next": "/?lang=de-DE&q=x", "csrf_token": token})
    assert kept.headers["Location"] == "/?q=x"  # a ?lang= would override the new choice


def test_a_signed_in_player_changes_language_through_kore(client, login, sandbox):
    login()
    token = csrf_from(client.get("/").text)
    done = client.post("/language", data={"locale": "sv-SE", "next": "/account", "csrf_token": token},
                       follow_redirects=True)
    assert '<html lang="sv-SE">' in done.text
    player_locales = {t.locale for t in sandbox.backend.tokens.values() if t.grant_type == "player_credentials"}
    assert "sv-SE" in player_locales  # mutate issued the player's token in Swedish
    # Signing out keeps the language for the visitor.
    client.post("/logout", data={"csrf_token": csrf_from(done.text)})
    assert '<html lang="sv-SE">' in client.get("/").text


# -- hreflang ------------------------------------------------------------------------------


def test_public_pages_have_hreflang_alternates(client, login):
    page = client.get("/login")
    for code in KORE_LOCALES:
        assert f'<link rel="alternate" hreflang="{code}" href="http://localhost/login?lang={code}">' in page.text
    assert '<link rel="alternate" hreflang="x-default" href="http://localhost/login">' in page.text
    assert '<html lang="it-IT">' in client.get("/login?lang=it-IT").text
    login()
    assert 'hreflang=' not in client.get("/account").text  # a player's pages are theirs


# -- names, countries, currencies, dates, amounts -------------------------------------------


def test_language_names_as_each_language_writes_them():
    assert language_name("en-US") == "English (United States)"
    assert language_name("el-GR") == "Ελληνικά (Ελλάδα)"
    assert language_name("fr-FR") == "Français (France)"
    assert language_name("nb-NO") == "Norsk bokmål (Norge)"


@pytest.mark.parametrize("locale", ["en-US", "en-ZA", "de-DE"])
def test_aland_sorts_with_the_a_in_most_alphabets(locale):
    codes = [code for code, _name in countries(locale)]
    assert codes.index("AX") < 10, [name for _c, name in countries(locale)][:10]


@pytest.mark.parametrize("locale", ["fr-FR", "it-IT", "es-ES", "el-GR"])
def test_accented_names_sort_with_their_letter(locale):
    names = [name for _code, name in countries(locale)]
    assert names == collated(names, locale)
    assert names.index(dict(countries(locale))["AX"]) < len(names) - 10  # Îles Åland: with the I's
    assert names.index(dict(countries(locale))["EG"]) < names.index(dict(countries(locale))["ZW"])


@pytest.mark.parametrize("locale", ["sv-SE", "da-DK", "nb-NO"])
def test_nordic_alphabets_put_their_own_letters_after_z(locale):
    names = [name for _code, name in countries(locale)]
    assert names.index(dict(countries(locale))["AX"]) > len(names) - 10


def test_collation_of_the_ten_locales():
    assert collated(["Zambia", "Ägypten", "Österreich", "Albanien"], "de-DE") == [
        "Ägypten", "Albanien", "Österreich", "Zambia"]
    assert collated(["Oman", "Ñandú", "Nepal"], "es-ES") == ["Nepal", "Ñandú", "Oman"]
    assert collated(["Ωμέγα", "Άλφα", "βήτα"], "el-GR") == ["Άλφα", "βήτα", "Ωμέγα"]


def test_currencies_are_named_in_the_readers_language():
    assert currency_label("EUR", "fr-FR") == "EUR — euro"
    assert currency_label("USD", "de-DE") == "USD — US-Dollar"
    assert currency_label("mBTC", "en-US") == "mBTC"


def test_the_registration_form_names_currencies_and_sorts_countries(client):
    client.set_cookie(COOKIE, "fr-FR")
    assert "EUR — euro" in client.get("/register").text
    register(client, registration("tri@new.kore", currency="EUR"), upto=2)
    page = client.get("/register/home-address").text
    options = re.findall(r'<option value="([A-Z]{2})"', page.split('name="country"', 1)[1].split("</select>", 1)[0])
    assert options.index("AX") < options.index("IT")  # Îles Åland, among the I's


def test_dates_and_durations_are_written_for_the_reader(app):
    from flask_babel import format_date

    from lobby.tournaments.data import duration, relative_time

    with app.test_request_context("/", headers={"Cookie": f"{COOKIE}=de-DE"}):
        assert duration(7200) == "2 Stunden"
        # Time left the way the countdown script writes it (static/js/tournaments.js), in the reader's words.
        assert relative_time(datetime.now(timezone.utc) + timedelta(minutes=10, seconds=30)) in ("in 10:29", "in 10:30")
        assert relative_time(datetime.now(timezone.utc) + timedelta(days=2, hours=3, seconds=30)).startswith("in 2 T 03:00:")
        assert format_date(date(2030, 3, 1), "long") == "1. März 2030"
    with app.test_request_context("/", headers={"Cookie": f"{COOKIE}=el-GR"}):
        assert relative_time(datetime.now(timezone.utc) - timedelta(hours=2, minutes=1)) == "τώρα"


def test_amounts_in_kore_texts_are_written_for_the_reader(app):
    from lobby.core.templating import amounts_in_text

    with app.test_request_context("/", headers={"Cookie": f"{COOKIE}=fr-FR"}):
        text = amounts_in_text("Lucky Alice has won 1,250.00 USD (1st place) in Friday Frenzy!")
    assert "1,250.00 USD" not in text and re.search(r"1\s250,00", text), text
    with app.test_request_context("/", headers={"Cookie": f"{COOKIE}=en-US"}):
        assert "$8.00" in amounts_in_text("Ana has won 8.00 USD")


def test_wtforms_messages_are_translated_danish_included(app):
    from lobby.forms.accounts import ResetRequestForm

    # WTForms has no Danish: translations/da_DK/LC_MESSAGES/wtforms.po is ours (English until translated).
    danish = "Ikke en gyldig dato" if "da_DK" not in PENDING_LOCALES else "Not a valid date value"
    for locale, expected in (("fr-FR", "N'est pas une date valide"), ("nb-NO", "Ikke en gyldig datoverdi"),
                             ("da-DK", danish)):
        with app.test_request_context("/", method="POST", data={"birth_date": "not a date"},
                                      headers={"Cookie": f"{COOKIE}={locale}"}):
            form = ResetRequestForm(meta={"csrf": False})
            form.validate()
            assert any(expected in e for e in form.birth_date.errors), form.birth_date.errors
