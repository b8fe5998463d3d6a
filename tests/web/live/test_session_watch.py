"""The open streams' sessions, looked up together: one read of the store a round for all of
them, and only the pages of a session the lobby ended are told."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from lobby.core.session import ended_sessions, revoke_ended_elsewhere
from lobby.live.stream import Watch


def test_ended_sessions_are_read_in_one_go(app):
    with app.app_context():
        revoke_ended_elsewhere("sid-gone")
        assert ended_sessions(["sid-on", "sid-gone", "sid-other"]) == {"sid-gone"}
        assert ended_sessions([]) == set()


def test_only_the_ended_sessions_pages_are_flagged_and_each_round_reads_once(app):
    reads: list[list[str]] = []
    watch = Watch(app, 0.05, None)
    looked_up = watch._ended  # noqa: SLF001 - counted, not replaced: the real lookup still runs

    def counted(sids):
        reads.append(sorted(sids))
        return looked_up(sids)

    watch._ended = counted  # noqa: SLF001

    async def scenario():
        on = [watch.flag("sid-on") for _ in range(3)]  # three pages of one session
        gone = watch.flag("sid-gone")
        await asyncio.sleep(0.12)
        assert not gone.is_set() and not any(flag.is_set() for flag in on)
        with app.app_context():
            revoke_ended_elsewhere("sid-gone")
        await asyncio.wait_for(gone.wait(), 1)
        assert not any(flag.is_set() for flag in on)
        rounds = len(reads)
        # The ended session is not asked about again; the pages still open are.
        await asyncio.sleep(0.12)
        assert all(sids == ["sid-on"] for sids in reads[rounds:]) and len(reads) > rounds
        for _ in range(3):
            watch.release("sid-on")
        watch.release("sid-gone")
        await asyncio.sleep(0.12)
        quiet = len(reads)
        await asyncio.sleep(0.12)
        return quiet

    # A loop of its own, on a thread of its own (a browser test may have left one running here).
    with ThreadPoolExecutor(1) as thread:
        quiet = thread.submit(asyncio.run, scenario()).result(timeout=10)
    assert reads[0] == ["sid-gone", "sid-on"]  # both sessions in one read, not four
    assert len(reads) == quiet  # no page open: no more rounds
