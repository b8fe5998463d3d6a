"""The sandbox's tournaments and competitions: state and rules, no HTTP."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import SandboxBackend


class TournamentBook:
    """Tournaments, competitions and news of the demo brand; rebuilt by backend.reset()."""

    def __init__(self, backend: "SandboxBackend") -> None:
        self.backend = backend
