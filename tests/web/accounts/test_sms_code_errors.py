"""A code of the wrong length, as Kore before and since 3.35 refuses it: both read as the
code's own error ("The code has 6 digits."), next to the field."""

from __future__ import annotations

import pytest
import requests

from lobby.accounts.verify import _code_length_refused
from lobby.kore.errors import error_from_body


def test_the_sandbox_answers_what_3_35_says(sandbox):
    """The sandbox's own answer (3.35: invalid_request naming `code`) reads as a length error."""
    headers = {"X-Kore-ReturnUrl": "http://lobby.test/"}
    data = requests.post(f"{sandbox.url}/v3/api/auth/player_credentials/token", headers=headers, timeout=5, json={
        "brand_id": "KoreDemo", "locale": "en-US", "email": "sms-login@demo.kore", "password": "Demo-pass-1",
        "play_mode": "Real"}).json()
    response = requests.post(data["_links"]["verification"]["href"], timeout=5, json={"mode": "mobile_phone",
                             "code": "123"}, headers={**headers, "Authorization": f"Bearer {data['tokens'][0]['value']}"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"
    assert _code_length_refused(error_from_body(400, response.json(), response.headers))


@pytest.mark.parametrize("body, expected", [
    ({"error": "invalid_sms_code_length", "error_description": "SMS Verification Code length invalid."}, True),
    ({"error": "invalid_request", "error_description": "Invalid value for `code` parameter.",
      "properties": ["code"]}, True),
    ({"error": "invalid_request", "error_description": "Invalid value for `mode` parameter.",
      "properties": ["mode"]}, False),
    ({"error": "invalid_sms_code", "error_description": "SMS Verification Code invalid."}, False),
])
def test_both_versions_read_as_the_codes_length(body, expected):
    assert _code_length_refused(error_from_body(400, body)) is expected
