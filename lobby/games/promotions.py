"""The lobby's promotions row: what is on today, from what Kore says.

Running and opening tournaments (prize pool, countdown), the offers the player may claim
(bonuses/filter over OFFER_BONUS_CODES), the biggest jackpot in the player's currency and,
first, the operator's own banners (PROMOTIONS). A visitor gets the welcome offer and Join.
Each part is optional: when Kore cannot say, the row goes without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from flask import current_app, render_template

from lobby.art import Links, game_for
from lobby.core.guards import optional
from lobby.core.upstream import kore, upstream
from lobby.kore import Game, Tournament

#: Cards of each kind the row shows at most: the row is what is on today, not a list.
TOURNAMENTS = 3
#: The statuses worth a card, the running ones first.
ON = ("Started", "RegistrationOpened")
#: No tournaments to show (a visitor's, a Practice player's): one object, so that the row
#: kept for it (by the identity of its sources) is found again.
NO_TOURNAMENTS: tuple[Tournament, ...] = ()


@dataclass(frozen=True)
class TournamentCard:
    tournament: Tournament
    key: str
    game: Game | None  # for its picture: a game of the tournament's category


@dataclass(frozen=True)
class Promotions:
    banners: Sequence[Any] = ()
    tournaments: Sequence[TournamentCard] = ()
    offers: Sequence[tuple[str, str]] = ()  # (code, name as a player reads it)
    jackpot: tuple[Game, Any] | None = None  # (game, JackpotView)
    welcome: str | None = None  # a visitor's welcome offer, named

    def __bool__(self) -> bool:
        return bool(self.banners or self.tournaments or self.offers or self.jackpot or self.welcome is not None)


def tournaments_on(player) -> Sequence[Tournament] | None:
    """The tournaments a Real-money player may join or follow now (None: Kore did not say)."""
    if player is None or not player.real:
        return NO_TOURNAMENTS
    from lobby.tournaments.data import list_tournaments

    # The row is a reminder, asked on every lobby page: the list a few seconds old will
    # do (the tournaments' own pages always ask Kore, and the player joining drops it).
    return optional(lambda: upstream().recent_for_player(player, "tournaments",
                                                         list_tournaments),
                    None, what="tournaments")


def claimable_codes(player) -> list[str] | None:
    """The brand's bonus codes Kore says the player may still claim."""
    codes = current_app.config["LOBBY"].offer_bonus_codes
    if player is None or not player.real or not codes:
        return []
    return optional(lambda: kore().filter_bonus_codes(codes), None, what="bonus codes")


def _welcome(currency: str) -> str:
    """The brand's welcome offer as a visitor reads it: the first WELCOME… code, else none."""
    from lobby.offers.names import offer_name

    code = next((c for c in current_app.config["LOBBY"].offer_bonus_codes if c.lower().startswith("welcome")), None)
    return offer_name(code, currency) if code else ""


def _ends_first(t: Tournament) -> tuple[int, float]:
    return (ON.index(t.status), t.status_change_date.timestamp() if t.status_change_date else float("inf"))


def build(player, games: Sequence[Game], tournaments, codes, jackpots: dict, currency: str | None) -> Promotions:
    """The row's cards from what the page already asked Kore (nothing more is called here)."""
    from lobby.offers.names import offer_name
    from lobby.tournaments.data import key_of

    config = current_app.config["LOBBY"]
    cards = [
        TournamentCard(t, key_of(t), game_for(key_of(t), t.game_category, games))
        for t in sorted((t for t in tournaments or () if t.status in ON and "_self" in t.links), key=_ends_first)
    ][:TOURNAMENTS]
    by_slug = {game.slug: game for game in games}
    shown = [view for view in jackpots.values() if view.slug in by_slug]
    biggest = max(shown, key=lambda view: view.value, default=None)
    return Promotions(
        banners=config.promotions,
        tournaments=cards,
        offers=[(code, offer_name(code, currency)) for code in codes or ()],
        jackpot=(by_slug[biggest.slug], biggest) if biggest else None,
        welcome=_welcome(currency or config.default_currency) if player is None else None,
    )


def row(player, games: Sequence[Game], tournaments, codes, jackpots: dict, currency: str | None, art: Links,
        sources: tuple, look: tuple) -> tuple[str | None, bool]:
    """The row's HTML (None: nothing to show) and whether it counts down a tournament.

    Built and rendered once per look of these Kore answers (``sources``, held by identity:
    the tournaments, the game list; ``look``: everything else ``build`` reads) and reused;
    the countdowns, which change every second, are put in per request.
    """
    from lobby.games import tiles
    from lobby.tournaments.data import countdown_slots, fill_countdowns

    def draw() -> tuple[str | None, tuple, bool]:
        promoted = build(player, games, tournaments, codes, jackpots, currency)
        if not promoted:
            return None, (), False
        with countdown_slots() as dates:
            html = render_template("games/partials/promotions.html", promotions=promoted, art=art)
        return html, tuple(dates), bool(promoted.tournaments)

    html, dates, counting_down = tiles.grids().get(sources, ("promotions", *look), draw)
    return (None if html is None else fill_countdowns(html, dates)), counting_down
