"""The account page (live sandbox): what it shows, play mode and language switches, expiry."""

from __future__ import annotations

from tests.web.accounts.pages import control, submit, text_of

# -- account page --------------------------------------------------------------------------


def test_account_page_shows_everything(client, login):
    login()
    page = client.get("/account")
    text = text_of(page)
    for expected in ("$1,300.00", "$1,250.00", "$50.00", "Gold", "1,520 points", "Lucky Alice", "alice@demo.kore",
                     "Highest win", "Spartians", "75 free spins", "Casino news", "Deposit", "Withdraw", "Statement"):
        assert expected in text, expected
    assert 'target="_top"' in page.text and "ReturnUrl=http" in page.text
    assert 'href="/account"' in client.get("/").text  # the header's "My account"


def test_account_page_shows_the_last_tournaments_and_competitions(client, login):
    """Kore's stats: alice finished 2nd in Midweek Mayhem (won $25.00) and 2nd in Winter Warm-up."""
    login()
    text = text_of(client.get("/account"))
    assert "Midweek Mayhem: rank 2, $25.00" in text
    assert "Winter Warm-up: rank 2" in text


def test_account_switches_play_mode_and_language(client, login):
    login()
    done = submit(client, "/account/switch", {"play_mode": "Practice", "locale": "en-US"}, page="/account",
                  follow_redirects=True)
    assert "practice credits" in text_of(done)
    assert "Deposit" in done.text and "Statement" not in done.text
    settings = done.text.split('id="settings"', 1)[1].split("</section>", 1)[0]
    assert 'data-testid="notice-settings">Done: you are now playing for practice credits.' in settings
    french = submit(client, "/account/switch", {"play_mode": "Practice", "locale": "fr-FR"}, page="/account",
                    follow_redirects=True)
    assert '<html lang="fr-FR">' in french.text
    assert 'data-testid="notice-settings">' in french.text.split('id="settings"', 1)[1]


def test_account_needs_sign_in(client):
    assert client.get("/account").headers["Location"] == "/login?next=/account"


def test_session_expiry_on_the_account_page_returns_after_sign_in(client, login, sandbox):
    login()
    control(sandbox, "clock", {"advance": 1300})
    response = client.get("/account")
    assert response.status_code == 303 and response.headers["Location"] == "/login?next=/account"
    again = login(next="/account")
    assert again.headers["Location"] == "/account"




def test_the_account_page_shows_todays_play(client, login):
    """Player care: deposits and bets since the start of the day (Kore's player_day)."""
    login()
    page = text_of(client.get("/account"))
    assert "Today's play" in page
    assert "2 deposits · $500.00" in page and "Bets $123.70" in page


def test_email_delivery_is_told_in_plain_sentences(client, login):
    login(email="chidi@demo.kore")
    page = text_of(client.get("/account"))
    assert "Our emails to you bounced; we try again after" in page or "we have stopped sending them" in page
    assert "Sent on" in page
