"""HTML pages Kore's account flows lead to (the legacy follow link, activation, email verification notices)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request

from .pages import safe_return_url
from .routes import get_backend

account_pages = Blueprint("sandbox_account_pages", __name__, template_folder="templates")


@account_pages.route("/pages/account/follow", methods=["GET", "POST"])
def follow() -> Response | str:
    """Kore's page behind a ``follow`` action: confirm the account, back to the casino.

    After the button, the next sign-in of that player succeeds (the doc: "Upon return
    from this page, it should be possible to obtain a player_credentials token").
    """
    ref = request.values.get("ref", "")
    return_url = safe_return_url(request.values.get("ReturnUrl"))
    if request.method == "POST":
        player = get_backend().accounts.complete_follow(ref)
        if player is None:
            abort(404)
        if return_url:
            return redirect(return_url, 303)
        return render_template("sandbox/account/follow.html", done=True, ref=ref, return_url=None)
    if ref not in get_backend().accounts.follow_refs:
        abort(404)
    return render_template("sandbox/account/follow.html", done=False, ref=ref, return_url=return_url)


@account_pages.get("/pages/account/activation")
def activation() -> str:
    """The legacy page of a follow + activation answer (the casino should not send players here)."""
    return render_template(
        "sandbox/account/activation.html",
        email=request.args.get("Email", ""),
        return_url=safe_return_url(request.args.get("ReturnUrl")),
    )
