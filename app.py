"""Serve the lobby: `python app.py` (or `make run`).

With no KORE_API_URL set, the Kore sandbox starts in the same command and the
lobby uses it, so a fresh clone shows a working casino; in development without BETCORE
settings, the BETCORE sandbox starts too.
"""

from __future__ import annotations

import sys

from dataclasses import replace

import uvicorn

from lobby import create_app
from lobby.config import Config, ConfigError
from lobby.live.server import LiveLobby, LiveUvicorn

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


def main() -> int:
    try:
        config = Config.from_env()
    except ConfigError as error:
        print(f"Cannot start the lobby: {error}", file=sys.stderr)
        return 2
    sandbox = None
    if not config.kore_api_url:
        from kore_sandbox.server import SandboxConfig, SandboxServer

        sandbox = SandboxServer(port=config.sandbox_port, config=SandboxConfig.from_env()).start()
        config = replace(
            config.with_kore(sandbox.url),
            # The demo casino's pictures come from the sandbox, as an operator's from its CDN.
            game_art_url=config.game_art_url or f"{sandbox.url}/cdn/games/{{provider}}/{{slug}}.svg",
            new_games=config.new_games or DEMO_NEW_GAMES,
            offer_bonus_codes=config.offer_bonus_codes or DEMO_OFFER_BONUS_CODES,
            offer_campaigns=config.offer_campaigns or DEMO_OFFER_CAMPAIGNS,
            # The demo operator's player-care pages, served by the sandbox.
            care_limits_url=config.care_limits_url or f"{sandbox.url}/pages/care_limits",
            care_time_out_url=config.care_time_out_url or f"{sandbox.url}/pages/care_time_out",
            care_self_exclusion_url=config.care_self_exclusion_url or f"{sandbox.url}/pages/care_self_exclusion",
            care_help_url=config.care_help_url or f"{sandbox.url}/pages/care_help",
            licence_text=config.licence_text or "Demo casino: no licence, no real money.",
        )
        print(f"Kore sandbox: {sandbox.url}/v3/api (demo players: see README)")
    betcore = None
    if config.development and not config.betcore_enabled:
        # BETCORE's side of its WebFrame, for the /betcore page (docs/betcore.md).
        from betcore_sandbox import BetcoreSandboxServer

        betcore = BetcoreSandboxServer(port=config.betcore_sandbox_port).start()
        config = replace(
            config, betcore_jwks_url=betcore.jwks_url, betcore_frame_url=betcore.frame_url,
            betcore_issuer=betcore.issuer, betcore_client_id=betcore.client_id,
        )
        print(f"BETCORE sandbox: {betcore.url}/webframe (JWKS {betcore.jwks_url})")
    app = LiveLobby(create_app(config))
    print(f"Lobby: http://{config.lobby_host}:{config.lobby_port}/  (Kore: {config.kore_api_url})")
    try:
        # The same ASGI application production serves (docs/live.md), under uvicorn.
        # log_config=None: uvicorn's request lines go through the lobby's logging (its
        # redacting filter and format), as under gunicorn. proxy_headers=False: the client's
        # address is the lobby's to decide (TRUSTED_PROXIES), not uvicorn's.
        LiveUvicorn(uvicorn.Config(app, host=config.lobby_host, port=config.lobby_port, log_config=None,
                                   proxy_headers=False,
                                   log_level=config.log_level.lower(), timeout_graceful_shutdown=10)).run()
    except KeyboardInterrupt:
        pass  # Ctrl-C: uvicorn has shut down cleanly and passes the signal on
    finally:
        for server in (betcore, sandbox):
            if server is not None:
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
