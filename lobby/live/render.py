"""Live events as the HTML fragments a page swaps in, and the chat panel.

Everything here runs inside a request context of the page concerned (the stream makes
one from the page's own request), so money is written in the page's language and
currency exactly as the page itself writes it.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from flask import current_app, render_template, request
from markupsafe import escape

from lobby.core.security import safe_next
from lobby.core.session import session_end_cause
from lobby.core.templating import money
from lobby.extensions import cache
from lobby.kore.models import BalanceUpdate

from .relay import Event

#: How long the lobby remembers that a chat was opened on a session's pages.
CHAT_MEMORY = 24 * 3600


def fragments(event: Event, sid: str) -> list[tuple[str, str]]:
    """The (SSE event name, HTML) pairs an event becomes on a page."""
    if event.kind == "balance":
        update = BalanceUpdate.from_json(event.data)
        pairs = [("balance", str(escape(money(update.balance))))]
        # The account page's cash and bonus lines (only the pages showing them listen).
        if update.cash_balance is not None:
            pairs.append(("cash", str(escape(money(update.cash_balance)))))
        if update.bonus_balance is not None:
            pairs.append(("bonus", str(escape(money(update.bonus_balance)))))
        return pairs
    if event.kind == "ended":
        return [("ended", ended_notice(sid, refused=event.data.get("reason") == "refused"))]
    if event.kind == "chat":
        panel = chat_panel(event.data["chat_url"], chat_id=event.data["secure_chat_id"], sid=sid)
        return [("chat", panel)] if panel else []
    return []


def ended_notice(sid: str | None, *, refused: bool = False) -> str:
    """What a page says when its session ended, with a way to sign in again.

    UserLogout says nothing of why; the lobby knows when the sign-out was its own (another
    tab of this browser). Otherwise: signed in elsewhere (single sign-on) or signed out there.
    """
    cause = session_end_cause(sid) if sid else None
    if cause in ("signed-out", "idle"):
        reason = cause
    else:
        # A refused token says only that the session is over; UserLogout says it ended there.
        reason = "expired" if refused else "elsewhere"
    # Back to the page the player was on (the EventSource's Referer), if it is ours.
    try:
        referrer = urlsplit(request.referrer or "")
    except ValueError:
        referrer = urlsplit("")
    here = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    if referrer.netloc and referrer.netloc != request.host:
        here = ""
    minutes = max(1, current_app.config["LOBBY"].session_idle_timeout // 60)
    return render_template("live/ended.html", reason=reason, minutes=minutes, next=safe_next(here, "") or None)


def _http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def chat_origins() -> set[str]:
    """Where chats may be framed from: Kore's origin and CHAT_ORIGINS (the page's CSP
    frame-src allows the same)."""
    config = current_app.config["LOBBY"]
    origins = set()
    for url in (config.kore_api_url, *config.chat_origins):
        parts = urlsplit(url)
        if parts.scheme and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return origins


def claim_chat(sid: str, chat_id: str) -> bool:
    """True the first time a chat is to be opened on this session's pages (on any process
    sharing the cache): the documentation's "unless one is already opened"."""
    digest = hashlib.sha256(chat_id.encode()).hexdigest()[:32]
    return bool(cache.add(f"chat-opened:{sid}:{digest}", 1, timeout=CHAT_MEMORY))


def chat_panel(url: str, *, chat_id: str | None = None, sid: str | None = None) -> str | None:
    """The chat panel for a chat page, or None (not a web address, or already opened).

    ``chat_url`` is documented as a "URL Template" that "requires processing (see below)",
    and nothing below says what processing: the lobby opens it as the address it is.
    """
    if not _http_url(url):
        return None
    if chat_id is not None and sid is not None and not claim_chat(sid, chat_id):
        return None
    parts = urlsplit(url)
    framable = f"{parts.scheme}://{parts.netloc}" in chat_origins()
    return render_template("live/chat.html", url=url, framable=framable, operator=chat_id is not None)
