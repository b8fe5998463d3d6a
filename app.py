"""Serve the lobby for development: `python app.py` (or `make run`, or `kore-lobby run`).

With no KORE_API_URL set, the Kore sandbox starts in the same command and the lobby uses
it, so a fresh clone shows a working casino; in development without BETCORE settings, the
BETCORE sandbox starts too (lobby/devserver.py).
"""

from __future__ import annotations

import sys

from lobby.devserver import main

if __name__ == "__main__":
    sys.exit(main())
