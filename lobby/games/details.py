"""A game's details on its page, from Kore's ``games/{id}`` (the game's ``_self`` link):
its documented attributes (lines, free spins, decks, …), the player's medal and free
rounds, in the reader's words.

Only the attributes the documentation lists are shown (it has no RTP or volatility):
an attribute Kore adds later is left out rather than shown as a raw name. The brand's
answer (visitors) is cached; a player's carries their medal and is not.
"""

from __future__ import annotations

from typing import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from lobby.core.labels import medal_name
from lobby.core.guards import optional
from lobby.core.i18n import kore_locale
from lobby.core.upstream import kore, upstream
from lobby.kore import Game

#: How long the brand's details of a game are reused (they change with a release).
DETAILS_TTL = 600



def _count(write: Callable[[int], str]) -> Callable[[str], str | None]:
    """A number attribute ("30"), written by ``write`` when it is a positive whole number."""
    def written(value: str) -> str | None:
        try:
            number = int(value)
        except ValueError:
            return None
        return write(number) if number > 0 else None

    return written


def _flag(label) -> Callable[[str], str | None]:
    """A "true" attribute ("No property indicates no …")."""
    return lambda value: str(label) if value.strip().lower() == "true" else None


def _multiplier(value: str) -> str | None:
    return _("Multiplier ×%(value)s", value=value) if value.strip().replace(".", "", 1).isdigit() else None


#: The documented attributes ("Attributes" in the Game section), in the order shown.
ATTRIBUTES: dict[str, Callable[[str], str | None]] = {
    "lines": _count(lambda n: ngettext("%(num)d line", "%(num)d lines", n)),
    "max_ways": _flag(_l("Max ways")),
    "free_spins": _flag(_l("Free spins")),
    "feature_game": _flag(_l("Feature game")),
    "gamble_game": _flag(_l("Gamble feature")),
    "bonus_bucks": _flag(_l("Bonus bucks")),
    "progressive": _flag(_l("Progressive jackpot")),
    "decks": _count(lambda n: ngettext("%(num)d deck", "%(num)d decks", n)),
    "card_deck": _count(lambda n: ngettext("%(num)d card deck", "%(num)d card decks", n)),
    "surrender": _flag(_l("Surrender")),
    "insurance": _flag(_l("Insurance")),
    "single_zero": _flag(_l("Single zero")),
    "double_zero": _flag(_l("Double zero")),
    "elite": _flag(_l("Elite edition")),
    "deuces_wild": _flag(_l("Deuces wild")),
    "jokers_wild": _flag(_l("Jokers wild")),
    "play1": _flag(_l("One hand")),
    "play10": _flag(_l("Up to 10 hands")),
    "play50": _flag(_l("Up to 50 hands")),
    "picks": _count(lambda n: ngettext("%(num)d pick", "%(num)d picks", n)),
    "multiplier": _multiplier,
}


def facts(game: Game) -> list[str]:
    """What the game's attributes say, in the reader's words."""
    written = []
    for name, write in ATTRIBUTES.items():
        value = game.attributes.get(name)
        if isinstance(value, str) and value:
            fact = write(value)
            if fact:
                written.append(fact)
    return written


def medal(game: Game) -> str | None:
    if game.medal is None:
        return None
    return _("Your medal: %(medal)s", medal=medal_name(game.medal))


def free_rounds(game: Game) -> int:
    return sum(s.available_rounds for s in game.free_games_set if s.status in ("pending", "active"))


def fetch(game: Game, player) -> Game:
    """The game as ``games/{id}`` describes it; the list's copy when Kore cannot say."""
    if game.links.get("_self") is None:
        return game
    up, bound = upstream(), kore().for_player(player)
    if player is not None:
        found = optional(lambda: bound.get_game(game), what="game details")
        return found or game
    locale = kore_locale()
    key = f"game:{up.config.kore_brand_id}:{locale}:{game.slug}:{game.device_category}"
    found = optional(lambda: up.brand_data(key, DETAILS_TTL, lambda: up.as_brand(
        locale, lambda token: bound.get_game(game, token=token)), stale_ok=True), what="game details")
    return found or game


def of(game: Game, player) -> dict:
    """The details the game page shows (an empty list when there is nothing to say)."""
    described = fetch(game, player)
    return {"facts": facts(described), "medal": medal(described), "free_rounds": free_rounds(described)}
