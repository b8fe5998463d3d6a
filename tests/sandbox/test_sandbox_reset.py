"""The sandbox's reset puts every part's state back as seeded: none is left out."""

from __future__ import annotations

from collections import Counter

from kore_sandbox.backend import SandboxBackend


class _Leftover:
    """Something a test left behind (a hub connection among them: it can be told to close)."""

    def put(self, message: object) -> None:
        pass


def _containers(backend: SandboxBackend) -> dict[str, object]:
    return {name: value for name, value in vars(backend).items() if isinstance(value, (dict, list, set, Counter))}


def test_every_part_of_the_state_is_rebuilt_by_reset():
    used = SandboxBackend()
    # Every container of every part gets something a test might have left in it.
    for name, value in _containers(used).items():
        if isinstance(value, dict):
            value[f"left-by-a-test-{name}"] = _Leftover()
        elif isinstance(value, list):
            value.append(_Leftover())
        else:
            value.add(f"left-by-a-test-{name}")
    used.reset()

    fresh = SandboxBackend()
    after, seeded = _containers(used), _containers(fresh)
    assert after.keys() == seeded.keys()
    left = {name: len(value) - len(seeded[name]) for name, value in after.items() if len(value) != len(seeded[name])}
    assert left == {}, f"state kept across a reset: {left}"


def test_a_part_added_to_the_backend_is_reset_with_it():
    class WithAnotherPart(SandboxBackend):
        def _reset_another_part(self) -> None:
            self.another_part = {"seeded": 1}

    backend = WithAnotherPart()
    backend.another_part["kept"] = 2
    backend.reset()
    assert backend.another_part == {"seeded": 1}
