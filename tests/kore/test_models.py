"""Every example response of the documentation, parsed into the typed models."""

from __future__ import annotations

import ast
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from kore_testlib import EXAMPLES, load_example

from lobby.kore import models as m
from lobby.kore.errors import ErrorCode


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


# -- every example file is used by a test below (the last test checks) ------------------

def ex(name: str):
    return load_example(name)


# -- primitives -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020-07-12T08:08:41Z", utc(2020, 7, 12, 8, 8, 41)),
        ("2024-08-28T23:06:46", utc(2024, 8, 28, 23, 6, 46)),  # naive: read as UTC
        ("2022-02-15T12:49:45.603Z", utc(2022, 2, 15, 12, 49, 45, 603000)),
        ("2018-12-31T15:48:47.757", utc(2018, 12, 31, 15, 48, 47, 757000)),
        ("2022-02-15T12:49:45.6030000Z", utc(2022, 2, 15, 12, 49, 45, 603000)),  # .NET 7 digits
        ("2020-07-12T10:08:41+02:00", utc(2020, 7, 12, 8, 8, 41)),
        ("9999-12-31T23:59:59Z", utc(9999, 12, 31, 23, 59, 59)),
    ],
)
def test_parse_datetime_gives_aware_utc(text, expected):
    parsed = m.parse_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is not None and parsed.utcoffset().total_seconds() == 0


def test_parse_datetime_absent_and_invalid():
    assert m.parse_datetime(None) is None
    assert m.parse_datetime("") is None
    with pytest.raises(ValueError):
        m.parse_datetime("yesterday")


def test_money_examples():
    practice = m.Money.from_json(ex("money_practice"))
    assert practice == m.Money("XXX", 81900, 2)
    assert practice.decimal == Decimal("819.00")
    assert m.Money.from_json(ex("money_mbtc")).decimal == Decimal("0.12300000")
    satoshi = m.Money.from_json(ex("money_satoshi"))
    assert satoshi.decimal == Decimal("0.00000001")
    assert isinstance(satoshi.amount, int)


def test_money_has_no_arithmetic_and_refuses_fractions():
    with pytest.raises(TypeError):
        m.Money("USD", 1, 2) + m.Money("USD", 1, 2)  # noqa: B018
    with pytest.raises(ValueError):
        m.Money.from_json({"currency": "USD", "amount": Decimal("1.5"), "exponent": 2})


def test_decimal_money_keeps_every_digit():
    small = m.DecimalMoney.from_json(ex("decimal_money"))
    assert small.currency == "USD"
    assert small.decimal_amount == Decimal("0.000001")
    assert isinstance(small.decimal_amount, Decimal)
    # decoded by someone without parse_float=Decimal: still the JSON's digits
    assert m.DecimalMoney.from_json({"currency": "USD", "decimal_amount": 0.1}).decimal_amount == Decimal("0.1")


def test_currencies_example():
    currencies = [m.Currency.from_json(c) for c in ex("currencies")["currencies"]]
    assert [c.currency for c in currencies] == ["EUR", "USD", "BTC", "XBT", "INR"]
    xbt = currencies[3]
    assert (xbt.symbol, xbt.iso_exponent, xbt.display_exponent, xbt.display_decimals) == ("mɃ", 8, 3, 3)
    assert currencies[4].display_decimals == 0


def test_tokens_and_repr_hides_value():
    tokens = [m.Token.from_json(t) for t in ex("tokens")["tokens"]]
    assert [t.type for t in tokens] == ["Bearer", "Auth"]
    assert tokens[0].expiration == utc(2020, 7, 12, 8, 8, 41)
    assert tokens[0].value == "CfDJ8KBChYue…"
    for token in tokens:
        assert token.value not in repr(token)
        assert token.value not in str(token)
        assert "hidden" in repr(token)
    # nor inside the repr of a response that holds it
    response = m.PlayerTokenResponse.from_json(ex("login_success"))
    assert "CfDJ8KBChYue" not in repr(response)


def test_token_expiry():
    token = m.Token("Bearer", "x", utc(2020, 7, 12, 8, 8, 41))
    assert not token.expired(utc(2020, 7, 12, 8, 8, 40))
    assert token.expired(utc(2020, 7, 12, 8, 8, 41))
    assert token.expired()  # long past
    assert not m.Token("Bearer", "x", utc(9999, 1, 1)).expired()


def test_captcha_token_repr_hides_token():
    captcha = m.CaptchaToken("reCAPTCHAv2", "03AGdB-secret")
    assert "03AGdB-secret" not in repr(captcha)
    assert captcha.to_json() == {"type": "reCAPTCHAv2", "token": "03AGdB-secret"}


def test_links_example():
    data = ex("link_collections")
    links = m.LinkCollection.from_json(data["_links"])
    actions = m.LinkCollection.from_json(data["_actions"])
    assert set(links) == {"query_me", "other_query_me"}
    assert "query_me" in links and "nope" not in links
    assert links["query_me"] == m.Link("http://www.example.com/v3/api/some-resource", "GET")
    assert links.get("nope") is None
    assert len(actions) == 2
    assert actions.require("missing", "follow_me").href == "http://www.example.com/webpage.html"
    with pytest.raises(m.MissingLinkError):
        actions.require("missing")
    with pytest.raises(TypeError):
        links["x"] = m.Link("y")  # type: ignore[index]


def test_link_collection_skips_what_is_not_a_link():
    # The documentation's Game Info example nests _links inside _actions.
    actions = m.LinkCollection.from_json(
        {"play": {"href": "http://p"}, "_links": {"_self": {"href": "http://s"}}, "junk": 3}
    )
    assert list(actions) == ["play"]
    assert m.LinkCollection.from_json(None) == {}


def test_tracking_context_omits_empty_fields():
    assert m.TrackingContext(tracking_id="6637ebbb").to_json() == {"tracking_id": "6637ebbb"}
    context = m.TrackingContext(url="https://www.example.com?cid=9V147K&mid=22JC0492", referrer="https://r", user_agent="")
    assert context.to_json() == {"url": "https://www.example.com?cid=9V147K&mid=22JC0492", "referrer": "https://r"}
    assert not m.TrackingContext()


# -- authentication ----------------------------------------------------------------------


def test_privileged_token():
    response = m.BrandTokenResponse.from_json(ex("privileged_token"))
    assert response.grant_type == "restricted_activity_subscriber"
    assert response.bearer.value == "CfDJ8KBChYue…"


def test_brand_token():
    response = m.BrandTokenResponse.from_json(ex("brand_token"))
    assert response.grant_type == "brand_public_credentials"
    assert response.locale == "en-US"
    assert response.tracking_id == "6507763a-70aa-45ec-a523-162c0325d043"
    assert response.bearer.expiration == utc(2020, 7, 12, 8, 8, 41)
    assert response.errors == ()


@pytest.mark.parametrize(
    "name, outcome, grant_type, links",
    [
        ("login_success", m.Outcome.SUCCESS, "player_credentials", {"user", "logout"}),
        ("mutate", m.Outcome.SUCCESS, "player_credentials", {"user", "logout"}),
        ("activate", m.Outcome.SUCCESS, "player_credentials", {"user", "logout"}),
        ("login_sms_verification", m.Outcome.SMS_VERIFICATION, "player_verification_credentials",
         {"verification", "verification_retry"}),
        ("login_missing_player_info", m.Outcome.EXTRA_PLAYER_INFO, "extra_player_info", {"amend_user"}),
        ("login_follow_activation", m.Outcome.ACTIVATION, None, set()),
        ("login_migration", m.Outcome.MIGRATION, None, set()),
    ],
)
def test_player_token_outcomes(name, outcome, grant_type, links):
    response = m.PlayerTokenResponse.from_json(ex(name))
    assert response.outcome is outcome
    assert response.grant_type == grant_type
    assert set(response.links) == links


def test_outcome_table_rows_without_examples():
    assert m.PlayerTokenResponse.from_json({"_actions": {"follow": {"href": "http://x"}}}).outcome is m.Outcome.FOLLOW
    change = m.PlayerTokenResponse.from_json(ex("password_reset_recovered")["auth"])
    assert change.outcome is m.Outcome.CHANGE_PASSWORD
    assert change.links["change_password"].method == "PATCH"
    assert m.PlayerTokenResponse.from_json({"grant_type": "something_new"}).outcome is m.Outcome.UNKNOWN
    assert m.PlayerTokenResponse.from_json({}).outcome is m.Outcome.UNKNOWN


def test_login_success_details():
    response = m.PlayerTokenResponse.from_json(ex("login_success"))
    assert response.bearer.value == "CfDJ8KBChYue…"
    assert response.links["logout"] == m.Link("http://www.example.com/v3/api/auth/player_credentials", "DELETE")
    assert response.locale == "en-US"


def test_sms_verification_details():
    response = m.PlayerTokenResponse.from_json(ex("login_sms_verification"))
    assert response.registration_status == "HardSmsVerificationRequired"
    assert response.email == "bob@example.com"
    assert response.tracking_id == "37e22704-39c5-4662-a4a6-48c0f15a3437"
    assert response.links["verification"].method == "POST"
    assert response.bearer.expiration == utc(2024, 3, 7, 9, 37, 11)


def test_missing_player_info_details():
    response = m.PlayerTokenResponse.from_json(ex("login_missing_player_info"))
    assert response.missing_player_info == ("Address",)
    assert response.links["amend_user"].method == "PATCH"


def test_follow_activation_details():
    response = m.PlayerTokenResponse.from_json(ex("login_follow_activation"))
    assert response.follow == m.Link("http://www.example.com/go-there", "GET")
    assert response.bearer is None
    activation = response.activation
    assert activation.code == "8F88577B61D2DE940269B4AB99E1B351"
    assert activation.expiration == utc(2022, 10, 10, 20, 34, 10)
    assert activation.brands == ("MyCasino", "MyOtherCasino")
    assert activation.password_required is False
    assert activation.reset_password.href == "https://www.casino.com/forgotten_password?email=bob@example.com"


def test_activation_object():
    activation = m.Activation.from_json(ex("activation")["activation"])
    assert activation.password_required is True
    assert activation.reset_password.method == "GET"


def test_migration_details():
    migration = m.PlayerTokenResponse.from_json(ex("login_migration")).migration
    assert migration.target_brand == "SomeCasino"
    assert migration.expiration == utc(2024, 11, 22, 11, 3, 3)
    assert migration.migration_id.startswith("52RAZ94yYpiGeSS3RAcpS3xeBE15mzB6U1dKE9Z_")


@pytest.mark.parametrize("name", ["signon_callback", "signon_refresh"])
def test_signon_response(name):
    response = m.SignonResponse.from_json(ex(name))
    assert response.grant_type == "offline_signon"
    assert response.bearer.value == "CfDJ8A...rGLq89Y="
    assert response.auth.value == "CfDJ...CRI="
    assert response.auth.expiration == utc(2020, 12, 15, 9, 18, 26)
    # the examples name the link sign_on, the table signon
    assert response.signon.href == "https://example.com/v3/api/signons/OnBPcrCv0uXrrpFUxbMtMQ"
    assert m.SignonResponse.from_json({"_links": {"signon": {"href": "http://s"}}}).signon.href == "http://s"


def test_captcha_status_both_spellings():
    assert m.CaptchaStatus.from_json(ex("captcha_none")) == m.CaptchaStatus("none", None)
    assert not m.CaptchaStatus.from_json(ex("captcha_none")).required
    required = m.CaptchaStatus.from_json(ex("captcha_recaptcha"))
    assert required.required and required.site_key == "6Lf8F68ZAAAAAGzA7ofqztYeMAI5zvx3OnqrMJro"
    table_spelling = m.CaptchaStatus.from_json({"captcha": {"type": "reCAPTCHAv2", "site_key": "k"}})
    assert table_spelling == m.CaptchaStatus("reCAPTCHAv2", "k")


# -- users --------------------------------------------------------------------------------


def test_users_links():
    links = m.UsersLinks.from_json(ex("users_links"))
    assert set(links.actions) == {"register", "reset_password", "help_chat"}
    assert links.links["register"] == m.Link("https://example.com/v3/api/users", "POST")


def test_registration_with_non_fatal_error():
    response = m.RegistrationResponse.from_json(ex("nonfatal_registration"))
    assert response.registration_status == "Success"
    (error,) = response.errors
    assert error.code is ErrorCode.INVALID_REQUEST
    assert error.properties == ("device_id",)
    assert error.uuid == "7980f224-605b-4a24-b22b-051318b5add1"
    assert response.auth.outcome is m.Outcome.SUCCESS
    assert response.outcome is m.Outcome.SUCCESS
    assert response.auth.links["user"].href.endswith("YnNNOUFmN3Zlc3A5cFY9Y280dUFKc01PMjNjMkp3PT0.")


@pytest.mark.parametrize(
    "name, status, outcome",
    [
        ("registration_success", "Success", m.Outcome.SUCCESS),
        ("registration_sms", "MobilePhoneVerificationRequired", m.Outcome.SMS_VERIFICATION),
        ("registration_missing_info", "MissingPlayerInfo", m.Outcome.EXTRA_PLAYER_INFO),
        ("registration_follow", None, m.Outcome.ACTIVATION),
        ("amend_user", None, m.Outcome.SUCCESS),
        ("amend_user_success", "Success", m.Outcome.SUCCESS),
    ],
)
def test_registration_responses(name, status, outcome):
    response = m.RegistrationResponse.from_json(ex(name))
    assert response.registration_status == status
    assert response.outcome is outcome


def test_registration_follow_details():
    response = m.RegistrationResponse.from_json(ex("registration_follow"))
    assert response.auth is None
    assert response.actions["follow"].href.startswith("https://webapps.example.com/public/UserActivation.aspx")
    assert response.activation.brands == ("GrandEagle", "MandarinPalace", "TreasureMile")


def test_email_check_examples():
    offers = m.EmailCheckResponse.from_json(ex("emailcheck_offers"))
    assert offers.status == "not_available" and not offers.available
    assert offers.available_offers == (m.Offer("75free"),)
    assert offers.claimed_offers == (m.ClaimedOffer("50free", utc(2022, 10, 10, 20, 34, 10)),)
    activate = m.EmailCheckResponse.from_json(ex("emailcheck_activate"))
    assert activate.status == "activate" and activate.activation.password_required
    fast = m.EmailCheckResponse.from_json(ex("emailcheck_fast_track"))
    assert fast.available
    assert fast.fast_track_registration == m.FastTrackRegistration(
        "ftr8F88577B61D2DE940269B4AB99E1B351", utc(2022, 10, 10, 20, 34, 10)
    )


def test_user():
    user = m.User.from_json(ex("user"))
    assert user.balance == m.Money("XXX", 71820, 2)
    assert user.cash_balance is None and user.bonus_balance is None
    assert (user.email, user.firstname, user.lastname) == ("bob@bob.com", "Bob", "The Builder")
    assert user.user_token == "cUrZ7y94jP78S1RR9CeFNgp9zAce5A=="
    assert (user.nickname, user.locale, user.play_mode) == ("Bob The Builder", "en-US", "Practice")
    assert user.birth_date == date(1984, 1, 1)
    assert user.registration_date == utc(2014, 1, 9, 12, 16, 17)
    assert user.profile == "Unverified" and user.has_deposited is True
    assert user.verification_status == m.VerificationStatus("Unverified", "Verified")
    assert user.claimed_offers == (m.ClaimedOffer("75free", utc(2022, 10, 18, 8, 56)),)
    assert set(user.actions) >= {"account_details", "cashier_deposit", "cashier_withdrawal"}
    assert set(user.links) == {
        "statistics", "email_status", "tags", "custom", "verification", "verification_retry", "player_day",
    }
    assert user.loyalty is None


def test_user_actions_in_real_mode():
    actions = m.LinkCollection.from_json(ex("user_actions_real")["_actions"])
    assert {"cashier_withdrawal_reverse", "cashier_bonus", "cashier_loyalty", "cashier_statement",
            "cashier_transfer", "help_chat"} <= set(actions)


def test_loyalty_objects():
    loyalty = m.Loyalty.from_json(ex("loyalty")["loyalty"])
    assert loyalty == m.Loyalty("FunkyFortunesTopaz", 0, "Topaz")
    extended = m.Loyalty.from_json(ex("loyalty_extended")["loyalty"])
    assert (extended.tier_level, extended.next_tier_level, extended.next_tier_points) == (1, 2, 100)
    assert extended.next_tier_name == "Newbie"


def test_verification_status_object():
    status = m.VerificationStatus.from_json(ex("verification_status")["verification_status"])
    assert status == m.VerificationStatus("Unverified", "NotApplicable")


def test_user_stats():
    stats = m.UserStats.from_json(ex("user_stats"))
    assert stats.highest_win.payout == m.Money("USD", 11750, 2)
    assert stats.highest_win.game.slug == "spartians-video-slot"
    assert stats.highest_win.game.links["_self"].href.endswith("/SpartiansVideoSlot")
    first, second = stats.tournaments
    assert first.win_amount == m.Money("USD", 15000, 2) and first.rank == 1
    assert second.win_amount is None
    assert stats.competitions[0].end_date == utc(2019, 3, 26, 16, 15)
    assert m.TournamentStats.from_json(ex("tournament_stats")).name == "Fun Tournament 2"
    assert m.CompetitionStats.from_json(ex("competition_stats")).rank == 1


def test_email_status():
    status = m.EmailStatus.from_json(ex("email_status"))
    assert status.is_blocked and status.is_casino_subscribed and not status.is_group_subscribed
    assert status.blocked_until == utc(2019, 2, 20, 16, 55, 12)
    assert status.last_tracked == utc(2019, 2, 15, 12, 45, 42)
    assert not status.permanently_blocked
    forever = m.EmailStatus.from_json({"email_status": {"is_blocked": True, "blocked_until": "9999-12-31T00:00:00Z"}})
    assert forever.permanently_blocked


def test_tags():
    tags = [m.Tag.from_json(t) for t in ex("tags")["tags"]]
    assert len(tags) == 6
    assert tags[0] == m.Tag("BrandGroup_Thrills", "BrandGroup")
    assert {t.category for t in tags} <= set(m.TAG_CATEGORIES)


def test_custom_rows_are_kept_as_json():
    (row,) = ex("custom")["result"]
    assert row == {"sign_on_id": 4565, "nickname": "bob", "updated_date": "2018-12-31T15:48:47.757", "is_locked": False}


def test_player_day():
    day = m.PlayerDay.from_json(ex("player_day"))
    assert day.cash_bet_total_usd == m.DecimalMoney("USD", Decimal("123.700000000"))
    assert day.deposit_count == 1
    assert day.deposit_total_usd.decimal_amount == Decimal("500")


def test_password_change():
    change = m.PasswordChange.from_json(ex("password_change"))
    assert change.auth.outcome is m.Outcome.SUCCESS
    assert change.auth.email == "bob@example.com"


def test_verification_results():
    plain = m.VerificationResult.from_json(ex("verification_player"))
    assert plain.mobile_phone == "Verified" and plain.auth is None
    assert plain.last_sms_send_date == utc(2023, 5, 5, 11, 18, 17)
    with_auth = m.VerificationResult.from_json(ex("verification_with_auth"))
    assert with_auth.auth.outcome is m.Outcome.SUCCESS
    assert m.VerificationResult.from_json(ex("verification_retry")).mobile_phone == "AwaitingCode"


def test_password_resets():
    pending = m.PasswordReset.from_json(ex("password_reset_pending"))
    assert pending.status == "Pending"
    assert pending.expiration == utc(2024, 8, 28, 23, 6, 46)  # naive in the doc
    assert (pending.remaining_resend_count, pending.remaining_attempt_count) == (3, 3)
    assert pending.links["enter_password_reset_code"].method == "PATCH"
    assert pending.links["resend_password_reset_code"].method == "POST"
    assert pending.auth is None
    recovered = m.PasswordReset.from_json(ex("password_reset_recovered"))
    assert recovered.status == "Recovered"
    assert recovered.auth.bearer is not None


# -- games ---------------------------------------------------------------------------------


def test_games_list():
    games = [m.Game.from_json(g) for g in ex("games")["games"]]
    assert [g.slug for g in games] == ["midnight-racer-video-slot", "zodiac-video-slot"]
    racer = games[0]
    assert racer.provider == "saucify" and racer.category == "videoslot" and racer.platform == "html"
    assert racer.attributes == {"lines": "30", "free_spins": "true"}
    assert racer.play.href.startswith("http://example.com/play/html/MidnightRacerVideoSlot")
    assert racer.links["_self"].method == "GET"
    assert racer.device_category is None and racer.responsive
    assert racer.medal is None and racer.free_games_set == ()


def test_game_full():
    game = m.Game.from_json(ex("game"))
    assert game.medal == m.Medal("Gold", 3, utc(2019, 3, 6, 12, 16, 17))
    assert game.device_category == "mobile" and not game.responsive
    assert game.play.method == "GET"
    assert m.Medal.from_json(ex("medal")["medal"]).level == 3


def test_game_info_example_fixed():
    game = m.Game.from_json(ex("game_info"))
    assert game.links["_self"].href == "http://example.com/v3/api/games/Html/MidnightRaceVideoSlot"
    assert list(game.actions) == ["play"]


def test_free_game_sets():
    (pending,) = [m.FreeGameSet.from_json(s) for s in ex("free_games_pending")["free_games_set"]]
    assert pending.status == "pending" and pending.available_rounds == 10
    (active,) = [m.FreeGameSet.from_json(s) for s in ex("free_games_active")["free_games_set"]]
    assert active.updated_date == utc(2022, 11, 23, 8, 49, 15)


def test_launch_token_and_game_launch():
    launch = m.LaunchToken.from_json(ex("launch_token"))
    assert launch.grant_type == "launch_game" and launch.token.type == "Launch"
    assert launch.token.value not in repr(launch)
    play = m.GameLaunch.from_json(ex("game_launch")).play
    assert play.href.startswith("http://example.com/v3/play/unauthenticated/betconstruct")


def test_progressives():
    (game,) = [m.ProgressiveGame.from_json(g) for g in ex("progressives")["games"]]
    assert game.game_slug == "some-fancy-game"
    assert game.currencies[:2] == ("EUR", "USD")
    assert game.jackpots[0].current == 2307170
    multi = m.ProgressiveGame.from_json(ex("progressive_game"))
    assert [j.id for j in multi.jackpots] == ["FancyGameMegaJackpot", "FancyGameMajorJackpot", "FancyGameMinorJackpot"]


def test_jackpot_money_and_estimate():
    jackpot = m.Jackpot.from_json(ex("jackpot"))
    assert jackpot.timestamp == utc(2022, 4, 27, 12, 5, 1)
    usd = m.Currency("USD", "$", 2, 0, 2)
    assert jackpot.money(usd) == m.Money("USD", 1244903, 2)
    # +1 every 3 seconds
    assert jackpot.estimate(utc(2022, 4, 27, 12, 5, 1)) == 1244903
    assert jackpot.estimate(utc(2022, 4, 27, 12, 5, 10)) == 1244906
    assert jackpot.estimate(utc(2022, 4, 27, 12, 0, 0)) == 1244903  # never backwards


def test_favorite_games():
    games = [m.FavoriteGame.from_json(g) for g in ex("favorite_games")["favorite_games"]]
    assert games == [m.FavoriteGame("saucify", "Midnight Racer", "videoslots"),
                     m.FavoriteGame("saucify", "7 Chakras", "videoslots")]


# -- tournaments -------------------------------------------------------------------------


def test_tournament_news():
    news = m.TournamentNews.from_json(ex("tournament_news"))
    assert news.news[0].text.startswith("Example Player has won 100.00 credits")
    assert news.latest.href == "http://example.com/v3/api/tournaments/news?min_id=3"


def test_tournament_list_common_properties():
    (t,) = [m.Tournament.from_json(x) for x in ex("tournaments")["tournaments"]]
    assert (t.name, t.type, t.game_category, t.status) == ("Test Tournament", "SitAndGo", "tablegames", "Finished")
    assert t.status_change_date == utc(2013, 5, 3, 12, 36, 25)
    assert t.registration == m.TournamentRegistration("None") and not t.registration.registered
    cash, bonus = t.registration_options
    assert cash.fee == m.Money("USD", 10000, 2)
    assert cash.buy_in == m.Money("USD", 10000, 2)  # spelled "buyin" here
    assert bonus.type == "Bonus" and bonus.fee is None
    assert t.player_counts == m.PlayerCounts(1, 2, 2)
    assert t.prize_pool.type == "TotalPrizePool" and t.prize_pool.current.amount == 2000000
    assert t.rebuys.max_use_count == 5 and t.rebuys.purchase_options[0].cost == m.Money("USD", 5000, 2)
    assert t.links["unregister"].method == "DELETE"
    assert not t.detailed


def test_tournament_detailed_properties():
    t = m.Tournament.from_json(ex("tournament"))
    assert t.detailed
    assert t.description == "Decription of a Test Tournament"
    assert t.credits == m.Money("XTC", 10000, 2)
    (game,) = t.games
    assert game.attributes == {"picks": "10", "multiplier": "9"}
    assert game.actions["play_tournament"].href == "https://www.example.com/en-US/play/tournamentHtml/TestGame"
    assert t.prizes == (m.Prize(1, m.Money("USD", 1000000, 2), m.Money("USD", 1000000, 2)),)
    assert t.duration == 11700
    assert t.leaderboard == () and t.player is None


def test_tournament_pieces():
    links = m.LinkCollection.from_json(ex("tournament_links")["_links"])
    assert links["register"].method == "POST" and links["_self"].method == "GET"
    assert m.TournamentRegistration.from_json(ex("tournament_registration")["registration"]).registered
    bonus, cash, loyalty = [m.RegistrationOption.from_json(o) for o in ex("registration_options")["registration_options"]]
    assert cash.buy_in == m.Money("USD", 10000, 2) and cash.fee == m.Money("USD", 50000, 2)
    assert loyalty.cost == 100 and bonus.type == "Bonus"
    assert m.PlayerCounts.from_json(ex("player_counts")["player_counts"]) == m.PlayerCounts(2, 5, 10)
    player = m.TournamentPlayer.from_json(ex("tournament_player")["player"])
    assert player == m.TournamentPlayer("User123", 1, m.Money("XTC", 88800, 2), m.Money("USD", 20000, 2), True)
    partial = m.Game.from_json(ex("tournament_game"))
    assert partial.provider is None and partial.links == {} and "play_tournament" in partial.actions
    pool = m.PrizePool.from_json(ex("prize_pool")["prize_pool"])
    assert pool.minimum.amount == 500000 and pool.current.amount == 300000
    assert m.Prize.from_json(ex("prize")).current.amount == 550000
    assert m.RebuysStatus.from_json(ex("rebuys_status")).is_allowed is False
    rebuy = m.RebuysStatus.from_json(ex("rebuy"))
    assert (rebuy.is_allowed, rebuy.use_count) == (True, 2)


def test_tournament_registration_spellings():
    both = {"name": "t", "registrations": {"status": "SignOn"}, "registration_options": [
        {"type": "Cash", "fee": {"currency": "USD", "amount": 1, "exponent": 2},
         "buy_in": {"currency": "USD", "amount": 2, "exponent": 2}}]}
    t = m.Tournament.from_json(both)
    assert t.registration.status == "SignOn" and t.registration.registered
    assert t.registration_options[0].buy_in.amount == 2


# -- competitions, bonuses, chats, referrals ---------------------------------------------


def test_competitions_and_leaderboards():
    competitions = [m.Competition.from_json(c) for c in ex("competitions")["competitions"]]
    assert competitions[0] == m.Competition(1, "Sample Competition 1", utc(2010, 4, 1), utc(2010, 4, 30), None)
    public = m.Leaderboard.from_json(ex("leaderboard_public"))
    assert public.competition_ids == (1, 2, 3, 4)
    assert public.leaderboard[0] == m.LeaderboardEntry("FirstPlayer", 1, 1000000)
    assert public.player is None
    mine = m.Leaderboard.from_json(ex("leaderboard_player"))
    assert mine.player == m.LeaderboardEntry("Me", 50, 40)
    assert len(mine.leaderboard) == 5


def test_bonus_examples():
    assert m.BonusClaim.from_json(ex("bonus_claim")) == m.BonusClaim("BONUS_CODE", "AwaitingDeposit")
    assert ex("bonus_claim_error")["error"] == "bonus_invalid"  # mapped in test_errors
    assert ex("bonus_filter")["claimable_bonus_codes"] == ["BONUS_CODE"]
    assert ex("bonus_filter_empty")["claimable_bonus_codes"] == []
    assert m.Campaign(**ex("campaign")).to_json() == {"campaign_id": 1, "type": "invite"}


def test_chats():
    assert ex("chats_empty")["chats"] == []
    (chat,) = [m.Chat.from_json(c) for c in ex("chats_one")["chats"]]
    assert chat.chat_id == "vXnkPsOhsWOqlOeskXQKN2vtdqV1JEqTEQqoDg+O56Ev4Lp8"
    assert chat.is_operator_initiated
    assert chat.open_chat == m.Link("http://www.example.com/chat/", "GET")


def test_referrals():
    mine = m.PlayerReferral.from_json(ex("referral"))
    assert mine.referral.referral_code == "q8aaa"
    assert mine.referral.referrer_bonus == m.Money("USD", 2000, 2)
    assert mine.claim_status.unclaimed_referrals_count == 0
    assert mine.claim_status.amount_to_claim == m.Money("USD", 0, 2)
    info = m.ReferralCodeInfo.from_json(ex("referral_code"))
    assert [b.currency for b in info.referral.referee_bonus] == ["USD", "GBP", "EUR"]
    assert info.locale == "en-US"
    claim = m.ReferralClaim.from_json(ex("referral_claim"))
    assert claim == m.ReferralClaim("referee", "q8aaa", m.Money("USD", 2000, 2))
    flat = m.ReferralClaim.from_json({"claim_type": "referrer", "referral_code": "x", "bonus": None})
    assert flat.claim_type == "referrer"
    assert len(m.Referral.from_json(ex("referral_model")["referral"]).referee_bonus) == 3


def test_signalr_messages():
    chat = m.OperatorInitiatedChat.from_json(ex("signalr_chat"))
    assert chat.chat_url == "http://www.example.com/chat/"
    update = m.BalanceUpdate.from_json(ex("signalr_balance"))
    assert update.balance == m.Money("ZAR", 960000, 2)
    assert update.cash_balance == m.Money("ZAR", 0, 2)
    assert update.bonus_balance is None


# -- privileged ----------------------------------------------------------------------------


def test_summaries():
    (summary,) = [m.Summary.from_json(s) for s in ex("summaries")["summaries"]]
    assert summary.date == date(2018, 9, 11)
    assert summary.user_id == "H0NT92"
    assert summary.game_rounds_count == 1
    assert summary.total_amount_wagered.cash == m.Money("USD", 3000, 2)
    assert summary.total_amount_paid.cash == m.Money("USD", 5600, 2)
    assert summary.total_amount_paid.bonus == m.Money("USD", 0, 2)
    assert summary.total_progressive_contributions == m.DecimalMoney("USD", Decimal("3.5"))
    assert summary.total_amount_withdrawn == m.Money("USD", 20200, 2)
    assert summary.has_historical_chargeback is False
    assert set(summary.links) == {"user", "user_games"}


def test_privileged_user():
    user = m.PlayerProfile.from_json(ex("privileged_user"))
    assert user.user_id == "H0NT92"
    assert user.registration_date == utc(2011, 8, 10, 8, 35, 2)
    assert (user.profile, user.country, user.my_affiliates_token) == ("VIP", "US", "track-me-not")
    assert user.cash_balance == m.Money("USD", 86405197, 2)
    assert user.nickname == "StevieC" and user.has_deposited
    assert set(user.links) == {"_self", "games"}


def test_registrations():
    (registration,) = [m.Registration.from_json(r) for r in ex("registrations")["registrations"]]
    assert registration.date == utc(2017, 12, 25, 8, 58, 5)
    assert (registration.user_id, registration.country) == ("H0NT92", "US")
    assert registration.links["user_games"].href == "https://example.com/v3/api/users/H0NT92/games"


def test_tracking_info():
    info = m.TrackingInfo.from_json(ex("tracking_info"))
    assert info.brand_id == "SomeBrand"  # "brand" in the example, "brand_id" in the table
    assert info.tracking_version == 3
    assert info.created_date == utc(2022, 2, 15, 12, 49, 45, 603000)
    assert info.tracking_token == "TrackMeNot"


def test_signon_info():
    signon = m.Signon.from_json(ex("signon"))
    assert signon.signon_id == "HDoXY_ad9hY49pvy0v7QlQ"
    assert signon.loyalty.tier_level == 1


def test_migrations():
    assert m.MigrationStatus.from_json(ex("migration_status")) == m.MigrationStatus("Available")
    done = m.MigrationStatus.from_json(ex("migration_result"))
    assert done.status == "Migrated"
    assert done.auth.outcome is m.Outcome.SUCCESS
    assert done.auth.links["logout"].method == "POST"  # the doc's slip; the client sends DELETE


def test_unknown_properties_are_ignored():
    data = dict(ex("user"))
    data["a_property_from_kore_3_99"] = {"anything": [1, 2]}
    data["balance"] = dict(data["balance"], new_field=True)
    assert m.User.from_json(data).balance == m.Money("XXX", 71820, 2)


def test_every_documentation_example_is_used():
    """Every example file is named by a test of this module (read from its source, so the
    check holds whichever tests ran, and in whatever order or process)."""
    expected = {p.stem for p in Path(EXAMPLES).glob("*.json")} - {"error", "error_invalid_request"}
    named = {node.value for node in ast.walk(ast.parse(Path(__file__).read_text()))
             if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert expected - named == set()


def test_results_survive_pickling_for_shared_caches():
    import pickle

    from lobby.kore.models import Game

    game = Game.from_json(
        {
            "provider": "saucify", "slug": "zodiac", "name": "Zodiac", "category": "videoslots",
            "platform": "html", "locale": "en-US",
            "_links": {"_self": {"href": "http://kore.example/v3/api/games/Html/Zodiac"}},
        }
    )
    copy = pickle.loads(pickle.dumps(game))
    assert copy == game
    assert copy.links["_self"].href == "http://kore.example/v3/api/games/Html/Zodiac"
