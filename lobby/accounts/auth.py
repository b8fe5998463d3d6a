"""Signing in (every outcome and refusal of the Player Token Response), account
activation, ZAR migration, and signing out."""

from __future__ import annotations

import logging
import math

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from lobby.accounts import captcha, outcomes, pending, tracking
from lobby.core.faults import Known, fault_message, fault_on_form
from lobby.core.guards import refused
from lobby.core.i18n import kore_locale
from lobby.core.messages import player_message
from lobby.core.security import safe_next
from lobby.core.session import current_player, revoke, sign_out
from lobby.core.upstream import absolute_url, kore, upstream
from lobby.forms.accounts import ActivationForm, LoginForm, MigrationForm
from lobby.kore import (
    Identification,
    KoreError,
    KoreNotFound,
)
from lobby.kore.errors import ErrorCode

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

_CAPTCHA_CODES = {ErrorCode.CAPTCHA_REQUIRED, ErrorCode.CAPTCHA_INVALID}

def refusal_message(error: KoreError) -> str:
    """The player's sentence for a refusal, with the wait when Kore gave one."""
    message = player_message(error)
    if error.code is ErrorCode.ACCOUNT_TEMPORARILY_LOCKED and error.retry_after:
        minutes = max(1, math.ceil(error.retry_after / 60))
        message += " " + _("You can try again in about %(n)s minutes.", n=minutes)
    return message


def _status_for(error: KoreError) -> int:
    return error.status if error.status in (400, 401, 403, 404, 429) else 400


def return_to_login(next_url: str) -> str:
    """The ReturnUrl for Kore's follow page: back to sign-in, then where the player was going."""
    return absolute_url("games.returned", next=url_for("auth.login", next=next_url or None))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; every outcome leads to its page, every refusal says why."""
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"), "")
    status = 200
    need_captcha = False
    if form.validate_on_submit():
        email = form.email.data.strip()
        try:
            # Kore's pages for what comes next (a follow outcome) send the player back to sign-in.
            response = kore().returning_to(return_to_login(form.next.data)).login(
                email=email,
                password=form.password.data,
                play_mode=form.play_mode.data,
                locale=kore_locale(),
                tracking=tracking.context(),
                captcha=captcha.token(form.captcha.data),
            )
        except KoreError as error:
            # Every definite answer is a refusal here, a 401 included (the credentials,
            # not a session); no answer is the fault table's (nothing happened, or it may have).
            if fault_on_form(form, "sign-in", error):
                status = 503
            else:
                log.info("login refused: error=%s", error.raw_code)
                form.form_errors.append(refusal_message(error))
                need_captcha = error.code in _CAPTCHA_CODES
                status = _status_for(error)
        else:
            tracking.remember(response.tracking_id)
            return outcomes.proceed(response, email=email, play_mode=form.play_mode.data, next_url=form.next.data)
    elif request.method == "POST":
        status = 400
    form.captcha.data = ""
    check = captcha.status()
    widget = captcha.widget(check.site_key) if check.required or need_captcha else None
    return render_template("accounts/auth/login.html", form=form, captcha_widget=widget), status


@bp.get("/login/follow")
def follow():
    """On to Kore's page for a follow outcome (a link too, should the refresh not happen)."""
    href = outcomes.follow_href()
    if href is None:
        return redirect(url_for("auth.login"), 303)
    return render_template("accounts/auth/follow.html", href=href), 200, {"Cache-Control": "no-store"}


@bp.route("/login/activate", methods=["GET", "POST"])
def activate():
    """Activate here an account the player has with another casino of the group."""
    step = pending.load("activation")
    if step is None:
        flash(_("That activation is no longer open. Sign in to start again."), "info")
        return redirect(url_for("auth.login"), 303)
    form = ActivationForm()
    required = bool(step.data.get("password_required"))
    status = 200
    if form.validate_on_submit():
        if required and not form.password.data:
            form.password.errors.append(_("Enter the password of your existing account."))
            status = 400
        else:
            try:
                response = kore().activate(
                    code=step.data["code"],
                    play_mode=step.play_mode,
                    locale=kore_locale(),
                    password=form.password.data if required else None,
                    tracking=tracking.context(),
                )
            except KoreError as error:
                if fault_on_form(form, "sign-in", error):  # activating signs in: the same line
                    status = 503
                elif isinstance(error, KoreNotFound):  # the activation code is gone: start again
                    log.info("activation refused: error=%s", error.raw_code)
                    pending.clear()
                    flash(player_message(error), "error")
                    return redirect(url_for("auth.login"), 303)
                else:
                    log.info("activation refused: error=%s", error.raw_code)
                    if error.code is ErrorCode.ACTIVATION_FAILED and required:
                        form.password.errors.append(player_message(error))
                    else:
                        form.form_errors.append(refusal_message(error))
                    status = _status_for(error)
            else:
                tracking.remember(response.tracking_id)
                pending.clear()
                return outcomes.proceed(
                    response, email=step.email, play_mode=step.play_mode, next_url=step.next,
                    welcome=_("Your account is active here too. Welcome!"),
                )
    elif request.method == "POST":
        status = 400
    return render_template("accounts/auth/activate.html", form=form, step=step, password_required=required), status


def _migration_status(migration_id: str):
    bound = kore()
    return upstream().as_brand(kore_locale(), lambda token: bound.get_migration(migration_id, token=token))


@bp.route("/login/migrate", methods=["GET", "POST"])
def migrate():
    """ZAR migration: the account moves here with the player's SA ID and a new password."""
    step = pending.load("migration")
    if step is None:
        flash(_("That account move is no longer open. Sign in to start again."), "info")
        return redirect(url_for("auth.login"), 303)
    migration_id = step.data["migration_id"]
    form = MigrationForm()
    status = 200
    notice = None
    if form.validate_on_submit():
        bound = kore()
        identification = Identification(country="ZA", type="Id", number=form.id_number.data)
        try:
            result = upstream().as_brand(kore_locale(), lambda token: bound.migrate(
                migration_id, identification=identification, password=form.password.data,
                play_mode=step.play_mode, token=token,
            ))
        except KoreError as error:
            if error.code in (ErrorCode.MIGRATION_FAILED, ErrorCode.MIGRATION_NOT_FOUND):
                log.warning("migration failed: error=%s uuid=%s", error.raw_code, error.uuid)
                form.form_errors.append(player_message(error))
                status = 409 if error.code is ErrorCode.MIGRATION_NOT_FOUND else 502
            elif (fault := fault_message("migration", error)) is not None:
                log.warning("migration: no answer (%s): error=%s", fault[0].value, error.raw_code)
                if fault[0] is Known.NOTHING_HAPPENED:  # not sent: the form again, as typed
                    form.form_errors.append(fault[1])
                    return _migration_page(form, step, None, 503)
                pending.clear()  # it may have moved: signing in tells
                flash(fault[1], "error")
                return redirect(url_for("auth.login"), 303)
            else:
                return _migration_refused(form, refused(error), step) or _migration_page(form, step, None, 400)
        else:
            return outcomes.finish_step(
                step, result.auth, welcome=_("Your account has moved here. Welcome!"), without_tokens=_("Your account has moved. Sign in with your new password.")
            )
    elif request.method == "POST":
        status = 400
    else:
        try:
            current = _migration_status(migration_id).status
        except KoreError as error:
            log.info("migration status: error=%s", refused(error).raw_code)
            if error.code is ErrorCode.MIGRATION_EXPIRED:
                pending.clear()
                flash(player_message(error), "info")
                return redirect(url_for("auth.login"), 303)
            notice = player_message(error)
            current = "Unknown"
        if current == "Migrated":
            pending.clear()
            flash(_("Your account has already been moved. Sign in with your new password."), "info")
            return redirect(url_for("auth.login"), 303)
        if current == "NotAvailable":
            pending.clear()
            flash(_("You already have an account here. Sign in with it."), "info")
            return redirect(url_for("auth.login"), 303)
        if current == "InProgress":
            notice = _("A previous attempt did not finish. You can try again.")
    return _migration_page(form, step, notice, status)


def _migration_page(form, step, notice, status: int):
    return render_template("accounts/auth/migrate.html", form=form, step=step, notice=notice), status


def _migration_refused(form, error: KoreError, step):
    """Kore refused the migration: on the form, or back to sign-in when it cannot happen."""
    log.info("migration refused: error=%s", error.raw_code)
    if error.code is ErrorCode.INVALID_REQUEST and any("identification" in p for p in error.properties):
        form.id_number.errors.append(_("This ID number does not match your account."))
    elif error.code in (ErrorCode.MIGRATION_COMPLETED, ErrorCode.MIGRATION_NOT_AVAILABLE,
                        ErrorCode.MIGRATION_EXPIRED):
        pending.clear()
        flash(player_message(error), "info")
        return redirect(url_for("auth.login"), 303)
    else:
        form.form_errors.append(player_message(error))
    return None


@bp.post("/logout")
def logout():
    """End the Kore session and the lobby's; whatever Kore says, the player is signed out here."""
    player = current_player()
    if player is not None:
        # Recorded before Kore hears of it: the player's other live pages, told by Kore's
        # UserLogout, then say it was this sign-out (lobby/live/render.py).
        revoke(player)
        try:
            kore().logout()
        except KoreError as error:
            # Already ended at Kore (expired, signed in elsewhere) or Kore is down:
            # either way the lobby forgets the player.
            log.info("logout at Kore failed: error=%s", error.raw_code)
    sign_out()
    outcomes.signed_out()
    flash(_("You are signed out. See you soon!"), "info")
    return redirect(url_for("games.index"), 303)
