"""Logging that never writes tokens, passwords, codes or personal data.

The lobby's own log calls do not pass such values in the first place; this filter
is the second line, for what third-party code (werkzeug's access log with query
strings, an exception message) might carry.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import datetime, timezone

from flask import Flask, has_request_context, request

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


class RequestContextFilter(logging.Filter):
    """Gives every record of a request its id (and method, path, client in JSON logs).

    Records logged on the threads a page fans its Kore calls out to carry the request's
    context too (Upstream.gather copies it); records outside any request get "-".
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            environ = request.environ if has_request_context() else None
            if environ is not None:
                from lobby.core.access import REQUEST_ID, client_address

                record.request_id = environ.get(REQUEST_ID, "-")
                record.method = environ.get("REQUEST_METHOD")
                record.path = environ.get("PATH_INFO")
                record.client = client_address(environ)
            else:
                record.request_id = "-"
        return True


#: Fields a JSON line may carry besides the message, when the record has them.
_JSON_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "client")


class JsonFormatter(logging.Formatter):
    """One JSON object a line (LOG_FORMAT=json), for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "timestamp": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        for name in _JSON_FIELDS:
            value = getattr(record, name, None)
            if value is not None and value != "-":
                line[name] = value
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


def formatter(log_format: str) -> logging.Formatter:
    return JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


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
    handler.setFormatter(formatter(config.log_format))
    handler.addFilter(RequestContextFilter())
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    ours = [h for h in root.handlers if any(isinstance(f, RedactingFilter) for f in h.filters)]
    if not ours:
        root.addHandler(handler)
    else:
        # Another app of this process (tests build several) chose the format last.
        for existing in ours:
            existing.setFormatter(formatter(config.log_format))
            if not any(isinstance(f, RequestContextFilter) for f in existing.filters):
                existing.filters.insert(0, RequestContextFilter())
    root.setLevel(config.log_level)
    # Filters on handlers only see records that reach them; put it on the loggers
    # that write request lines too, so their own handlers are covered.
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error", "uvicorn.access", "uvicorn.error", app.logger.name):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
