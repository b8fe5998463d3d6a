"""Lobby pieces that need no server: redirects, log redaction, configuration."""

import logging

import pytest

from lobby.config import Config, ConfigError
from lobby.core.logs import RedactingFilter, redact
from lobby.core.security import safe_next


@pytest.mark.parametrize(
    "target",
    [
        "/",
        "/play/midnight-racer",
        "/play/x?mode=real&next=%2Ftournaments",
        "/tournaments#top",
    ],
)
def test_safe_next_keeps_our_own_paths(target):
    assert safe_next(target, "/fallback") == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "https://evil.example/",
        "http://evil.example",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/%2Fevil.example",
        "/%2fevil.example",
        "/%5Cevil.example",
        "/%09/evil.example",
        "javascript:alert(1)",
        "data:text/html,hi",
        "evil.example",
        "play/relative",
        " /leading-space",
        "/\tevil",
        "/\r\nSet-Cookie: x=1",
        "https:/evil.example",
        "/" + "a" * 3000,
    ],
)
def test_safe_next_refuses_everything_else(target):
    assert safe_next(target, "/fallback") == "/fallback"


@pytest.mark.parametrize(
    "message, secret",
    [
        ("Authorization: Bearer CfDJ8KBChYue.abc/def==", "CfDJ8KBChYue"),
        ("GET /play?sessionid=L7vcH4hDE7jqx&usertoken=cUrZ7y94 HTTP/1.1", "L7vcH4hDE7jqx"),
        ("GET /play?sessionid=L7vcH4hDE7jqx&usertoken=cUrZ7y94 HTTP/1.1", "cUrZ7y94"),
        ("login failed for bob@example.com", "bob@example.com"),
        ("{'password': 'correct horse'}", "correct"),
        ("verify code=123456", "123456"),
        ("id number=9007141234084", "9007141234084"),
        ("secret=sandbox-secret", "sandbox-secret"),
        ("GET /play/unauthenticated/x?launch_token=Lm30IB6ncC7uTFm3 HTTP/1.1", "Lm30IB6ncC7uTFm3"),
        ("mobile_phone=%2B27821234567&birth_date=1990-07-14", "27821234567"),
        ("mobile_phone=%2B27821234567&birth_date=1990-07-14", "1990-07-14"),
    ],
)
def test_redact_removes_secrets(message, secret):
    assert secret not in redact(message)


def test_redacting_filter_cleans_arguments_and_exceptions(caplog):
    logger = logging.getLogger("tests.redaction")
    logger.addFilter(RedactingFilter())
    try:
        raise KeyError("token=abcdef123456")
    except KeyError:
        logger.exception("failed for %s with password=%s", "alice@demo.kore", "hunter22")
    text = caplog.text
    assert "alice@demo.kore" not in text and "hunter22" not in text and "abcdef123456" not in text
    assert "failed for" in text


def test_config_requires_secret_key_outside_development():
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        Config.from_env({"KORE_API_URL": "https://kore.example.com"})


def test_config_development_generates_a_secret_when_running_on_the_sandbox():
    config = Config.from_env({})
    assert config.development and len(config.secret_key) >= 32 and config.kore_api_url == ""


def test_config_production_defaults():
    config = Config.from_env({"KORE_API_URL": "https://kore.example.com/", "SECRET_KEY": "s" * 40,
                              "PUBLIC_URL": "https://casino.example.com/"})
    assert config.env == "production"
    assert config.secure_cookies is True
    assert config.kore_api_url == "https://kore.example.com"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"LOBBY_PORT": "eighty"}, "LOBBY_PORT"),
        ({"DEFAULT_LOCALE": "en-GB"}, "DEFAULT_LOCALE"),
        ({"LOBBY_ENV": "staging"}, "LOBBY_ENV"),
        ({"KORE_API_URL": "https://k.example", "SECRET_KEY": "short"}, "32 characters"),
        ({"KORE_API_URL": "kore.example.com"}, "KORE_API_URL must be an http\\(s\\) URL"),
        ({"KORE_API_URL": "ftp://kore.example.com"}, "KORE_API_URL must be an http\\(s\\) URL"),
        ({"REDIS_URL": "cache.internal:6379"}, "REDIS_URL must be a Redis URL"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be one of text, json"),
        ({"METRICS_ALLOW": "127.0.0.1,everyone"}, "METRICS_ALLOW must be addresses or networks"),
        # Production never builds its links from a request's Host header: it must be told.
        ({"KORE_API_URL": "https://k.example", "SECRET_KEY": "s" * 40}, "PUBLIC_URL is not set"),
    ],
)
def test_config_says_what_is_wrong(env, message):
    with pytest.raises(ConfigError, match=message):
        Config.from_env(env)


def test_every_documented_error_has_a_plain_message():
    from lobby.core.messages import PLAYER_MESSAGES
    from lobby.kore.errors import ErrorCode

    missing = [code for code in ErrorCode if code not in PLAYER_MESSAGES]
    assert missing == []
    for message in PLAYER_MESSAGES.values():
        assert "_" not in str(message), "a raw code leaked into a player message"
