"""One upstream hub connection per player session and process, shared by the session's pages.

A page subscribes with its session's id and token; the first page of a session opens the
hub connection (``hub.open_hub``) and the last one to leave closes it, ``linger`` seconds
later (a click from one page to the next reconnects in well under a second, and keeps the
same upstream). Lost connections are opened again with exponential backoff and jitter;
a refused token or a UserLogout ends the upstream for good and tells every page.

Pages receive ``Event``s on their own bounded queue; rendering them is the stream's job
(stream.py). Nothing here is shared between processes: each process holds the upstreams
of the pages it serves, so several processes on several machines need nothing in common.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from .hub import HubRefused, HubUnavailable, open_hub

log = logging.getLogger(__name__)

#: Events kept for a page that has not read them yet; a slow page loses the oldest.
PAGE_QUEUE_SIZE = 32


@dataclass(frozen=True)
class Event:
    """What a page is told: "balance" (a BalanceUpdate's money), "chat" (an operator's chat:
    chat_url, secure_chat_id), "ended" (the session is over: UserLogout, or the hub refused
    the token), or "closing" (this process stops serving streams)."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Upstream:
    """The hub connection of one session in this process, and the pages it feeds."""

    sid: str
    token: str
    pages: set[asyncio.Queue[Event]] = field(default_factory=set)
    task: asyncio.Task[None] | None = None
    connected: bool = False
    ended: bool = False
    #: How many times it has connected (1 after the first handshake).
    connections: int = 0
    closer: asyncio.TimerHandle | None = None

    def tell(self, event: Event) -> None:
        for page in self.pages:
            while True:
                try:
                    page.put_nowait(event)
                    break
                except asyncio.QueueFull:
                    page.get_nowait()  # the oldest goes: a newer balance supersedes it anyway


def _event(target: str, argument: dict[str, Any]) -> Event | None:
    if target == "BalanceUpdate":
        return Event("balance", argument) if isinstance(argument.get("balance"), dict) else None
    if target == "UserLogout":
        return Event("ended", {"reason": "logout"})
    if target == "OperatorInitiatedChat":
        url, chat_id = argument.get("chat_url"), argument.get("secure_chat_id")
        if isinstance(url, str) and isinstance(chat_id, str) and url and chat_id:
            return Event("chat", {"chat_url": url, "secure_chat_id": chat_id})
    return None  # a message this lobby does not know (a newer Kore): ignored


class Relay:
    """Every upstream of this process. Runs on one event loop (the ASGI server's)."""

    def __init__(self, url: str, *, linger: float = 5.0, backoff: tuple[float, float] = (1.0, 30.0),
                 on_ended: Callable[[str], Any] | None = None) -> None:
        self.url = url
        self.linger = linger
        self.backoff = backoff
        #: Called with the session id when Kore ended a session (to forget it on every process).
        self.on_ended = on_ended
        self.upstreams: dict[str, Upstream] = {}

    @asynccontextmanager
    async def subscribe(self, sid: str, token: str) -> AsyncIterator[tuple[asyncio.Queue[Event], bool]]:
        """A page's queue of events, and whether its upstream is new (no page had it open)."""
        upstream = self.upstreams.get(sid)
        fresh = upstream is None or upstream.ended
        if upstream is None or upstream.ended:
            upstream = self.upstreams[sid] = Upstream(sid, token)
            upstream.task = asyncio.create_task(self._run(upstream))
        elif upstream.token != token:
            # The session's token changed (a switch of play mode): the newest page's is current.
            upstream.token = token
            self._restart(upstream)
        if upstream.closer is not None:
            upstream.closer.cancel()
            upstream.closer = None
        page: asyncio.Queue[Event] = asyncio.Queue(PAGE_QUEUE_SIZE)
        upstream.pages.add(page)
        try:
            yield page, fresh
        finally:
            upstream.pages.discard(page)
            if not upstream.pages and not upstream.ended:
                upstream.closer = asyncio.get_running_loop().call_later(self.linger, self._close_unused, upstream)

    def _restart(self, upstream: Upstream) -> None:
        if upstream.task is not None:
            upstream.task.cancel()
        upstream.task = asyncio.create_task(self._run(upstream))

    def _close_unused(self, upstream: Upstream) -> None:
        upstream.closer = None
        if upstream.pages:
            return
        if self.upstreams.get(upstream.sid) is upstream:
            del self.upstreams[upstream.sid]
        if upstream.task is not None:
            upstream.task.cancel()

    def _end(self, upstream: Upstream, event: Event) -> None:
        upstream.ended = True
        upstream.tell(event)
        if self.upstreams.get(upstream.sid) is upstream:
            del self.upstreams[upstream.sid]
        if self.on_ended is not None:
            self.on_ended(upstream.sid)

    async def _run(self, upstream: Upstream) -> None:
        first, ceiling = self.backoff
        delay = first
        while not upstream.ended:
            try:
                async with open_hub(self.url, upstream.token) as hub:
                    upstream.connected = True
                    upstream.connections += 1
                    delay = first
                    async for message in hub.messages():
                        event = _event(message.target, message.argument)
                        if event is None:
                            continue
                        if event.kind == "ended":
                            self._end(upstream, event)
                            return
                        upstream.tell(event)
            except HubRefused:
                # An expired or ended session's token: Kore will not talk about it any more.
                self._end(upstream, Event("ended", {"reason": "refused"}))
                return
            except HubUnavailable as error:
                log.info("notification hub unavailable (%s); retrying in about %.0f s", error, delay)
            finally:
                upstream.connected = False
            # Jitter: after a hub restart, the sessions of every process do not all come back at once.
            await asyncio.sleep(delay * random.uniform(0.5, 1.0))  # noqa: S311 - jitter, not a secret
            delay = min(delay * 2, ceiling)

    async def close(self) -> None:
        """Close every upstream and end every page's stream (the server is stopping; the
        pages reconnect to whichever process serves them next)."""
        tasks = [u.task for u in self.upstreams.values() if u.task is not None]
        for upstream in self.upstreams.values():
            if upstream.closer is not None:
                upstream.closer.cancel()
            upstream.tell(Event("closing"))
        self.upstreams.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with suppress(asyncio.CancelledError):
                await task
