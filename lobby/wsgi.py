"""The production entry point: ``gunicorn -c python:lobby.gunicorn_conf lobby.wsgi:app``.

Settings come from the environment (README, "Settings" and "Production"). Unlike
``app.py`` this never starts the sandbox: production names its Kore with
``KORE_API_URL`` and signs sessions with a ``SECRET_KEY`` shared by every process.
"""

from __future__ import annotations

from lobby import create_app
from lobby.config import serving_config

# A ConfigError here stops gunicorn ("Worker failed to boot") instead of restarting the
# worker in a loop; lobby/gunicorn_conf.py checks the same settings once before forking.
app = create_app(serving_config())
