"""Bonuses, chats, referrals, user activity and offline sign-on over HTTP: shapes,
headers, grant types, validation, every documented error and the rate limits."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
import requests
from sandbox_helpers import Kore, Player, assert_error

PRIVILEGED = {"brand_id": "KoreDemo", "locale": "en-US", "secret": "sandbox-secret"}
_ips = itertools.count(1)


def fresh_ip() -> dict[str, str]:
    """Another client address: the 1-per-second claim limit counts per address."""
    n = next(_ips)
    return {"X-Forwarded-For": f"198.51.{n // 250}.{n % 250 + 1}"}


def claim(kore: Kore, player: Player, body: dict[str, Any]) -> requests.Response:
    return kore.post("bonuses/claim", token=player.token, json=body, headers=fresh_ip())


def user(kore: Kore, player: Player) -> dict[str, Any]:
    return kore.get(player.user_url, token=player.token).json()


def privileged(kore: Kore, grant_type: str = "brand_credentials") -> str:
    response = kore.post(f"auth/{grant_type}/token", json=PRIVILEGED, return_url=None)
    assert response.status_code == 200, response.text
    return response.json()["tokens"][0]["value"]


# -- bonuses --------------------------------------------------------------------------


def test_claimed_bonus_moves_the_bonus_balance_once(kore: Kore, alice: Player) -> None:
    before = user(kore, alice)["bonus_balance"]["amount"]
    response = claim(kore, alice, {"bonus_code": "welcome10"})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"bonus_code": "welcome10", "claim_status": "Claimed"}
    after = user(kore, alice)
    assert after["bonus_balance"]["amount"] == before + 1_000
    assert "WELCOME10" in [o["offer_code"] for o in after["claimed_offers"]]
    assert_error(claim(kore, alice, {"bonus_code": "WELCOME10"}), "bonus_user_claims_exhausted", 400)
    assert user(kore, alice)["bonus_balance"]["amount"] == before + 1_000


def test_deposit_bonus_awaits_the_deposit_without_credit(kore: Kore, alice: Player) -> None:
    before = user(kore, alice)["bonus_balance"]["amount"]
    response = claim(kore, alice, {"bonus_code": "DEPOSIT100"})
    assert response.json() == {"bonus_code": "DEPOSIT100", "claim_status": "AwaitingDeposit"}
    assert user(kore, alice)["bonus_balance"]["amount"] == before
    assert_error(claim(kore, alice, {"bonus_code": "DEPOSIT100"}), "bonus_user_claims_deposit", 400)


def test_bonus_in_another_currency_counts_display_units(kore: Kore) -> None:
    satoshi = kore.login("satoshi@demo.kore")
    assert claim(kore, satoshi, {"bonus_code": "WELCOME10"}).status_code == 200
    # 10.00 mɃ = 0.01 BTC = 1,000,000 satoshi.
    assert user(kore, satoshi)["bonus_balance"] == {"currency": "BTC", "amount": 1_000_000, "exponent": 8}


def test_invite_code(kore: Kore, alice: Player) -> None:
    assert_error(claim(kore, alice, {"bonus_code": "INVITEME"}), "bonus_requires_invite", 400)
    assert_error(claim(kore, alice, {"bonus_code": "INVITEME", "invite_code": "WRONG1"}), "bonus_invalid_invite", 400)
    ok = claim(kore, alice, {"bonus_code": "INVITEME", "invite_code": "KORE42"})
    assert ok.json() == {"bonus_code": "INVITEME", "claim_status": "Claimed"}


def test_prerequisite_then_dependent(kore: Kore, alice: Player) -> None:
    assert_error(claim(kore, alice, {"bonus_code": "STEPTWO"}), "bonus_dependency_unmet", 400)
    assert claim(kore, alice, {"bonus_code": "STEPONE"}).status_code == 200
    assert claim(kore, alice, {"bonus_code": "STEPTWO"}).status_code == 200


@pytest.mark.parametrize(
    ("email", "code", "error"),
    [
        ("alice@demo.kore", "NOSUCHCODE", "bonus_invalid"),
        ("alice@demo.kore", "OLDCODE", "bonus_expired"),
        ("alice@demo.kore", "COMINGSOON", "bonus_not_yet_valid"),
        ("alice@demo.kore", "ALLGONE", "bonus_claims_exhausted"),
        ("alice@demo.kore", "BUSYNOW", "bonus_claim_in_progress"),
        ("alice@demo.kore", "BIGDEPOSIT", "bonus_deposit_unmet"),
        ("alice@demo.kore", "NOTFORYOU", "bonus_user_restricted"),
        ("alice@demo.kore", "FREEBIELIMIT", "bonus_limit_reached"),
        ("alice@demo.kore", "WITHDRAWN", "bonus_withdrawal_made"),
        ("alice@demo.kore", "AFFILIATE", "bonus_affiliate_unmet"),
        ("alice@demo.kore", "NOCAMPAIGN", "bonus_campaign_ineligible"),
        ("bruno@demo.kore", "VIPPASS", "bonus_tag_violation"),
        ("lars@demo.kore", "FIRSTBUY", "bonus_purchase_required"),
    ],
)
def test_bonus_errors(kore: Kore, email: str, code: str, error: str) -> None:
    player = kore.login(email)
    before = user(kore, player)["bonus_balance"]
    assert_error(claim(kore, player, {"bonus_code": code}), error, 400)
    assert user(kore, player)["bonus_balance"] == before


def test_tag_and_deposit_rules_let_the_right_players_through(kore: Kore, alice: Player) -> None:
    assert claim(kore, alice, {"bonus_code": "VIPPASS"}).json()["claim_status"] == "Claimed"
    assert claim(kore, alice, {"bonus_code": "FIRSTBUY"}).json()["claim_status"] == "Claimed"


def test_tournament_use_counts_against_the_claim(kore: Kore, alice: Player) -> None:
    joined = kore.post("tournaments/102/registration", token=alice.token,
                       json={"type": "Bonus", "bonus_code": "ONCEONLY"})
    assert joined.status_code == 200, joined.text
    assert_error(claim(kore, alice, {"bonus_code": "ONCEONLY"}), "bonus_user_claims_exhausted", 400)


def test_campaign_claims(kore: Kore, alice: Player) -> None:
    ok = claim(kore, alice, {"campaign": {"campaign_id": 1, "type": "invite"}})
    assert ok.json() == {"bonus_code": None, "claim_status": "Claimed"}
    assert_error(claim(kore, alice, {"campaign": {"campaign_id": 1, "type": "invite"}}),
                 "bonus_user_claims_exhausted", 400)
    assert_error(claim(kore, alice, {"campaign": {"campaign_id": 2, "type": "invite"}}),
                 "bonus_campaign_ineligible", 400)
    assert_error(claim(kore, alice, {"campaign": {"campaign_id": 9, "type": "invite"}}), "bonus_invalid", 400)


@pytest.mark.parametrize(
    ("body", "properties"),
    [
        ({}, ["bonus_code", "campaign"]),
        ({"bonus_code": "ABCD"}, ["bonus_code"]),
        ({"bonus_code": "A" * 31}, ["bonus_code"]),
        ({"bonus_code": 12345}, ["bonus_code"]),
        ({"bonus_code": "WELCOME10", "invite_code": "KORE4"}, ["invite_code"]),
        ({"bonus_code": "WELCOME10", "invite_code": "KORE421"}, ["invite_code"]),
        ({"invite_code": "KORE42"}, ["invite_code"]),
        ({"campaign": {"campaign_id": 0, "type": "other"}}, ["campaign.campaign_id", "campaign.type"]),
        ({"campaign": "1"}, ["campaign"]),
    ],
)
def test_claim_validation(kore: Kore, alice: Player, body: dict[str, Any], properties: list[str]) -> None:
    assert assert_error(claim(kore, alice, body), "invalid_request", 400)["properties"] == properties


def test_claim_headers_and_grant_types(kore: Kore, alice: Player, brand_token: str) -> None:
    body = {"bonus_code": "WELCOME10"}
    assert_error(kore.post("bonuses/claim", json=body, headers=fresh_ip()), "missing_credentials", 401)
    assert_error(kore.post("bonuses/claim", token=brand_token, json=body, headers=fresh_ip()), "access_denied", 403)
    assert_error(kore.post("bonuses/claim", token=alice.token, json=body, return_url=None, headers=fresh_ip()),
                 "missing_return_url", 400)
    assert_error(kore.post("bonuses/claim", token=alice.token, data="bonus_code=WELCOME10",
                           headers=fresh_ip() | {"Content-Type": "application/x-www-form-urlencoded"}),
                 "invalid_request", 400)


def test_claim_rate_limits_per_second_and_per_minute(kore: Kore, alice: Player) -> None:
    ip = {"X-Forwarded-For": "192.0.2.77"}
    post = lambda: kore.post("bonuses/claim", token=alice.token, json={"bonus_code": "NOSUCHCODE"}, headers=ip)  # noqa: E731
    assert_error(post(), "bonus_invalid", 400)
    limited = assert_error(post(), "rate_limit_exceeded", 429)
    assert limited and int(post().headers["Retry-After"]) == 1
    for _ in range(9):
        kore.advance(1)
        assert post().status_code == 400
    kore.advance(1)
    tenth_plus = post()
    assert_error(tenth_plus, "rate_limit_exceeded", 429)
    assert int(tenth_plus.headers["Retry-After"]) > 1
    # Another address is not limited.
    assert_error(kore.post("bonuses/claim", token=alice.token, json={"bonus_code": "NOSUCHCODE"},
                           headers=fresh_ip()), "bonus_invalid", 400)


def test_filter_keeps_what_may_be_claimable(kore: Kore, alice: Player) -> None:
    codes = ["WELCOME10", "OLDCODE", "NOSUCHCODE", "VIPPASS", "INVITEME", "STEPTWO"]
    response = kore.post("bonuses/filter", token=alice.token, json={"bonus_codes": codes})
    assert response.json() == {"claimable_bonus_codes": ["WELCOME10", "VIPPASS", "INVITEME", "STEPTWO"]}
    claim(kore, alice, {"bonus_code": "WELCOME10"})
    again = kore.post("bonuses/filter", token=alice.token, json={"bonus_codes": ["WELCOME10"]})
    assert again.json() == {"claimable_bonus_codes": []}
    bruno = kore.login("bruno@demo.kore")
    assert kore.post("bonuses/filter", token=bruno.token, json={"bonus_codes": ["VIPPASS"]}).json() == {
        "claimable_bonus_codes": []
    }


@pytest.mark.parametrize("codes", [None, "WELCOME10", ["ABCD"], ["A" * 31], ["VALID"] * 51, [5]])
def test_filter_validation(kore: Kore, alice: Player, codes: Any) -> None:
    body = {} if codes is None else {"bonus_codes": codes}
    response = kore.post("bonuses/filter", token=alice.token, json=body)
    assert assert_error(response, "invalid_request", 400)["properties"] == ["bonus_codes"]


# -- chats ----------------------------------------------------------------------------


def test_chats(kore: Kore, alice: Player) -> None:
    body = kore.get("chats", token=alice.token).json()
    assert len(body["chats"]) == 1
    chat = body["chats"][0]
    assert chat["is_operator_initiated"] is False
    assert len(chat["chat_id"]) == 48
    assert chat["_actions"]["open_chat"]["method"] == "GET"
    assert requests.get(chat["_actions"]["open_chat"]["href"], timeout=5).status_code == 200
    chidi = kore.login("chidi@demo.kore")
    assert kore.get("chats", token=chidi.token, headers=fresh_ip()).json()["chats"][0]["is_operator_initiated"] is True
    bruno = kore.login("bruno@demo.kore")
    assert kore.get("chats", token=bruno.token, headers=fresh_ip()).json() == {"chats": []}


def test_chats_once_per_ten_seconds(kore: Kore, alice: Player, brand_token: str) -> None:
    ip = fresh_ip()
    assert kore.get("chats", token=alice.token, headers=ip).status_code == 200
    limited = assert_error(kore.get("chats", token=alice.token, headers=ip), "rate_limit_exceeded", 429)
    assert limited
    assert 0 < int(kore.get("chats", token=alice.token, headers=ip).headers["Retry-After"]) <= 10
    kore.advance(10)
    assert kore.get("chats", token=alice.token, headers=ip).status_code == 200
    assert_error(kore.get("chats", token=brand_token, headers=fresh_ip()), "access_denied", 403)


# -- referrals ------------------------------------------------------------------------


def test_player_referral_and_code_info(kore: Kore, alice: Player, brand_token: str) -> None:
    body = kore.get("referrals", token=alice.token).json()
    assert body["referral"]["referral_code"] == "q8aaa"
    assert body["referral"]["referrer_bonus"] == {"currency": "USD", "amount": 2000, "exponent": 2}
    assert {"currency": "EUR", "amount": 2000, "exponent": 2} in body["referral"]["referee_bonus"]
    assert body["claim_status"] == {
        "unclaimed_referrals_count": 2,
        "amount_to_claim": {"currency": "USD", "amount": 4000, "exponent": 2},
    }
    info = kore.get("referrals/q8aaa", token=brand_token).json()
    assert info["locale"] == "en-US" and info["referral"] == body["referral"]
    assert kore.get("referrals/q8bbb", token=alice.token).json()["locale"] == "fr-FR"
    assert_error(kore.get("referrals/nope1", token=brand_token), "referral_code_not_found", 404)
    assert_error(kore.get("referrals", token=brand_token), "access_denied", 403)


def test_referrer_claims_what_referees_brought(kore: Kore, alice: Player) -> None:
    before = user(kore, alice)["bonus_balance"]["amount"]
    response = kore.post("referrals/claim", token=alice.token, json={"claim_type": "referrer"})
    assert response.status_code == 200, response.text
    claim_body = {"claim_type": "referrer", "referral_code": "q8aaa",
                  "bonus": {"currency": "USD", "amount": 4000, "exponent": 2}}
    assert response.json() == {"referral": claim_body, **claim_body}
    assert user(kore, alice)["bonus_balance"]["amount"] == before + 4000
    assert_error(kore.post("referrals/claim", token=alice.token, json={"claim_type": "referrer"}),
                 "referral_claim_failed", 400)
    bruno = kore.login("bruno@demo.kore")
    referee = kore.post("referrals/claim", token=bruno.token, json={"claim_type": "referee", "referral_code": "q8aaa"})
    assert referee.json()["referral"]["bonus"] == {"currency": "EUR", "amount": 2000, "exponent": 2}
    assert kore.get("referrals", token=alice.token).json()["claim_status"]["unclaimed_referrals_count"] == 1
    # The doc's three-r spelling is accepted and echoed.
    again = kore.post("referrals/claim", token=alice.token, json={"claim_type": "referrrer"})
    assert again.json()["claim_type"] == "referrrer"


def test_referee_errors(kore: Kore, alice: Player) -> None:
    ip = {"X-Forwarded-For": "192.0.2.55"}
    body = {"claim_type": "referee", "referral_code": "q8aaa"}
    assert_error(kore.post("referrals/claim", token=alice.token, json=body, headers=ip), "referral_claim_failed", 400)
    assert_error(kore.post("referrals/claim", token=alice.token, headers=ip,
                           json={"claim_type": "referee", "referral_code": "zzzzz"}), "referral_code_not_found", 404)
    bruno, chidi, priya = (kore.login(f"{n}@demo.kore") for n in ("bruno", "chidi", "priya"))
    assert kore.post("referrals/claim", token=bruno.token, json=body, headers=ip).status_code == 200
    assert_error(kore.post("referrals/claim", token=bruno.token, json=body, headers=fresh_ip()),
                 "referral_claim_failed", 400)
    assert kore.post("referrals/claim", token=chidi.token, json=body, headers=ip).status_code == 200
    assert_error(kore.post("referrals/claim", token=priya.token, json=body, headers=ip), "referral_claim_exhausted", 400)


@pytest.mark.parametrize(
    ("body", "properties"),
    [({}, ["claim_type"]), ({"claim_type": "friend"}, ["claim_type"]), ({"claim_type": "referee"}, ["referral_code"])],
)
def test_referral_claim_validation(kore: Kore, alice: Player, body: dict[str, Any], properties: list[str]) -> None:
    response = kore.post("referrals/claim", token=alice.token, json=body)
    assert assert_error(response, "invalid_request", 400)["properties"] == properties


def test_referral_disabled_by_a_fault_rule(kore: Kore, alice: Player) -> None:
    kore.add_fault(method="GET", path="/v3/api/referrals", kind="error", error="referral_disabled", times=1)
    assert_error(kore.get("referrals", token=alice.token), "referral_disabled", 404)
    assert kore.get("referrals", token=alice.token).status_code == 200


# -- user activity ----------------------------------------------------------------------


def _today(kore: Kore) -> date:
    return date.fromisoformat(kore.control("GET", "clock").json()["now"][:10])


def test_summaries_of_yesterday_and_todays_spins(kore: Kore, alice: Player) -> None:
    token = privileged(kore)
    yesterday = (_today(kore) - timedelta(days=1)).isoformat()
    rows = kore.get(f"users/summaries?date={yesterday}", token=token, return_url=None).json()["summaries"]
    assert len(rows) == 3
    by_rounds = {r["game_rounds_count"]: r for r in rows}
    alice_row = by_rounds[40]
    assert alice_row["date"] == yesterday
    assert alice_row["total_amount_wagered"]["cash"] == {"currency": "USD", "amount": 12000, "exponent": 2}
    assert alice_row["total_progressive_contributions"] == {"currency": "USD", "decimal_amount": 0.36}
    assert alice_row["successful_deposits_count"] == 1
    assert by_rounds[5]["has_historical_chargeback"] is True
    assert by_rounds[12]["total_amount_withdrawn"]["amount"] == 5000
    # Today: nothing, until alice spins for real.
    today = _today(kore).isoformat()
    assert kore.get(f"users/summaries?date={today}", token=token, return_url=None).json() == {"summaries": []}
    play = kore.get("games/Html/MidnightRacerVideoSlot", token=alice.token).json()["_actions"]["play"]["href"]
    for _ in range(3):
        assert requests.post(play, timeout=5).status_code == 200  # after the 303 back to the game
    [row] = kore.get(f"users/summaries?date={today}", token=token, return_url=None).json()["summaries"]
    assert row["game_rounds_count"] == 3
    wagered = row["total_amount_wagered"]
    assert wagered["cash"]["amount"] + wagered["bonus"]["amount"] == 300
    assert row["_links"]["user"]["href"].endswith(f"/users/{row['user_id']}")
    # The index's users/{user_id}/summaries: the same player's row.
    own = kore.get(f"users/{row['user_id']}/summaries?date={today}", token=token, return_url=None).json()
    assert own["summaries"] == [row]
    games = kore.get(row["_links"]["user_games"]["href"], token=token, return_url=None).json()
    assert games["favorite_games"][0] == {"provider": "saucify", "name": "Midnight Racer", "category": "videoslots"}


@pytest.mark.parametrize("query", ["", "?date=", "?date=2024-02-30", "?date=20240101", "?date=2999-01-01"])
def test_summaries_and_registrations_need_a_past_date(kore: Kore, query: str) -> None:
    token = privileged(kore)
    for path in ("users/summaries", "registrations", "registration"):
        response = kore.get(path + query, token=token, return_url=None)
        assert assert_error(response, "invalid_request", 400)["properties"] == ["date"]


def test_privileged_user_and_restricted_view(kore: Kore) -> None:
    full, restricted = privileged(kore), privileged(kore, "restricted_activity_subscriber")
    rows = kore.get("registrations?date=2023-01-09", token=full, return_url=None).json()["registrations"]
    assert len(rows) > 6
    first = rows[0]
    assert set(first) >= {"date", "user_id", "locale", "_links"}
    profiles = [kore.get(r["_links"]["user"]["href"], token=full, return_url=None).json() for r in rows]
    alice = next(p for p in profiles if p.get("email") == "alice@demo.kore")
    assert alice["profile"] == "VIP" and alice["country"] == "US" and alice["has_deposited"] is True
    assert alice["cash_balance"] == {"currency": "USD", "amount": 125000, "exponent": 2}
    assert {"firstname", "lastname", "nickname", "email"} <= set(alice)
    hidden = kore.get(f"users/{alice['user_id']}", token=restricted, return_url=None).json()
    assert not {"email", "firstname", "lastname", "nickname", "mobile_phone"} & set(hidden)
    assert hidden["bonus_balance"] == alice["bonus_balance"]
    assert_error(kore.get("users/nobody.", token=full, return_url=None), "player_not_found", 404)
    assert_error(kore.get("users/nobody./games", token=full, return_url=None), "player_not_found", 404)


def test_registrations_made_in_the_sandbox_are_listed(kore: Kore, brand_token: str) -> None:
    body = {
        "user_type": "player", "email": "newbie+success@demo.kore", "password": "Newbie-pass-1",
        "play_mode": "Real", "brand_id": "KoreDemo", "locale": "en-US", "currency": "EUR",
        "player_info": {"firstname": "New", "lastname": "Bie", "birth_date": "1990-07-14",
                        "address": {"country_code": "IE", "city": "Cork"}},
    }
    created = kore.post("users", token=brand_token, json=body)
    assert created.status_code in (200, 201), created.text
    token = privileged(kore)
    rows = kore.get(f"registrations?date={_today(kore).isoformat()}", token=token, return_url=None).json()
    assert [r["country"] for r in rows["registrations"]] == ["IE"]


def test_activity_grant_types(kore: Kore, alice: Player) -> None:
    assert_error(kore.get("users/summaries?date=2024-01-01", token=alice.token), "access_denied", 403)
    assert_error(kore.get("registrations?date=2024-01-01", token=alice.token), "access_denied", 403)
    assert_error(kore.get("users/summaries?date=2024-01-01", return_url=None), "missing_credentials", 401)
    tracking = privileged(kore, "tracking")
    assert_error(kore.get("registrations?date=2024-01-01", token=tracking, return_url=None), "access_denied", 403)
    # The player's own users/{id} still needs the ReturnUrl; the privileged one does not.
    assert_error(kore.get(alice.user_url, token=alice.token, return_url=None), "missing_return_url", 400)


# -- offline sign-on ------------------------------------------------------------------


def signon_page(kore: Kore, **query: str) -> str:
    params = {"locale": "en-US", "mode": "MobileApp", "brandGroup": "KoreDemo"} | query
    return f"{kore.url}/v3/pages/login/offline_signon?" + "&".join(f"{k}={v}" for k, v in params.items())


def sign_on(kore: Kore, email: str = "alice@demo.kore", password: str = "Demo-pass-1") -> dict[str, Any]:
    page = requests.post(signon_page(kore), data={"email": email, "password": password}, timeout=5)
    assert page.status_code == 200, page.text
    match = re.search(r'<script type="application/json" id="signon-result">(.*?)</script>', page.text)
    assert match
    return json.loads(match.group(1))["success"]


def test_offline_signon_page_tokens_and_signon(kore: Kore) -> None:
    form = requests.get(signon_page(kore), timeout=5)
    assert form.status_code == 200 and '<form method="post">' in form.text
    assert "offline-signon.js" not in form.text
    result = sign_on(kore)
    assert result["grant_type"] == "offline_signon" and result["locale"] == "en-US"
    assert [t["type"] for t in result["tokens"]] == ["Bearer", "Auth"]
    bearer, auth = (t["value"] for t in result["tokens"])
    assert result["_links"]["sign_on"] == result["_links"]["signon"]
    info = kore.get(result["_links"]["sign_on"]["href"], token=bearer, return_url=None)
    assert info.status_code == 200, info.text
    body = info.json()
    assert body["email"] == "alice@demo.kore"
    assert body["signon_id"] == result["_links"]["sign_on"]["href"].rsplit("/", 1)[1]
    assert body["loyalty"] == {"tier": "KoreDemoGold", "balance": 1520, "tier_name": "Gold", "tier_level": 3,
                               "tier_points": 1500, "next_tier": "KoreDemoPlatinum", "next_tier_name": "Platinum",
                               "next_tier_level": 4, "next_tier_points": 5000}
    # The tokens ignore single sign-on: a player sign-in elsewhere does not end them.
    kore.login("alice@demo.kore")
    assert kore.get(result["_links"]["sign_on"]["href"], token=bearer, return_url=None).status_code == 200
    # Another signon's id, or the bearer on a player endpoint: access_denied.
    assert_error(kore.get("signons/AAAAAAAAAAAAAAAAAAAAAA", token=bearer, return_url=None), "access_denied", 403)
    assert_error(kore.get("games", token=bearer), "access_denied", 403)
    # Refresh: a new pair; the Auth token sent is used up.
    refreshed = kore.post("auth/offline_signon/token", json={"token": auth}, return_url=None)
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.json()["grant_type"] == "offline_signon"
    assert refreshed.json()["tokens"][1]["value"] != auth
    assert_error(kore.post("auth/offline_signon/token", json={"token": auth}, return_url=None),
                 "invalid_credentials", 401)


def test_offline_signon_errors(kore: Kore) -> None:
    bad = requests.get(signon_page(kore, locale="fr-FR", mode="Web"), timeout=5)
    assert bad.status_code == 400 and "locale, mode" in bad.text
    assert requests.get(signon_page(kore, brandGroup="Other"), timeout=5).status_code == 400
    wrong = requests.post(signon_page(kore), data={"email": "alice@demo.kore", "password": "nope"}, timeout=5)
    assert wrong.status_code == 401 and "not right" in wrong.text and "signon-result" not in wrong.text
    locked = requests.post(signon_page(kore), data={"email": "locked@demo.kore", "password": "Demo-pass-1"}, timeout=5)
    assert locked.status_code == 403
    assert '"error": "account_locked"' in locked.text
    assert_error(kore.post("auth/offline_signon/token", json={}, return_url=None), "invalid_request", 400)
    assert_error(kore.post("auth/offline_signon/token", json={"token": "made-up"}, return_url=None),
                 "invalid_credentials", 401)


def test_offline_tokens_expire(kore: Kore) -> None:
    result = sign_on(kore)
    bearer, auth = (t["value"] for t in result["tokens"])
    kore.advance(24 * 3600)
    assert_error(kore.get(result["_links"]["signon"]["href"], token=bearer, return_url=None), "expired_token", 401)
    assert kore.post("auth/offline_signon/token", json={"token": auth}, return_url=None).status_code == 200
    kore.advance(91 * 24 * 3600)
    new_auth = sign_on(kore)["tokens"][1]["value"]
    kore.advance(91 * 24 * 3600)
    assert_error(kore.post("auth/offline_signon/token", json={"token": new_auth}, return_url=None),
                 "expired_token", 401)
