"""The aggregator's keys: fetched once, fetched again for an unknown kid (not too often),
kept when the JWKS cannot be read, and only RSA keys for RS256."""

from __future__ import annotations

import pytest
import requests

from lobby.betcore.jwt import REFETCHES_PER_MINUTE, Jwks, JwksUnavailable, JwtRefused, verify

GENERAL_ERROR = 103799


class Counting:
    """A JWKS URL whose fetches are counted (requests.get wrapped)."""

    def __init__(self, monkeypatch):
        self.fetches = 0
        real = requests.get

        def get(url, **kwargs):
            self.fetches += 1
            return real(url, **kwargs)

        monkeypatch.setattr("lobby.betcore.jwt.requests.get", get)


def test_keys_are_fetched_once(betcore_sandbox, monkeypatch):
    counting = Counting(monkeypatch)
    jwks = Jwks(betcore_sandbox.jwks_url)
    for _ in range(3):
        verify(betcore_sandbox.signer.sign({}), jwks)
    assert counting.fetches == 1


def test_unknown_kids_refetch_a_few_times_a_minute_at_most(betcore_sandbox, monkeypatch):
    counting = Counting(monkeypatch)
    jwks = Jwks(betcore_sandbox.jwks_url)
    for number in range(REFETCHES_PER_MINUTE + 5):
        with pytest.raises(JwtRefused):
            jwks.key(f"made-up-{number}")
    assert counting.fetches == REFETCHES_PER_MINUTE


def test_a_rotated_key_is_found_and_old_keys_kept_when_the_jwks_fails(betcore_sandbox, monkeypatch):
    jwks = Jwks(betcore_sandbox.jwks_url)
    verify(betcore_sandbox.signer.sign({}), jwks)
    old = betcore_sandbox.signer.sign({})
    requests.post(f"{betcore_sandbox.url}/_betcore/rotate", json={}, timeout=5)
    verify(betcore_sandbox.signer.sign({}), jwks)  # unknown kid: fetched again, found

    def down(url, **kwargs):
        raise requests.ConnectionError("down")

    monkeypatch.setattr("lobby.betcore.jwt.requests.get", down)
    verify(old, jwks)  # still known
    with pytest.raises(JwtRefused):
        jwks.key("made-up")


def test_a_jwks_never_read_is_a_general_error(app, refresh_token, partner, monkeypatch):
    token = refresh_token()

    def down(url, **kwargs):
        raise requests.ConnectionError("down")

    monkeypatch.setattr("lobby.betcore.jwt.requests.get", down)
    with pytest.raises(JwksUnavailable):
        Jwks("http://127.0.0.1:9/jwks").key("any")
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
