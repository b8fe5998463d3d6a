"""Referrals (codes, referrer and referee claims) and live chats. Part of SandboxBackend."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter

from lobby.kore.errors import ErrorCode

from ..exceptions import SandboxError
from .base import BackendBase, locked
from .entities import Money, Player, Token, money

#: Referral bonuses, in hundredths of a display unit of each currency.
REFERRER_BONUS = 2_000
REFEREE_BONUS = 2_000
#: referral_claim_exhausted: referee claims one client address may make.
REFEREE_CLAIMS_PER_IP = 2
#: Seeded referral codes; other players get one derived from their id.
REFERRAL_CODES = {
    "alice@demo.kore": "q8aaa",
    "bruno@demo.kore": "q8bbb",
    "chidi@demo.kore": "q8ccc",
    "satoshi@demo.kore": "q8ddd",
    "priya@demo.kore": "q8eee",
    "lars@demo.kore": "q8fff",
}
#: Referees who already signed up with the code and whose bonus the referrer has not claimed.
UNCLAIMED_REFERRALS = {"alice@demo.kore": 2}
#: Active chats: email → operator initiated?
CHATS = {"alice@demo.kore": False, "chidi@demo.kore": True}


class ReferralsMixin(BackendBase):
    def _reset_referrals(self) -> None:
        self.unclaimed_referrals: dict[str, int] = {}
        self.referee_claims: set[str] = set()
        self.referee_claims_by_ip: Counter[str] = Counter()
        #: player id → the active chat (chat_id, operator initiated); one at most
        self.active_chats: dict[str, tuple[str, bool]] = {}
        self._chat_count = 0
        #: off: every referral endpoint answers referral_disabled (POST /_sandbox/referrals)
        self.referrals_enabled = True
        for player in self.players.values():
            if player.email in UNCLAIMED_REFERRALS:
                self.unclaimed_referrals[player.id] = UNCLAIMED_REFERRALS[player.email]
            if player.email in CHATS:
                self.active_chats[player.id] = (self._chat_id(player, b""), CHATS[player.email])

    def _chat_id(self, player: Player, salt: bytes) -> str:
        # 48 characters, stable per player for the seeded chats, new for each started one.
        digest = hashlib.sha512(b"chat:" + salt + player.id.encode()).digest()[:36]
        return base64.b64encode(digest).decode()

    def referral_code(self, player: Player) -> str:
        """The player's referral code: seeded, or derived from the id."""
        if player.email in REFERRAL_CODES:
            return REFERRAL_CODES[player.email]
        digest = hashlib.sha256(player.id.encode()).digest()
        return "r" + base64.b32encode(digest).decode("ascii")[:5].lower()

    def _referrals_on(self) -> None:
        if not self.referrals_enabled:
            raise SandboxError(ErrorCode.REFERRAL_DISABLED)

    def _referrer(self, code: str) -> Player:
        for player in self.players.values():
            if self.referral_code(player) == code:
                return player
        raise SandboxError(ErrorCode.REFERRAL_CODE_NOT_FOUND)

    @locked
    def get_referral(self, token: Token) -> tuple[Player, int]:
        """GET referrals: the player and how many referrals wait for the referrer bonus.

        Leaves out: referees never deposit, so nothing else unlocks a referral.
        """
        self._referrals_on()
        player = self.player_of(token)
        return player, self.unclaimed_referrals.get(player.id, 0)

    @locked
    def get_referral_code(self, code: str) -> Player:
        """GET referrals/{code}: the referrer. Leaves out: nothing documented."""
        self._referrals_on()
        return self._referrer(code)

    @locked
    def claim_referral(self, token: Token, claim_type: str, code: str | None, ip: str) -> tuple[str, Money]:
        """POST referrals/claim → (referral code, bonus credited).

        referrer: every unclaimed referral at once, else referral_claim_failed. referee:
        unknown code → referral_code_not_found; one's own code or a second referee claim
        → referral_claim_failed; the third referee claim from one address →
        referral_claim_exhausted. A referee claim adds one unclaimed referral to the referrer.
        Leaves out: the bonus is credited at once, with no deposit required.
        """
        self._referrals_on()
        player = self.player_of(token)
        if claim_type != "referee":
            count = self.unclaimed_referrals.get(player.id, 0)
            if count == 0:
                raise SandboxError(ErrorCode.REFERRAL_CLAIM_FAILED)
            bonus = money(REFERRER_BONUS * count, player.profile.currency)
            self.unclaimed_referrals[player.id] = 0
            player.bonus += bonus.amount
            self._balance_changed(player)
            return self.referral_code(player), bonus
        referrer = self._referrer(code or "")
        if self.referee_claims_by_ip[ip] >= REFEREE_CLAIMS_PER_IP:
            raise SandboxError(ErrorCode.REFERRAL_CLAIM_EXHAUSTED)
        if referrer.id == player.id or player.id in self.referee_claims:
            raise SandboxError(ErrorCode.REFERRAL_CLAIM_FAILED)
        self.referee_claims.add(player.id)
        self.referee_claims_by_ip[ip] += 1
        self.unclaimed_referrals[referrer.id] = self.unclaimed_referrals.get(referrer.id, 0) + 1
        bonus = money(REFEREE_BONUS, player.profile.currency)
        player.bonus += bonus.amount
        self._balance_changed(player)
        return self.referral_code(referrer), bonus

    @locked
    def set_referrals(self, *, enabled: bool | None = None, email: str | None = None,
                      unclaimed: int | None = None) -> Player | None:
        """POST /_sandbox/referrals: turn the feature off or on, or set how many referees of
        the player wait for the referrer bonus. None: no such player."""
        if enabled is not None:
            self.referrals_enabled = enabled
        if email is None:
            return None
        player = self.player_by_email(email)
        if player is not None and unclaimed is not None:
            self.unclaimed_referrals[player.id] = unclaimed
        return player

    @locked
    def chats(self, token: Token) -> list[tuple[str, bool]]:
        """GET chats: (chat_id, operator initiated) of the player's active chat, if any.

        Leaves out: chats are seeded or started by the operator (``start_operator_chat``);
        the help_chat page does not start one, and chats never end.
        """
        player = self.player_of(token)
        chat = self.active_chats.get(player.id)
        return [chat] if chat else []

    @locked
    def start_operator_chat(self, email: str) -> tuple[Player, str] | None:
        """The operator opens a chat with the player (POST /_sandbox/chats): it replaces the
        player's active chat and is pushed as OperatorInitiatedChat. None: no such player."""
        player = self.player_by_email(email)
        if player is None:
            return None
        self._chat_count += 1
        chat_id = self._chat_id(player, str(self._chat_count).encode())
        self.active_chats[player.id] = (chat_id, True)
        self._chat_started(player, chat_id)
        return player, chat_id
