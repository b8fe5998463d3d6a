"""Pages Kore's account flows lead to (the legacy follow link, activation)."""

from __future__ import annotations

from flask import abort, redirect, render_template, request
from flask.typing import ResponseReturnValue

from ..context import get_backend
from .common import pages, safe_return_url


@pages.route("/pages/account/follow", methods=["GET", "POST"])
def follow() -> ResponseReturnValue:
    """Kore's page behind a ``follow`` action: confirm the account, back to the casino.

    After the button, the next sign-in of that player succeeds (the doc: "Upon return
    from this page, it should be possible to obtain a player_credentials token").
    """
    ref = request.values.get("ref", "")
    return_url = safe_return_url(request.values.get("ReturnUrl"))
    if request.method == "POST":
        player = get_backend().complete_follow(ref)
        if player is None:
            abort(404)
        if return_url:
            return redirect(return_url, 303)
        return render_template("sandbox/account/follow.html", done=True, ref=ref, return_url=None)
    if ref not in get_backend().follow_refs:
        abort(404)
    return render_template("sandbox/account/follow.html", done=False, ref=ref, return_url=return_url)


@pages.get("/pages/account/activation")
def activation() -> str:
    """The legacy page of a follow + activation answer (the casino should not send players here)."""
    return render_template(
        "sandbox/account/activation.html",
        email=request.args.get("Email", ""),
        return_url=safe_return_url(request.args.get("ReturnUrl")),
    )
