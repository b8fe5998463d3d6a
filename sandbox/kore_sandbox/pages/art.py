"""Game artwork for the demo games, served the way an operator's CDN serves its own.

``make run`` points the lobby's GAME_ART_URL here, so the demo casino shows pictures the
way a real one does; the lobby's own generated artwork stays its fallback. Each poster is
a scene of the game's theme (pages/scenes.py), varied per game, without its name: the
lobby prints the name under the picture, once.
"""

from __future__ import annotations

from flask import Response, abort

from .. import seed
from .common import pages
from .scenes import H, W, scene


def _poster(name: str, slug: str, category: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}">'
            f'{scene(name, slug, category)}'
            '<defs><radialGradient id="vignette" cx=".5" cy=".45" r=".75"><stop offset=".6" stop-color="#000" '
            'stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".45"/></radialGradient></defs>'
            f'<rect width="{W}" height="{H}" fill="url(#vignette)"/></svg>')


@pages.get("/cdn/games/<provider>/<slug>.svg")
def game_art(provider: str, slug: str) -> Response:
    """A demo game's picture; unknown games answer 404, as a CDN would."""
    game = next((g for g in seed.GAMES if g.slug == slug and g.provider == provider), None)
    if game is None:
        abort(404)
    return Response(_poster(game.name, game.slug, game.category), mimetype="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})
