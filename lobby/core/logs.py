"""Logging that never writes tokens, passwords, codes or personal data.

The lobby's own log calls do not pass such values in the first place; this filter
is the second line, for what third-party code (werkzeug's access log with query
strings, an exception message) might carry.
"""

from __future__ import annotations

import logging
import re
import sys

from flask import Flask

from lobby.config import Config

_PATTERNS = [
    # Authorization headers and bearer tokens.
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+"), r"\1 [redacted]"),
    # key=value pairs whose key names a secret, in query strings, forms or reprs.
    (
        re.compile(
            r"(?i)\b(\w*?(?:token|password|passwd|secret|session(?:id)?|code|captcha|sig|email|"
            r"login|phone|birth_?date|number))"
            r"(['\"]?\s*[=:]\s*['\"]?)[^\s&'\",;)}]+"
        ),
        r"\1\2[redacted]",
    ),
    # Email addresses anywhere.
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "[email]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message with secrets and personal data taken out."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        cleaned = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Exception text (e.g. a KeyError of a token) goes through the same cleaning.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        record.msg, record.args = cleaned, None
        return True


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is now (servers and test runners replace it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def init_logging(app: Flask, config: Config) -> None:
    handler = StderrHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    if not any(isinstance(f, RedactingFilter) for h in root.handlers for f in h.filters):
        root.addHandler(handler)
    root.setLevel(config.log_level)
    # Filters on handlers only see records that reach them; put it on the loggers
    # that write request lines too, so their own handlers are covered.
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error", "uvicorn.access", "uvicorn.error", app.logger.name):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
