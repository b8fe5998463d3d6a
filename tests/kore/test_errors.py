"""Every documented error code maps to its exception family; headers and Retry-After."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from kore_testlib import load_example

from lobby.kore.errors import (
    ERRORS,
    ErrorCode,
    KoreAuthError,
    KoreBadRequest,
    KoreError,
    KoreForbidden,
    KoreNotFound,
    KoreRateLimited,
    KoreServerError,
    KoreUnavailable,
    error_from_body,
)

FAMILY = {
    400: KoreBadRequest,
    401: KoreAuthError,
    403: KoreForbidden,
    404: KoreNotFound,
    429: KoreRateLimited,
    500: KoreServerError,
}


def test_every_code_has_a_spec():
    assert set(ERRORS) == set(ErrorCode)


@pytest.mark.parametrize("code", list(ErrorCode), ids=str)
def test_code_maps_to_family_by_status(code):
    spec = ERRORS[code]
    error = error_from_body(spec.status, {"error": str(code), "error_description": "d", "uuid": "u-1"})
    assert type(error) is FAMILY[spec.status]
    assert error.code is code
    assert error.raw_code == str(code)
    assert error.status == spec.status
    assert (error.description, error.uuid) == ("d", "u-1")


def test_documented_error_examples():
    error = error_from_body(400, load_example("error"))
    assert isinstance(error, KoreBadRequest) and error.code is ErrorCode.INVALID_REQUEST
    assert error.uuid == "7980f224-605b-4a24-b22b-051318b54fd1"
    invalid = error_from_body(400, load_example("error_invalid_request"))
    assert invalid.properties == ("email", "player_info.nickname")
    bonus = error_from_body(400, load_example("bonus_claim_error"))
    assert bonus.code is ErrorCode.BONUS_INVALID and bonus.description == "The Bonus Code is not valid."


@pytest.mark.parametrize("header", ["X-Error-Code", "X-Kore-ErrorCode", "x-error-code"])
def test_header_fallback_without_body(header):
    error = error_from_body(403, None, {header: "geoblocked"})
    assert isinstance(error, KoreForbidden)
    assert error.code is ErrorCode.GEOBLOCKED
    assert error.description == ERRORS[ErrorCode.GEOBLOCKED].description


def test_body_code_wins_over_headers():
    error = error_from_body(401, {"error": "expired_token"}, {"X-Error-Code": "invalid_credentials"})
    assert error.code is ErrorCode.EXPIRED_TOKEN


def test_alias_spelling_from_the_table():
    error = error_from_body(404, {"error": "invalid_fast_track_ registration_code"})
    assert error.code is ErrorCode.INVALID_FAST_TRACK_REGISTRATION_CODE
    assert isinstance(error, KoreNotFound)


def test_unknown_code_keeps_raw_code():
    error = error_from_body(400, {"error": "brand_new_problem", "error_description": "new"})
    assert error.code is None
    assert error.raw_code == "brand_new_problem"
    assert isinstance(error, KoreBadRequest)
    assert "brand_new_problem" in repr(error)


def test_status_without_family_is_plain_kore_error():
    error = error_from_body(409, {})
    assert type(error) is KoreError and error.description == "HTTP 409"


@pytest.mark.parametrize(
    "code, over",
    [
        (ErrorCode.EXPIRED_PLAYER_SESSION, True),
        (ErrorCode.EXPIRED_TOKEN, True),
        (ErrorCode.INVALID_CREDENTIALS, True),
        (ErrorCode.MISSING_CREDENTIALS, True),
        (ErrorCode.INVALID_PASSWORD, False),
        (ErrorCode.CAPTCHA_REQUIRED, False),
    ],
)
def test_session_over(code, over):
    error = error_from_body(401, {"error": str(code)})
    assert error.session_over is over


def test_retry_after_seconds():
    error = error_from_body(429, {"error": "rate_limit_exceeded"}, {"Retry-After": "7"})
    assert isinstance(error, KoreRateLimited) and error.retry_after == 7.0


def test_retry_after_http_date():
    when = datetime.now(timezone.utc) + timedelta(seconds=120)
    error = error_from_body(503, {}, {"Retry-After": format_datetime(when, usegmt=True)})
    assert 110 <= error.retry_after <= 121


@pytest.mark.parametrize("value", ["soon", ""])
def test_retry_after_unreadable(value):
    assert error_from_body(429, {}, {"Retry-After": value}).retry_after is None


def test_retry_after_in_the_past_is_zero():
    past = format_datetime(datetime.now(timezone.utc) - timedelta(hours=1), usegmt=True)
    assert error_from_body(503, {}, {"Retry-After": past}).retry_after == 0.0


def test_unavailable_carries_outcome_flag():
    assert KoreUnavailable("lost", outcome_unknown=True).outcome_unknown is True
    plain = KoreUnavailable("refused")
    assert plain.outcome_unknown is False and isinstance(plain, KoreError)
