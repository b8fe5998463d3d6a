"""Signing in and out."""

from __future__ import annotations

import logging

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .forms import LoginForm
from .i18n import kore_locale
from .kore import KoreAuthError, KoreBadRequest, KoreError, KoreForbidden, KoreRateLimited, Outcome
from .messages import player_message
from .security import safe_next
from .session import current_player, sign_in, sign_out
from .upstream import client_ip, return_url, upstream

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

#: Kore answers that mean "not with these credentials, not now": the form says why.
_REFUSALS = (KoreAuthError, KoreForbidden, KoreRateLimited, KoreBadRequest)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; on success, back to where the player was going."""
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"), "")
    status = 200
    if form.validate_on_submit():
        try:
            response = upstream().client.login(
                email=form.email.data.strip(),
                password=form.password.data,
                play_mode=form.play_mode.data,
                locale=kore_locale(),
                return_url=return_url(),
                client_ip=client_ip(),
            )
        except _REFUSALS as error:
            log.info("login refused: error=%s", error.raw_code)
            form.form_errors.append(player_message(error))
            status = 429 if isinstance(error, KoreRateLimited) else 401 if isinstance(error, KoreAuthError) else 400
        else:
            if response.outcome is Outcome.SUCCESS:
                sign_in(response, email=form.email.data.strip(), play_mode=form.play_mode.data)
                flash(_("Welcome back! You are signed in."), "success")
                return redirect(safe_next(form.next.data, url_for("lobby.index")), 303)
            follow = response.actions.get("follow")
            if response.outcome is Outcome.FOLLOW and follow is not None:
                # Legacy outcome: Kore's own page finishes the sign-in and returns here.
                return redirect(follow.href, 303)
            log.info("login outcome not handled yet: outcome=%s", response.outcome.name)
            form.form_errors.append(
                _("Your account needs an extra step before you can sign in. Please contact support.")
            )
            status = 409
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form, player=current_player()), status


@bp.post("/logout")
def logout():
    """End the Kore session and the lobby's; whatever Kore says, the player is signed out here."""
    player = current_player()
    if player is not None:
        try:
            upstream().client.logout(token=player.token, link=player.logout_link, return_url=return_url())
        except KoreError as error:
            # Already ended at Kore (expired, signed in elsewhere) or Kore is down:
            # either way the lobby forgets the player.
            log.info("logout at Kore failed: error=%s", error.raw_code)
    sign_out()
    flash(_("You are signed out. See you soon!"), "info")
    return redirect(url_for("lobby.index"), 303)
