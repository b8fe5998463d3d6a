"""The partner API's JWT checks: a table of JWTs BETCORE would and would not send."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

SUCCESS, INVALID_PARAMETERS, JWT_FAILED, INVALID_TOKEN = 200, 103752, 103811, 103805


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _hand_made(header: dict, claims: dict, sign) -> str:
    head = _b64(json.dumps(header).encode()) + "." + _b64(json.dumps(claims).encode())
    return head + "." + _b64(sign(head.encode()))


def _claims(sandbox, refresh, **overrides):
    now = int(time.time())
    claims = {"iss": sandbox.issuer, "client_id": sandbox.client_id, "nbf": now, "exp": now + 10,
              "data": json.dumps({"RefreshToken": refresh})}
    claims.update(overrides)
    return {name: value for name, value in claims.items() if value is not None}


def _public_pem(sandbox) -> bytes:
    return sandbox.signer.current.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def _other_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _rs256(sandbox, claims, *, kid=None, key=None, algorithm="RS256"):
    headers = {} if kid == "" else {"kid": kid or sandbox.signer.current.kid}
    return jwt.encode(claims, key or sandbox.signer.current.private_key, algorithm=algorithm, headers=headers)


NOW = int(time.time())

JWT_CASES = {
    # name: (build(sandbox, claims) -> token, expected code)
    "good": (lambda s, c: _rs256(s, c), SUCCESS),
    "alg none": (lambda s, c: _hand_made({"alg": "none", "kid": s.signer.current.kid}, c, lambda _: b""), JWT_FAILED),
    "HS256 keyed with the public key": (
        lambda s, c: _hand_made({"alg": "HS256", "typ": "JWT", "kid": s.signer.current.kid}, c,
                                lambda head: hmac.new(_public_pem(s), head, hashlib.sha256).digest()), JWT_FAILED),
    "HS256 with a secret": (
        lambda s, c: _hand_made({"alg": "HS256", "kid": s.signer.current.kid}, c,
                                lambda head: hmac.new(b"secret", head, hashlib.sha256).digest()), JWT_FAILED),
    "RS512": (lambda s, c: _rs256(s, c, algorithm="RS512"), JWT_FAILED),
    "no kid": (lambda s, c: _rs256(s, c, kid=""), JWT_FAILED),
    "unknown kid": (lambda s, c: _rs256(s, c, kid="not-a-key", key=_other_key()), JWT_FAILED),
    "signed by another key": (lambda s, c: _rs256(s, c, key=_other_key()), JWT_FAILED),
    "tampered payload": (
        lambda s, c: (lambda t: t.split(".")[0] + "." + _b64(json.dumps({**c, "client_id": "x"}).encode())
                      + "." + t.split(".")[2])(_rs256(s, c)), JWT_FAILED),
}


@pytest.mark.parametrize("case", JWT_CASES)
def test_signatures_and_algorithms(case, refresh_token, partner, betcore_sandbox):
    build, expected = JWT_CASES[case]
    token = build(betcore_sandbox, _claims(betcore_sandbox, refresh_token()))
    answer = partner("auth", token=token)
    assert answer["ErrorCode"] == expected, answer
    if expected != SUCCESS:
        assert "Value" not in answer


CLAIM_CASES = {
    # name: (claim overrides relative to now, expected code)
    "expired": ({"nbf": -40, "exp": -30}, JWT_FAILED),
    "not yet valid": ({"nbf": 30, "exp": 40}, JWT_FAILED),
    "expired within the leeway": ({"nbf": -12, "exp": -2}, SUCCESS),
    "expired just past the leeway": ({"nbf": -18, "exp": -8}, JWT_FAILED),
    "valid soon, within the leeway": ({"nbf": 2, "exp": 12}, SUCCESS),
    "valid later, past the leeway": ({"nbf": 8, "exp": 18}, JWT_FAILED),
    "no exp": ({"exp": None}, JWT_FAILED),
    "no nbf": ({"nbf": None}, JWT_FAILED),
    "living an hour": ({"exp": 3600}, JWT_FAILED),
    "wrong issuer": ({"iss": "https://elsewhere.example/identity-api"}, JWT_FAILED),
    "no issuer": ({"iss": None}, JWT_FAILED),
    "wrong client_id": ({"client_id": "someone-else"}, JWT_FAILED),
    "no client_id": ({"client_id": None}, JWT_FAILED),
}


@pytest.mark.parametrize("case", CLAIM_CASES)
def test_claims(case, refresh_token, partner, betcore_sandbox):
    overrides, expected = CLAIM_CASES[case]
    token = refresh_token()  # a sign-in first: slow on a busy machine, so before "now" is read
    now = int(time.time())
    times = {name: now + value for name, value in overrides.items() if name in ("nbf", "exp") and value is not None}
    others = {name: value for name, value in overrides.items() if name not in times}
    claims = _claims(betcore_sandbox, token, **{**others, **times})
    if "nbf" in overrides and "exp" not in overrides and overrides["nbf"] is None:
        claims.pop("nbf", None)
    answer = partner("auth", token=_rs256(betcore_sandbox, claims))
    assert answer["ErrorCode"] == expected, answer


BODY_CASES = {
    "empty": b"",
    "a JSON object": b'{"token": "a.b.c"}',
    "a JSON number": b"42",
    "not JSON": b'"eyJ',
    "a quoted non-JWT": b'"hello world"',
    "two parts": b'"abc.def"',
}


@pytest.mark.parametrize("case", BODY_CASES)
def test_bodies_that_are_not_a_jwt(case, partner):
    assert partner("auth", body=BODY_CASES[case])["ErrorCode"] == INVALID_PARAMETERS


def test_a_bare_jwt_body_is_taken(refresh_token, partner, betcore_sandbox):
    token = betcore_sandbox.signer.sign({"RefreshToken": refresh_token()})
    assert partner("auth", body=token)["ErrorCode"] == SUCCESS


DATA_CASES = {
    "not JSON": "{RefreshToken:",
    "a JSON array": json.dumps(["RefreshToken"]),
    "a JSON string": json.dumps("RefreshToken"),
    "no RefreshToken": json.dumps({"TagId": 1}),
    "RefreshToken a number": json.dumps({"RefreshToken": 12345678901}),
    "RefreshToken of 9": json.dumps({"RefreshToken": "a" * 9}),
    "RefreshToken of 1001": json.dumps({"RefreshToken": "a" * 1001}),
    "RefreshToken with _": json.dumps({"RefreshToken": "abc_defghijkl"}),
    "RefreshToken with +": json.dumps({"RefreshToken": "abc+defghijkl"}),
    "TagId not a number": json.dumps({"RefreshToken": "abcdefghijkl", "TagId": "x"}),
}


@pytest.mark.parametrize("case", DATA_CASES)
def test_data_that_is_not_valid(case, app, partner, betcore_sandbox):
    token = _rs256(betcore_sandbox, {**_claims(betcore_sandbox, "x"), "data": DATA_CASES[case]})
    assert partner("auth", token=token)["ErrorCode"] == INVALID_PARAMETERS


@pytest.mark.parametrize("refresh", ["a" * 10, "A-b.9" * 200, "0123456789abcdef"])
def test_well_formed_unknown_refresh_tokens(refresh, app, partner):
    assert partner("auth", {"RefreshToken": refresh})["ErrorCode"] == INVALID_TOKEN


def test_an_unknown_kid_fetches_the_keys_again(refresh_token, partner, betcore_sandbox):
    first = refresh_token()
    answer = partner("auth", {"RefreshToken": first})
    assert answer["ErrorCode"] == SUCCESS  # the JWKS is now cached
    requests.post(f"{betcore_sandbox.url}/_betcore/rotate", json={"keep_old": False}, timeout=5).raise_for_status()
    again = partner("auth", {"RefreshToken": answer["Value"]["RefreshToken"]})
    assert again["ErrorCode"] == SUCCESS
