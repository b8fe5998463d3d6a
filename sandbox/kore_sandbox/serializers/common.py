"""The serializers' shared pieces: links, the request's URLs, tokens, errors, JSON text.

``_links`` point at the sandbox's own API; ``_actions`` at its HTML pages, carrying
the X-Kore-ReturnUrl in force when the link was made.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from .. import seed
from ..backend import SandboxBackend
from ..backend.entities import Token
from ..clock import iso
from ..exceptions import SandboxError, error_body


def link(href: str, method: str | None = None) -> dict[str, str]:
    return {"href": href, "method": method} if method else {"href": href}


class Urls:
    def __init__(self, base_url: str, return_url: str | None) -> None:
        self.base = base_url.rstrip("/")
        self.return_url = return_url or ""

    def api(self, path: str) -> str:
        return f"{self.base}/v3/api/{path}"

    def page(self, action: str, **params: str | None) -> str:
        query = {k: v for k, v in params.items() if v is not None}
        query["ReturnUrl"] = self.return_url
        return f"{self.base}/pages/{action}?{urlencode(query)}"

    def play(self, game: seed.Game, token: Token) -> str:
        query = {
            "sessionid": token.session_id,
            "playmode": token.play_mode,
            "locale": token.locale,
        }
        if game.device_category in ("mobile", "desktop"):
            query["device"] = game.device_category
        query["returnurl"] = self.return_url
        return f"{self.base}/play/{game.platform}/{game.code}?{urlencode(query)}"

    def play_unauthenticated(self, game: seed.Game, token: Token) -> str:
        query = {"locale": token.locale, "device": game.device_category or "desktop", "returnurl": self.return_url}
        return f"{self.base}/play/unauthenticated/{game.code}?{urlencode(query)}"


def tokens(token: Token) -> list[dict[str, str]]:
    return [{"type": "Bearer", "expiration": iso(token.expiration), "value": token.value}]


def errors_json(backend: SandboxBackend, errors: list[SandboxError]) -> list[dict[str, Any]]:
    return [error_body(e, backend.new_uuid()) for e in errors]


def user_links(player_id: str, urls: Urls, user: str, games: str) -> dict[str, dict[str, str]]:
    """The privileged endpoints' links to a player and their favourite games."""
    return {
        user: link(urls.api(f"users/{player_id}"), "GET"),
        games: link(urls.api(f"users/{player_id}/games"), "GET"),
    }


# -- JSON encoding ----------------------------------------------------------------------

_DECIMAL = re.compile(r'"\\u0000decimal:([-0-9.Ee+]+)"')


def _reject_floats(value: Any, path: str = "$") -> None:
    # Money is an integer amount and exponent; a float anywhere is a sandbox bug.
    if isinstance(value, float):
        raise TypeError(f"float in a Kore response at {path}: use Money or Decimal")
    if isinstance(value, dict):
        for k, v in value.items():
            _reject_floats(v, f"{path}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _reject_floats(v, f"{path}[{i}]")


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"\u0000decimal:{value}"
    raise TypeError(f"cannot encode {type(value).__name__}")


def to_json(value: Any) -> str:
    """JSON text with Decimals as exact numbers (DecimalMoney) and floats refused."""
    _reject_floats(value)
    text = json.dumps(value, ensure_ascii=False, default=_default)
    return _DECIMAL.sub(lambda m: m.group(1), text)
