"""The pytest plugin (entry point ``pytest11``: kore_lobby_testing), docs/testing.md.

Its fixtures are registered when pytest is configured, after every installed plugin: so
``browser_type_launch_args`` and ``browser_context_args`` extend pytest-playwright's (a
suite's own conftest.py still overrides any of them).
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    from . import fixtures

    config.addinivalue_line("markers", "kore_reset: reset the sandbox and the lobby before the test (sandbox.reset())")
    if not config.pluginmanager.is_registered(fixtures):
        config.pluginmanager.register(fixtures, "kore_lobby_testing.fixtures")
