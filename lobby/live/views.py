"""The Flask side of the live lobby: who a live page is, chat polling, the chat panel.

``/live/events`` is answered by the stream (stream.py), which first asks this app who the
page is: the request goes through everything a page request goes through (host checks,
session cookie, revocation, idle clock) and the view leaves the session's id and token in
the request's environ for the stream, which never sends this response to the browser.
Served by plain WSGI (no stream), the path does not exist and pages do not ask for it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from lobby.core.apps import visitor_help_chat
from lobby.core.htmx import request
from lobby.core.session import current_player, polled
from lobby.core.upstream import kore, return_url
from lobby.extensions import cache
from lobby.kore import KoreError

from .render import chat_panel, ended_notice

log = logging.getLogger(__name__)
bp = Blueprint("live", __name__, url_prefix="/live")

#: In the environ of every request the ASGI application serves: pages may open a stream.
SERVED_LIVE = "lobby.live"
#: In the environ of the stream's own request for a page's identity.
STREAM_REQUEST = "lobby.live.stream"
#: Where the events view leaves the page's session for the stream.
PAGE = "lobby.live.page"
#: Kore's rate limit of GET chats ("1 request per 10 seconds"), shared by a session's pages.
CHATS_INTERVAL = 10


@dataclass(frozen=True)
class LivePage:
    """The session a live page belongs to (kept in the server process, never sent)."""

    sid: str
    token: str
    #: The X-Kore-ReturnUrl of the page's requests (for Kore calls made for the stream).
    return_url: str = ""

    def __repr__(self) -> str:  # never the token
        return "LivePage(…)"


def sse(event: str, html: str) -> str:
    """One Server-Sent Event: its name and the HTML, a ``data:`` line per line."""
    lines = html.splitlines() or [""]
    return f"event: {event}\n" + "".join(f"data: {line}\n" for line in lines) + "\n"


def live_channel() -> str | None:
    """The stream's address for this page, or None: a visitor's page, a page served
    without the stream (plain WSGI), or LIVE_NOTIFICATIONS off."""
    if not current_app.config["LOBBY"].live_notifications or not request.environ.get(SERVED_LIVE):
        return None
    player = current_player()
    return "/live/events" if player is not None and player.sid else None


@bp.get("/events")
@polled
def events():
    if not request.environ.get(STREAM_REQUEST):
        abort(404)
    player = current_player()
    if player is None or not player.sid:
        # The session ended since the page was drawn: the page says so and stops listening.
        return Response(sse("ended", ended_notice(None, refused=True)), mimetype="text/event-stream")
    request.environ[PAGE] = LivePage(sid=player.sid, token=player.token, return_url=return_url())
    return Response(status=204)


@bp.get("/chats")
@polled
def chats():
    """An operator's chat the page has not opened yet, found by asking Kore (``GET chats``).

    Pages ask every 10 s only while their stream is not connected (static/js/live.js).
    """
    player = current_player()
    if player is None or not request.htmx:
        return Response(status=204)
    return unopened_chat(player.sid, player.token) or Response(status=204)


def unopened_chat(sid: str, token: str) -> str | None:
    """The panel of an operator's chat not yet opened on the session's pages, or None.

    Kore allows one ``GET chats`` per 10 s: the session's pages (and its stream, when it
    connects) share that one call, on every process sharing the cache.
    """
    if not cache.add(f"chats-asked:{sid}", 1, timeout=CHATS_INTERVAL):
        return None
    try:
        found = kore().chats(token=token)
    except KoreError as error:
        log.info("active chats unavailable: error=%s", error.raw_code)
        return None
    for chat in found:
        link = chat.open_chat
        if chat.is_operator_initiated and link is not None:
            panel = chat_panel(link.href, chat_id=chat.chat_id, sid=sid)
            if panel:
                return panel
    return None


@bp.get("/help-chat")
def help_chat():
    """The help chat: the player's ``help_chat`` action, or for visitors the one ``GET users``
    offers. In the chat panel for htmx; otherwise (no JavaScript) Kore's chat page itself."""
    player = current_player()
    link = None
    if player is not None:
        user = kore().user()
        link = user.actions.get("help_chat") if user is not None else None
    link = link or visitor_help_chat()
    panel = chat_panel(link.href) if link is not None else None
    if request.htmx:
        return panel or render_template("live/chat.html", url=None)
    if panel is None:
        flash(_("The help chat is not available right now. Please try again in a moment."), "error")
        return redirect(url_for("games.index"), 303)
    return redirect(link.href, 303)  # Kore's own page: the address came from Kore, not the request
