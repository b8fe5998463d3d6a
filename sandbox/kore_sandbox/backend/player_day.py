"""Today's play as GET users/{id}/player_day counts it: cash bets and deposits, in USD,
since a date. Part of SandboxBackend.

What counts (UTC days, the sandbox clock): the cash part of every Real round of the demo
game, every cash tournament buy-in and rebuy (less refunded buy-ins), every deposit of the cashier stand-in and
of ``POST /_sandbox/player_day``. The seeded figures (seed.PLAYER_DAYS) count as play on
the day of the last reset, before anything the tests do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import seed
from .base import BackendBase, locked
from .entities import Player, Token


@dataclass
class PlayedDay:
    """One player's cash bets and deposits on one UTC day, in USD."""

    bets: Decimal = Decimal(0)
    deposits: int = 0
    deposited: Decimal = Decimal(0)


def usd(player: Player, minor: int) -> Decimal:
    """``minor`` units of the player's currency in USD, at the sandbox's fixed rates."""
    currency = player.profile.currency
    exponent = seed.CURRENCY_BY_CODE[currency].iso_exponent
    return Decimal(minor).scaleb(-exponent) * Decimal(seed.USD_RATES.get(currency, "1"))


class PlayerDayMixin(BackendBase):
    def _reset_player_day(self) -> None:
        self.played_days: dict[tuple[str, date], PlayedDay] = {}
        today = self.now().date()
        for player in self.players.values():
            seeded = seed.PLAYER_DAYS.get(player.email)
            if seeded is not None:
                bets, count, deposited = seeded
                self.played_days[(player.id, today)] = PlayedDay(Decimal(bets), count, Decimal(deposited))

    def _played_today(self, player: Player) -> PlayedDay:
        return self.played_days.setdefault((player.id, self.now().date()), PlayedDay())

    def count_bet(self, player: Player, minor: int) -> None:
        """A cash bet of ``minor`` units of the player's currency (a round, a buy-in, a rebuy);
        negative for a refunded buy-in (today's total never drops below zero)."""
        if minor:
            day = self._played_today(player)
            day.bets = max(Decimal(0), day.bets + usd(player, minor))

    def count_deposit(self, player: Player, minor: int) -> None:
        """A deposit of ``minor`` units of the player's currency."""
        if minor > 0:
            day = self._played_today(player)
            day.deposits += 1
            day.deposited += usd(player, minor)

    @locked
    def get_player_day(self, token: Token, user_id: str, since: date) -> tuple[Decimal, int, Decimal]:
        """GET users/{user_id}/player_day: (cash bets, deposit count, deposits) in USD
        since ``since`` (a UTC day; a day after today has nothing yet).

        Leaves out: bonus-money bets and practice rounds count nowhere; withdrawals are
        not part of the answer (the documentation has no field for them).
        """
        player = self._own_player(token, user_id)
        bets, count, deposited = Decimal(0), 0, Decimal(0)
        for (player_id, day), played in self.played_days.items():
            if player_id == player.id and day >= since:
                bets += played.bets
                count += played.deposits
                deposited += played.deposited
        return bets, count, deposited

    @locked
    def play_a_day(self, email: str, bet: int = 0, deposit: int = 0) -> Player | None:
        """/_sandbox/player_day: count a cash bet and/or a deposit (minor units of the
        player's currency) for the player now, as if played elsewhere; moves no balance
        except the deposit's cash. None for an unknown email."""
        player = next((p for p in self.players.values() if p.email == email), None)
        if player is None:
            return None
        self.count_bet(player, bet)
        if deposit > 0:
            player.cash += deposit
            self.count_deposit(player, deposit)
            self._balance_changed(player)
        return player
