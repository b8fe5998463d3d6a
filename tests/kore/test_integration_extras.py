"""The client's bonus, chat, referral, user-activity and offline sign-on methods against
the sandbox over real HTTP: results, and real refusals mapped to the right exceptions."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import date, timedelta

import time

import pytest
import requests

from lobby.kore import (
    ErrorCode,
    KoreAuthError,
    KoreBadRequest,
    KoreClient,
    KoreForbidden,
    KoreNotFound,
    KoreRateLimited,
    KoreUnavailable,
    Money,
    Outcome,
    PlayerTokenResponse,
)
from lobby.kore.models import Campaign

RETURN_URL = "http://lobby.test/"
SECRET = "sandbox-secret"
_ips = itertools.count(1)


def ip() -> str:
    """A fresh client address: Kore limits bonus claims to 1 per second per address."""
    n = next(_ips)
    return f"198.18.{n // 250}.{n % 250 + 1}"


@pytest.fixture
def kore(sandbox) -> Iterator[KoreClient]:
    client = KoreClient(sandbox.url, "KoreDemo", return_url=RETURN_URL, timeout=(1.0, 2.0),
                        max_retries=2, backoff=0.01, budget=4.0)
    yield client
    requests.delete(f"{sandbox.url}/_sandbox/faults", timeout=5)
    client.close()


def sign_in(kore: KoreClient, email: str = "alice@demo.kore") -> PlayerTokenResponse:
    response = kore.login(email=email, password="Demo-pass-1", play_mode="Real", locale="en-US", client_ip=ip())
    assert response.outcome is Outcome.SUCCESS
    return response


@pytest.fixture
def alice(kore) -> PlayerTokenResponse:
    return sign_in(kore)


def bonus_balance(kore: KoreClient, player: PlayerTokenResponse) -> Money:
    user = kore.get_user(token=player, link=player)
    assert user.bonus_balance is not None
    return user.bonus_balance


# -- bonuses --------------------------------------------------------------------------


def test_claim_bonus_credits_the_bonus_balance_once(kore, alice):
    before = bonus_balance(kore, alice)
    claim = kore.claim_bonus(token=alice, bonus_code="WELCOME10", client_ip=ip())
    assert (claim.bonus_code, claim.claim_status) == ("WELCOME10", "Claimed")
    assert bonus_balance(kore, alice).amount == before.amount + 1_000
    with pytest.raises(KoreBadRequest) as refused:
        kore.claim_bonus(token=alice, bonus_code="WELCOME10", client_ip=ip())
    assert refused.value.code is ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED
    assert refused.value.status == 400 and refused.value.uuid


def test_claim_with_invite_code_and_campaign(kore, alice):
    with pytest.raises(KoreBadRequest) as refused:
        kore.claim_bonus(token=alice, bonus_code="INVITEME", invite_code="NOPE00", client_ip=ip())
    assert refused.value.code is ErrorCode.BONUS_INVALID_INVITE
    assert kore.claim_bonus(token=alice, bonus_code="INVITEME", invite_code="KORE42",
                            client_ip=ip()).claim_status == "Claimed"
    campaign = kore.claim_bonus(token=alice, campaign=Campaign(campaign_id=1), client_ip=ip())
    assert (campaign.bonus_code, campaign.claim_status) == (None, "Claimed")
    with pytest.raises(KoreBadRequest) as ineligible:
        kore.claim_bonus(token=alice, campaign=Campaign(campaign_id=2), client_ip=ip())
    assert ineligible.value.code is ErrorCode.BONUS_CAMPAIGN_INELIGIBLE


def test_awaiting_deposit(kore, alice):
    before = bonus_balance(kore, alice)
    assert kore.claim_bonus(token=alice, bonus_code="DEPOSIT100", client_ip=ip()).claim_status == "AwaitingDeposit"
    assert bonus_balance(kore, alice) == before
    with pytest.raises(KoreBadRequest) as refused:
        kore.claim_bonus(token=alice, bonus_code="DEPOSIT100", client_ip=ip())
    assert refused.value.code is ErrorCode.BONUS_USER_CLAIMS_DEPOSIT


def test_claim_rate_limit_maps_to_kore_rate_limited(kore, alice):
    here = ip()
    with pytest.raises(KoreBadRequest):
        kore.claim_bonus(token=alice, bonus_code="NOSUCHCODE", client_ip=here)
    with pytest.raises(KoreRateLimited) as limited:
        kore.claim_bonus(token=alice, bonus_code="NOSUCHCODE", client_ip=here)
    assert limited.value.code is ErrorCode.RATE_LIMIT_EXCEEDED
    assert limited.value.retry_after == 1


def test_a_lost_claim_answer_is_not_retried(kore, alice, sandbox):
    rule = {"method": "POST", "path": "/v3/api/bonuses/claim", "kind": "reset", "times": 1}
    requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).raise_for_status()
    before = bonus_balance(kore, alice)
    with pytest.raises(KoreUnavailable) as lost:
        kore.claim_bonus(token=alice, bonus_code="WELCOME10", client_ip=ip())
    assert lost.value.outcome_unknown is True
    # One attempt only: the rule is used up and no second claim credited anything.
    assert requests.get(f"{sandbox.url}/_sandbox/faults", timeout=5).json() == []
    assert bonus_balance(kore, alice) == before


def test_filter_bonus_codes(kore, alice):
    codes = ["WELCOME10", "OLDCODE", "VIPPASS", "NOSUCHCODE"]
    assert kore.filter_bonus_codes(token=alice, codes=codes) == ["WELCOME10", "VIPPASS"]
    bruno = sign_in(kore, "bruno@demo.kore")
    assert kore.filter_bonus_codes(token=bruno, codes=codes) == ["WELCOME10"]


# -- chats ----------------------------------------------------------------------------


def test_chats(kore, alice):
    [chat] = kore.chats(token=alice, client_ip=ip())
    assert chat.is_operator_initiated is False  # a chat alice opened herself
    assert chat.open_chat is not None and chat.open_chat.method == "GET"
    chidi = sign_in(kore, "chidi@demo.kore")
    [waiting] = kore.chats(token=chidi, client_ip=ip())
    assert waiting.is_operator_initiated is True
    bruno = sign_in(kore, "bruno@demo.kore")
    assert kore.chats(token=bruno, client_ip=ip()) == []


def test_chats_rate_limit(kore, alice):
    here = ip()
    kore.chats(token=alice, client_ip=here)
    started = time.monotonic()
    with pytest.raises(KoreRateLimited) as limited:
        kore.chats(token=alice, client_ip=here)
    assert limited.value.retry_after is not None and 1 <= limited.value.retry_after <= 10
    # Not retried after Retry-After, whatever the client's budget: the next poll asks again.
    assert time.monotonic() - started < 1


# -- referrals ------------------------------------------------------------------------


def test_referrals_end_to_end(kore, alice):
    mine = kore.get_referral(token=alice)
    assert mine.referral.referral_code == "q8aaa"
    assert mine.referral.referrer_bonus == Money("USD", 2000, 2)
    assert mine.claim_status is not None and mine.claim_status.unclaimed_referrals_count == 2
    brand = kore.brand_token(locale="en-US")
    info = kore.get_referral_code(token=brand, code="q8aaa")
    assert info.locale == "en-US" and Money("EUR", 2000, 2) in info.referral.referee_bonus
    before = bonus_balance(kore, alice)
    claim = kore.claim_referral(token=alice, claim_type="referrer")
    assert (claim.claim_type, claim.referral_code, claim.bonus) == ("referrer", "q8aaa", Money("USD", 4000, 2))
    assert bonus_balance(kore, alice).amount == before.amount + 4000
    with pytest.raises(KoreBadRequest) as failed:
        kore.claim_referral(token=alice, claim_type="referrer")
    assert failed.value.code is ErrorCode.REFERRAL_CLAIM_FAILED
    bruno = sign_in(kore, "bruno@demo.kore")
    referee = kore.claim_referral(token=bruno, claim_type="referee", referral_code="q8aaa", client_ip=ip())
    assert referee.bonus == Money("EUR", 2000, 2)


def test_referral_errors(kore, alice):
    with pytest.raises(KoreNotFound) as unknown:
        kore.get_referral_code(token=alice, code="zzzzz")
    assert unknown.value.code is ErrorCode.REFERRAL_CODE_NOT_FOUND
    here = ip()
    for email in ("bruno@demo.kore", "chidi@demo.kore"):
        kore.claim_referral(token=sign_in(kore, email), claim_type="referee", referral_code="q8aaa", client_ip=here)
    with pytest.raises(KoreBadRequest) as exhausted:
        kore.claim_referral(token=sign_in(kore, "priya@demo.kore"), claim_type="referee", referral_code="q8aaa",
                            client_ip=here)
    assert exhausted.value.code is ErrorCode.REFERRAL_CLAIM_EXHAUSTED


def test_referral_disabled(kore, alice, sandbox):
    rule = {"method": "GET", "path": "/v3/api/referrals", "kind": "error", "error": "referral_disabled", "times": 1}
    requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).raise_for_status()
    with pytest.raises(KoreNotFound) as disabled:
        kore.get_referral(token=alice)
    assert disabled.value.code is ErrorCode.REFERRAL_DISABLED


# -- user activity ----------------------------------------------------------------------


def _today(sandbox) -> date:
    return date.fromisoformat(requests.get(f"{sandbox.url}/_sandbox/clock", timeout=5).json()["now"][:10])


def test_summaries_players_and_favourite_games(kore, sandbox):
    token = kore.privileged_token("brand_credentials", SECRET)
    summaries = kore.summaries(token=token, date=_today(sandbox) - timedelta(days=1))
    assert sorted(s.game_rounds_count for s in summaries) == [5, 12, 40]
    alice_day = next(s for s in summaries if s.game_rounds_count == 40)
    assert alice_day.total_amount_wagered is not None
    assert alice_day.total_amount_wagered.cash == Money("USD", 12000, 2)
    assert alice_day.total_progressive_contributions is not None
    assert str(alice_day.total_progressive_contributions.decimal_amount) == "0.36"
    profile = kore.get_player(token=token, link=alice_day)
    assert profile.email == "alice@demo.kore" and profile.profile == "VIP" and profile.has_deposited
    same = kore.get_player(token=token, user_id=alice_day.user_id)
    assert same == profile
    games = kore.get_favorite_games(token=token, link=alice_day)
    assert games[0].name == "Midnight Racer" and games[0].category == "videoslots"
    assert kore.get_favorite_games(token=token, link=profile) == games


def test_restricted_subscriber_sees_no_contact_details(kore):
    token = kore.privileged_token("restricted_activity_subscriber", SECRET)
    [first, *_] = kore.registrations(token=token, date="2023-01-09")
    profile = kore.get_player(token=token, link=first)
    assert profile.cash_balance is not None
    assert (profile.email, profile.firstname, profile.lastname, profile.nickname, profile.mobile_phone) == (
        None, None, None, None, None)


def test_activity_errors(kore, alice):
    token = kore.privileged_token("brand_credentials", SECRET)
    with pytest.raises(KoreNotFound) as missing:
        kore.get_player(token=token, user_id="nobody.")
    assert missing.value.code is ErrorCode.PLAYER_NOT_FOUND
    with pytest.raises(KoreBadRequest) as future:
        kore.registrations(token=token, date="2999-01-01")
    assert future.value.code is ErrorCode.INVALID_REQUEST and future.value.properties == ("date",)
    with pytest.raises(KoreForbidden) as denied:
        kore.summaries(token=alice, date="2024-01-01")
    assert denied.value.code is ErrorCode.ACCESS_DENIED
    with pytest.raises(KoreAuthError) as wrong_secret:
        kore.privileged_token("brand_credentials", "guess")
    assert wrong_secret.value.code is ErrorCode.INVALID_CREDENTIALS


# -- offline sign-on ------------------------------------------------------------------


def test_offline_signon_refresh_and_signon(kore):
    url = kore.offline_signon_url("KoreDemo")
    assert requests.get(url, timeout=5).status_code == 200
    page = requests.post(url, data={"email": "alice@demo.kore", "password": "Demo-pass-1"}, timeout=5)
    match = re.search(r'"type": "Auth", "expiration": "[^"]+", "value": "([^"]+)"', page.text)
    assert match
    refreshed = kore.refresh_offline_signon(match.group(1))
    assert refreshed.grant_type == "offline_signon" and refreshed.bearer and refreshed.auth
    assert refreshed.signon is not None
    signon = kore.get_signon(refreshed, token=refreshed)
    assert signon.email == "alice@demo.kore"
    assert signon.loyalty is not None and signon.loyalty.tier_name == "Gold"
    with pytest.raises(KoreAuthError) as used:
        kore.refresh_offline_signon(match.group(1))
    assert used.value.code is ErrorCode.INVALID_CREDENTIALS
    again = kore.refresh_offline_signon(refreshed.auth)
    assert again.auth is not None and again.auth.value != refreshed.auth.value
