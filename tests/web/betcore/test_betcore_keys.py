"""The aggregator's keys: fetched once, fetched again for an unknown kid at most once per
interval whoever asks, never replaced by a set without a usable key, vanished keys honoured
for a grace period, and fetches that never hold up calls whose key is known (issue 25)."""

from __future__ import annotations

import base64
import json
import threading
import time

import pytest
import requests

from lobby.betcore.jwt import KEY_GRACE, REFETCH_INTERVAL, Jwks, JwksUnavailable, JwtRefused, verify

GENERAL_ERROR = 103799
JWT_FAILED = 103811
SUCCESS = 200


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


def fault(betcore_sandbox, kind=None, delay=0.0) -> int:
    """Set the sandbox JWKS's next answers; the fetches made so far."""
    answer = requests.post(f"{betcore_sandbox.url}/_betcore/jwks_fault", json={"fault": kind, "delay": delay}, timeout=5)
    answer.raise_for_status()
    return answer.json()["fetches"]


def fetches(betcore_sandbox) -> int:
    return requests.get(f"{betcore_sandbox.url}/_betcore/jwks_fetches", timeout=5).json()["fetches"]


def test_keys_are_fetched_once(betcore_sandbox):
    before = fetches(betcore_sandbox)
    jwks = Jwks(betcore_sandbox.jwks_url)
    for _ in range(3):
        verify(betcore_sandbox.signer.sign({}), jwks)
    assert fetches(betcore_sandbox) - before == 1


def test_a_storm_of_unknown_kids_refetches_once_per_interval_and_valid_tokens_still_pass(betcore_sandbox):
    clock = Clock()
    jwks = Jwks(betcore_sandbox.jwks_url, clock=clock)
    verify(betcore_sandbox.signer.sign({}), jwks)
    before = fetches(betcore_sandbox)
    for number in range(50):
        with pytest.raises(JwtRefused):
            jwks.key(f"made-up-{number}")
    assert fetches(betcore_sandbox) - before == 1  # the first unknown kid; the rest wait for the interval
    # A real rotation after the storm: found as soon as the interval allows one more fetch.
    requests.post(f"{betcore_sandbox.url}/_betcore/rotate", json={}, timeout=5).raise_for_status()
    rotated = betcore_sandbox.signer.sign({})
    with pytest.raises(JwtRefused):
        verify(rotated, jwks)
    clock.advance(REFETCH_INTERVAL + 0.1)
    assert verify(rotated, jwks)
    assert fetches(betcore_sandbox) - before == 2


@pytest.mark.parametrize("kind", ["empty", "junk", "error"])
def test_a_jwks_answer_without_a_usable_key_never_replaces_good_keys(betcore_sandbox, kind, caplog):
    clock = Clock()
    jwks = Jwks(betcore_sandbox.jwks_url, clock=clock)
    valid = betcore_sandbox.signer.sign({})
    verify(valid, jwks)
    fault(betcore_sandbox, kind)
    for number in range(8):  # unknown kids ask for the bad set again and again
        clock.advance(REFETCH_INTERVAL + 0.1)
        with pytest.raises(JwtRefused):
            jwks.key(f"made-up-{number}")
    assert verify(betcore_sandbox.signer.sign({}), jwks)  # the last good set still verifies
    assert "keeping the keys we have" in caplog.text


def test_the_partner_api_keeps_verifying_through_an_empty_jwks_and_unknown_kids(app, refresh_token, partner,
                                                                                betcore_sandbox, client):
    token = refresh_token()
    first = partner("auth", {"RefreshToken": token})
    assert first["ErrorCode"] == SUCCESS
    fault(betcore_sandbox, "empty")
    for number in range(8):
        rest = betcore_sandbox.signer.sign({}).split(".", 1)[1]
        # A token under a kid nobody published (unauthenticated: anyone can send one).
        bad_header = base64.urlsafe_b64encode(json.dumps({"alg": "RS256", "kid": f"nope-{number}"}).encode())
        answer = client.post("/betcore/users/auth", data=json.dumps(bad_header.decode().rstrip("=") + "." + rest),
                             content_type="application/json").get_json()
        assert answer["ErrorCode"] == JWT_FAILED
    assert partner("auth", {"RefreshToken": first["Value"]["RefreshToken"]})["ErrorCode"] == SUCCESS


def test_a_key_gone_from_the_set_stays_valid_for_the_grace_period(betcore_sandbox):
    clock = Clock()
    jwks = Jwks(betcore_sandbox.jwks_url, clock=clock)
    old = betcore_sandbox.signer.sign({})
    verify(old, jwks)
    # The aggregator rotates and unpublishes the old key at once; a new kid makes us refetch.
    requests.post(f"{betcore_sandbox.url}/_betcore/rotate", json={"keep_old": False}, timeout=5).raise_for_status()
    clock.advance(REFETCH_INTERVAL + 0.1)
    verify(betcore_sandbox.signer.sign({}), jwks)
    old_kid = json.loads(base64.urlsafe_b64decode(old.split(".")[0] + "=="))["kid"]
    assert jwks.key(old_kid)  # signed a moment ago: still honoured
    clock.advance(KEY_GRACE + 1)
    with pytest.raises(JwtRefused):
        jwks.key(old_kid)


def test_a_slow_jwks_holds_up_no_call_whose_key_is_known(betcore_sandbox):
    jwks = Jwks(betcore_sandbox.jwks_url)
    valid = betcore_sandbox.signer.sign({})
    verify(valid, jwks)
    fault(betcore_sandbox, None, delay=3)
    stalled = [threading.Thread(target=lambda n=n: pytest.raises(JwtRefused, jwks.key, f"junk-{n}")) for n in range(2)]
    for thread in stalled:
        thread.start()
    time.sleep(0.2)  # the junk kids' fetch is under way
    started = time.monotonic()
    for _ in range(5):
        verify(valid, jwks)
    assert time.monotonic() - started < 0.5
    for thread in stalled:
        thread.join(10)
    assert fault(betcore_sandbox, None) >= 1


def test_a_jwks_never_read_is_a_general_error(app, refresh_token, partner, betcore_sandbox):
    token = refresh_token()
    with pytest.raises(JwksUnavailable):
        Jwks("http://127.0.0.1:9/jwks").key("any")
    fault(betcore_sandbox, "error")
    assert partner("auth", {"RefreshToken": token})["ErrorCode"] == GENERAL_ERROR


def test_only_rsa_signing_keys_are_taken(betcore_sandbox, monkeypatch):
    good = betcore_sandbox.signer.jwks()["keys"][0]
    listed = {"keys": [
        {**good, "kid": "for-encryption", "use": "enc"},
        {**good, "kid": "for-rs512", "alg": "RS512"},
        {"kty": "oct", "kid": "a-secret", "k": "c2VjcmV0"},
        {"kty": "RSA", "kid": "broken", "n": "xx", "e": "AQAB"},
        good,
    ]}

    class Answer:
        def raise_for_status(self):
            return None

        def json(self):
            return listed

    monkeypatch.setattr("lobby.betcore.jwt.requests.get", lambda url, **kwargs: Answer())
    jwks = Jwks("http://aggregator.invalid/jwks")
    assert jwks.key(good["kid"])
    for kid in ("for-encryption", "for-rs512", "a-secret", "broken"):
        with pytest.raises(JwtRefused):
            jwks.key(kid)


def test_a_body_over_the_size_limit_is_invalid_parameters(app, client):
    answer = client.post("/betcore/users/auth", data=json.dumps("a." * 40000 + "b"), content_type="application/json")
    assert answer.status_code == 200 and answer.get_json()["ErrorCode"] == 103752
