"""Game artwork for the demo games, served the way an operator's CDN serves its own.

``make run`` points the lobby's GAME_ART_URL here, so the demo casino shows pictures the
way a real one does; the lobby's own generated artwork stays its fallback.
"""

from __future__ import annotations

import hashlib
from xml.sax.saxutils import escape

from flask import Response, abort

from .. import seed
from .common import pages

#: Palettes (background, glow, ink) a game's slug picks from.
PALETTES = (
    ("#2b0a3d", "#ff4fd8", "#ffe27a"),
    ("#06233f", "#27c4ff", "#ffffff"),
    ("#3a0d0d", "#ff7a2f", "#ffe8b0"),
    ("#0b2e1f", "#36e29a", "#eafff4"),
    ("#241a05", "#ffc83d", "#fff6d8"),
    ("#1b1446", "#8f7bff", "#f3efff"),
    ("#33061c", "#ff3b6b", "#ffe3ec"),
    ("#062a2a", "#1fe0d0", "#e8ffff"),
)


def _poster(name: str, slug: str, provider: str) -> str:
    digest = hashlib.sha256(slug.encode()).digest()
    bg, glow, ink = PALETTES[digest[0] % len(PALETTES)]
    rays = "".join(
        f'<path d="M240 150 L{240 + 420 * (i % 2 and 1 or -1) * ((i * 37) % 100) / 100:.0f} -40 '
        f'L{260 + (i * 53) % 220:.0f} -40Z" fill="{glow}" opacity=".08"/>' for i in range(10))
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    title = escape(name if len(name) <= 22 else name[:21] + "…")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 360" width="480" height="360">'
        f'<defs><radialGradient id="r" cx=".5" cy=".42" r=".75"><stop offset="0" stop-color="{glow}" '
        f'stop-opacity=".75"/><stop offset=".55" stop-color="{bg}"/></radialGradient></defs>'
        f'<rect width="480" height="360" fill="{bg}"/><rect width="480" height="360" fill="url(#r)"/>{rays}'
        f'<text x="240" y="190" font-size="132" font-weight="900" text-anchor="middle" fill="{ink}" '
        f'font-family="Georgia, serif" opacity=".92">{escape(initials)}</text>'
        f'<rect y="262" width="480" height="98" fill="#000" opacity=".45"/>'
        f'<text x="240" y="318" font-size="36" font-weight="800" text-anchor="middle" fill="#fff" '
        f'font-family="system-ui, sans-serif">{title}</text>'
        f'<text x="240" y="346" font-size="18" text-anchor="middle" fill="{ink}" opacity=".8" '
        f'font-family="system-ui, sans-serif">{escape(provider.upper())}</text></svg>'
    )


@pages.get("/cdn/games/<provider>/<slug>.svg")
def game_art(provider: str, slug: str) -> Response:
    """A demo game's picture; unknown games answer 404, as a CDN would."""
    game = next((g for g in seed.GAMES if g.slug == slug and g.provider == provider), None)
    if game is None:
        abort(404)
    return Response(_poster(game.name, game.slug, game.provider), mimetype="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})
