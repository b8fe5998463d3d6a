"""The sandbox's referral and offer triggers over HTTP: POST /_sandbox/referrals (feature
off, rewards waiting) and the email check's offers for a player's own address."""

from __future__ import annotations

import pytest
from sandbox_helpers import Kore, Player, assert_error


def test_referrals_can_be_turned_off_and_on(kore: Kore, alice: Player, brand_token: str) -> None:
    answer = kore.control("POST", "referrals", {"enabled": False})
    assert answer.status_code == 200 and answer.json() == {"enabled": False}
    assert_error(kore.get("referrals", token=alice.token), "referral_disabled", 404)
    assert_error(kore.get("referrals/q8bbb", token=brand_token), "referral_disabled", 404)
    assert_error(kore.post("referrals/claim", token=alice.token, json={"claim_type": "referrer"}),
                 "referral_disabled", 404)
    assert kore.control("POST", "referrals", {"enabled": True}).json() == {"enabled": True}
    assert kore.get("referrals", token=alice.token).status_code == 200
    kore.control("POST", "referrals", {"enabled": False})
    kore.control("POST", "reset")  # the feature is back on (and every token gone)
    assert kore.get("referrals", token=kore.login("alice@demo.kore").token).status_code == 200


def test_rewards_waiting_for_a_referrer(kore: Kore) -> None:
    answer = kore.control("POST", "referrals", {"email": "bruno@demo.kore", "unclaimed": 3})
    assert answer.json() == {"enabled": True, "email": "bruno@demo.kore", "referral_code": "q8bbb", "unclaimed": 3}
    bruno = kore.login("bruno@demo.kore")
    status = kore.get("referrals", token=bruno.token).json()["claim_status"]
    assert status == {"unclaimed_referrals_count": 3, "amount_to_claim": {"currency": "EUR", "amount": 6000,
                                                                          "exponent": 2}}


@pytest.mark.parametrize(("body", "status"), [
    ({}, 400), ({"enabled": "no"}, 400), ({"email": "bruno@demo.kore"}, 400), ({"unclaimed": 2}, 400),
    ({"email": "bruno@demo.kore", "unclaimed": -1}, 400), ({"email": "bruno@demo.kore", "unclaimed": True}, 400),
    ({"email": "", "unclaimed": 1}, 400), ({"email": "nobody@demo.kore", "unclaimed": 1}, 404),
])
def test_bad_controls_are_refused(kore: Kore, body, status) -> None:
    response = kore.control("POST", "referrals", body)
    assert response.status_code == status and "error" in response.json()


def test_a_player_checking_their_own_address_gets_their_offers(kore: Kore, alice: Player, brand_token: str) -> None:
    own = kore.post("users/emailcheck", token=alice.token, json={"email": "alice@demo.kore"}).json()
    assert own["status"] == "not_available"
    assert own["available_offers"] == [{"offer_code": "20free"}, {"offer_code": "10cashback"}]
    assert own["claimed_offers"] == [{"offer_code": "75free", "claim_date": "2024-03-18T08:56:00Z"}]
    # Nobody else learns them: not with the brand token, not with another player's.
    anonymous = kore.post("users/emailcheck", token=brand_token, json={"email": "alice@demo.kore"}).json()
    assert "available_offers" not in anonymous
    bruno = kore.login("bruno@demo.kore")
    other = kore.post("users/emailcheck", token=bruno.token, json={"email": "alice@demo.kore"}).json()
    assert "available_offers" not in other
