"""Reality check routes: the dialog (a fragment for the page's timer), Continue, the
interval the player chooses on the account page, and the way to their history."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from lobby.care import bp, reality
from lobby.core.guards import login_required
from lobby.core.htmx import request
from lobby.core.notices import notice
from lobby.core.security import safe_next
from lobby.core.session import current_player, polled, signed_in_player
from lobby.core.upstream import kore
from lobby.forms.care import ContinueForm, RealityCheckForm

log = logging.getLogger(__name__)

#: Kore's pages of past play, the first the player's account has: game history, then the statement.
HISTORY_ACTIONS = ("account_playback", "cashier_statement")


def here() -> str:
    """The page the dialog is on, to come back to after Continue without scripts."""
    if request.method == "GET" and not request.htmx:
        return request.full_path.rstrip("?")
    try:
        current = urlsplit(request.headers.get("HX-Current-URL", "")[:2000])
    except ValueError:  # e.g. "http://[": no page of ours
        return url_for("games.index")
    path = current.path + (f"?{current.query}" if current.query else "")
    return safe_next(path, url_for("games.index"))


def _slot(check):
    return render_template("care/partials/reality_check.html", check=check, continue_form=ContinueForm(formdata=None))


@bp.get("/reality-check")
@polled
def reality_check():
    """The reality check as it stands: the page's timer asks for it when it falls due."""
    if current_player() is None:
        if request.htmx:
            return "", 286  # signed out meanwhile: the timer stops
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")), 303)
    check = reality.check()
    if request.htmx:
        return _slot(check) if check else ("", 286)
    return render_template("care/reality_check.html", check=check)


@bp.post("/reality-check/continue", endpoint="continue")
@login_required(back="games.index")
def continue_playing():
    """Continue: the interval starts again; back to the page (or, for the script, the slot)."""
    form = ContinueForm()
    if not form.validate_on_submit():
        return redirect(url_for("games.index"), 303)
    reality.continue_playing(current_player())
    if request.htmx:
        return _slot(reality.check(with_figures=False))
    return redirect(safe_next(form.next.data, url_for("games.index")), 303)


@bp.post("/reality-check/interval")
@login_required(back="account.index")
def set_interval():
    """The player's reality check interval (account page); it counts from now."""
    form = RealityCheckForm().offer(reality.INTERVALS)
    if not form.validate_on_submit():
        notice("reality-check", _("Choose how often to be reminded."), "error")
        return _settings_answer()
    reality.set_interval(current_player(), form.interval.data)
    if form.interval.data:
        notice("reality-check", ngettext("Done: we will remind you after every %(num)d minute of play.",
                                         "Done: we will remind you after every %(num)d minutes of play.",
                                         form.interval.data))
    else:
        notice("reality-check", _("Done: reality checks are off."))
    return _settings_answer()


def _settings_answer():
    """The setting with its confirmation beside it: the section alone for htmx, else the
    account page scrolled to it."""
    if request.htmx:
        return render_template("care/partials/reality_check_settings.html", reality_form=settings_form())
    return redirect(url_for("account.index") + "#reality-check-settings", 303)


@bp.get("/history")
@login_required
def history():
    """On to Kore's page of the player's past play (game history, else the statement)."""
    user = kore().get_user()
    link = next((user.actions[name] for name in HISTORY_ACTIONS if name in user.actions), None)
    if link is None:
        flash(_("Your history is not available right now."), "info")
        return redirect(url_for("account.index"), 303)
    # Kore's own link (its page), never one a request could have supplied.
    return redirect(link.href, 303)


def settings_form() -> RealityCheckForm:
    """The account page's form, with the player's interval chosen."""
    form = RealityCheckForm(formdata=None).offer(reality.INTERVALS)
    try:
        form.interval.data = reality.interval(signed_in_player())
    except Exception:  # noqa: BLE001 - the store is down: the form still shows (as Off)
        log.warning("reality check interval unavailable", exc_info=True)
        form.interval.data = 0
    return form
