"""Passwords: the change Kore asks for (player_change_password, at sign-in or at the
end of a recovery), and the recovery itself (users/password_resets: request with
email or mobile phone + birth date + CAPTCHA, enter the code, resend it)."""

from __future__ import annotations

import logging

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from lobby.accounts import captcha, outcomes, pending, tracking
from lobby.core.faults import fault_notice, fault_on_form
from lobby.core.i18n import kore_locale
from lobby.core.messages import player_message
from lobby.core.upstream import kore
from lobby.forms import place_refusal
from lobby.forms.accounts import (
    ConfirmForm,
    NewPasswordForm,
    ResetCodeForm,
    ResetRequestForm,
)
from lobby.kore import (
    KoreAuthError,
    KoreBadRequest,
    KoreError,
    KoreNotFound,
    KoreRateLimited,
    PasswordReset,
)
from lobby.kore.errors import ErrorCode

bp = Blueprint("password", __name__, url_prefix="/password")
log = logging.getLogger(__name__)

_RESET_FIELDS = {"email": "email", "mobile_phone": "mobile_phone", "birth_date": "birth_date",
                 "captcha": "captcha", "captcha.token": "captcha", "captcha.type": "captcha"}
_RESET_CODES = {ErrorCode.CAPTCHA_REQUIRED: "captcha", ErrorCode.CAPTCHA_INVALID: "captcha"}


@bp.route("/change", methods=["GET", "POST"])
def change():
    """Choose a new password (Kore's player_change_password step); then signed in."""
    step = pending.load("change_password")
    if step is None:
        flash(_("That step is no longer open. Sign in to continue."), "info")
        return redirect(url_for("auth.login"), 303)
    form = NewPasswordForm()
    status = 200
    if form.validate_on_submit():
        try:
            result = kore().change_password(step.link("change_password"), form.password.data, token=step.token)
        except KoreError as error:
            if isinstance(error, KoreAuthError):  # the step's own token: the step is over
                log.info("password change: step token refused: error=%s", error.raw_code)
                return outcomes.step_expired(_("This step took too long and has expired. Please start again."))
            fault = fault_notice("password-change", error)
            if fault is not None and fault[0] == "warning":
                # It may have changed: the step is over, the way to check is signing in.
                pending.clear()
                flash(fault[1], "warning")
                return redirect(url_for("auth.login"), 303)
            if fault is not None:  # nothing changed: the step stays open, the player tries again
                form.form_errors.append(fault[1])
                status = 503
            elif error.code in (ErrorCode.PASSWORD_REUSE_FORBIDDEN, ErrorCode.INVALID_REQUEST):
                log.info("password change refused: error=%s", error.raw_code)
                form.password.errors.append(player_message(error) if error.code is not ErrorCode.INVALID_REQUEST
                                            else _("This password was not accepted. Use 8 to 20 characters."))
                status = error.status or 400
            else:
                log.info("password change refused: error=%s", error.raw_code)
                form.form_errors.append(player_message(error))
                status = error.status or 400
        else:
            return outcomes.finish_step(
                step, result.auth, welcome=_("Your password is changed. Welcome back!"), without_tokens=_("Your password is changed. Sign in with it.")
            )
    elif request.method == "POST":
        status = 400
    return render_template("accounts/password/change.html", form=form, recovered=step.data.get("recovered")), status


def _save_reset(reset: PasswordReset, *, play_mode: str, channel: str, email: str = "") -> None:
    pending.save(pending.Step(
        kind="reset", email=email, play_mode=play_mode,
        expiration=reset.expiration.isoformat() if reset.expiration else "",
        links={name: [link.href, link.method] for name, link in reset.links.items()},
        data={"channel": channel, "attempts": reset.remaining_attempt_count, "resends": reset.remaining_resend_count},
    ))


@bp.route("/reset", methods=["GET", "POST"])
def reset():
    """Forgotten password: email or mobile phone, birth date, robot check."""
    form = ResetRequestForm()
    status = 200
    if form.validate_on_submit():
        bound = kore()
        email = (form.email.data or "").strip() or None
        try:
            result = tracking.as_visitor(kore_locale(), lambda token: bound.create_password_reset(
                token=token, birth_date=form.birth_date.data, captcha=captcha.token(form.captcha.data),
                email=email, mobile_phone=form.mobile_phone.data or None,
            ))
        except KoreError as error:
            if fault_on_form(form, "password-reset", error):
                status = 503
            else:
                log.info("password reset refused: error=%s", error.raw_code)
                place_refusal(form, error, _RESET_FIELDS, _RESET_CODES)
                status = error.status or 400
        else:
            _save_reset(result, play_mode=form.play_mode.data, channel="email" if email else "sms",
                        email=email or "")
            return redirect(url_for("password.reset_code"), 303)
    elif request.method == "POST":
        status = 400
    form.captcha.data = ""
    widget = captcha.widget(captcha.status().site_key)
    return render_template("accounts/password/reset.html", form=form, captcha_widget=widget), status


def _restart(error: KoreError):
    pending.clear()
    flash(player_message(error), "error")
    return redirect(url_for("password.reset"), 303)


@bp.route("/reset/code", methods=["GET", "POST"])
def reset_code():
    """Enter the code we sent; the right one leads to choosing a new password."""
    step = pending.load("reset")
    if step is None:
        flash(_("That password reset has expired. Please start again."), "info")
        return redirect(url_for("password.reset"), 303)
    form = ResetCodeForm()
    status = 200
    if form.validate_on_submit():
        bound = kore()
        try:
            result = tracking.as_visitor(kore_locale(), lambda token: bound.enter_password_reset_code(
                step.link("enter_password_reset_code"), form.code.data, play_mode=step.play_mode, token=token,
            ))
        except (KoreNotFound, KoreRateLimited) as error:
            log.info("password reset code refused: error=%s", error.raw_code)
            if error.code is ErrorCode.RATE_LIMIT_EXCEEDED:
                form.form_errors.append(player_message(error))
                status = 429
            else:
                return _restart(error)
        except KoreBadRequest as error:
            log.info("password reset code refused: error=%s", error.raw_code)
            step.data["attempts"] = max(0, int(step.data.get("attempts", 1)) - 1)
            pending.save(step)
            form.code.errors.append(player_message(error))
            status = 400
        except KoreError as error:  # no answer: the fault table; anything else, the error pages
            if not fault_on_form(form, "account-step", error):
                raise
            status = 503
        else:
            if result.auth is None or result.auth.bearer is None:
                log.warning("password reset: recovered without a token")
                flash(_("Your code is right, but the password cannot be changed here. Please contact support."),
                      "error")
                pending.clear()
                return redirect(url_for("auth.login"), 303)
            auth = result.auth
            pending.save(pending.Step(
                kind="change_password", email=step.email, play_mode=step.play_mode, token=auth.bearer.value,
                expiration=auth.bearer.expiration.isoformat(),
                links={name: [link.href, link.method] for name, link in auth.links.items()},
                data={"recovered": True},
            ))
            return redirect(url_for("password.change"), 303)
    elif request.method == "POST":
        status = 400
    form.code.data = ""
    return render_template("accounts/password/reset_code.html", form=form, step=step, resend=ConfirmForm()), status


@bp.post("/reset/resend")
def reset_resend():
    """Send the recovery code again."""
    step = pending.load("reset")
    if step is None or not ConfirmForm().validate_on_submit():
        return redirect(url_for("password.reset"), 303)
    bound = kore()
    try:
        result = tracking.as_visitor(kore_locale(), lambda token: bound.resend_password_reset_code(
            step.link("resend_password_reset_code"), token=token))
    except KoreError as error:
        if isinstance(error, KoreNotFound):
            return _restart(error)
        fault = fault_notice("code-resend", error)
        if fault is not None:
            flash(fault[1], fault[0])
        else:
            log.info("password reset resend refused: error=%s", error.raw_code)
            flash(player_message(error), "error")
    else:
        if result is not None:
            step.data["resends"] = result.remaining_resend_count
            pending.save(step)
        flash(_("We sent you a new code."), "success")
    return redirect(url_for("password.reset_code"), 303)
