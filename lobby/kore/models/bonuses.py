"""Bonuses, chats and referrals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .base import _int, _many, _opt
from .common import Link, LinkCollection, Money, _links

# -- bonuses, chats, referrals -----------------------------------------------------------


@dataclass(frozen=True)
class BonusClaim:
    bonus_code: str | None
    claim_status: str  # Claimed or AwaitingDeposit

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "BonusClaim":
        return cls(bonus_code=data.get("bonus_code"), claim_status=str(data.get("claim_status") or ""))


@dataclass(frozen=True)
class Chat:
    chat_id: str
    is_operator_initiated: bool
    actions: LinkCollection

    @property
    def open_chat(self) -> Link | None:
        return self.actions.get("open_chat")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Chat":
        return cls(
            chat_id=str(data["chat_id"]),
            is_operator_initiated=bool(data.get("is_operator_initiated", False)),
            actions=_links(data, "_actions"),
        )


@dataclass(frozen=True)
class Referral:
    referral_code: str
    referrer_bonus: Money | None
    referee_bonus: tuple[Money, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Referral":
        return cls(
            referral_code=str(data["referral_code"]),
            referrer_bonus=_opt(Money.from_json, data.get("referrer_bonus")),
            referee_bonus=_many(Money.from_json, data.get("referee_bonus")),
        )


@dataclass(frozen=True)
class ReferralClaimStatus:
    unclaimed_referrals_count: int
    amount_to_claim: Money | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ReferralClaimStatus":
        return cls(
            unclaimed_referrals_count=_int(data.get("unclaimed_referrals_count") or 0),
            amount_to_claim=_opt(Money.from_json, data.get("amount_to_claim")),
        )


@dataclass(frozen=True)
class PlayerReferral:
    """``GET ~/v3/api/referrals``: the signed-in referrer's code and what it earned."""

    referral: Referral
    claim_status: ReferralClaimStatus | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PlayerReferral":
        return cls(
            referral=Referral.from_json(data["referral"]),
            claim_status=_opt(ReferralClaimStatus.from_json, data.get("claim_status")),
        )


@dataclass(frozen=True)
class ReferralCodeInfo:
    """``GET ~/v3/api/referrals/{referral_code}``."""

    referral: Referral
    locale: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ReferralCodeInfo":
        return cls(referral=Referral.from_json(data["referral"]), locale=data.get("locale"))


@dataclass(frozen=True)
class ReferralClaim:
    claim_type: str
    referral_code: str | None
    bonus: Money | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ReferralClaim":
        # The example wraps the claim in ``referral``; the table lists the properties
        # at the top level. Both are read.
        wrapped = data.get("referral")
        inner: Mapping[str, Any] = wrapped if isinstance(wrapped, Mapping) else data
        return cls(
            claim_type=str(inner.get("claim_type") or ""),
            referral_code=inner.get("referral_code"),
            bonus=_opt(Money.from_json, inner.get("bonus")),
        )
