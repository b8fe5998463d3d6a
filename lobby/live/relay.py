"""One upstream hub connection per player session and process, shared by the session's pages.

A page subscribes with its session's id and token; the first page of a session opens the
hub connection (``hub.open_hub``) and the last one to leave closes it, ``linger`` seconds
later (a click from one page to the next reconnects in well under a second, and keeps the
same upstream). Lost connections are opened again with exponential backoff and jitter (the
backoff starts over only after a connection that lasted or carried a message).

A UserLogout ends the session: every page is told, and ``on_ended`` forgets the session on
every process. A refused token is not believed at once (a refusal may be a hub shutting
down): ``confirm_refusal`` asks Kore; when Kore confirms, only this token is over (a play-mode
switch supersedes a token, and the session lives on with the new one): the pages are told to
reconnect, and a page that comes back with the same token learns that its session ended.

Pages receive ``Event``s on their own bounded queue; rendering them is the stream's job
(stream.py). Nothing here is shared between processes: each process holds the upstreams
of the pages it serves, so several processes on several machines need nothing in common.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from lobby.kore.models import BalanceUpdate

from .hub import SERVER_TIMEOUT, HubRefused, HubUnavailable, open_hub

log = logging.getLogger(__name__)

#: Events kept for a page that has not read them yet; a slow page loses the oldest.
PAGE_QUEUE_SIZE = 32
#: Tokens Kore confirmed over, remembered by fingerprint (the newest this many).
REFUSED_MEMORY = 10_000


def fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Event:
    """What a page is told: "balance" (a BalanceUpdate's money), "chat" (an operator's chat:
    chat_url, secure_chat_id), "ended" (the session is over: UserLogout, or the hub refused
    the token), "reconnect" (this upstream's token is over: identify again, with the
    cookie's current token) or "closing" (this process stops serving streams)."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Upstream:
    """The hub connection of one session in this process, and the pages it feeds."""

    sid: str
    token: str = field(repr=False)
    #: The X-Kore-ReturnUrl for Kore calls made for this session (a refusal's confirmation).
    return_url: str = ""
    pages: set[asyncio.Queue[Event]] = field(default_factory=set)
    task: asyncio.Task[None] | None = None
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
        try:
            update = BalanceUpdate.from_json(argument)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # not the documented shape: nothing a page could show
        return Event("balance", argument) if update.balance is not None else None
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
                 on_ended: Callable[[str], Any] | None = None,
                 confirm_refusal: Callable[[str, str], bool] | None = None,
                 executor: Executor | None = None) -> None:
        self.url = url
        self.linger = linger
        self.backoff = backoff
        #: Called with the session id when Kore ended a session (to forget it on every process).
        self.on_ended = on_ended
        #: Called in ``executor`` with a token the hub refused and the session's return URL: is
        #: it over for Kore? (None: believe the hub)
        self.confirm_refusal = confirm_refusal
        self.executor = executor
        self.upstreams: dict[str, Upstream] = {}
        self.refused: OrderedDict[str, None] = OrderedDict()

    @asynccontextmanager
    async def subscribe(self, sid: str, token: str, return_url: str = "") -> AsyncIterator[
            tuple[asyncio.Queue[Event], bool]]:
        """A page's queue of events, and whether its upstream is new (no page had it open)."""
        if fingerprint(token) in self.refused:
            # Kore confirmed this token over, and the page's cookie still carries it.
            told: asyncio.Queue[Event] = asyncio.Queue(1)
            told.put_nowait(Event("ended", {"reason": "refused"}))
            if self.on_ended is not None:
                self.on_ended(sid)
            yield told, False
            return
        upstream = self.upstreams.get(sid)
        fresh = upstream is None or upstream.ended
        if upstream is None or upstream.ended:
            upstream = self.upstreams[sid] = Upstream(sid, token, return_url)
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

    def _retire(self, upstream: Upstream, event: Event) -> None:
        upstream.ended = True
        upstream.tell(event)
        if self.upstreams.get(upstream.sid) is upstream:
            del self.upstreams[upstream.sid]

    def _end(self, upstream: Upstream, event: Event) -> None:
        self._retire(upstream, event)
        if self.on_ended is not None:
            self.on_ended(upstream.sid)

    async def _refusal_confirmed(self, upstream: Upstream) -> bool:
        if self.confirm_refusal is None:
            return True
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self.executor, self.confirm_refusal, upstream.token, upstream.return_url)
        except Exception as error:  # noqa: BLE001 - Kore cannot say: not confirmed
            log.info("could not confirm a hub refusal (%s)", type(error).__name__)
            return False

    async def _run(self, upstream: Upstream) -> None:
        first, ceiling = self.backoff
        delay = first
        me = asyncio.current_task()
        loop = asyncio.get_running_loop()
        # A restarted or closed upstream's old task stops here, even if a cancellation was lost.
        while not upstream.ended and upstream.task is me:
            lasted = False
            try:
                async with open_hub(self.url, upstream.token) as hub:
                    upstream.connections += 1
                    opened = loop.time()
                    try:
                        async for message in hub.messages():
                            lasted = True
                            event = _event(message.target, message.argument)
                            if event is None:
                                continue
                            if event.kind == "ended":
                                self._end(upstream, event)
                                return
                            upstream.tell(event)
                    finally:
                        lasted = lasted or loop.time() - opened >= SERVER_TIMEOUT
            except HubRefused as refusal:
                if await self._refusal_confirmed(upstream):
                    self.refused[fingerprint(upstream.token)] = None
                    while len(self.refused) > REFUSED_MEMORY:
                        self.refused.popitem(last=False)
                    self._retire(upstream, Event("reconnect"))
                    return
                log.info("notification hub refused (%s), Kore did not confirm; retrying in about %.0f s",
                         refusal, delay)
            except HubUnavailable as error:
                log.info("notification hub unavailable (%s); retrying in about %.0f s", error, delay)
            if lasted:
                delay = first
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
