"""What each client method sends: paths, methods, headers, bodies, links followed by name."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from kore_testlib import Reply, load_example

from lobby.kore import (
    Address,
    Campaign,
    CaptchaToken,
    Game,
    Identification,
    KoreClient,
    Link,
    MissingLinkError,
    Outcome,
    PlayerInfo,
    PlayerTokenResponse,
    Token,
    TrackingContext,
    User,
    Welcome,
)
from lobby.kore.models import LinkCollection, PasswordReset, Summary, Tournament, TournamentNews

TOKEN = "CfDJ8-player-token"


def ascii_login(**changes) -> PlayerTokenResponse:
    """The documentation's login answer, with an ASCII token like Kore's (not "…")."""
    data = load_example("login_success")
    data["tokens"][0]["value"] = "CfDJ8KBChYue"
    data.update(changes)
    return PlayerTokenResponse.from_json(data)


def link(recorder, path, method="GET"):
    return Link(recorder.url + path, method)


# -- authentication -------------------------------------------------------------------


def test_brand_token_request(recorder, rec_client):
    recorder.script(Reply(200, load_example("brand_token")))
    tracking = TrackingContext(url="https://lobby.test/?mid=1", referrer="https://aff.test/")
    response = rec_client.brand_token(locale="fr-FR", tracking=tracking, client_ip="203.0.113.9")
    sent = recorder.last
    assert (sent.method, sent.path) == ("POST", "/v3/api/auth/brand_public_credentials/token")
    assert sent.body == {"brand_id": "KoreDemo", "locale": "fr-FR",
                         "tracking": {"url": "https://lobby.test/?mid=1", "referrer": "https://aff.test/"}}
    assert sent.headers["X-Kore-ReturnUrl"] == "https://lobby.test/"
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["X-Forwarded-For"] == "203.0.113.9"
    assert "Authorization" not in sent.headers
    assert response.bearer.value == "CfDJ8KBChYue…"


def test_login_request_and_outcome(recorder, rec_client):
    recorder.script(Reply(200, load_example("login_success")))
    response = rec_client.login(
        email="bob@example.com", password="correct horse", play_mode="Practice", locale="en-US",
        captcha=CaptchaToken("reCAPTCHAv2", "03AGdB"), device_id="W4TifY3XvBP2ZftnrKZo",
        return_url="https://other.test/back", client_ip="2001:db8::1",
    )
    sent = recorder.last
    assert sent.path == "/v3/api/auth/player_credentials/token"
    assert sent.body == {
        "brand_id": "KoreDemo", "locale": "en-US", "email": "bob@example.com", "password": "correct horse",
        "play_mode": "Practice", "captcha": {"type": "reCAPTCHAv2", "token": "03AGdB"},
        "device_id": "W4TifY3XvBP2ZftnrKZo",
    }
    assert sent.headers["X-Kore-ReturnUrl"] == "https://other.test/back"
    assert sent.headers["X-Forwarded-For"] == "2001:db8::1"
    assert response.outcome is Outcome.SUCCESS


def test_login_validates_play_mode_and_ip(rec_client):
    with pytest.raises(ValueError):
        rec_client.login(email="a@b.c", password="x" * 8, play_mode="real", locale="en-US")
    with pytest.raises(ValueError):
        rec_client.login(email="a@b.c", password="x" * 8, play_mode="Real", locale="en-US",
                         client_ip="1.2.3.4\r\nX-Evil: 1")


def test_missing_return_url_is_refused_before_calling(recorder):
    client = KoreClient(recorder.url, "KoreDemo")
    with pytest.raises(ValueError):
        client.brand_token(locale="en-US")
    assert recorder.requests == []
    client.close()


@pytest.mark.parametrize("token", [TOKEN, Token("Bearer", TOKEN, datetime(2030, 1, 1, tzinfo=timezone.utc))])
def test_mutate_sends_bearer(recorder, rec_client, token):
    recorder.script(Reply(200, load_example("mutate")))
    rec_client.mutate(token=token, play_mode="Real")
    assert recorder.last.path == "/v3/api/auth/player_credentials/token/mutate"
    assert recorder.last.headers["Authorization"] == f"Bearer {TOKEN}"
    assert recorder.last.body == {"play_mode": "Real"}


def test_token_forms(recorder, rec_client):
    recorder.script(Reply(200, load_example("mutate")))
    login = ascii_login()
    rec_client.mutate(token=login, locale="de-DE")
    assert recorder.last.headers["Authorization"] == "Bearer CfDJ8KBChYue"
    rec_client.mutate(token=login.bearer, locale="de-DE")
    assert recorder.last.headers["Authorization"] == "Bearer CfDJ8KBChYue"
    assert len(recorder.requests) == 2
    for bad in ("", "CfDJ8KBChYue…", "abc\r\nX-Injected: 1"):
        with pytest.raises(ValueError):
            rec_client.mutate(token=bad, locale="de-DE")
    assert len(recorder.requests) == 2
    with pytest.raises(ValueError):
        rec_client.mutate(token=TOKEN)  # neither play_mode nor locale
    with pytest.raises(ValueError):
        rec_client.get_users_links(token=None)


def test_logout_default_and_by_link(recorder, rec_client):
    recorder.script(Reply(200, b""))
    assert rec_client.logout(token=TOKEN) is None
    assert (recorder.last.method, recorder.last.path) == ("DELETE", "/v3/api/auth/player_credentials")
    # the migration example hands the logout link out as POST: DELETE is still sent
    rec_client.logout(token=TOKEN, link=link(recorder, "/elsewhere/logout", "POST"))
    assert (recorder.last.method, recorder.last.path) == ("DELETE", "/elsewhere/logout")


def test_activate_request(recorder, rec_client):
    recorder.script(Reply(200, load_example("activate")))
    rec_client.activate(code="43A71C94", play_mode="Real", locale="en-US", password="TopSecret!",
                        welcome=Welcome(1, ("WELCOME",)))
    sent = recorder.last
    assert sent.path == "/v3/api/auth/player_credentials/activate"
    assert sent.body == {"brand_id": "KoreDemo", "locale": "en-US", "code": "43A71C94", "play_mode": "Real",
                         "password": "TopSecret!", "welcome": {"page_id": 1, "bonus_codes": ["WELCOME"]}}
    assert "Authorization" not in sent.headers


def test_privileged_token(recorder, rec_client):
    recorder.script(Reply(200, load_example("privileged_token")))
    response = rec_client.privileged_token("restricted_activity_subscriber", "s3cret")
    assert recorder.last.path == "/v3/api/auth/restricted_activity_subscriber/token"
    assert recorder.last.body == {"brand_id": "KoreDemo", "locale": "en-US", "secret": "s3cret"}
    assert "X-Kore-ReturnUrl" not in recorder.last.headers
    assert response.grant_type == "restricted_activity_subscriber"
    with pytest.raises(ValueError):
        rec_client.privileged_token("player_credentials", "s3cret")


def test_captcha_status_and_signons(recorder, rec_client):
    recorder.script(Reply(200, load_example("captcha_recaptcha")))
    assert rec_client.captcha_status().required
    assert (recorder.last.method, recorder.last.path) == ("GET", "/v3/api/auth/player_credentials")
    assert "Authorization" not in recorder.last.headers

    recorder.script(Reply(200, load_example("signon_refresh")))
    signon = rec_client.refresh_offline_signon("CfDJ...CRI=")
    assert recorder.last.body == {"token": "CfDJ...CRI="}
    assert signon.auth.value == "CfDJ...CRI="

    recorder.script(Reply(200, load_example("signon")))
    moved = type(signon)(signon.grant_type, signon.tokens, signon.locale,
                         LinkCollection({"sign_on": link(recorder, "/v3/api/signons/OnBP")}))
    assert rec_client.get_signon(moved, token=signon.bearer).signon_id == "HDoXY_ad9hY49pvy0v7QlQ"
    assert recorder.last.path == "/v3/api/signons/OnBP"


def test_urls_that_are_not_requests(rec_client, recorder):
    assert rec_client.offline_signon_url("GenesysGroup") == (
        f"{recorder.url}/v3/pages/login/offline_signon?locale=en-US&mode=MobileApp&brandGroup=GenesysGroup"
    )
    assert rec_client.notifications_url("a+b/c=") == f"{recorder.url}/v3/api/notifications?access_token=a%2Bb%2Fc%3D"
    assert recorder.requests == []


# -- users ------------------------------------------------------------------------------


def test_get_user_follows_the_user_link(recorder, rec_client):
    login = ascii_login(_links={"user": {"href": recorder.url + "/v3/api/users/Opaque.Id.", "method": "GET"}})
    recorder.script(Reply(200, load_example("user")))
    user = rec_client.get_user(token=login, link=login)
    assert (recorder.last.method, recorder.last.path) == ("GET", "/v3/api/users/Opaque.Id.")
    assert recorder.last.headers["X-Kore-ReturnUrl"] == "https://lobby.test/"
    assert recorder.last.headers["Content-Type"] == "application/json"
    assert recorder.last.headers["Authorization"] == "Bearer CfDJ8KBChYue"
    assert user.balance.amount == 71820


def test_missing_link_is_reported(rec_client):
    with pytest.raises(MissingLinkError):
        rec_client.get_user(token=TOKEN, link=PlayerTokenResponse.from_json({"grant_type": "player_credentials"}))


def user_with_links(recorder) -> User:
    user = User.from_json(load_example("user"))
    names = ["statistics", "email_status", "tags", "custom", "verification", "verification_retry", "player_day"]
    # hrefs as Kore gives them (no method on these), moved to the recorder
    links = LinkCollection({n: Link(f"{recorder.url}/v3/api/users/U1/{n}?sig=abc") for n in names})
    return User(**{**user.__dict__, "links": links})


def test_user_sub_resources(recorder, rec_client):
    user = user_with_links(recorder)
    recorder.script(Reply(200, load_example("user_stats")))
    assert rec_client.get_stats(token=TOKEN, link=user).highest_win.payout.amount == 11750
    assert recorder.last.path == "/v3/api/users/U1/statistics?sig=abc"

    recorder.script(Reply(200, load_example("email_status")))
    assert rec_client.get_email_status(token=TOKEN, link=user).is_blocked

    recorder.script(Reply(200, load_example("tags")))
    tags = rec_client.get_tags(token=TOKEN, link=user, categories=["BrandGroup", "LoyaltyTier"])
    assert len(tags) == 6
    # the required query is added to the link as handed out, which keeps its own query
    assert recorder.last.path == "/v3/api/users/U1/tags?sig=abc&categories=BrandGroup%2CLoyaltyTier"
    with pytest.raises(ValueError):
        rec_client.get_tags(token=TOKEN, link=user, categories=[])

    recorder.script(Reply(200, load_example("custom")))
    assert rec_client.get_custom(token=TOKEN, link=user)[0]["sign_on_id"] == 4565

    recorder.script(Reply(200, load_example("player_day")))
    rec_client.get_player_day(token=TOKEN, link=user, date=date(2023, 1, 1))
    assert recorder.last.path.endswith("player_day?sig=abc&date=2023-01-01")
    with pytest.raises(ValueError):
        rec_client.get_player_day(token=TOKEN, link=user, date="01/01/2023")


def test_sms_verification_posts_even_when_the_link_has_no_method(recorder, rec_client):
    user = user_with_links(recorder)
    recorder.script(Reply(200, load_example("verification_with_auth")))
    result = rec_client.verify_sms(token=TOKEN, link=user, code=" 123456 ")
    assert recorder.last.method == "POST"
    assert recorder.last.body == {"mode": "mobile_phone", "code": "123456"}
    assert result.auth.outcome is Outcome.SUCCESS
    with pytest.raises(ValueError):
        rec_client.verify_sms(token=TOKEN, link=user, code="12345")

    recorder.script(Reply(200, load_example("verification_retry")))
    assert rec_client.resend_sms(token=TOKEN, link=user).mobile_phone == "AwaitingCode"
    assert (recorder.last.method, recorder.last.body) == ("POST", {"mode": "mobile_phone"})


def test_change_password_follows_put_or_patch(recorder, rec_client):
    recorder.script(Reply(200, load_example("password_change")))
    rec_client.change_password(token=TOKEN, link=link(recorder, "/pw", "PATCH"), password="NewPass-123")
    assert (recorder.last.method, recorder.last.body) == ("PATCH", {"password": "NewPass-123"})
    result = rec_client.change_password(token=TOKEN, link=link(recorder, "/pw"), password="NewPass-123")
    assert recorder.last.method == "PUT"
    assert result.auth.outcome is Outcome.SUCCESS
    with pytest.raises(ValueError):
        rec_client.change_password(token=TOKEN, link=link(recorder, "/pw"), password="short")


def test_amend_user_by_either_link_name(recorder, rec_client):
    auth = PlayerTokenResponse.from_json(load_example("login_missing_player_info"))
    moved = PlayerTokenResponse(**{**auth.__dict__, "links": LinkCollection(
        {"amend_user": link(recorder, "/v3/api/users/U1", "PATCH")})})
    recorder.script(Reply(200, load_example("amend_user")))
    address = Address("CA", first_line="372 River Oak Place", city="Waterloo", state_code="ON", zip_code="N2K 3N8")
    result = rec_client.amend_user(token=moved, link=moved, player_info=PlayerInfo(address=address))
    assert (recorder.last.method, recorder.last.path) == ("PATCH", "/v3/api/users/U1")
    assert recorder.last.body == {"player_info": {"address": {
        "country_code": "CA", "first_line": "372 River Oak Place", "city": "Waterloo",
        "zip_code": "N2K 3N8", "state_code": "ON"}}}
    assert result.outcome is Outcome.SUCCESS


def test_register_request_and_location(recorder, rec_client):
    recorder.script(Reply(201, load_example("registration_success"),
                          {"Location": recorder.url + "/v3/api/users/MzU3"}))
    info = PlayerInfo(nickname="Tuff Gong", firstname="Bob", birth_date=date(1945, 2, 6),
                      identification=Identification("ZA", "Id", "9007141234084"))
    result = rec_client.register(token="brand", email="bob@example.com", password="BatteryStapple",
                                 play_mode="Real", currency="USD", player_info=info, client_ip="198.51.100.7")
    sent = recorder.last
    assert (sent.method, sent.path) == ("POST", "/v3/api/users")
    assert sent.body == {
        "user_type": "player", "email": "bob@example.com", "password": "BatteryStapple", "play_mode": "Real",
        "currency": "USD", "player_info": {"nickname": "Tuff Gong", "firstname": "Bob", "birth_date": "1945-02-06",
                                           "identification": {"country": "ZA", "type": "Id", "number": "9007141234084"}},
    }
    assert "ip" not in sent.body  # removed in 3.29: X-Forwarded-For carries it
    assert sent.headers["X-Forwarded-For"] == "198.51.100.7"
    assert result.location == Link(recorder.url + "/v3/api/users/MzU3", "GET")
    assert result.outcome is Outcome.SUCCESS


@pytest.mark.parametrize(
    "changes",
    [
        {"password": "short"},
        {"password": "x" * 21},
        {"currency": None},
        {"player_info": None},
        {"affiliate_tag": "café"},
    ],
)
def test_register_validation(rec_client, recorder, changes):
    args = dict(token="brand", email="bob@example.com", password="BatteryStapple", play_mode="Real",
                currency="USD", player_info=PlayerInfo(nickname="bob"))
    args.update(changes)
    with pytest.raises(ValueError):
        rec_client.register(**args)
    assert recorder.requests == []


def test_register_fast_track_needs_no_currency(recorder, rec_client):
    recorder.script(Reply(201, load_example("registration_success")))
    rec_client.register(token="brand", email="bob@example.com", password="BatteryStapple", play_mode="Real",
                        fast_track_registration_code="ftr8F88577B61D2DE940269B4AB99E1B351")
    assert recorder.last.body["fast_track_registration_code"] == "ftr8F88577B61D2DE940269B4AB99E1B351"
    assert "currency" not in recorder.last.body


def test_email_check(recorder, rec_client):
    recorder.script(Reply(200, load_example("emailcheck_fast_track")))
    result = rec_client.email_check(token="brand", email="bob@example.com", mode="fast_track_registration")
    assert recorder.last.body == {"email": "bob@example.com", "mode": "fast_track_registration"}
    assert result.fast_track_registration is not None
    with pytest.raises(ValueError):
        rec_client.email_check(token="brand", email="bob@example.com", mode="campaign_list_check")


def test_password_reset_journey(recorder, rec_client):
    pending = load_example("password_reset_pending")
    pending["_links"] = {
        "enter_password_reset_code": {"href": recorder.url + "/v3/api/users/password_resets/7B", "method": "PATCH"},
        "resend_password_reset_code": {"href": recorder.url + "/v3/api/users/password_resets/7B/resend",
                                       "method": "POST"},
    }
    recorder.script(Reply(200, pending))
    reset = rec_client.create_password_reset(token="brand", email="email@gmail.com", birth_date="1989-05-21",
                                             captcha=CaptchaToken("turnstile", "0.spO"))
    assert recorder.last.path == "/v3/api/users/password_resets"
    assert recorder.last.body == {"captcha": {"type": "turnstile", "token": "0.spO"}, "birth_date": "1989-05-21",
                                  "email": "email@gmail.com"}
    with pytest.raises(ValueError):
        rec_client.create_password_reset(token="brand", email="a@b.c", mobile_phone="+1", birth_date="1989-05-21",
                                         captcha=CaptchaToken("turnstile", "t"))

    recorder.script(Reply(200, load_example("password_reset_recovered")))
    recovered = rec_client.enter_password_reset_code(token="brand", link=reset, code="465465", play_mode="Real")
    assert (recorder.last.method, recorder.last.path) == ("PATCH", "/v3/api/users/password_resets/7B")
    assert recovered.auth.outcome is Outcome.CHANGE_PASSWORD

    recorder.script(Reply(200, b""))
    assert rec_client.resend_password_reset_code(token="brand", link=reset) is None
    assert (recorder.last.method, recorder.last.path) == ("POST", "/v3/api/users/password_resets/7B/resend")
    assert isinstance(reset, PasswordReset)


# -- games ---------------------------------------------------------------------------------


def test_list_games_returns_a_list_of_games(recorder, rec_client):
    recorder.script(Reply(200, load_example("games")))
    games = rec_client.list_games(token="brand", platform="html")
    assert isinstance(games, list) and all(isinstance(g, Game) for g in games)
    assert recorder.last.path == "/v3/api/games?platform=html"
    rec_client.list_games(token="brand")
    assert recorder.last.path == "/v3/api/games"


def test_game_links(recorder, rec_client):
    game = Game.from_json({**load_example("game"), "_links": {
        "_self": {"href": recorder.url + "/v3/api/games/Html/X", "method": "GET"},
        "launch": {"href": recorder.url + "/v3/api/games/Html/X/launch", "method": "POST"},
        "launch_token": {"href": recorder.url + "/v3/api/games/Html/X/tokens", "method": "POST"},
    }})
    recorder.script(Reply(200, load_example("game")))
    assert rec_client.get_game(token="brand", link=game).medal.name == "Gold"
    assert recorder.last.path == "/v3/api/games/Html/X"

    recorder.script(Reply(200, load_example("game_launch")))
    launch = rec_client.launch_game(token="brand", link=game, section="live", path_suffix="CounterStrike/Europe/1")
    assert recorder.last.body == {"betconstruct": {"section": "live", "path_suffix": "CounterStrike/Europe/1"}}
    assert launch.play is not None
    for bad in ("/lead", "trail/", "q?x", "x" * 129):
        with pytest.raises(ValueError):
            rec_client.launch_game(token="brand", link=game, section="live", path_suffix=bad)
    with pytest.raises(ValueError):
        rec_client.launch_game(token="brand", link=game, section="later")

    recorder.script(Reply(200, load_example("launch_token")))
    rec_client.launch_token(token=TOKEN, link=game, device_category="mobile")
    assert recorder.last.path == "/v3/api/games/Html/X/tokens?deviceCategory=mobile"
    assert recorder.last.body == {"grant_type": "launch_game"}


# -- tournaments -----------------------------------------------------------------------------


def tournament(recorder) -> Tournament:
    data = load_example("tournaments")["tournaments"][0]
    data["_links"] = {
        "_self": {"href": recorder.url + "/v3/api/tournaments/567", "method": "GET"},
        "register": {"href": recorder.url + "/v3/api/tournaments/567/registration", "method": "POST"},
        "unregister": {"href": recorder.url + "/v3/api/tournaments/567/registration", "method": "DELETE"},
        "rebuy": {"href": recorder.url + "/v3/api/tournaments/567/rebuys", "method": "POST"},
    }
    return Tournament.from_json(data)


def test_tournament_operations(recorder, rec_client):
    t = tournament(recorder)
    recorder.script(Reply(200, load_example("tournament")))
    assert rec_client.get_tournament(token=TOKEN, link=t).detailed
    assert recorder.last.path == "/v3/api/tournaments/567"

    recorder.script(Reply(200, {"status": "Registered"}))
    assert rec_client.register_for_tournament(token=TOKEN, link=t, type="Bonus", bonus_code="FREEROLL").registered
    assert (recorder.last.method, recorder.last.body) == ("POST", {"type": "Bonus", "bonus_code": "FREEROLL"})
    with pytest.raises(ValueError):
        rec_client.register_for_tournament(token=TOKEN, link=t, type="Bonus")

    recorder.script(Reply(200, b""))
    assert rec_client.unregister_from_tournament(token=TOKEN, link=t) is None
    assert recorder.last.method == "DELETE"
    assert "Content-Type" not in recorder.last.headers  # not in its Required Headers

    recorder.script(Reply(200, load_example("rebuy")))
    assert rec_client.purchase_rebuy(token=TOKEN, link=t).use_count == 2
    assert recorder.last.body == {"type": "Cash"}


def test_tournament_news_polls_by_latest(recorder, rec_client):
    first = load_example("tournament_news")
    first["_links"]["latest"]["href"] = recorder.url + "/v3/api/tournaments/news?min_id=3"
    recorder.script(Reply(200, first))
    news = rec_client.tournament_news(token=TOKEN)
    assert recorder.last.path == "/v3/api/tournaments/news"
    assert isinstance(news, TournamentNews)
    rec_client.tournament_news(token=TOKEN, link=news)
    assert recorder.last.path == "/v3/api/tournaments/news?min_id=3"


def test_list_tournaments(recorder, rec_client):
    recorder.script(Reply(200, load_example("tournaments")))
    (t,) = rec_client.list_tournaments(token=TOKEN)
    assert t.name == "Test Tournament" and recorder.last.path == "/v3/api/tournaments"


# -- competitions, bonuses, brand data --------------------------------------------------------


def test_competitions(recorder, rec_client):
    recorder.script(Reply(200, load_example("competitions")))
    assert len(rec_client.list_competitions(token="brand", all=True)) == 2
    assert recorder.last.path == "/v3/api/competitions?all=true"
    recorder.script(Reply(200, load_example("leaderboard_player")))
    board = rec_client.competition_leaderboard(token=TOKEN, ids=[1, 2, 3, 4], limit=2)
    assert recorder.last.path == "/v3/api/competitions/1,2,3,4/leaderboard?limit=2"
    assert board.player.nickname == "Me"


@pytest.mark.parametrize("ids, limit", [([], None), ([0], None), ([1], 0), ([1], 501), (["1"], None)])
def test_leaderboard_validation(rec_client, ids, limit):
    with pytest.raises(ValueError):
        rec_client.competition_leaderboard(token=TOKEN, ids=ids, limit=limit)


def test_bonus_claims(recorder, rec_client):
    recorder.script(Reply(200, load_example("bonus_claim")))
    claim = rec_client.claim_bonus(token=TOKEN, bonus_code="BONUS_CODE", invite_code="ABC123")
    assert recorder.last.body == {"bonus_code": "BONUS_CODE", "invite_code": "ABC123"}
    assert claim.claim_status == "AwaitingDeposit"
    rec_client.claim_bonus(token=TOKEN, campaign=Campaign(1))
    assert recorder.last.body == {"campaign": {"campaign_id": 1, "type": "invite"}}
    recorder.script(Reply(200, load_example("bonus_filter")))
    assert rec_client.filter_bonus_codes(token=TOKEN, codes=["BONUS_CODE", "ANOTHER_BONUS_CODE"]) == ["BONUS_CODE"]


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"bonus_code": "ABCD"}, {"bonus_code": "A" * 31}, {"bonus_code": "ABCDE", "invite_code": "12345"},
     {"invite_code": "123456", "campaign": Campaign(1)}],
)
def test_bonus_claim_validation(rec_client, kwargs):
    with pytest.raises(ValueError):
        rec_client.claim_bonus(token=TOKEN, **kwargs)


def test_bonus_filter_validation(rec_client):
    with pytest.raises(ValueError):
        rec_client.filter_bonus_codes(token=TOKEN, codes=["ABCDE"] * 51)
    with pytest.raises(ValueError):
        rec_client.filter_bonus_codes(token=TOKEN, codes=["ABC"])


def test_brand_lists(recorder, rec_client):
    recorder.script(Reply(200, load_example("currencies")))
    assert [c.currency for c in rec_client.currencies(token="brand")][-1] == "INR"
    assert recorder.last.path == "/v3/api/currencies"
    recorder.script(Reply(200, load_example("progressives")))
    assert rec_client.progressive_games(token="brand")[0].game_slug == "some-fancy-game"
    recorder.script(Reply(200, load_example("chats_one")))
    assert rec_client.chats(token=TOKEN)[0].is_operator_initiated
    recorder.script(Reply(200, load_example("users_links")))
    assert "register" in rec_client.get_users_links(token="brand").links


# -- referrals, migrations ----------------------------------------------------------------------


def test_referrals(recorder, rec_client):
    recorder.script(Reply(200, load_example("referral")))
    assert rec_client.get_referral(token=TOKEN).referral.referral_code == "q8aaa"
    recorder.script(Reply(200, load_example("referral_code")))
    rec_client.get_referral_code(token="brand", code="q8aaa")
    assert recorder.last.path == "/v3/api/referrals/q8aaa"
    with pytest.raises(ValueError):
        rec_client.get_referral_code(token="brand", code="../users")
    recorder.script(Reply(200, load_example("referral_claim")))
    rec_client.claim_referral(token=TOKEN, claim_type="referee", referral_code="2qaaa")
    assert recorder.last.body == {"claim_type": "referee", "referral_code": "2qaaa"}
    rec_client.claim_referral(token=TOKEN, claim_type="referrrer")  # the doc's spelling
    assert recorder.last.body == {"claim_type": "referrer"}
    with pytest.raises(ValueError):
        rec_client.claim_referral(token=TOKEN, claim_type="referee")


def test_migrations(recorder, rec_client):
    migration_id = "52RAZ94y_XkYAuY4Vlm3lfJrpdIAPR_Q."
    recorder.script(Reply(200, load_example("migration_status")))
    assert rec_client.get_migration(token="brand", migration_id=migration_id).status == "Available"
    assert recorder.last.path == f"/v3/api/migrations/{migration_id}"
    recorder.script(Reply(200, load_example("migration_result")))
    done = rec_client.migrate(token="brand", migration_id=migration_id,
                              identification=Identification("ZA", "Id", "9007141234084"),
                              password="DontTellAnyone", play_mode="Real", device_id="W4TifY3XvBP2ZftnrKZo")
    assert recorder.last.body == {
        "player_info": {"identification": {"country": "ZA", "type": "Id", "number": "9007141234084"}},
        "play_mode": "Real", "password": "DontTellAnyone", "device_id": "W4TifY3XvBP2ZftnrKZo",
    }
    assert done.auth.outcome is Outcome.SUCCESS


# -- privileged -----------------------------------------------------------------------------------


def test_privileged_activity(recorder, rec_client):
    recorder.script(Reply(200, load_example("summaries")))
    (summary,) = rec_client.summaries(token="priv", date=date(2018, 12, 25))
    assert recorder.last.path == "/v3/api/users/summaries?date=2018-12-25"
    assert "X-Kore-ReturnUrl" not in recorder.last.headers
    assert isinstance(summary, Summary)

    recorder.script(Reply(200, load_example("privileged_user")))
    rec_client.get_player(token="priv", user_id="H0 NT/92")
    assert recorder.last.path == "/v3/api/users/H0%20NT%2F92"
    moved = Summary(**{**summary.__dict__, "links": LinkCollection({
        "user": link(recorder, "/v3/api/users/H0NT92"), "user_games": link(recorder, "/v3/api/users/H0NT92/games")})})
    profile = rec_client.get_player(token="priv", link=moved)
    assert recorder.last.path == "/v3/api/users/H0NT92"
    assert profile.nickname == "StevieC"

    with pytest.raises(ValueError):
        rec_client.get_player(token="priv")
    with pytest.raises(ValueError):
        rec_client.get_player(token="priv", user_id="H0NT92", link=moved)

    recorder.script(Reply(200, load_example("favorite_games")))
    assert len(rec_client.get_favorite_games(token="priv", link=moved)) == 2
    assert recorder.last.path == "/v3/api/users/H0NT92/games"

    recorder.script(Reply(200, load_example("registrations")))
    assert rec_client.registrations(token="priv", date="2017-12-25")[0].user_id == "H0NT92"
    assert recorder.last.path == "/v3/api/registrations?date=2017-12-25"

    recorder.script(Reply(200, load_example("tracking_info")))
    info = rec_client.tracking_info(token="priv", tracking_id="c82f55e6-3b94-454a-ba1c-7ad59f24afc8")
    assert recorder.last.path == "/v3/api/tracking/c82f55e6-3b94-454a-ba1c-7ad59f24afc8"
    assert info.tracking_token == "TrackMeNot"


@pytest.mark.parametrize("method, unknown", [("GET", False), ("POST", True)])
def test_a_json_body_that_is_not_an_object_is_not_kore(recorder, rec_client, method, unknown):
    from lobby.kore import KoreUnavailable

    recorder.script(Reply(200, ["not", "an", "object"]))
    with pytest.raises(KoreUnavailable) as caught:
        if method == "GET":
            rec_client.currencies(token="brand")
        else:
            rec_client.brand_token(locale="en-US")
    assert caught.value.outcome_unknown is unknown
