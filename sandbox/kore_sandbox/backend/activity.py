"""Players' activity for privileged tokens: day summaries, favourite games, new
registrations, and any player's details. Part of SandboxBackend."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from lobby.kore.errors import ErrorCode

from .. import seed
from ..exceptions import SandboxError, invalid_request
from .base import BackendBase, locked
from .entities import Player, money


@dataclass(frozen=True)
class SeededDay:
    """One player's activity on the day before reset (amounts in hundredths of a display unit)."""

    rounds: int
    wagered_cash: int
    wagered_bonus: int
    paid_cash: int
    paid_bonus: int = 0
    deposited: int = 0
    deposits: int = 0
    withdrawn: int = 0
    chargebacks: int = 0
    progressive: str = "0"


SEEDED_DAYS = {
    "alice@demo.kore": SeededDay(40, 12_000, 1_000, 9_550, 500, deposited=10_000, deposits=1,
                                 progressive="0.36"),
    "bruno@demo.kore": SeededDay(12, 2_400, 0, 3_100, withdrawn=5_000),
    "chidi@demo.kore": SeededDay(5, 500, 0, 0, deposited=5_000, deposits=1, chargebacks=5_000),
}
#: Favourite games before any play in the sandbox (slugs, most important first).
SEEDED_FAVORITES = {
    "alice@demo.kore": ("midnight-racer-video-slot", "aladdins-loot-video-slot", "zodiac-video-slot"),
    "bruno@demo.kore": ("lucky-7s-slot",),
}


@dataclass
class DayActivity:
    """Real-money activity of one player on one UTC day, in minor units of their currency."""

    rounds: int = 0
    wagered_cash: int = 0
    wagered_bonus: int = 0
    paid_cash: int = 0
    paid_bonus: int = 0
    deposited: int = 0
    deposits: int = 0
    withdrawn: int = 0
    chargebacks: int = 0
    progressive: Decimal = Decimal(0)


@dataclass(frozen=True)
class Summary:
    """One player's activity summary of one day."""

    player: Player
    day: date
    activity: DayActivity
    has_historical_chargeback: bool


class ActivityMixin(BackendBase):
    def _reset_activity(self) -> None:
        self.activity: dict[tuple[str, date], DayActivity] = {}
        self.played: dict[str, Counter[str]] = {}
        yesterday = self.now().date() - timedelta(days=1)
        for player in self.players.values():
            day = SEEDED_DAYS.get(player.email)
            if day is None:
                continue
            unit = lambda units, currency=player.profile.currency: money(units, currency).amount  # noqa: E731
            self.activity[(player.id, yesterday)] = DayActivity(
                day.rounds, unit(day.wagered_cash), unit(day.wagered_bonus), unit(day.paid_cash),
                unit(day.paid_bonus), unit(day.deposited), day.deposits, unit(day.withdrawn),
                unit(day.chargebacks), Decimal(day.progressive),
            )

    def record_round(self, player: Player, game: seed.Game | None, play_mode: str,
                     bet_cash: int, bet_bonus: int, win: int) -> None:
        """A round of the demo game: Real rounds count in the day's summary; every round
        counts towards the favourite games."""
        if game is not None:
            self.played.setdefault(player.id, Counter())[game.slug] += 1
        if play_mode != "Real":
            return
        day = self.activity.setdefault((player.id, self.now().date()), DayActivity())
        day.rounds += 1
        day.wagered_cash += bet_cash
        day.wagered_bonus += bet_bonus
        day.paid_cash += win

    def _day(self, value: str) -> date:
        """A yyyy-mm-dd date no later than today (UTC, sandbox clock), else invalid_request."""
        try:
            day = date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            day = None
        if day is None or day > self.now().date():
            raise invalid_request(["date"])
        return day

    def _any_player(self, user_id: str) -> Player:
        player = self.players.get(user_id)
        if player is None:
            raise SandboxError(ErrorCode.PLAYER_NOT_FOUND)
        return player

    @locked
    def summaries(self, date_text: str, user_id: str | None = None) -> list[Summary]:
        """GET users/summaries (every player active that day) or users/{id}/summaries.

        Leaves out: only the demo game's Real rounds and the seeded day before reset
        count; no deposits or withdrawals happen in the sandbox.
        """
        day = self._day(date_text)
        if user_id is not None:
            self._any_player(user_id)
        rows = []
        for player in self.players.values():
            if user_id is not None and player.id != user_id:
                continue
            activity = self.activity.get((player.id, day))
            if activity is None:
                continue
            historical = any(
                act.chargebacks for (pid, when), act in self.activity.items() if pid == player.id and when <= day
            )
            rows.append(Summary(player, day, activity, historical))
        return rows

    @locked
    def get_player(self, user_id: str) -> Player:
        """GET users/{user_id} with a privileged token: any player of the brand.

        Leaves out: nothing documented (what restricted tokens see is the serializer's).
        """
        return self._any_player(user_id)

    @locked
    def get_favorite_games(self, user_id: str) -> list[seed.Game]:
        """GET users/{user_id}/games: games played here (most rounds first), then seeded ones.

        Leaves out: no time window; every round since reset counts.
        """
        player = self._any_player(user_id)
        played = self.played.get(player.id, Counter())
        slugs = [slug for slug, _ in sorted(played.items(), key=lambda item: -item[1])]
        slugs += [s for s in SEEDED_FAVORITES.get(player.email, ()) if s not in slugs]
        by_slug = {g.slug: g for g in seed.GAMES}
        return [by_slug[s] for s in slugs if s in by_slug]

    @locked
    def registrations(self, date_text: str) -> list[Player]:
        """GET registrations: players whose registration date is ``date``, oldest first.

        Leaves out: nothing documented.
        """
        day = self._day(date_text).isoformat()
        players = [p for p in self.players.values() if p.profile.registration_date[:10] == day]
        return sorted(players, key=lambda p: p.profile.registration_date)
