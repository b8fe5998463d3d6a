"""Games as the lobby shows them: grouped by category, one variant per device."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from flask_babel import lazy_gettext as _l

from lobby.art import LIVE_PROVIDERS
from lobby.kore import Game

#: Every category of the documentation, in the order the lobby shows them.
CATEGORIES = {
    "videoslots": _l("Video slots"),
    "classicslots": _l("Classic slots"),
    "videopokers": _l("Video poker"),
    "tablegames": _l("Table games"),
    "crashgames": _l("Crash games"),
    "sportsbook": _l("Sports"),
    "other": _l("Other games"),
}
#: The documentation's list example says "videoslot"; its tables say "videoslots".
CATEGORY_ALIASES = {"videoslot": "videoslots", "classicslot": "classicslots", "videopoker": "videopokers"}


def category_of(game: Game) -> str:
    category = CATEGORY_ALIASES.get(game.category, game.category)
    return category if category in CATEGORIES else "other"


def is_mobile_agent(user_agent: str | None) -> bool:
    """A phone or tablet browser, or the operator's Android app (a WebView)."""
    agent = (user_agent or "").lower()
    return any(marker in agent for marker in ("mobi", "android", "iphone", "ipad", "; wv)"))


def for_device(games: Iterable[Game], *, mobile: bool) -> list[Game]:
    """One game per slug: the variant for this device where Kore lists several.

    ``mobile``/``desktop`` variants share a slug; ``auto`` (Kore picks by user agent)
    and ``responsive`` (or no device_category) suit every device.
    """
    wanted = "mobile" if mobile else "desktop"
    chosen: dict[str, Game] = {}
    for game in games:
        current = chosen.get(game.slug)
        if current is None or _rank(game, wanted) < _rank(current, wanted):
            chosen[game.slug] = game
    return list(chosen.values())


def _rank(game: Game, wanted: str) -> int:
    category = game.device_category
    if category == wanted:
        return 0
    if category in (None, "responsive", "auto"):
        return 1
    return 2  # the other device's variant: only if nothing else exists


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    games: Sequence[Game]


def by_category(games: Iterable[Game]) -> list[Section]:
    grouped: dict[str, list[Game]] = {key: [] for key in CATEGORIES}
    for game in games:
        grouped[category_of(game)].append(game)
    return [
        Section(key, str(CATEGORIES[key]), sorted(items, key=lambda g: g.name.casefold()))
        for key, items in grouped.items()
        if items
    ]


@dataclass(frozen=True)
class Row:
    """A line of tiles above the categories: favourites, recent, jackpots, new, live."""

    key: str
    title: str
    games: Sequence[Game]


#: The most tiles a row shows (it scrolls sideways).
ROW_LENGTH = 16


def rows(games: Sequence[Game], *, jackpots, new: Sequence[str], favourites: Sequence[str],
         recent: Sequence[str]) -> list[Row]:
    """The lobby's rows, in the order a player looks for them; empty rows are left out."""
    by_slug = {game.slug: game for game in games}

    def pick(slugs: Iterable[str]) -> list[Game]:
        return [by_slug[slug] for slug in slugs if slug in by_slug][:ROW_LENGTH]

    candidates = [
        Row("favourites", str(_l("Your favourites")), pick(favourites)),
        Row("recent", str(_l("Recently played")), pick(recent)),
        Row("jackpots", str(_l("Jackpots")), [g for g in games if g.slug in (jackpots or {})][:ROW_LENGTH]),
        Row("new", str(_l("New games")), pick(new)),
        Row("live", str(_l("Live casino")), [g for g in games if (g.provider or "").lower() in LIVE_PROVIDERS]
            [:ROW_LENGTH]),
    ]
    return [row for row in candidates if row.games]


def find(games: Iterable[Game], slug: str) -> Game | None:
    return next((game for game in games if game.slug == slug), None)


def providers(games: Iterable[Game]) -> list[str]:
    return sorted({game.provider for game in games if game.provider})


@dataclass(frozen=True)
class Filters:
    """What the player narrowed the list to; always reflected in the URL."""

    category: str | None = None
    provider: str | None = None
    q: str = ""

    MAX_QUERY = 100

    @classmethod
    def from_args(cls, args, known_providers: Iterable[str]) -> "Filters":
        """Read the query string; unknown values are ignored rather than failing the page."""
        category = args.get("category") or None
        category = CATEGORY_ALIASES.get(category, category) if category else None
        provider = args.get("provider") or None
        q = " ".join((args.get("q") or "").split())[: cls.MAX_QUERY]
        return cls(
            category=category if category in CATEGORIES else None,
            provider=provider if provider in set(known_providers) else None,
            q=q,
        )

    @property
    def active(self) -> bool:
        return bool(self.category or self.provider or self.q)

    def args(self, **changes: str | None) -> dict[str, str]:
        """Query arguments for a link that changes some filters and keeps the others."""
        values = {"category": self.category, "provider": self.provider, "q": self.q or None}
        values.update(changes)
        return {key: value for key, value in values.items() if value}

    def apply(self, games: Iterable[Game]) -> list[Game]:
        words = self.q.casefold().split()
        chosen = []
        for game in games:
            if self.category and category_of(game) != self.category:
                continue
            if self.provider and game.provider != self.provider:
                continue
            haystack = f"{game.name} {game.provider}".casefold()
            if any(word not in haystack for word in words):
                continue
            chosen.append(game)
        return chosen
