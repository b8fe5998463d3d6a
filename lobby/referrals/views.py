"""The "Refer a friend" page: the player's code and share link, both bonuses, and the
rewards waiting to be claimed (referrer), or a new player's own waiting referee bonus."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from lobby.accounts import referee
from lobby.core.faults import Known, fault_message
from lobby.core.guards import login_required, refused
from lobby.core.messages import player_message
from lobby.core.templating import money
from lobby.core.upstream import kore, upstream
from lobby.forms.referrals import ReferralClaimForm
from lobby.kore import KoreError
from lobby.referrals import bp
from lobby.referrals.data import bonus_in, share_url

log = logging.getLogger(__name__)


def _context(notice: tuple[str, str] | None = None) -> dict:
    """The page's model: Kore's referral for the player, or why there is none."""
    bound = kore()
    # The header's balance, asked beside the referral.
    pending_user = upstream().submit(bound.user)
    try:
        referral = bound.get_referral()
    except KoreError as error:
        log.info("referral refused: error=%s", refused(error).raw_code)
        return {"referral": None, "refusal": player_message(error), "notice": notice,
                "form": ReferralClaimForm(), "waiting": referee.waiting(), "user": pending_user.result()}
    own = referral.referral.referrer_bonus
    return {
        "user": pending_user.result(),
        "referral": referral,
        "refusal": None,
        "code": referral.referral.referral_code,
        "share_url": share_url(referral.referral.referral_code),
        # The referrer's currency is the reader's: friends in other currencies get the same.
        "referee_bonus": bonus_in(referral.referral.referee_bonus, own.currency if own else None),
        "form": ReferralClaimForm(),
        "waiting": referee.waiting(),
        "notice": notice,
    }


@bp.get("/referrals")
@login_required
def index():
    """The signed-in player's referral code, share link, bonuses and rewards."""
    return render_template("referrals/index.html", **_context())


@bp.post("/referrals/claim")
@login_required(back="referrals.index")
def claim():
    """Claim the referrer's rewards (or the new player's waiting referee bonus) once; then
    the page, or for htmx the rewards panel, with the answer."""
    form = ReferralClaimForm()
    if not form.validate_on_submit():
        notice = ("error", _("Choose a reward to claim."))
    elif form.claim_type.data == "referee":
        notice = _claim_referee()
    else:
        notice = _claim_referrer()
    if request.htmx:
        return render_template("referrals/partials/rewards.html", **_context(notice))
    if notice:
        flash(notice[1], notice[0])
    return redirect(url_for("referrals.index"), 303)


def _claim_referrer() -> tuple[str, str]:
    try:
        claim = kore().claim_referral("referrer")
    except KoreError as error:
        fault = fault_message("referral-claim", error)
        if fault is not None:  # the fault table: nothing happened, or it may have
            log.warning("referrer claim: no answer (%s): error=%s", fault[0].value, error.raw_code)
            return ("warning" if fault[0] is Known.MAYBE else "error", fault[1])
        log.info("referrer claim refused: error=%s", refused(error).raw_code)
        return ("error", player_message(error))
    if claim.bonus is not None:
        return ("success", _("Done: %(amount)s is in your bonus balance.", amount=money(claim.bonus)))
    return ("success", _("Done: your reward is in your bonus balance."))


def _claim_referee() -> tuple[str, str] | None:
    if referee.waiting() is None:
        return ("info", _("There is no referral bonus waiting for you."))
    return referee.claim_waiting()
