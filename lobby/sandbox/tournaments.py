"""The sandbox's tournaments, competitions and tournament news: state and rules, no HTTP.

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

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Iterable

from lobby.kore.errors import ErrorCode

from . import seed
from . import tournament_seed as ts
from .entities import Money, Player, Token
from .exceptions import SandboxError, invalid_request

if TYPE_CHECKING:
    from .models import SandboxBackend

#: How long Finishing lasts (the doc: transitory, "typically less than 30 seconds").
FINISHING_SECONDS = 20
#: A rebuy is refused (tournament_balance_excessive) while credits are at or above
#: this share of the starting credits.
REBUY_THRESHOLD_PERCENT = 20
#: One round of a tournament game bets this many XTC hundredths.
TOURNAMENT_BET = 1_000
#: A player who played within this many seconds is ``is_active``.
ACTIVE_SECONDS = 300
#: News items answered by a first GET tournaments/news.
NEWS_PAGE = 20
XTC = "XTC"


def money(units: int, currency: str) -> Money:
    """``units`` hundredths of a display unit, in ``currency``'s minor units."""
    spec = seed.CURRENCY_BY_CODE[currency]
    return Money(currency, units * 10 ** (spec.iso_exponent - spec.display_exponent - 2), spec.iso_exponent)


def credits(amount: int) -> Money:
    return Money(XTC, amount, 2)


def display(units: int, currency: str) -> str:
    """Plain text for news items: ``10.00 USD``."""
    return f"{units // 100:,}.{units % 100:02d} {currency}"


def ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


@dataclass
class Entry:
    """One player's seat in a tournament (a demo player, or a bot of another brand)."""

    nickname: str
    credits: int
    player_id: str | None = None
    email: str | None = None
    paid_type: str = "Cash"
    paid: int = 0  # what registration cost, for refunds: display hundredths or points
    rebuys: int = 0
    last_played: datetime | None = None
    rank: int = 0
    prize: int = 0


@dataclass
class Tournament:
    spec: ts.TournamentSeed
    status: str
    opens_at: datetime | None
    starts_at: datetime | None
    #: when the current status began (Finishing) or Finished/Canceled happened
    changed_at: datetime | None = None
    entries: list[Entry] = field(default_factory=list)
    rebuy_total: int = 0

    @property
    def id(self) -> int:
        return self.spec.id

    @property
    def ends_at(self) -> datetime | None:
        return self.starts_at + timedelta(seconds=self.spec.duration) if self.starts_at else None

    def entry_of(self, player: Player) -> Entry | None:
        return next((e for e in self.entries if e.player_id == player.id), None)

    @property
    def pool(self) -> int:
        """The prize pool now, in display hundredths."""
        spec = self.spec
        if spec.prize_pool == "FixedAmounts":
            return sum(spec.prizes)
        buy_ins = (spec.cash[1] if spec.cash else 0) * len(self.entries)
        return max(spec.prize_minimum, buy_ins + self.rebuy_total)

    @property
    def pool_minimum(self) -> int:
        return sum(self.spec.prizes) if self.spec.prize_pool == "FixedAmounts" else self.spec.prize_minimum

    def prize_for(self, rank: int, *, minimum: bool = False) -> int:
        prizes = self.spec.prizes
        if not 1 <= rank <= len(prizes):
            return 0
        if self.spec.prize_pool == "FixedAmounts":
            return prizes[rank - 1]
        pool = self.pool_minimum if minimum else self.pool
        return pool * prizes[rank - 1] // 100

    def ranked(self) -> list[Entry]:
        """Highest credits first; equal credits share a rank and the next ranks are skipped."""
        ordered = sorted(self.entries, key=lambda e: (-e.credits, e.nickname))
        previous: int | None = None
        for position, entry in enumerate(ordered, start=1):
            if entry.credits != previous:
                rank = position
                previous = entry.credits
            entry.rank = rank
        return ordered


@dataclass
class NewsItem:
    id: int
    at: datetime
    text: str


@dataclass
class Competition:
    spec: ts.CompetitionSeed
    start: datetime
    end: datetime
    #: email → [nickname, score]
    scores: dict[str, list[Any]] = field(default_factory=dict)


class TournamentBook:
    """Tournaments, competitions and news of the demo brand; rebuilt by backend.reset()."""

    def __init__(self, backend: "SandboxBackend") -> None:
        self.backend = backend
        self.news: list[NewsItem] = []
        self.tournaments: dict[int, Tournament] = {}
        self.bonus_uses: dict[tuple[str, str], int] = {}
        now = backend.clock.now().replace(microsecond=0)
        for spec in ts.TOURNAMENTS:
            self.tournaments[spec.id] = self._build(spec, now)
        self.competitions: dict[int, Competition] = {}
        for cspec in ts.COMPETITIONS:
            comp = Competition(cspec, now + timedelta(seconds=cspec.starts_in), now + timedelta(seconds=cspec.ends_in))
            comp.scores = {email: [nick, score] for email, nick, score in cspec.entries}
            self.competitions[cspec.id] = comp
        self._say(now - timedelta(hours=3), "Midweek Mayhem: Table Titan has won 50.00 (1st place)!")
        self._say(now - timedelta(hours=1), "Registration is open for Daily Slots Showdown.")
        self._say(now - timedelta(minutes=5), "High Roller Live has started.")

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
            player = self.backend.player_by_email(seat.email)
            assert player is not None, seat.email
            t.entries.append(Entry(player.profile.nickname, seat.credits, player.id, player.email,
                                   seat.paid_type, rebuys=seat.rebuys))
        if spec.status == "Finished":
            for entry in t.ranked():
                entry.prize = t.prize_for(entry.rank)
        return t

    # -- the clock -------------------------------------------------------------------

    def tick(self) -> None:
        """Bring every tournament up to the clock (prizes paid, news said) before any API
        request, so a balance read right after the end already holds the prize."""
        with self.backend.lock:
            self._tick()

    def _tick(self) -> datetime:
        now = self.backend.clock.now()
        for t in self.tournaments.values():
            self._advance(t, now)
        return now

    def _advance(self, t: Tournament, now: datetime) -> None:
        while True:
            if t.status == "Created" and t.opens_at and now >= t.opens_at:
                t.status = "RegistrationOpened"
                self._say(t.opens_at, f"Registration is open for {t.spec.name}.")
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
        self._say(when, f"{t.spec.name} has started.")

    def _cancel(self, t: Tournament, when: datetime) -> None:
        t.status = "Canceled"
        t.changed_at = when
        for entry in t.entries:
            player = self.backend.players.get(entry.player_id or "")
            if player is not None:
                self._refund(player, entry)
        self._say(when, f"{t.spec.name} was canceled: not enough players.")

    def _finish(self, t: Tournament, when: datetime) -> None:
        t.status = "Finished"
        t.changed_at = when
        for entry in t.ranked():
            entry.prize = t.prize_for(entry.rank)
            if entry.prize:
                player = self.backend.players.get(entry.player_id or "")
                currency = player.profile.currency if player else "USD"
                if player is not None:
                    player.cash += money(entry.prize, currency).amount
                self._say(when, f"{entry.nickname} has won {display(entry.prize, currency)} "
                                f"({ordinal(entry.rank)} place) in {t.spec.name}!")

    def _say(self, when: datetime, text: str) -> None:
        self.news.append(NewsItem(len(self.news) + 1, when, text))

    # -- players and money -----------------------------------------------------------

    def _player(self, token: Token) -> Player:
        # The doc's grant type is "player_credentials with Real as play_mode". A Practice
        # token is a valid player token of the wrong play mode, so it answers 400
        # unsupported_play_mode ("The playmode is not supported.") rather than
        # access_denied, which the doc keeps for grant types.
        if token.play_mode != "Real":
            raise SandboxError(ErrorCode.UNSUPPORTED_PLAY_MODE)
        return self.backend.player_of(token)

    def _get(self, tournament_id: int) -> Tournament | None:
        return self.tournaments.get(tournament_id)

    def _refund(self, player: Player, entry: Entry) -> None:
        if entry.paid_type == "Cash":
            player.cash += money(entry.paid, player.profile.currency).amount
        elif entry.paid_type == "Loyalty":
            player.loyalty_spent -= entry.paid

    # -- API operations --------------------------------------------------------------

    def list_tournaments(self, token: Token) -> tuple[Player, list[Tournament]]:
        """GET tournaments: every tournament, in id order."""
        with self.backend.lock:
            player = self._player(token)
            self._tick()
            return player, list(self.tournaments.values())

    def get_tournament(self, token: Token, tournament_id: int) -> tuple[Player, Tournament] | None:
        """GET tournaments/{id}; None for an unknown id (no error code exists for it)."""
        with self.backend.lock:
            player = self._player(token)
            self._tick()
            t = self._get(tournament_id)
            return (player, t) if t else None

    def register_for_tournament(
        self, token: Token, tournament_id: int, type: str, bonus_code: str | None
    ) -> Tournament | None:
        """POST tournaments/{id}/registration. Registering twice is a no-op success (the
        doc names no error for it) and is not charged again."""
        with self.backend.lock:
            player = self._player(token)
            now = self._tick()
            t = self._get(tournament_id)
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
                entry.paid = sum(t.spec.cash)
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
                self._use_bonus_code(player, bonus_code or "", tags)
            t.entries.append(entry)
            self._say(now, f"{player.profile.nickname} joined {t.spec.name}.")
            if t.spec.type == "SitAndGo" and len(t.entries) >= t.spec.minimum:
                self._start(t, now.replace(microsecond=0))
            return t

    def _use_bonus_code(self, player: Player, code: str, tags: set[str]) -> None:
        bonus = ts.BONUS_CODES.get(code.strip().upper())
        if bonus is None:
            raise SandboxError(ErrorCode.BONUS_INVALID)
        if bonus.error:
            raise SandboxError(ErrorCode(bonus.error))
        if bonus.required_tag and bonus.required_tag not in tags:
            raise SandboxError(ErrorCode.BONUS_TAG_VIOLATION)
        key = (player.id, bonus.code)
        if bonus.per_player is not None and self.bonus_uses.get(key, 0) >= bonus.per_player:
            raise SandboxError(ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED)
        self.bonus_uses[key] = self.bonus_uses.get(key, 0) + 1

    def unregister_from_tournament(self, token: Token, tournament_id: int) -> Tournament | None:
        """DELETE tournaments/{id}/registration: refunds what registration cost (a bonus
        code stays used)."""
        with self.backend.lock:
            player = self._player(token)
            now = self._tick()
            t = self._get(tournament_id)
            if t is None:
                return None
            entry = t.entry_of(player)
            if entry is None:
                raise SandboxError(ErrorCode.PLAYER_NOT_REGISTERED)
            if t.status != "RegistrationOpened":
                raise SandboxError(ErrorCode.TOURNAMENT_STARTED)
            t.entries.remove(entry)
            self._refund(player, entry)
            self._say(now, f"{player.profile.nickname} left {t.spec.name}.")
            return t

    def purchase_rebuy(self, token: Token, tournament_id: int, type: str) -> tuple[Player, Tournament] | None:
        """POST tournaments/{id}/rebuys: Cash only; credits back to the starting credits."""
        with self.backend.lock:
            player = self._player(token)
            self._tick()
            t = self._get(tournament_id)
            if t is None:
                return None
            entry = t.entry_of(player)
            if entry is None:
                raise SandboxError(ErrorCode.PLAYER_NOT_REGISTERED)
            if t.status != "Started":
                raise SandboxError(ErrorCode.TOURNAMENT_NOT_STARTED)
            if t.spec.rebuys is None or entry.rebuys >= t.spec.rebuys[0]:
                raise SandboxError(ErrorCode.TOURNAMENT_REBUYS_EXCEEDED)
            if not self._low(t, entry):
                raise SandboxError(ErrorCode.TOURNAMENT_BALANCE_EXCESSIVE)
            cost = money(t.spec.rebuys[1], player.profile.currency).amount
            if player.cash < cost:
                raise SandboxError(ErrorCode.INSUFFICIENT_BALANCE)
            player.cash -= cost
            entry.rebuys += 1
            entry.credits = t.spec.credits
            t.rebuy_total += t.spec.rebuys[1]
            return player, t

    @staticmethod
    def _low(t: Tournament, entry: Entry) -> bool:
        return entry.credits * 100 < t.spec.credits * REBUY_THRESHOLD_PERCENT

    def rebuy_allowed(self, t: Tournament, entry: Entry | None) -> bool:
        return (
            entry is not None
            and t.status == "Started"
            and t.spec.rebuys is not None
            and entry.rebuys < t.spec.rebuys[0]
            and self._low(t, entry)
        )

    def tournament_news(self, token: Token, min_id: int | None) -> tuple[list[NewsItem], int]:
        """GET tournaments/news: newest first; with ``min_id`` only items from that id on.
        Returns the items and the ``min_id`` of the ``latest`` link."""
        with self.backend.lock:
            self._player(token)
            self._tick()
            items = [n for n in self.news if min_id is None or n.id >= min_id]
            items.sort(key=lambda n: (n.at, n.id), reverse=True)  # descending chronological order
            if min_id is None:
                items = items[:NEWS_PAGE]
            return items, len(self.news) + 1

    # -- the tournament game (pages, not the API) --------------------------------------

    def open_tournament_game(self, player: Player, tournament_id: int) -> tuple[Tournament | None, Entry | None]:
        with self.backend.lock:
            self._tick()
            t = self._get(tournament_id)
            return t, (t.entry_of(player) if t else None)

    def play_tournament_round(self, player: Player, tournament_id: int) -> tuple[int, int] | str:
        """One round in tournament mode: bet ``TOURNAMENT_BET`` XTC, random win.
        Returns (bet, win), or why not ("not_registered", "not_started", "no_credits")."""
        with self.backend.lock:
            now = self._tick()
            t = self._get(tournament_id)
            entry = t.entry_of(player) if t else None
            if t is None or entry is None:
                return "not_registered"
            if t.status != "Started":
                return "not_started"
            bet = min(TOURNAMENT_BET, entry.credits)
            if bet <= 0:
                return "no_credits"
            multiplier = self.backend.random.choices((0, 0.5, 1, 2, 5), weights=(35, 15, 10, 30, 10))[0]
            win = int(bet * multiplier)
            entry.credits += win - bet
            entry.last_played = now
            self._score(player, bet // 100, now)
            return bet, win

    def _score(self, player: Player, points: int, now: datetime) -> None:
        """Tournament play also counts in the brand group's running competitions."""
        for comp in self.competitions.values():
            if comp.spec.brand_group == ts.BRAND_GROUP and comp.start <= now < comp.end:
                row = comp.scores.setdefault(player.email, [player.profile.nickname, 0])
                row[1] += points

    # -- competitions --------------------------------------------------------------------

    def list_competitions(self, all: bool) -> list[Competition]:
        """GET competitions: the live ones (not ended) of our brand group, or of all groups."""
        with self.backend.lock:
            now = self.backend.clock.now()
            return [
                c for c in self.competitions.values()
                if c.end > now and (all or c.spec.brand_group == ts.BRAND_GROUP)
            ]

    def get_leaderboard(
        self, ids: Iterable[int], limit: int, player: Player | None
    ) -> tuple[list[int], list[tuple[str, int, int]], tuple[str, int, int] | None]:
        """GET competitions/{ids}/leaderboard: one board merged by email across the
        competitions; the player's row, and a few rows around it when it is below
        ``limit`` (so the board has a hole)."""
        with self.backend.lock:
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
