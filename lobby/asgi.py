"""The production entry point: the lobby with live pages, as one ASGI application.

``gunicorn -c python:lobby.gunicorn_conf lobby.asgi:app`` (lobby/gunicorn_conf.py picks uvicorn's worker
class for it), or ``uvicorn lobby.asgi:app``. Settings as for lobby.wsgi, which still
serves the lobby without live pages under any WSGI server (docs/live.md).
"""

from __future__ import annotations

from lobby import create_app
from lobby.live.server import LiveLobby
from lobby.config import serving_config

app = LiveLobby(create_app(serving_config()))
