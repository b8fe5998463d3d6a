"""The operator's apps: "Get the app" links from Kore's ``GET users`` (``download_apk``,
``download_app_store``), for visitors on phones; and the visitors' help chat it offers.

``GET users`` with the brand token answers the same for every visitor, so it is brand data:
cached (shared through Redis when configured) for an hour, its last good copy served while
Kore is down. Which links a page offers depends on the device: the Android package to
Android browsers only, the App Store to iPhones and iPads only, both to other phones (the
page shows them on small screens only), none inside the operator's Android app itself.
"""

from __future__ import annotations

import hashlib

from flask import request

from lobby.core.guards import optional
from lobby.core.i18n import kore_locale
from lobby.core.upstream import kore, upstream
from lobby.kore import Link

APPS = ("download_apk", "download_app_store")
#: Kore does not say how long; app links change with a release or a campaign.
APP_LINKS_TTL = 3600


def _links(locale: str) -> dict[str, Link]:
    up, bound = upstream(), kore()
    # Kore writes the return URL into the links: those fetched for one are never served to another.
    where = hashlib.sha256(bound.return_url.encode()).hexdigest()[:16]

    def fetch() -> dict[str, Link]:
        users = up.as_brand(locale, lambda token: bound.get_users_links(token=token))
        found = {name: users.links[name] for name in APPS if name in users.links}
        if "help_chat" in users.actions:
            found["help_chat"] = users.actions["help_chat"]  # the visitors' help chat (lobby/live)
        return found

    return up.brand_data(f"app-links:{up.config.kore_brand_id}:{locale}:{where}", APP_LINKS_TTL, fetch,
                         stale_ok=True)


def app_links() -> dict[str, Link]:
    """The app links this visitor's device can use (empty when none, or Kore cannot say)."""
    agent = request.user_agent.string.lower()
    if "; wv)" in agent:
        return {}  # already in the app (Android WebView)
    links = {k: v for k, v in (optional(lambda: _links(kore_locale()), what="app links") or {}).items()
             if k in APPS}
    if "android" in agent:
        return {k: v for k, v in links.items() if k == "download_apk"}
    if any(marker in agent for marker in ("iphone", "ipad", "ipod")):
        return {k: v for k, v in links.items() if k == "download_app_store"}
    return links


def app_links_key() -> tuple[tuple[str, str], ...]:
    """What of :func:`app_links` a cached menu depends on (lobby/core/fragments.py)."""
    return tuple((name, link.href) for name, link in sorted(app_links().items()))


def visitor_help_chat() -> Link | None:
    """The help chat ``GET users`` offers visitors (the same cached answer), or None."""
    return (optional(lambda: _links(kore_locale()), what="help chat") or {}).get("help_chat")
