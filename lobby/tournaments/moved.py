"""Where joining and leaving used to be: ``/tournaments/<key>/register`` and
``/unregister`` answer 308 with the new address, so bookmarks, links in old emails and
operators' suites keep working. A 308 keeps the method and the body: an old form's POST
(its CSRF token included) is sent again, once, to ``join`` or ``leave``, which do the rest.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import redirect, request, url_for

from lobby.tournaments import bp


def _moved(endpoint: str, key: str):
    query = urlencode(list(request.args.items(multi=True)))
    return redirect(url_for(endpoint, key=key) + (f"?{query}" if query else ""), 308)


@bp.route("/<key>/register", methods=["GET", "POST"])
def moved_join(key: str):
    """The old address of joining: 308 to ``join``, query and method kept."""
    return _moved(".join", key)


@bp.route("/<key>/unregister", methods=["GET", "POST"])
def moved_leave(key: str):
    """The old address of leaving: 308 to ``leave``, query and method kept."""
    return _moved(".leave", key)
