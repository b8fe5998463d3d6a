"""SignalR messages: balance updates and operator-initiated chats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .base import _opt
from .common import Money

# -- SignalR messages --------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceUpdate:
    balance: Money | None
    cash_balance: Money | None = None
    bonus_balance: Money | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "BalanceUpdate":
        return cls(
            balance=_opt(Money.from_json, data.get("balance")),
            cash_balance=_opt(Money.from_json, data.get("cash_balance")),
            bonus_balance=_opt(Money.from_json, data.get("bonus_balance")),
        )


@dataclass(frozen=True)
class OperatorInitiatedChat:
    chat_url: str
    secure_chat_id: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "OperatorInitiatedChat":
        return cls(chat_url=str(data["chat_url"]), secure_chat_id=str(data["secure_chat_id"]))
