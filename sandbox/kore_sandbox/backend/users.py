"""The player's own user resources: GET users/{id} and the links it hands out. Part of SandboxBackend."""

from __future__ import annotations


from .. import seed
from .base import BackendBase, locked
from .entities import EmailStatus, Money, Player, Token, money

#: What one press of the cashier stand-in's button moves, in hundredths of a display unit.
CASHIER_AMOUNT = 1_000


class UsersMixin(BackendBase):
    @locked
    def get_user(self, token: Token, user_id: str) -> Player:
        """GET users/{user_id} for the token's own player (any other id: player_not_found).

        Leaves out: nothing documented; the privileged variant is ``get_player``.
        """
        return self._own_player(token, user_id)

    @locked
    def get_stats(self, token: Token, user_id: str) -> Player:
        """GET users/{user_id}/stats: the seeded highest win (alice); the tournament and
        competition history come from tournament_history and competition_history."""
        return self._own_player(token, user_id)

    @locked
    def get_email_status(self, token: Token, user_id: str) -> EmailStatus:
        """GET users/{user_id}/email_status. Leaves out: no mail is really sent or opened."""
        status = self._own_player(token, user_id).email_status
        assert status is not None  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
        return status

    @locked
    def get_tags(self, token: Token, user_id: str, categories: list[str]) -> list[tuple[str, str]]:
        """GET users/{user_id}/tags: the seeded tags in the requested categories.

        Leaves out: tags never change (bonus claims and tournaments add none).
        """
        player = self._own_player(token, user_id)
        tags = (seed.BRAND_GROUP_TAG,) + seed.PLAYER_TAGS.get(player.email, ())
        return [tag for tag in tags if tag[1] in categories]

    @locked
    def get_custom(self, token: Token, user_id: str) -> Player:
        """GET users/{user_id}/custom: the sandbox's stand-in for pGetUserCustomInfo.

        Leaves out: the brand's own stored procedure; no account is ever locked there.
        """
        return self._own_player(token, user_id)

    @locked
    def cashier(self, session_id: str | None, action: str) -> tuple[Player, Money] | None:
        """The cashier pages' stand-in: ``deposit`` or ``withdrawal`` of 10.00 cash (one press)
        for the live session's player → (player, amount moved; 0 when a withdrawal exceeds
        the cash). None once the session has ended.

        Leaves out: payment methods, limits, pending withdrawals; a deposit counts in
        player_day (player_day.py) but not in the activity summaries, nor makes the player a
        depositor for bonus rules.
        """
        opened = self.open_play_session(session_id)
        if opened is None:
            return None
        _, player = opened
        amount = money(CASHIER_AMOUNT, player.profile.currency)
        if action == "withdrawal":
            if player.cash < amount.amount:
                return player, Money(amount.currency, 0, amount.exponent)
            player.cash -= amount.amount
        else:
            player.cash += amount.amount
            self.count_deposit(player, amount.amount)
        self._balance_changed(player)
        return player, amount
