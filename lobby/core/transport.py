"""What arrives before Flask: the Host header and the client's address, made safe to use.

Proxies send ``X-Forwarded-For`` values that are not bare addresses (``203.0.113.7:51234``,
``[2001:db8::1]:443``, ``unknown``, obfuscated ``_hidden`` identifiers), and clients send
Host headers that are not host names at all. Either used to reach the views as they came
and fail there; here the address becomes a plain IP (or the peer's address when nothing
usable was forwarded), and a Host that is not a host name is refused with a plain 400
before any routing (routing itself cannot build URLs for it).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

from flask import Request
from werkzeug.exceptions import BadRequest

#: A DNS name (labels of 1-63 letters, digits, hyphens), an IPv4 address or a bracketed
#: IPv6 address, with an optional port.
_HOST = re.compile(
    r"(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?"
    r"|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
)
_BRACKETED = re.compile(r"\[([^\]]+)\](?::[0-9]{1,5})?")
_V4_PORT = re.compile(r"([0-9.]+):[0-9]{1,5}")


def plain_ip(value: str | None) -> str | None:
    """The IP address in a forwarded value (``ip``, ``ip:port``, ``[v6]:port``), or None."""
    if not value:
        return None
    value = value.strip()
    match = _BRACKETED.fullmatch(value) or _V4_PORT.fullmatch(value)
    if match:
        value = match.group(1)
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def valid_host(host: str) -> bool:
    if len(host) > 259 or _HOST.fullmatch(host) is None:
        return False
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    try:
        # An "xn--" label must be real punycode: URLs of ours are built from it.
        name.encode("ascii").decode("idna")
    except UnicodeError:
        return False
    return True


def _parsable(url: str) -> bool:
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


class TransportGuard:
    """WSGI middleware inside ProxyFix: a clean REMOTE_ADDR and a Host that is a host name."""

    def __init__(self, app: Callable[..., Iterable[bytes]], public_host: str | None = None) -> None:
        self.app = app
        #: With PUBLIC_URL, the one host we answer for (Flask's TRUSTED_HOSTS would refuse
        #: others too, but only after the lobby's own checks had run for them).
        self.public_host = public_host.lower() if public_host else None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST")
        if host is not None and not valid_host(host):
            return _refuse(start_response, b"Bad Host header.\n")
        if self.public_host and host is not None and _hostname(host) != self.public_host:
            return _refuse(start_response, b"Unknown host.\n")
        for header in ("HTTP_REFERER", "HTTP_ORIGIN"):
            # A Referer or Origin that is no URL at all says nothing about where a request
            # came from: dropped, so that no check downstream trips over it.
            if header in environ and not _parsable(environ[header]):
                del environ[header]
        address = plain_ip(environ.get("REMOTE_ADDR"))
        if address is None:
            # Nothing usable forwarded: the address of whoever connected to us.
            original = environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR")
            address = plain_ip(original)
        environ["REMOTE_ADDR"] = address or "0.0.0.0"  # noqa: S104 - an address to count by, never bound
        scheme = environ.get("wsgi.url_scheme")
        if scheme not in ("http", "https"):
            environ["wsgi.url_scheme"] = environ.get("werkzeug.proxy_fix.orig", {}).get("wsgi.url_scheme", "http")
        return self.app(environ, start_response)


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host[: host.index("]") + 1].lower()
    return host.rsplit(":", 1)[0].rstrip(".").lower()


def _refuse(start_response: Callable[..., Any], body: bytes) -> Iterable[bytes]:
    start_response("400 Bad Request", [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
    ])
    return [body]


class ReadableForms(Request):
    """A request class mixin refusing a form with a part whose name cannot be read.

    Werkzeug's multipart parser gives such a part (``name="\\`` unterminated) the name
    None; Flask-WTF's CSRF check then fails on it with an AttributeError, a 500 on every
    route. A form we cannot read is the client's fault: 400, before any check runs.
    (Mixed into the app's request class, which htmx-flask replaces with its own.)
    """

    def _load_form_data(self) -> None:
        super()._load_form_data()
        if any(not isinstance(key, str) for key in (*self.form.keys(), *self.files.keys())):
            raise BadRequest("a form part has no readable name")
