"""The BETCORE sandbox: the aggregator's side of its WebFrame, for development and tests.

It publishes a JWKS, signs RS256 JWTs like BETCORE's identity service, serves a
``frame.js`` loader and a WebFrame page, and calls the casino's partner API
(``/users/auth``, ``/users/data``) server to server. It imports nothing from the lobby.
"""

from .server import BetcoreSandboxServer, create_betcore_sandbox_app

__all__ = ["BetcoreSandboxServer", "create_betcore_sandbox_app"]
