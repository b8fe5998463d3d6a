"""The Offers page: the brand's bonus codes Kore says the player may still claim
(``bonuses/filter`` over OFFER_BONUS_CODES), the cash offers of the email check, the
brand's campaigns (OFFER_CAMPAIGNS) the player is eligible for (campaigns.py), and the
offers claimed, with their dates. Claims (claims.py, the account page's too) are
forms (POST → 303) that htmx sends in place."""

from __future__ import annotations

import logging

from flask import current_app, redirect, render_template, url_for

from lobby.core.guards import login_required, optional, real_player_required
from lobby.core.htmx import request
from lobby.core.notices import notice
from lobby.core.session import signed_in_player
from lobby.core.upstream import kore, upstream
from lobby.forms.offers import ClaimForm
from lobby.offers import bp, claims
from lobby.offers.claims import NOT_REAL, Outcome
from lobby.offers.campaigns import campaign_checks, eligible
from lobby.offers.names import offer_details, offer_name

log = logging.getLogger(__name__)


def _context() -> dict:
    """The page's model, from Kore: the user, then the filter, the email check and the
    campaign checks side by side."""
    player = signed_in_player()
    config = current_app.config["LOBBY"]
    bound = kore()
    user = bound.get_user()
    currency = user.balance.currency if user.balance else None
    campaign_ids = tuple(config.offer_campaigns)
    checks = campaign_checks(bound, email=user.email, campaign_ids=campaign_ids)
    codes, check, *answers = upstream().gather(
        lambda: optional(lambda: bound.filter_bonus_codes(config.offer_bonus_codes), what="bonus codes")
        if config.offer_bonus_codes else [],
        # The player's own address: Kore answers with the cash offers still open to them.
        lambda: optional(lambda: bound.email_check(email=user.email), what="offers"),
        *checks,
    )
    campaigns = eligible(campaign_ids, answers)
    claimed = sorted(user.claimed_offers, key=lambda o: o.claim_date or "", reverse=True)
    return {
        "codes": None if codes is None else [(code, *offer_details(code, currency)) for code in codes],
        "offers": None if check is None else [(o.offer_code, offer_name(o.offer_code, currency))
                                              for o in check.available_offers],
        "campaigns": None if campaigns is None else [(cid, offer_name(f"campaign{cid}")) for cid in campaigns],
        "claimed": [(o.offer_code, offer_name(o.offer_code, currency), o.claim_date) for o in claimed],
        "real": player.real,
        "cashier_bonus": user.actions.get("cashier_bonus"),
        "user": user,  # the header's balance
    }


@bp.get("")
@login_required
def index():
    """Every offer the signed-in player can claim, and what they have claimed."""
    return render_template("offers/index.html", **_context())


@bp.post("/claim")
@login_required(back="offers.index")
@real_player_required(otherwise=lambda: _answer(Outcome("error", str(NOT_REAL))))
def claim():
    """Claim one bonus code or campaign, or the code typed on the account page, once (the
    one claim, offers/claims.py); then the page it came from, or, for htmx, the offers."""
    return _answer(claims.claim(ClaimForm()))


def _answer(outcome: Outcome):
    """The claim's answer beside the control the player used: at the top of the offers (in
    place, for htmx), or beside the account page's form."""
    notice("bonus", outcome.text, outcome.kind)
    if ClaimForm().answered_on == "account":
        return redirect(url_for("account.index") + "#claim-bonus", 303)
    if request.htmx:
        return render_template("offers/partials/offers.html", **_context())
    return redirect(url_for("offers.index"), 303)
