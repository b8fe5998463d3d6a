"""Development start-up: the lobby with the Kore sandbox (and BETCORE's) when no Kore is named.

``kore-lobby run`` and ``python app.py`` (``make run``) call ``main``. The sandboxes come
from the ``kore-sandbox`` distribution (``pip install 'kore-lobby[sandbox]'``): this is the
one place in the lobby that imports them, and only when they are needed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import Any

from lobby.config import Config, ConfigError
from lobby.offer_details import parse as parse_offer_details

#: The demo casino's "New games" row (NEW_GAMES overrides it).
DEMO_NEW_GAMES = (
    "gates-of-olympus-video-slot", "sweet-bonanza-video-slot", "rocket-crash", "crazy-time", "moon-shot",
    "viking-voyage-video-slot",
)

#: The demo brand's bonus codes and campaigns for the Offers page (docs/sandbox.md, "Bonus
#: codes"); OFFER_BONUS_CODES and OFFER_CAMPAIGNS override them.
DEMO_OFFER_BONUS_CODES = (
    "WELCOME10", "DEPOSIT100", "ONCEONLY", "VIPPASS", "STEPONE", "STEPTWO", "FIRSTBUY", "OLDCODE",
)
DEMO_OFFER_CAMPAIGNS = (1, 2)
DEMO_LICENCE_TEXT = "Demo casino: no licence, no real money."
#: What the demo operator says about its codes that have no telling shape (OFFER_DETAILS
#: overrides it): Kore gives only the code. An operator writes one text per language it serves.
DEMO_OFFER_DETAILS = json.dumps({
    "ONCEONLY": {
        "name": {"en": "A $5 thank-you bonus", "de": "5 $ Dankeschön-Bonus", "el": "Μπόνους ευχαριστίας 5 $",
                 "fr": "Bonus de remerciement de 5 $", "it": "Bonus di ringraziamento di 5 $",
                 "es": "Bono de agradecimiento de 5 $", "da": "Tak-bonus på 5 $", "sv": "Tackbonus på 5 $",
                 "nb": "Takkebonus på 5 $"},
        "text": {"en": "Once per player.", "de": "Einmal pro Spieler.", "el": "Μία φορά ανά παίκτη.",
                 "fr": "Une fois par joueur.", "it": "Una volta per giocatore.", "es": "Una vez por jugador.",
                 "da": "Én gang pr. spiller.", "sv": "En gång per spelare.", "nb": "Én gang per spiller."},
        "wagering": 30,
    },
    "VIPPASS": {
        "name": {"en": "VIP bonus of $25", "de": "VIP-Bonus von 25 $", "el": "Μπόνους VIP 25 $",
                 "fr": "Bonus VIP de 25 $", "it": "Bonus VIP di 25 $", "es": "Bono VIP de 25 $",
                 "da": "VIP-bonus på 25 $", "sv": "VIP-bonus på 25 $", "nb": "VIP-bonus på 25 $"},
        "text": {"en": "For our VIP players.", "de": "Für unsere VIP-Spieler.", "el": "Για τους παίκτες VIP μας.",
                 "fr": "Pour nos joueurs VIP.", "it": "Per i nostri giocatori VIP.", "es": "Para nuestros jugadores VIP.",
                 "da": "Til vores VIP-spillere.", "sv": "För våra VIP-spelare.", "nb": "For våre VIP-spillere."},
        "wagering": 10, "expires": "2027-12-31",
    },
})

NO_SANDBOX = ("the Kore sandbox is not installed: pip install 'kore-lobby[sandbox]' "
              "(or set KORE_API_URL to a Kore)")


def demo_config(config: Config, sandbox_url: str) -> Config:
    """The lobby pointed at a sandbox, with the demo casino's settings where none are given."""
    return replace(
        config.with_kore(sandbox_url),
        # The demo casino's pictures come from the sandbox, as an operator's from its CDN.
        game_art_url=config.game_art_url or f"{sandbox_url}/cdn/games/{{provider}}/{{slug}}.svg",
        new_games=config.new_games or DEMO_NEW_GAMES,
        offer_bonus_codes=config.offer_bonus_codes or DEMO_OFFER_BONUS_CODES,
        offer_campaigns=config.offer_campaigns or DEMO_OFFER_CAMPAIGNS,
        offer_details=config.offer_details or parse_offer_details(DEMO_OFFER_DETAILS),
        # The demo operator's player-care pages, served by the sandbox.
        care_limits_url=config.care_limits_url or f"{sandbox_url}/pages/care_limits",
        care_time_out_url=config.care_time_out_url or f"{sandbox_url}/pages/care_time_out",
        care_self_exclusion_url=config.care_self_exclusion_url or f"{sandbox_url}/pages/care_self_exclusion",
        care_help_url=config.care_help_url or f"{sandbox_url}/pages/care_help",
        licence_text=config.licence_text or DEMO_LICENCE_TEXT,
    )


def main(host: str | None = None, port: int | None = None) -> int:
    """Serve the lobby for development (uvicorn, live pages), with the sandboxes it needs."""
    import uvicorn

    from lobby import create_app
    from lobby.live.server import LiveLobby, LiveUvicorn

    try:
        config = Config.from_env()
    except ConfigError as error:
        print(f"Cannot start the lobby: {error}", file=sys.stderr)
        return 2
    if host is not None or port is not None:
        config = replace(config, lobby_host=host or config.lobby_host, lobby_port=port or config.lobby_port)
    servers: list[Any] = []  # the sandboxes started here, stopped at the end
    try:
        if not config.kore_api_url:
            try:
                from kore_sandbox.server import SandboxConfig, SandboxServer
            except ImportError:
                print(f"Cannot start the lobby: {NO_SANDBOX}", file=sys.stderr)
                return 2
            sandbox = SandboxServer(port=config.sandbox_port, config=SandboxConfig.from_env()).start()
            servers.append(sandbox)
            config = demo_config(config, sandbox.url)
            print(f"Kore sandbox: {sandbox.url}/v3/api (demo players: see README)")
        if config.development and not config.betcore_enabled:
            try:
                from betcore_sandbox import BetcoreSandboxServer
            except ImportError:
                pass  # BETCORE stays off: its page is not offered
            else:
                # BETCORE's side of its WebFrame, for the /betcore page (docs/betcore.md).
                betcore = BetcoreSandboxServer(port=config.betcore_sandbox_port).start()
                servers.append(betcore)
                config = replace(
                    config, betcore_jwks_url=betcore.jwks_url, betcore_frame_url=betcore.frame_url,
                    betcore_issuer=betcore.issuer, betcore_client_id=betcore.client_id,
                )
                print(f"BETCORE sandbox: {betcore.url}/webframe (JWKS {betcore.jwks_url})")
        app = LiveLobby(create_app(config))
        print(f"Lobby: http://{config.lobby_host}:{config.lobby_port}/  (Kore: {config.kore_api_url})", flush=True)
        try:
            # The same ASGI application production serves (docs/live.md), under uvicorn.
            # log_config=None: uvicorn's own lines go through the lobby's logging; its
            # request lines are off, the lobby writes its own (lobby.access). Proxy headers
            # are the lobby's to judge (TRUSTED_PROXIES), never uvicorn's.
            LiveUvicorn(uvicorn.Config(app, host=config.lobby_host, port=config.lobby_port, log_config=None,
                                       log_level=config.log_level.lower(), access_log=False, proxy_headers=False,
                                       timeout_graceful_shutdown=10)).run()
        except KeyboardInterrupt:
            pass  # Ctrl-C: uvicorn has shut down cleanly and passes the signal on
    finally:
        for server in reversed(servers):
            server.stop()
    return 0
