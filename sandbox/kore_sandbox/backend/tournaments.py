"""Tournaments and tournament news: state and rules. Part of SandboxBackend.


Life cycle (docs/sandbox.md, "Tournaments and competitions"): every public method
first brings each tournament up to the sandbox clock (``_tick``), so tests move
tournaments along with ``clock.advance``. Scheduled: Created → RegistrationOpened
(``opens_at``) → Started (``starts_at``; Canceled instead when fewer than ``minimum``
players, refunded) → Finishing (``starts_at + duration``) → Finished
(``FINISHING_SECONDS`` later: prizes paid to cash, news). SitAndGo: RegistrationOpened
until the registration that reaches ``minimum``, which starts it at once.

Not implemented: the ``SignOn`` registration status (one brand only), recurring
SitAndGo tournaments, tournament history in users/{id}/stats.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from lobby.kore.errors import ErrorCode

from .. import seed
from .. import tournament_seed as ts
from ..exceptions import SandboxError, invalid_request
from .base import BackendBase
from .entities import Player, Token, money
from .tournament_entities import Entry, NewsItem, Tournament, display

#: How long Finishing lasts (the doc: transitory, "typically less than 30 seconds").
FINISHING_SECONDS = 20
#: One round of a tournament game bets this many XTC hundredths.
TOURNAMENT_BET = 1_000
#: A player who played within this many seconds is ``is_active``.
ACTIVE_SECONDS = 300
#: News items answered by a first GET tournaments/news.
NEWS_PAGE = 20



#: The stats endpoint's history: "at most the statistics for the last 10 completed".
STATS_HISTORY = 10


class TournamentsMixin(BackendBase):
    """Tournaments of the demo brand; competitions are CompetitionsMixin's."""

    def _reset_tournaments(self) -> None:
        self.news: list[NewsItem] = []
        self.tournaments: dict[int, Tournament] = {}
        now = self.now().replace(microsecond=0)
        for spec in ts.TOURNAMENTS:
            self.tournaments[spec.id] = self._build(spec, now)
        self._say(now - timedelta(hours=3), "won", player="Table Titan", amount="50.00 USD", rank=1,
                  name="Midweek Mayhem")
        self._say(now - timedelta(hours=1), "opened", name="Daily Slots Showdown")
        self._say(now - timedelta(minutes=5), "started", name="High Roller Live")

    def _build(self, spec: ts.TournamentSeed, now: datetime) -> Tournament:
        at = lambda seconds: now + timedelta(seconds=seconds) if seconds is not None else None  # noqa: E731
        t = Tournament(spec, spec.status, at(spec.opens_in), at(spec.starts_in))
        if spec.ended_ago is not None:
            t.starts_at = now - timedelta(seconds=spec.ended_ago + spec.duration)
            t.changed_at = now - timedelta(seconds=spec.ended_ago)
            if spec.status == "Finished":
                t.changed_at += timedelta(seconds=FINISHING_SECONDS)
        for bot in spec.bots:
            running = spec.status in ("Started", "Finishing", "Finished")
            t.entries.append(Entry(bot.nickname, bot.credits if running else spec.credits, email=bot.email))
        for seat in spec.seats:
            player = self.player_by_email(seat.email)
            assert player is not None, seat.email  # noqa: S101 - narrows a type the endpoint wrapper already checked (sandbox only)
            t.entries.append(Entry(player.profile.nickname, seat.credits, player.id, player.email,
                                   seat.paid_type, rebuys=seat.rebuys))
        if spec.status == "Finished":
            for entry in t.ranked():
                entry.prize = t.prize_for(entry.rank)
        return t

    # -- the clock -------------------------------------------------------------------

    def tick_tournaments(self) -> None:
        """Bring every tournament up to the clock (prizes paid, news said) before any API
        request, so a balance read right after the end already holds the prize."""
        with self.lock:
            self._tick()

    def _tick(self) -> datetime:
        now = self.now()
        for t in self.tournaments.values():
            self._advance(t, now)
        return now

    def _advance(self, t: Tournament, now: datetime) -> None:
        while True:
            if t.status == "Created" and t.opens_at and now >= t.opens_at:
                t.status = "RegistrationOpened"
                self._say(t.opens_at, "opened", name=t.spec.name)
            elif t.status == "RegistrationOpened" and t.spec.type == "Scheduled" and t.starts_at and now >= t.starts_at:
                if len(t.entries) < t.spec.minimum:
                    self._cancel(t, t.starts_at)
                else:
                    self._start(t, t.starts_at)
            elif t.status == "Started" and t.ends_at and now >= t.ends_at:
                t.status = "Finishing"
                t.changed_at = t.ends_at
            elif t.status == "Finishing" and t.changed_at and now >= t.changed_at + timedelta(seconds=FINISHING_SECONDS):
                self._finish(t, t.changed_at + timedelta(seconds=FINISHING_SECONDS))
            else:
                return

    def _start(self, t: Tournament, when: datetime) -> None:
        t.status = "Started"
        t.starts_at = when
        spec_bots = {b.nickname: b for b in t.spec.bots}
        for entry in t.entries:
            if entry.player_id is None and entry.nickname in spec_bots:
                entry.credits = spec_bots[entry.nickname].credits  # the bots play at once
        self._say(when, "started", name=t.spec.name)

    def _cancel(self, t: Tournament, when: datetime) -> None:
        t.status = "Canceled"
        t.changed_at = when
        for entry in t.entries:
            player = self.players.get(entry.player_id or "")
            if player is not None:
                self._refund(player, entry)
        self._say(when, "canceled", name=t.spec.name)

    def _finish(self, t: Tournament, when: datetime) -> None:
        t.status = "Finished"
        t.changed_at = when
        for entry in t.ranked():
            entry.prize = t.prize_for(entry.rank)
            if entry.prize:
                player = self.players.get(entry.player_id or "")
                currency = player.profile.currency if player else "USD"
                if player is not None:
                    player.cash += money(entry.prize, currency).amount
                    self._balance_changed(player)
                self._say(when, "won", player=entry.nickname, amount=display(entry.prize, currency),
                          rank=entry.rank, name=t.spec.name)

    def tournament_history(self, player: Player) -> list[tuple[Tournament, Entry]]:
        """The last 10 finished tournaments the player had a seat in, latest first (stats)."""
        with self.lock:
            played = [(t, entry) for t in self.tournaments.values()
                      if t.status == "Finished" and (entry := t.entry_of(player)) is not None]
            played.sort(key=lambda pair: pair[0].changed_at or pair[0].starts_at or self.now(), reverse=True)
            return played[:STATS_HISTORY]

    def _say(self, when: datetime, kind: str, **params: object) -> None:
        self.news.append(NewsItem(len(self.news) + 1, when, kind, params))

    # -- players and money -----------------------------------------------------------

    def _player(self, token: Token) -> Player:
        # The doc's grant type is "player_credentials with Real as play_mode". A Practice
        # token is a valid player token of the wrong play mode, so it answers 400
        # unsupported_play_mode ("The playmode is not supported.") rather than
        # access_denied, which the doc keeps for grant types.
        if token.play_mode != "Real":
            raise SandboxError(ErrorCode.UNSUPPORTED_PLAY_MODE)
        return self.player_of(token)

    def _refund(self, player: Player, entry: Entry) -> None:
        if entry.paid_type == "Cash":
            refund = money(entry.paid, player.profile.currency).amount
            player.cash += refund
            self.count_bet(player, -refund)  # a refunded buy-in is no longer a bet
            self._balance_changed(player)
        elif entry.paid_type == "Loyalty":
            player.loyalty_spent -= entry.paid

    # -- API operations --------------------------------------------------------------

    def list_tournaments(self, token: Token) -> tuple[Player, list[Tournament]]:
        """GET tournaments: every tournament, in id order.

        Leaves out: the SignOn registration status (one brand only)."""
        with self.lock:
            player = self._player(token)
            self._tick()
            return player, list(self.tournaments.values())

    def get_tournament(self, token: Token, tournament_id: int) -> tuple[Player, Tournament] | None:
        """GET tournaments/{id}; None for an unknown id (no error code exists for it).

        Leaves out: games' medals and free games in the tournament's game list."""
        with self.lock:
            player = self._player(token)
            self._tick()
            t = self.tournaments.get(tournament_id)
            return (player, t) if t else None

    def register_for_tournament(
        self, token: Token, tournament_id: int, type: str, bonus_code: str | None
    ) -> Tournament | None:
        """POST tournaments/{id}/registration. Registering twice is a no-op success (the
        doc names no error for it) and is not charged again. None for an unknown id.
        Leaves out: the SignOn registration status; recurring SitAndGo tournaments."""
        with self.lock:
            player = self._player(token)
            now = self._tick()
            t = self.tournaments.get(tournament_id)
            if t is None:
                return None
            if t.status in ("Created", "Canceled"):
                raise SandboxError(ErrorCode.TOURNAMENT_NOT_REGISTERING)
            if t.status != "RegistrationOpened":
                raise SandboxError(ErrorCode.TOURNAMENT_STARTED)
            if t.entry_of(player) is not None:
                return t
            tags = {name for name, _ in seed.PLAYER_TAGS.get(player.email, ())}
            if t.spec.required_tag and t.spec.required_tag not in tags:
                raise SandboxError(ErrorCode.TOURNAMENT_TAG_RESTRICTION)
            if len(t.entries) >= t.spec.maximum:
                raise SandboxError(ErrorCode.TOURNAMENT_FULL)
            entry = Entry(player.profile.nickname, t.spec.credits, player.id, player.email, type)
            if type == "Cash":
                if t.spec.cash is None:
                    raise SandboxError(ErrorCode.REGISTRATION_CASH_NOT_SUPPORTED)
                cost = money(sum(t.spec.cash), player.profile.currency).amount
                if player.cash < cost:  # "credits taken from his real money balance"
                    raise SandboxError(ErrorCode.INSUFFICIENT_BALANCE)
                player.cash -= cost
                self.count_bet(player, cost)
                entry.paid = sum(t.spec.cash)
                self._balance_changed(player)
            elif type == "Loyalty":
                if t.spec.loyalty is None:
                    raise SandboxError(ErrorCode.REGISTRATION_LOYALTY_NOT_SUPPORTED)
                points = player.loyalty_balance()
                if points is None or points < t.spec.loyalty:
                    raise SandboxError(ErrorCode.INSUFFICIENT_LOYALTY)
                player.loyalty_spent += t.spec.loyalty
                entry.paid = t.spec.loyalty
            else:  # Bonus
                if not t.spec.bonus:
                    # No registration_bonus_not_supported exists: the type is what is wrong.
                    raise invalid_request(["type"], "Bonus is not a supported registration type.")
                self.spend_bonus_code(player, bonus_code or "")
            t.entries.append(entry)
            self._say(now, "joined", player=player.profile.nickname, name=t.spec.name)
            if t.spec.type == "SitAndGo" and len(t.entries) >= t.spec.minimum:
                self._start(t, now.replace(microsecond=0))
            return t

    def _entry(self, player: Player, tournament_id: int) -> tuple[Tournament, Entry] | None:
        """The tournament and the player's seat in it; None for an unknown tournament."""
        t = self.tournaments.get(tournament_id)
        if t is None:
            return None
        entry = t.entry_of(player)
        if entry is None:
            raise SandboxError(ErrorCode.PLAYER_NOT_REGISTERED)
        return t, entry

    def unregister_from_tournament(self, token: Token, tournament_id: int) -> Tournament | None:
        """DELETE tournaments/{id}/registration: refunds what registration cost (a bonus
        code stays used). Leaves out: nothing documented."""
        with self.lock:
            player = self._player(token)
            now = self._tick()
            found = self._entry(player, tournament_id)
            if found is None:
                return None
            t, entry = found
            if t.status != "RegistrationOpened":
                raise SandboxError(ErrorCode.TOURNAMENT_STARTED)
            t.entries.remove(entry)
            self._refund(player, entry)
            self._say(now, "left", player=player.profile.nickname, name=t.spec.name)
            return t

    def purchase_rebuy(self, token: Token, tournament_id: int, type: str) -> tuple[Player, Tournament] | None:
        """POST tournaments/{id}/rebuys: credits back to the starting credits.

        Leaves out: rebuys by bonus or loyalty (Cash only)."""
        with self.lock:
            player = self._player(token)
            self._tick()
            found = self._entry(player, tournament_id)
            if found is None:
                return None
            t, entry = found
            if t.status != "Started":
                raise SandboxError(ErrorCode.TOURNAMENT_NOT_STARTED)
            if t.spec.rebuys is None or entry.rebuys >= t.spec.rebuys[0]:
                raise SandboxError(ErrorCode.TOURNAMENT_REBUYS_EXCEEDED)
            if not t.credits_low(entry):
                raise SandboxError(ErrorCode.TOURNAMENT_BALANCE_EXCESSIVE)
            cost = money(t.spec.rebuys[1], player.profile.currency).amount
            if player.cash < cost:
                raise SandboxError(ErrorCode.INSUFFICIENT_BALANCE)
            player.cash -= cost
            self.count_bet(player, cost)
            self._balance_changed(player)
            entry.rebuys += 1
            entry.credits = t.spec.credits
            t.rebuy_total += t.spec.rebuys[1]
            return player, t

    def tournament_news(self, token: Token, min_id: int | None) -> tuple[list[NewsItem], int]:
        """GET tournaments/news: newest first; with ``min_id`` only items from that id on.
        Returns the items and the ``min_id`` of the ``latest`` link.
        The items are written in the token's locale by serializers/news.py."""
        with self.lock:
            self._player(token)
            self._tick()
            items = [n for n in self.news if min_id is None or n.id >= min_id]
            items.sort(key=lambda n: (n.at, n.id), reverse=True)  # descending chronological order
            if min_id is None:
                items = items[:NEWS_PAGE]
            return items, len(self.news) + 1

    # -- the tournament game (pages, not the API) --------------------------------------

    def open_tournament_game(self, player: Player, tournament_id: int) -> tuple[Tournament | None, Entry | None]:
        with self.lock:
            self._tick()
            t = self.tournaments.get(tournament_id)
            return t, (t.entry_of(player) if t else None)

    def play_tournament_round(self, player: Player, tournament_id: int) -> tuple[int, int] | str:
        """One round in tournament mode: bet ``TOURNAMENT_BET`` XTC, random win.
        Returns (bet, win), or why not ("not_registered", "not_started", "no_credits")."""
        with self.lock:
            now = self._tick()
            t = self.tournaments.get(tournament_id)
            entry = t.entry_of(player) if t else None
            if t is None or entry is None:
                return "not_registered"
            if t.status != "Started":
                return "not_started"
            bet = min(TOURNAMENT_BET, entry.credits)
            if bet <= 0:
                return "no_credits"
            multiplier = self.random.choices((0, 0.5, 1, 2, 5), weights=(35, 15, 10, 30, 10))[0]
            win = int(bet * multiplier)
            entry.credits += win - bet
            entry.last_played = now
            self.score_competitions(player, bet // 100, now)
            return bet, win

