"""The Kore sandbox's state and rules. No HTTP here.

``SandboxBackend`` is one class built from one part per area (as moto's EC2Backend):
a client operation ``client.X`` has its rule in ``backend.X``, in the part of its
area. Public methods take the lock (the server is threaded), raise ``SandboxError``
for documented errors, return entities (never JSON) and say in their docstrings what
they leave out of the documented behaviour.
"""

from __future__ import annotations

import threading

from ..clock import Clock
from ..config import SandboxConfig
from ..faults import FaultBook
from .activity import ActivityMixin
from .auth import AuthMixin
from .base import locked
from .bonuses import BonusesMixin
from .competitions import CompetitionsMixin
from .events import EventsMixin
from .games import GamesMixin
from .player_day import PlayerDayMixin
from .recovery import RecoveryMixin
from .referrals import ReferralsMixin
from .registration import RegistrationMixin
from .signon import SignonMixin
from .tournaments import TournamentsMixin
from .users import UsersMixin

__all__ = ["SandboxBackend"]


class SandboxBackend(
    AuthMixin,
    RegistrationMixin,
    RecoveryMixin,
    UsersMixin,
    GamesMixin,
    TournamentsMixin,
    CompetitionsMixin,
    BonusesMixin,
    ReferralsMixin,
    ActivityMixin,
    PlayerDayMixin,
    SignonMixin,
    EventsMixin,
):
    """All the sandbox's state; ``reset()`` puts it back as seeded."""

    def __init__(self, config: SandboxConfig | None = None, clock: Clock | None = None) -> None:
        self.config = config or SandboxConfig()
        self.clock = clock or Clock()
        self.lock = threading.RLock()
        self.faults = FaultBook()
        self.reset()

    @locked
    def reset(self) -> None:
        """Players, tokens, sessions, tracking, rate limits, faults and clock as at start;
        hub connections closed.

        Each part builds its state in its ``_reset_<part>`` method; every one of them runs,
        the shared base first and each part after the parts it builds on (the classes'
        method resolution order, reversed). A part added to the class is reset with it:
        there is no list to keep.
        """
        for part in reversed(type(self).__mro__):
            for name, member in vars(part).items():
                if name.startswith("_reset_") and callable(member):
                    member(self)
