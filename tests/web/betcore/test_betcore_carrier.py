"""Both readings of BETCORE's request: the JWT in the body (JSON-quoted or bare) or in the
Authorization header (``Bearer <jwt>`` or bare); both at once must be the same JWT."""

from __future__ import annotations

import json

import pytest

SUCCESS, INVALID_PARAMETERS = 200, 103752


@pytest.fixture
def post(client):
    def call(operation, body=b"", authorization=None):
        headers = {"Authorization": authorization} if authorization is not None else {}
        response = client.post(f"/betcore/users/{operation}", data=body, headers=headers,
                               content_type="application/json")
        assert response.status_code == 200
        return response.get_json()

    return call


def _auth_jwt(betcore_sandbox, refresh_token):
    return betcore_sandbox.signer.sign({"RefreshToken": refresh_token()})


READINGS = {
    "body, JSON-quoted": lambda jwt: (json.dumps(jwt), None),
    "body, bare": lambda jwt: (jwt, None),
    "Authorization: Bearer, empty body": lambda jwt: (b"", f"Bearer {jwt}"),
    "Authorization bare, empty body": lambda jwt: (b"", jwt),
    "Authorization: bearer (any case)": lambda jwt: (b"", f"bearer {jwt}"),
    "both, the same JWT": lambda jwt: (json.dumps(jwt), f"Bearer {jwt}"),
    "both, bare header": lambda jwt: (jwt, jwt),
}


@pytest.mark.parametrize("reading", READINGS)
def test_every_reading_is_accepted(reading, post, refresh_token, betcore_sandbox):
    body, authorization = READINGS[reading](_auth_jwt(betcore_sandbox, refresh_token))
    answer = post("auth", body, authorization)
    assert answer["ErrorCode"] == SUCCESS, answer
    assert answer["Value"]["CurrencyCode"] == "USD"


def test_two_different_jwts_are_refused(post, refresh_token, betcore_sandbox):
    refresh = refresh_token()
    one = betcore_sandbox.signer.sign({"RefreshToken": refresh})
    other = betcore_sandbox.signer.sign({"RefreshToken": refresh, "TagId": 7})
    assert one != other
    assert post("auth", json.dumps(one), f"Bearer {other}") == {"ErrorCode": INVALID_PARAMETERS,
                                                               "Message": "Invalid request parameters"}
    # Nothing was used up: the refresh token still works.
    assert post("auth", json.dumps(one))["ErrorCode"] == SUCCESS


@pytest.mark.parametrize("authorization", ["Bearer", "Bearer not-a-jwt", "Basic dXNlcjpwYXNz", "a.b"])
def test_an_authorization_that_is_not_a_jwt_is_refused(authorization, post, refresh_token, betcore_sandbox):
    jwt = _auth_jwt(betcore_sandbox, refresh_token)
    assert post("auth", json.dumps(jwt), authorization)["ErrorCode"] == INVALID_PARAMETERS


def test_no_jwt_anywhere_is_refused(post):
    assert post("auth", b"", None)["ErrorCode"] == INVALID_PARAMETERS
    assert post("auth", b"  ", "  ")["ErrorCode"] == INVALID_PARAMETERS


def test_the_data_operation_takes_the_header_too(post, refresh_token, betcore_sandbox):
    auth = post("auth", b"", f"Bearer {_auth_jwt(betcore_sandbox, refresh_token)}")
    partner_user_id = auth["Value"]["PartnerUserId"]
    data = betcore_sandbox.signer.sign({"PartnerUserId": partner_user_id})
    answer = post("data", b"", f"Bearer {data}")
    assert answer["ErrorCode"] == SUCCESS and answer["Value"]["Balance"] == "1300.00"  # cash 1,250.00 + bonus 50.00
