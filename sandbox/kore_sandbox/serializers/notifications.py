"""Hub messages → the SignalR JSON hub protocol's invocation messages (type 1)."""

from __future__ import annotations

from typing import Any

from ..backend.events import BalanceMessage, HubItem, OperatorInitiatedChat, UserLogout
from .common import Urls


def _money(value: Any) -> Any:
    return value.to_json() if value is not None else None


def invocation(item: HubItem, urls: Urls) -> dict[str, Any]:
    """``{"type": 1, "target", "arguments": [message]}`` (no invocationId: no answer expected)."""
    if isinstance(item, BalanceMessage):
        target = "BalanceUpdate"
        message: dict[str, Any] = {"balance": item.balance.to_json()}
        if item.cash_balance is not None:
            message["cash_balance"] = item.cash_balance.to_json()
            message["bonus_balance"] = _money(item.bonus_balance)
    elif isinstance(item, UserLogout):
        target, message = "UserLogout", {}
    elif isinstance(item, OperatorInitiatedChat):
        target = "OperatorInitiatedChat"
        message = {"chat_url": urls.page("help_chat", ChatID=item.chat_id), "secure_chat_id": item.chat_id}
    else:
        raise TypeError(f"not a hub message: {item!r}")
    return {"type": 1, "target": target, "arguments": [message]}
