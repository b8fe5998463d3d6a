"""The BETCORE sandbox: its JWKS, its JWTs like BETCORE's, key rotation, its pages."""

from __future__ import annotations

import json

import jwt
import requests


def _key_for(jwks: dict, kid: str):
    return jwt.PyJWK(next(key for key in jwks["keys"] if key["kid"] == kid)).key


def test_jwts_verify_with_the_published_key(betcore_sandbox):
    token = betcore_sandbox.signer.sign({"RefreshToken": "abcdefghijk"})
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["kid"]
    jwks = requests.get(betcore_sandbox.jwks_url, timeout=5).json()
    claims = jwt.decode(token, _key_for(jwks, header["kid"]), algorithms=["RS256"])
    assert claims["exp"] - claims["nbf"] == 10
    assert claims["iss"] == betcore_sandbox.issuer and claims["iss"].endswith("/identity-api")
    assert claims["client_id"] == betcore_sandbox.client_id
    assert json.loads(claims["data"]) == {"RefreshToken": "abcdefghijk"}  # a JSON string


def test_rotation_publishes_a_new_key_and_can_drop_the_old(betcore_sandbox):
    old = betcore_sandbox.signer.current.kid
    new = requests.post(f"{betcore_sandbox.url}/_betcore/rotate", json={}, timeout=5).json()["kid"]
    kids = [key["kid"] for key in requests.get(betcore_sandbox.jwks_url, timeout=5).json()["keys"]]
    assert new != old and old in kids and new in kids
    assert jwt.get_unverified_header(betcore_sandbox.signer.sign({}))["kid"] == new
    requests.post(f"{betcore_sandbox.url}/_betcore/rotate", json={"keep_old": False}, timeout=5)
    assert len(requests.get(betcore_sandbox.jwks_url, timeout=5).json()["keys"]) == 1


def test_the_jwks_has_no_private_parts(betcore_sandbox):
    for key in requests.get(betcore_sandbox.jwks_url, timeout=5).json()["keys"]:
        assert key["kty"] == "RSA" and key["alg"] == "RS256"
        assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


def test_the_webframe_takes_only_http_urls(betcore_sandbox):
    page = requests.get(f"{betcore_sandbox.url}/webframe", params={
        "server": "javascript:alert(1)", "exitUrl": "javascript:alert(2)"}, timeout=5)
    assert page.ok and "javascript:" not in page.text
    refused = requests.post(f"{betcore_sandbox.url}/webframe/session",
                            json={"tokenAuth": "abcdefghijk", "server": "file:///etc/passwd"}, timeout=5)
    assert refused.status_code == 400
    assert requests.get(f"{betcore_sandbox.url}/assets/frame.js", timeout=5).ok
