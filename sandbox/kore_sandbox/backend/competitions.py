"""Competitions: live lists, merged leaderboards, scores from tournament play.
Part of SandboxBackend."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Iterable

from lobby.kore.errors import ErrorCode

from .. import tournament_seed as ts
from ..exceptions import SandboxError
from .base import BackendBase
from .entities import Player
from .tournament_entities import Competition


class CompetitionsMixin(BackendBase):
    def _reset_competitions(self) -> None:
        now = self.now().replace(microsecond=0)
        self.competitions: dict[int, Competition] = {}
        for cspec in ts.COMPETITIONS:
            comp = Competition(cspec, now + timedelta(seconds=cspec.starts_in), now + timedelta(seconds=cspec.ends_in))
            comp.scores = {email: [nick, score] for email, nick, score in cspec.entries}
            self.competitions[cspec.id] = comp

    def score_competitions(self, player: Player, points: int, now: datetime) -> None:
        """Tournament play also counts in the brand group's running competitions."""
        for comp in self.competitions.values():
            if comp.spec.brand_group == ts.BRAND_GROUP and comp.start <= now < comp.end:
                row = comp.scores.setdefault(player.email, [player.profile.nickname, 0])
                row[1] += points

    def list_competitions(self, all: bool) -> list[Competition]:
        """GET competitions: the live ones (not ended) of our brand group, or of all groups.

        Leaves out: competitions are seeded; only tournament play scores in them."""
        with self.lock:
            now = self.now()
            return [
                c for c in self.competitions.values()
                if c.end > now and (all or c.spec.brand_group == ts.BRAND_GROUP)
            ]

    def competition_history(self, player: Player) -> list[tuple[Competition, int]]:
        """The last 10 ended competitions the player scored in, latest first, with the
        player's final rank in each (equal scores share a rank) — stats."""
        with self.lock:
            now = self.now()
            ended = []
            for comp in self.competitions.values():
                if comp.end > now or player.email not in comp.scores:
                    continue
                mine = comp.scores[player.email][1]
                ended.append((comp, 1 + sum(1 for _, score in comp.scores.values() if score > mine)))
            ended.sort(key=lambda pair: pair[0].end, reverse=True)
            return ended[:10]

    def competition_leaderboard(
        self, ids: Iterable[int], limit: int, player: Player | None
    ) -> tuple[list[int], list[tuple[str, int, int]], tuple[str, int, int] | None]:
        """GET competitions/{ids}/leaderboard: one board merged by email across the
        competitions; the player's row, and a few rows around it when it is below
        ``limit`` (so the board has a hole). Leaves out: nothing documented."""
        with self.lock:
            ids = list(dict.fromkeys(ids))
            if any(i not in self.competitions for i in ids):
                raise SandboxError(ErrorCode.COMPETITION_NOT_FOUND)
            merged: dict[str, list[Any]] = {}
            joined = False
            for i in ids:
                for email, (nickname, score) in self.competitions[i].scores.items():
                    row = merged.setdefault(email, [nickname, 0])
                    row[1] += score
                    joined = joined or (player is not None and email == player.email)
            ordered = sorted(merged.items(), key=lambda kv: (-kv[1][1], kv[1][0]))
            rows: list[tuple[str, int, int]] = []
            previous: int | None = None
            mine = None
            for position, (email, (nickname, score)) in enumerate(ordered, start=1):
                if score != previous:
                    ranking, previous = position, score
                rows.append((nickname, ranking, score))
                if player is not None and email == player.email:
                    mine = position - 1
            board = rows[:limit]
            if mine is not None and mine >= limit:
                board += rows[max(limit, mine - 2): mine + 3]
            return ids, board, (rows[mine] if joined and mine is not None else None)
