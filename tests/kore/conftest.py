"""Fixtures for the Kore client tests.

``example(name)`` loads a response body from the documentation (``examples/``, decoded
the way the client decodes: floats as Decimal). ``recorder`` is a real HTTP server on a
free port that answers from a script and records what it received, for the assertions
the sandbox cannot answer (which headers and bodies the client sent, how many times).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Callable

import pytest
from kore_testlib import Recorder, load_example

from lobby.kore import KoreClient


@pytest.fixture
def example() -> Callable[[str], Any]:
    return load_example


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def rec_client(recorder: Recorder) -> Iterator[KoreClient]:
    """A client on the recorder, with fast retries."""
    client = KoreClient(
        recorder.url, "KoreDemo", return_url="https://lobby.test/", timeout=(1.0, 1.0),
        max_retries=2, backoff=0.01, budget=3.0,
    )
    try:
        yield client
    finally:
        client.close()
