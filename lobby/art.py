"""Game artwork: the operator's own (GAME_ART_URL), else a picture made here.

Kore's game list carries no images. An operator points GAME_ART_URL at its CDN, with
``{provider}``, ``{slug}`` and optionally ``{width}`` (then a 2× image is offered to
sharp screens). Without it, or when an image fails to load, every tile gets artwork
generated here: deterministic for the game (the same picture on every page and
process), a scene of its category varied by the game, colours from its provider; the
name is printed under the picture, not in it.
"""

from __future__ import annotations

import colorsys
import hashlib
import math
import zlib
from dataclasses import dataclass
from typing import Sequence
from urllib.parse import quote
from xml.sax.saxutils import escape

from flask import current_app, url_for

from lobby.kore import Game

#: Tiles are laid out at this size (CSS pixels); images keep its 4:3 ratio.
WIDTH, HEIGHT = 240, 180

#: Providers whose tables are run by live dealers ("Live casino").
LIVE_PROVIDERS = frozenset({"evolution", "ezugi", "pragmaticplaylive", "playtechlive", "vivogaming"})


@dataclass(frozen=True)
class Artwork:
    """What a tile's <img> needs."""

    src: str
    srcset: str | None
    fallback: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT


@dataclass(frozen=True)
class Links:
    """Artwork URLs for one page: the route's prefix and the operator's template, read once
    (a lobby page shows dozens of tiles; url_for per tile would cost more than the tile)."""

    prefix: str
    template: str

    @classmethod
    def here(cls) -> "Links":
        prefix = url_for("games.game_art", provider="~", slug="~").split("~", 1)[0]
        return cls(prefix=prefix, template=current_app.config["LOBBY"].game_art_url)

    def of(self, game: Game) -> Artwork:
        """The game's picture: the operator's when configured, with ours to fall back on."""
        provider = quote(game.provider or "kore", safe="")
        slug = quote(game.slug, safe="")
        generated = f"{self.prefix}{provider}/{slug}.svg"
        if not self.template:
            return Artwork(src=generated, srcset=None, fallback=generated, alt=game.name)
        if "{width}" in self.template:
            one = self.template.format(width=WIDTH, provider=provider, slug=slug)
            two = self.template.format(width=WIDTH * 2, provider=provider, slug=slug)
            return Artwork(src=one, srcset=f"{one} 1x, {two} 2x", fallback=generated, alt=game.name)
        return Artwork(src=self.template.format(provider=provider, slug=slug), srcset=None, fallback=generated,
                       alt=game.name)


# -- the generated picture -------------------------------------------------------------


def _hue(text: str) -> float:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def _colour(hue: float, saturation: float, lightness: float) -> str:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def _pick(slug: str, options: tuple, count: int) -> list:
    """``count`` of ``options`` chosen by the slug: games of one category differ."""
    digest = hashlib.sha256(slug.encode()).digest()
    return [options[digest[i + 1] % len(options)] for i in range(count)]


#: Reel symbols drawn in a 40×40 box centred on (0, 0).
SYMBOLS = (
    '<circle cx="-8" cy="8" r="10" fill="#e0132f"/><circle cx="9" cy="10" r="10" fill="#ff2a48"/>'
    '<path d="M-8 0 Q0 -22 14 -18 M14 -18 Q12 -4 9 2" stroke="#3c7a1e" stroke-width="3" fill="none"/>',
    '<path d="M-14 10 Q-14 -16 0 -16 Q14 -16 14 10 L18 14 H-18Z" fill="#ffcc2e"/><circle cy="16" r="4" fill="#ffcc2e"/>',
    '<path d="M-16 -6 L-9 -15 H9 L16 -6 L0 16Z" fill="#36e2ff"/><path d="M-16 -6 H16 L0 16Z" fill="#000" opacity=".2"/>',
    '<path d="M0 -18 l5 11 12 1 -9 8 3 12 -11 -6 -11 6 3 -12 -9 -8 12 -1z" fill="#ffd12e"/>',
    '<text y="15" font-size="40" font-weight="900" text-anchor="middle" fill="#e0132f" font-family="Georgia, serif">7</text>',
    '<rect x="-18" y="-9" width="36" height="18" rx="3" fill="#222"/><text y="5" font-size="12" font-weight="900" '
    'text-anchor="middle" fill="#fff" font-family="system-ui, sans-serif">BAR</text>',
    '<g fill="#2fbf4a"><circle cx="-7" cy="-6" r="8"/><circle cx="7" cy="-6" r="8"/><circle cx="-7" cy="7" r="8"/>'
    '<circle cx="7" cy="7" r="8"/></g>',
    '<path d="M-16 10 L-16 -10 L-8 0 L0 -14 L8 0 L16 -10 L16 10Z" fill="#ffcf3f"/>',
)


def _reels(fg: str, slug: str) -> str:
    reels = "".join(f'<rect x="{36 + i * 58}" y="34" width="52" height="86" rx="9" fill="#fff" opacity=".92"/>'
                    f'<g transform="translate({62 + i * 58} 77)">{symbol}</g>'
                    for i, symbol in enumerate(_pick(slug, SYMBOLS, 3)))
    return f'<rect x="26" y="24" width="188" height="106" rx="14" fill="none" stroke="{fg}" stroke-width="5"/>{reels}'


def _fruit(fg: str, slug: str) -> str:
    big = "".join(f'<g transform="translate({70 + i * 50} {80 + (i % 2) * 12}) scale(1.6)">{symbol}</g>'
                  for i, symbol in enumerate(_pick(slug, SYMBOLS, 3)))
    return f'<circle cx="120" cy="80" r="70" fill="{fg}" opacity=".18"/>{big}'


def _cards(fg: str, slug: str) -> str:
    ranks = _pick(slug, ("A", "K", "Q", "J", "10", "9"), 3)
    suits = _pick(slug[::-1], (("♠", "#111"), ("♥", "#d0112b"), ("♦", "#d0112b"), ("♣", "#111")), 3)
    return "".join(
        f'<g transform="rotate({-18 + i * 18} 120 150)"><rect x="94" y="34" width="52" height="76" rx="6" fill="#fff" '
        f'stroke="#ccd"/><text x="101" y="54" font-size="15" font-weight="800" fill="{colour}" '
        f'font-family="Georgia, serif">{rank}</text><text x="120" y="92" font-size="30" text-anchor="middle" '
        f'fill="{colour}">{suit}</text></g>' for i, (rank, (suit, colour)) in enumerate(zip(ranks, suits, strict=True)))


def _wheel(fg: str, slug: str) -> str:
    turn = _hue(slug) * 360
    segments = "".join(
        f'<path d="M120 80 L{120 + 56 * math.cos(math.radians(turn + i * 30)):.1f} {80 + 56 * math.sin(math.radians(turn + i * 30)):.1f} '
        f'A56 56 0 0 1 {120 + 56 * math.cos(math.radians(turn + (i + 1) * 30)):.1f} '
        f'{80 + 56 * math.sin(math.radians(turn + (i + 1) * 30)):.1f}Z" fill="{"#c8102e" if i % 2 else "#15151a"}"/>'
        for i in range(12))
    return (f'<circle cx="120" cy="80" r="64" fill="#6b3d17" stroke="{fg}" stroke-width="4"/>{segments}'
            f'<circle cx="120" cy="80" r="26" fill="{fg}"/><circle cx="120" cy="80" r="7" fill="#fff"/>')


def _rocket(fg: str, slug: str) -> str:
    top = 26 + int(_hue(slug) * 30)
    return (f'<path d="M20 140 Q150 136 196 {top}" stroke="{fg}" stroke-width="6" fill="none" stroke-linecap="round"/>'
            f'<g transform="translate(196 {top}) rotate(35)"><path d="M-6 10 Q0 36 6 10Z" fill="#ffb020"/>'
            f'<path d="M-8 -16 Q0 -44 8 -16 V10 H-8Z" fill="#fff"/></g>')


def _ball(fg: str, slug: str) -> str:
    x = 90 + int(_hue(slug) * 60)
    return (f'<rect y="100" width="240" height="80" fill="#1f8a3b" opacity=".8"/>'
            f'<circle cx="{x}" cy="78" r="34" fill="#fff" stroke="#111" stroke-width="2"/>'
            f'<path d="M{x} 62 l15 11 -6 18 h-18 l-6 -18z" fill="#111"/>')


def _lottery(fg: str, slug: str) -> str:
    numbers = _pick(slug, tuple(range(1, 76)), 4)
    colours = ("#ff4f6d", "#36c5f0", "#ffd12e", "#7ae14b")
    return "".join(f'<circle cx="{48 + i * 48}" cy="{78 + (i % 2) * 18 - 9}" r="22" fill="{colours[i]}"/>'
                   f'<circle cx="{48 + i * 48}" cy="{78 + (i % 2) * 18 - 9}" r="13" fill="#fff"/>'
                   f'<text x="{48 + i * 48}" y="{84 + (i % 2) * 18 - 9}" font-size="15" font-weight="800" '
                   f'text-anchor="middle" fill="#111" font-family="system-ui, sans-serif">{n}</text>'
                   for i, n in enumerate(numbers))


MOTIFS = {
    "videoslots": _reels,
    "classicslots": _fruit,
    "videopokers": _cards,
    "tablegames": _wheel,
    "crashgames": _rocket,
    "sportsbook": _ball,
    "other": _lottery,
}


def generated_svg(provider: str, slug: str, name: str, category: str) -> str:
    """A 240×180 SVG: the provider's colours, a scene of the category varied by the game.

    The name is the picture's accessible label, not printed: the tile prints it under it.
    """
    hue = _hue(provider)
    shift = _hue(slug) * 0.12  # games of one provider differ a little
    top, bottom = _colour(hue + shift, 0.65, 0.42), _colour(hue + 0.08 + shift, 0.7, 0.14)
    fg = _colour(hue + 0.5, 0.9, 0.72)
    glow = _colour(hue + shift, 0.9, 0.7)
    turn = _hue(slug + "rays") * 20
    rays = "".join(f'<path d="M120 80 L{120 + 300 * math.cos(math.radians(turn + i * 30)):.0f} '
                   f'{80 + 300 * math.sin(math.radians(turn + i * 30)):.0f} L{120 + 300 * math.cos(math.radians(turn + i * 30 + 12)):.0f} '
                   f'{80 + 300 * math.sin(math.radians(turn + i * 30 + 12)):.0f}Z" fill="#fff" opacity=".07"/>' for i in range(12))
    motif = MOTIFS.get(category, _lottery)(fg, slug)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(name, {chr(34): "&quot;"})}">'
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{top}"/>'
        f'<stop offset="1" stop-color="{bottom}"/></linearGradient>'
        f'<radialGradient id="r" cx=".5" cy=".45" r=".6"><stop offset="0" stop-color="{glow}" stop-opacity=".8"/>'
        f'<stop offset="1" stop-color="{glow}" stop-opacity="0"/></radialGradient></defs>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#g)"/><rect width="{WIDTH}" height="{HEIGHT}" fill="url(#r)"/>'
        f'{rays}{motif}</svg>'
    )


def game_for(key: str, category: str, games: Sequence[Game]) -> Game | None:
    """A picture for a tournament: Kore's list names only its game category, so one game of
    that category, the same for the tournament on every page and process."""
    candidates = [game for game in games if game.category == category]
    return candidates[zlib.crc32(key.encode()) % len(candidates)] if candidates else None
