"""Kore Lobby's test kit for operators' end-to-end suites (docs/testing.md): a pytest
plugin with the kore_sandbox, lobby_server, sandbox, player and signed_in_page fixtures."""

from .control import DEMO_PASSWORD, ControlError, Player, SandboxControl
from .signin import sign_in_through_the_form

__all__ = ["DEMO_PASSWORD", "ControlError", "Player", "SandboxControl", "sign_in_through_the_form"]
