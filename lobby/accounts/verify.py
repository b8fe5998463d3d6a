"""SMS verification of the mobile phone: at registration or sign-in (with the
player_verification_credentials token, ending signed in) or for a signed-in player
whose phone is not verified yet."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from lobby.accounts import outcomes, pending
from lobby.core.faults import fault_notice, fault_on_form
from lobby.core.messages import PLAYER_MESSAGES, player_message
from lobby.core.session import current_player
from lobby.core.upstream import kore
from lobby.forms.accounts import ConfirmForm, SmsCodeForm
from lobby.kore import (
    KoreAuthError,
    KoreError,
    Link,
)
from lobby.kore.errors import ErrorCode

bp = Blueprint("verify", __name__, url_prefix="/verify")
log = logging.getLogger(__name__)

#: Refusals that concern the code typed, not the whole step.
_CODE_ERRORS = {ErrorCode.INVALID_SMS_CODE, ErrorCode.INVALID_SMS_CODE_LENGTH}
#: What to tell the player next, beyond the plain message.
_EXTRA = {
    ErrorCode.VERIFICATION_CODE_EXPIRED: "resend",
    ErrorCode.NO_PENDING_VERIFICATION: "resend",
    ErrorCode.QUEUED_AWAITING_SMS_SEND: "wait",
    ErrorCode.TOO_MANY_VERIFICATION_RETRIES: "wait",
}


def _code_length_refused(error: KoreError) -> bool:
    """A code of the wrong length: ``invalid_sms_code_length`` before Kore 3.35, since then
    ``invalid_request`` naming ``code`` (both are met: Kore's versions differ by operator)."""
    return error.code == ErrorCode.INVALID_SMS_CODE_LENGTH or (
        error.code == ErrorCode.INVALID_REQUEST and "code" in error.properties)


class Target:
    """Whose phone, with which token and links: the pending step or the signed-in player."""

    def __init__(self, token: str, verification: Link | None, retry: Link | None,
                 step: pending.Step | None = None, phone_status: str | None = None,
                 last_sms: datetime | None = None) -> None:
        self.token, self.verification, self.retry = token, verification, retry
        self.step, self.phone_status, self.last_sms = step, phone_status, last_sms


def _target() -> Target | None:
    step = pending.load("sms")
    if step is not None:
        last = step.data.get("last_sms")
        return Target(step.token, step.link("verification"), step.link("verification_retry"), step=step,
                      last_sms=datetime.fromisoformat(last) if last else None)
    player = current_player()
    if player is None:
        return None
    user = kore().get_user()
    status = user.verification_status.mobile_phone if user.verification_status else None
    return Target(player.token, user.links.get("verification"), user.links.get("verification_retry"),
                  phone_status=status)


@bp.route("", methods=["GET", "POST"])
def index():
    """Enter the 6-digit code from the text message."""
    target = _target()
    if target is None:
        return redirect(url_for("auth.login", next=url_for("verify.index")), 303)
    form = SmsCodeForm()
    status = 200
    hint = None
    if form.validate_on_submit():
        try:
            result = kore().verify_sms(target.verification, form.code.data, token=target.token)
        except KoreError as error:
            if isinstance(error, KoreAuthError):
                if target.step is None:
                    raise  # the player's own session: the global handler signs in again
                log.info("sms verification: step token refused: error=%s", error.raw_code)
                return outcomes.step_expired()
            if fault_on_form(form, "account-step", error):  # the fault table: nothing happened, or it may have
                return _code_page(form, target, None, 503)
            log.info("sms verification refused: error=%s", error.raw_code)
            if _code_length_refused(error):
                form.code.errors.append(str(PLAYER_MESSAGES[ErrorCode.INVALID_SMS_CODE_LENGTH]))
            elif error.code in _CODE_ERRORS:
                form.code.errors.append(player_message(error))
            else:
                form.form_errors.append(player_message(error))
                hint = _EXTRA.get(error.code)
            status = error.status or 400
        else:
            if result.auth is not None:
                pending.clear()
                step = target.step
                return outcomes.proceed(result.auth, email=step.email if step else "",
                                        play_mode=step.play_mode if step else "Real",
                                        next_url=step.next if step else "",
                                        welcome=_("Your phone number is verified. Welcome!"))
            flash(_("Your phone number is verified."), "success")
            return redirect(url_for("account.index") if current_player() else url_for("games.index"), 303)
    elif request.method == "POST":
        status = 400
    return _code_page(form, target, hint, status)


def _code_page(form, target, hint, status: int):
    form.code.data = ""
    return render_template("accounts/verify/index.html", form=form, target=target, resend=ConfirmForm(),
                           hint=hint), status


@bp.post("/resend")
def resend():
    """Send a new code (verification/retry), then back to the code page."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("verify.index"), 303)
    target = _target()
    if target is None:
        return redirect(url_for("auth.login"), 303)
    try:
        result = kore().resend_sms(target.retry, token=target.token)
    except KoreError as error:
        if isinstance(error, KoreAuthError):
            if target.step is None:
                raise  # the player's own session: the global handler signs in again
            log.info("sms resend: step token refused: error=%s", error.raw_code)
            return outcomes.step_expired()
        fault = fault_notice("code-resend", error)
        if fault is not None:  # the fault table: nothing happened, or it may have
            flash(fault[1], fault[0])
        else:
            log.info("sms resend refused: error=%s", error.raw_code)
            flash(player_message(error), "error")
        return redirect(url_for("verify.index"), 303)
    if result.mobile_phone in ("NotApplicable", "InvalidPhone"):
        flash(_("We cannot send a code to this phone number. Please contact support."), "error")
    else:
        sent = result.last_sms_send_date
        if target.step is not None and sent is not None:
            target.step.data["last_sms"] = sent.isoformat()
            pending.save(target.step)
        flash(_("We sent you a new code."), "success")
    return redirect(url_for("verify.index"), 303)
