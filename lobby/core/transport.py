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
    return len(host) <= 259 and _HOST.fullmatch(host) is not None


class TransportGuard:
    """WSGI middleware inside ProxyFix: a clean REMOTE_ADDR and a Host that is a host name."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST")
        if host is not None and not valid_host(host):
            body = b"Bad Host header.\n"
            start_response("400 Bad Request", [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ])
            return [body]
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
