"""Game providers' names as players read them (the tiles, the provider filter, the artwork).

In core because every page's templates show them (the ``provider_name`` filter), not only
the games area's.
"""

from __future__ import annotations

import re

#: Providers' names as people write them; others are title-cased from the slug.
PROVIDER_NAMES = {
    "pragmaticplay": "Pragmatic Play",
    "pragmatic": "Pragmatic Play",
    "evolution": "Evolution",
    "ezugi": "Ezugi",
    "betsoft": "Betsoft",
    "netent": "NetEnt",
    "playngo": "Play'n GO",
    "playtech": "Playtech",
    "microgaming": "Microgaming",
    "betconstruct": "BetConstruct",
    "saucify": "Saucify",
    "genii": "Genii",
    "rival": "Rival",
    "nucleus": "Nucleus",
    "crucible": "Crucible",
    "go": "GO",
    "apollo": "Apollo",
    "redtiger": "Red Tiger",
    "yggdrasil": "Yggdrasil",
    "quickspin": "Quickspin",
    "spribe": "Spribe",
}


def provider_name(slug: str | None) -> str:
    if not slug:
        return ""
    known = PROVIDER_NAMES.get(slug.lower())
    if known:
        return known
    return " ".join(part.capitalize() for part in re.split(r"[-_ ]+", slug) if part)


__all__ = ["PROVIDER_NAMES", "provider_name"]
