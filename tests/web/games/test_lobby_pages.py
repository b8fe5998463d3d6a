"""The lobby's pages as a player's browser gets them, with Kore played by the live sandbox."""

import re

import pytest

from tests.web.conftest import csrf_from


def tile_names(html: str) -> list[str]:
    return re.findall(r'<span class="tile-name"[^>]*>([^<]+)</span>', html)


def test_anonymous_visitor_sees_games_grouped_by_category(client):
    page = client.get("/")
    assert page.status_code == 200
    names = tile_names(page.text)
    assert len(names) >= 30
    for heading in ("Video slots", "Table games", "Video poker", "Classic slots"):
        assert f">{heading}</h2>" in page.text
    assert "Sign in" in page.text and "Sign out" not in page.text


def test_game_names_from_kore_are_escaped(client):
    page = client.get("/")
    # A name like "Rock & Roll Reels" arrives as text, never as markup.
    assert "&amp;" in page.text
    assert "<script" not in page.text.split("</head>", 1)[1].replace('<script src="/vendor', "")


def catalogue_names(html: str) -> list[str]:
    """The tiles of the category sections (the rows above them pick some games again)."""
    return tile_names(html[html.index('class="game-section"'):])


def test_one_tile_per_game_on_each_device(client):
    desktop = catalogue_names(client.get("/", headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64)"}).text)
    phone = catalogue_names(client.get("/", headers={"User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile"}).text)
    assert len(desktop) == len(set(desktop))
    assert len(phone) == len(set(phone))


def test_login_shows_the_balance_in_the_players_currency(client, login):
    response = login()
    assert response.status_code == 303 and response.headers["Location"] == "/"
    page = client.get("/")
    text = " ".join(page.text.split())
    assert "$1,300.00" in text  # cash 1,250.00 + bonus 50.00, USD, en-US
    assert "Sign out" in text and "Playing for real money" in text


def test_practice_login_shows_practice_credits(client, login):
    login(play_mode="Practice")
    text = " ".join(client.get("/").text.split())
    assert "credits" in text and "Practice" in text
    assert "$1,300.00" not in text


def test_wrong_password_says_so_and_keeps_the_email_not_the_password(client, login):
    response = login(password="not-the-password")
    assert response.status_code == 401
    assert "do not match an account" in response.text
    assert 'value="alice@demo.kore"' in response.text
    assert "not-the-password" not in response.text


@pytest.mark.parametrize(
    "form, message",
    [
        ({"email": "", "password": "x"}, "Enter the email you registered with."),
        ({"email": "not-an-email", "password": "x"}, "does not look like an email address"),
        ({"email": "alice@demo.kore", "password": ""}, "Enter your password."),
    ],
)
def test_login_form_validates_before_calling_kore(client, form, message):
    token = csrf_from(client.get("/login").text)
    response = client.post("/login", data={**form, "play_mode": "Real", "csrf_token": token})
    assert response.status_code == 400
    assert message in response.text


def test_login_returns_to_the_page_the_player_came_from(client, login):
    response = login(next="/play/some-game")
    assert response.headers["Location"] == "/play/some-game"


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "/%2Fevil.example"])
def test_login_never_redirects_off_site(client, login, target):
    response = login(next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_logout_ends_the_kore_session_too(client, login, sandbox):
    login()
    player_blob = client.get_cookie("lobby_session").value
    page = client.get("/")
    response = client.post("/logout", data={"csrf_token": csrf_from(page.text)})
    assert response.status_code == 303
    text = client.get("/").text
    assert "Sign in" in text and "Sign out" not in text
    assert player_blob  # the session existed before


def decode_session_cookie(value: str) -> dict:
    """What anyone holding the cookie can read of it (it is signed, not secret)."""
    import base64
    import json
    import zlib

    compressed = value.startswith(".")
    payload = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return json.loads(zlib.decompress(raw) if compressed else raw)


def test_the_bearer_token_is_nowhere_in_html_or_readable_in_the_cookie(client, login, sandbox):
    login()
    page = client.get("/")
    cookie = client.get_cookie("lobby_session")
    assert cookie.http_only and cookie.same_site == "Lax"
    readable = str(decode_session_cookie(cookie.value))
    tokens = [t.value for t in sandbox.backend.tokens.values() if t.grant_type == "player_credentials"]
    assert tokens, "the sandbox issued alice a token"
    for token in tokens:
        assert token not in page.text
        assert token not in readable
    assert "alice@demo.kore" not in readable


def test_state_changes_need_a_csrf_token(client, login):
    login()
    response = client.post("/logout")
    assert response.status_code == 400
    assert "Sign out" in client.get("/").text


def test_security_headers_on_every_page(client):
    for path in ("/", "/login", "/no-such-page"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "script-src 'self' 'nonce-" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"]


def test_not_found_page_is_friendly(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "There is no page at this address." in response.text
    assert "Traceback" not in response.text


def test_htmx_is_served_from_npm_packages(client):
    page = client.get("/").text
    src = re.search(r'<script src="(/vendor/htmx\.min\.js\?v=[^"]+)"', page).group(1)
    with client.get(src) as response:
        assert response.status_code == 200 and b"htmx" in response.data
        assert "max-age=31536000" in response.headers["Cache-Control"]
    assert client.get("/vendor/../../package.json").status_code == 404


def test_pages_with_a_balance_are_never_cached(client, login):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    login()
    for path in ("/", "/play/midnight-racer-video-slot"):
        assert client.get(path).headers["Cache-Control"] == "no-store"


def test_logout_clears_what_the_browser_kept(client, login):
    login()
    response = client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert response.headers["Cache-Control"] == "no-store"


def test_cross_site_state_changes_are_refused_even_with_a_token(client, login):
    login()
    token = csrf_from(client.get("/").text)
    response = client.post("/logout", data={"csrf_token": token}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert "Sign out" in client.get("/").text


def test_a_new_session_cookie_at_sign_in(client, login):
    client.get("/login")
    before = client.get_cookie("lobby_session").value
    login()
    after = client.get_cookie("lobby_session").value
    assert after != before
    assert "csrf_token" not in decode_session_cookie(after) or decode_session_cookie(after).get("csrf_token") != decode_session_cookie(before).get("csrf_token")


def test_a_forged_host_never_reaches_other_players_game_links(client, sandbox):
    """The public game list is cached; the return URL Kore writes into its play links
    must not be chosen by whichever request filled the cache."""
    client.get("/play/sportsbook", headers={"Host": "evil.example"})
    page = client.get("/play/sportsbook")
    frame = re.search(r'<iframe[^>]*src="([^"]+)"', page.text).group(1)
    assert "evil.example" not in frame and "returnurl=http%3A%2F%2Flocalhost%2Freturn" in frame


def test_public_url_decides_the_return_url_and_the_host(sandbox):
    from lobby import create_app
    from lobby.config import Config

    app = create_app(Config(kore_api_url=sandbox.url, secret_key="p" * 40, env="development",
                            public_url="https://casino.example.com"))
    client = app.test_client()
    page = client.get("/play/sportsbook", base_url="https://casino.example.com")
    assert 'data-return-url="https://casino.example.com/return"' in page.text
    assert "returnurl=https%3A%2F%2Fcasino.example.com%2Freturn" in page.text
    assert client.get("/", base_url="https://evil.example").status_code == 400


def test_static_files_do_not_vary_by_cookie(client, login):
    login()
    for path in ("/static/css/lobby.css",):
        with client.get(path) as response:
            assert "Cookie" not in response.headers.get("Vary", "")
            assert "no-store" not in response.headers.get("Cache-Control", "")
