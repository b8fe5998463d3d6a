"""Bonus codes and campaigns: claims, filters, and the codes tournament registrations
spend. Part of SandboxBackend; the codes are in tournament_seed.py."""

from __future__ import annotations

from lobby.kore.errors import ErrorCode

from .. import seed
from .. import tournament_seed as ts
from ..clock import iso
from ..exceptions import SandboxError
from .base import BackendBase, locked
from .entities import Player, Token, money


def player_tags(player: Player) -> set[str]:
    return {name for name, _ in seed.PLAYER_TAGS.get(player.email, ())}


class BonusesMixin(BackendBase):
    def _reset_bonuses(self) -> None:
        #: (player id, bonus code) → uses, by claims and by tournament registrations
        self.bonus_uses: dict[tuple[str, str], int] = {}
        self.awaiting_deposit: set[tuple[str, str]] = set()

    @locked
    def claim_bonus(self, token: Token, bonus_code: str | None, invite_code: str | None,
                    campaign_id: int | None) -> tuple[str | None, str]:
        """POST bonuses/claim → (bonus_code as sent, claim status).

        Order: unknown code → invite code → the code's fixed error → tag → prerequisite
        → deposit needed → repeats (an AwaitingDeposit code: bonus_user_claims_deposit;
        else bonus_user_claims_exhausted) → claimed. Uses are counted with tournament
        registrations. Campaign 1 is claimable (5.00), campaign 2 ineligible, others invalid.
        Leaves out: bonuses are credited at once (no wagering requirements, no expiry).
        """
        player = self.player_of(token)
        if bonus_code is None:
            return None, self._claim_campaign(player, campaign_id)
        bonus = ts.BONUS_CODES.get(bonus_code.strip().upper())
        if bonus is None:
            raise SandboxError(ErrorCode.BONUS_INVALID)
        if bonus.invite_code:
            if invite_code is None:
                raise SandboxError(ErrorCode.BONUS_REQUIRES_INVITE)
            if invite_code.upper() != bonus.invite_code:
                raise SandboxError(ErrorCode.BONUS_INVALID_INVITE)
        elif bonus.error:
            raise SandboxError(ErrorCode(bonus.error))
        if bonus.required_tag and bonus.required_tag not in player_tags(player):
            raise SandboxError(ErrorCode.BONUS_TAG_VIOLATION)
        uses = self.bonus_uses
        if bonus.requires and uses.get((player.id, bonus.requires), 0) == 0:
            raise SandboxError(ErrorCode.BONUS_DEPENDENCY_UNMET)
        if bonus.deposit_required and not player.profile.has_deposited:
            raise SandboxError(ErrorCode.BONUS_PURCHASE_REQUIRED)
        key = (player.id, bonus.code)
        if key in self.awaiting_deposit:
            raise SandboxError(ErrorCode.BONUS_USER_CLAIMS_DEPOSIT)
        if uses.get(key, 0) >= (bonus.per_player or 1):
            raise SandboxError(ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED)
        uses[key] = uses.get(key, 0) + 1
        if bonus.claim_status == "AwaitingDeposit":
            self.awaiting_deposit.add(key)
        else:
            player.bonus += money(bonus.amount, player.profile.currency).amount
        player.claimed_offers.append((bonus.code, iso(self.now())))
        if bonus.claim_status != "AwaitingDeposit":
            self._balance_changed(player)
        return bonus_code, bonus.claim_status

    def _claim_campaign(self, player: Player, campaign_id: int | None) -> str:
        if campaign_id == 2:
            raise SandboxError(ErrorCode.BONUS_CAMPAIGN_INELIGIBLE)
        if campaign_id != 1:
            raise SandboxError(ErrorCode.BONUS_INVALID)
        uses = self.bonus_uses
        key = (player.id, "campaign:1")
        if uses.get(key):
            raise SandboxError(ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED)
        uses[key] = 1
        player.bonus += money(500, player.profile.currency).amount
        player.claimed_offers.append(("campaign-1", iso(self.now())))
        self._balance_changed(player)
        return "Claimed"

    @locked
    def filter_bonus_codes(self, token: Token, codes: list[str]) -> list[str]:
        """POST bonuses/filter: drops unknown codes, codes with a fixed error, codes the
        player lacks the tag for or has used up. Invite and prerequisite are not checked
        (the doc's "more lightweight test")."""
        player = self.player_of(token)
        uses = self.bonus_uses
        kept = []
        for code in codes:
            bonus = ts.BONUS_CODES.get(code.strip().upper())
            if bonus is None or (bonus.error and not bonus.invite_code):
                continue
            if bonus.required_tag and bonus.required_tag not in player_tags(player):
                continue
            key = (player.id, bonus.code)
            if key in self.awaiting_deposit or uses.get(key, 0) >= (bonus.per_player or 1):
                continue
            kept.append(code)
        return kept

    def spend_bonus_code(self, player: Player, code: str) -> None:
        """A tournament registration's bonus code: checked and counted as one use."""
        bonus = ts.BONUS_CODES.get(code.strip().upper())
        if bonus is None:
            raise SandboxError(ErrorCode.BONUS_INVALID)
        if bonus.error:
            raise SandboxError(ErrorCode(bonus.error))
        if bonus.required_tag and bonus.required_tag not in player_tags(player):
            raise SandboxError(ErrorCode.BONUS_TAG_VIOLATION)
        key = (player.id, bonus.code)
        if bonus.per_player is not None and self.bonus_uses.get(key, 0) >= bonus.per_player:
            raise SandboxError(ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED)
        self.bonus_uses[key] = self.bonus_uses.get(key, 0) + 1
