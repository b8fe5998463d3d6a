"""Game artwork: the operator's own (GAME_ART_URL), else a picture made here.

Kore's game list carries no images. An operator points GAME_ART_URL at its CDN, with
``{provider}``, ``{slug}`` and optionally ``{width}`` (then a 2× image is offered to
sharp screens). Without it, or when an image fails to load, every tile gets artwork
generated here: deterministic for the game (the same picture on every page and
process), a motif for its category, colours from its provider, and its name.
"""

from __future__ import annotations

import colorsys
import hashlib
from dataclasses import dataclass
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
        prefix = url_for("lobby.game_art", provider="~", slug="~").split("~", 1)[0]
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


def _cherries(fg: str) -> str:
    return (f'<path d="M120 40 q-30 20 -40 55 M120 40 q20 25 30 50" stroke="{fg}" stroke-width="5" fill="none"/>'
            f'<circle cx="80" cy="105" r="22" fill="{fg}"/><circle cx="150" cy="100" r="22" fill="{fg}" opacity=".8"/>')


def _reels(fg: str) -> str:
    reels = "".join(f'<rect x="{38 + i * 58}" y="38" width="48" height="84" rx="8" fill="{fg}" opacity=".22"/>'
                    f'<text x="{62 + i * 58}" y="94" font-size="40" font-weight="800" text-anchor="middle" '
                    f'fill="{fg}">7</text>' for i in range(3))
    return reels


def _cards(fg: str) -> str:
    return (f'<g transform="rotate(-12 120 80)"><rect x="72" y="32" width="58" height="84" rx="7" fill="{fg}" '
            f'opacity=".35"/></g><g transform="rotate(10 120 80)"><rect x="108" y="30" width="58" height="84" rx="7" '
            f'fill="{fg}" opacity=".85"/></g><text x="138" y="86" font-size="34" text-anchor="middle" '
            f'fill="#000" opacity=".6">A</text>')


def _chips(fg: str) -> str:
    return "".join(f'<circle cx="{84 + i * 34}" cy="{82 - (i % 2) * 14}" r="26" fill="none" stroke="{fg}" '
                   f'stroke-width="9" stroke-dasharray="9 7" opacity="{0.5 + i * 0.2:.1f}"/>' for i in range(3))


def _rocket(fg: str) -> str:
    return (f'<path d="M28 130 Q120 126 200 34" stroke="{fg}" stroke-width="6" fill="none" stroke-linecap="round"/>'
            f'<circle cx="200" cy="34" r="12" fill="{fg}"/>')


def _ball(fg: str) -> str:
    return (f'<circle cx="120" cy="78" r="44" fill="none" stroke="{fg}" stroke-width="6"/>'
            f'<path d="M120 52 l22 16 -8 26 h-28 l-8 -26z" fill="{fg}"/>')


def _star(fg: str) -> str:
    return f'<path d="M120 26 l16 34 37 5 -27 26 7 37 -33 -18 -33 18 7 -37 -27 -26 37 -5z" fill="{fg}" opacity=".85"/>'


MOTIFS = {
    "videoslots": _reels,
    "classicslots": _cherries,
    "videopokers": _cards,
    "tablegames": _chips,
    "crashgames": _rocket,
    "sportsbook": _ball,
    "other": _star,
}


def _lines(name: str, width: int = 16) -> list[str]:
    """The name on at most two lines of about ``width`` characters."""
    words, lines, current = name.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], (" ".join(lines[1:]))[: width - 1] + "…"]
    return lines


def generated_svg(provider: str, slug: str, name: str, category: str) -> str:
    """A 240×180 SVG: the provider's colours, the category's motif, the game's name."""
    hue = _hue(provider)
    shift = _hue(slug) * 0.12  # games of one provider differ a little
    top, bottom = _colour(hue + shift, 0.65, 0.42), _colour(hue + 0.08 + shift, 0.7, 0.18)
    fg = _colour(hue + 0.5, 0.9, 0.72)
    motif = MOTIFS.get(category, _star)(fg)
    lines = _lines(name)
    y0 = 128 if len(lines) == 1 else 116  # above the jackpot strip the tile may lay over it
    text = "".join(
        f'<text x="120" y="{y0 + i * 22}" font-size="19" font-weight="800" text-anchor="middle" fill="#fff" '
        f'font-family="system-ui, sans-serif">{escape(line)}</text>' for i, line in enumerate(lines))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(name, {chr(34): "&quot;"})}">'
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{top}"/>'
        f'<stop offset="1" stop-color="{bottom}"/></linearGradient>'
        f'<linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset=".45" stop-color="#000" stop-opacity="0"/>'
        f'<stop offset="1" stop-color="#000" stop-opacity=".65"/></linearGradient></defs>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#g)"/>{motif}'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#s)"/>{text}</svg>'
    )
