"""The production entry point: ``gunicorn -c gunicorn.conf.py lobby.wsgi:app``.

Settings come from the environment (README, "Settings" and "Production"). Unlike
``app.py`` this never starts the sandbox: production names its Kore with
``KORE_API_URL`` and signs sessions with a ``SECRET_KEY`` shared by every process.
"""

from __future__ import annotations

from typing import Mapping

from lobby import create_app
from lobby.config import Config, ConfigError


def serving_config(env: Mapping[str, str] | None = None) -> Config:
    """The environment's settings, refused (ConfigError) when they cannot serve players."""
    config = Config.from_env(env)
    if not config.kore_api_url:
        raise ConfigError(
            "KORE_API_URL is not set: under gunicorn the lobby needs a Kore to talk to "
            "(for the sandbox, run `python -m kore_sandbox --port 8001` and set "
            "KORE_API_URL=http://127.0.0.1:8001)."
        )
    return config


# A ConfigError here stops gunicorn ("Worker failed to boot") instead of restarting the
# worker in a loop; gunicorn.conf.py checks the same settings once before forking.
app = create_app(serving_config())
