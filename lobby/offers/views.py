"""The Offers page: the brand's bonus codes Kore says the player may still claim
(``bonuses/filter`` over OFFER_BONUS_CODES), the cash offers of the email check, the
brand's campaigns (OFFER_CAMPAIGNS) the player is eligible for (campaigns.py), and the
offers claimed, with their dates. Claims are
forms (POST → 303) that htmx sends in place."""

from __future__ import annotations

import logging

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from lobby.core.faults import Known, fault_message
from lobby.core.guards import login_required, optional, refused
from lobby.core.messages import player_message
from lobby.core.session import signed_in_player
from lobby.core.upstream import client_ip, kore, return_url, upstream
from lobby.forms.offers import OfferClaimForm
from lobby.kore import Campaign, KoreError
from lobby.offers import bp
from lobby.offers.campaigns import campaign_checks, eligible
from lobby.offers.names import offer_details, offer_name

log = logging.getLogger(__name__)


def _context(notice: tuple[str, str] | None = None) -> dict:
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
        "form": OfferClaimForm(),
        "notice": notice,
        "user": user,  # the header's balance
    }


@bp.get("")
@login_required
def index():
    """Every offer the signed-in player can claim, and what they have claimed."""
    return render_template("offers/index.html", **_context())


@bp.post("/claim")
@login_required(back="offers.index")
def claim():
    """Claim one bonus code or campaign, once; then the page (or, for htmx, the offers)."""
    form = OfferClaimForm()
    if not signed_in_player().real:
        notice = ("error", _("Switch to real money to claim a bonus."))
    elif not form.validate_on_submit():
        errors = form.form_errors or [e for field in (form.bonus_code, form.campaign_id) for e in field.errors]
        notice = ("error", str(errors[0]) if errors else _("Choose one offer to claim."))
    else:
        notice = _claim(form)
    if request.htmx:
        return render_template("offers/partials/offers.html", **_context(notice))
    flash(notice[1], notice[0])
    return redirect(url_for("offers.index"), 303)


def _claim(form: OfferClaimForm) -> tuple[str, str]:
    player = signed_in_player()
    client = upstream().client
    code = form.bonus_code.data or None
    campaign = Campaign(campaign_id=int(form.campaign_id.data)) if form.campaign_id.data else None
    # Amounts in names (WELCOME10) are in the player's currency.
    user = optional(lambda: client.get_user(token=player.token, link=player.user_link, return_url=return_url(),
                                            client_ip=client_ip()), what="user")
    currency = user.balance.currency if user is not None and user.balance else None
    name = offer_name(f"campaign{campaign.campaign_id}") if campaign and not code else offer_details(code, currency)[0]
    try:
        result = client.claim_bonus(token=player.token, bonus_code=code, campaign=campaign,
                                               return_url=return_url(), client_ip=client_ip())
    except KoreError as error:
        fault = fault_message("offer-claim", error, offer=name)
        if fault is not None:  # the fault table: nothing happened, or it may have
            log.warning("offer claim: no answer (%s): error=%s", fault[0].value, error.raw_code)
            return ("warning" if fault[0] is Known.MAYBE else "error", fault[1])
        log.info("offer claim refused: error=%s", refused(error).raw_code)
        return ("error", player_message(error))
    if result.claim_status == "AwaitingDeposit":
        return ("success", _("%(offer)s is yours once you make a deposit.", offer=name))
    gained = _bonus_gained(player, user)
    if gained:
        return ("success", _("%(offer)s claimed: %(amount)s is in your bonus balance.", offer=name, amount=gained))
    return ("success", _("%(offer)s claimed: it is in your bonus balance.", offer=name))


def _bonus_gained(player, before) -> str:
    """What the claim added to the bonus balance, as Kore counts it now ("" when it cannot say)."""
    from lobby.core.templating import money
    from lobby.kore import Money

    if before is None or before.bonus_balance is None:
        return ""
    after = optional(lambda: upstream().client.get_user(token=player.token, link=player.user_link,
                                                        return_url=return_url(), client_ip=client_ip()),
                     what="user")
    was, now = before.bonus_balance, after.bonus_balance if after is not None else None
    if now is None or now.currency != was.currency or now.exponent != was.exponent or now.amount <= was.amount:
        return ""
    return money(Money(now.currency, now.amount - was.amount, now.exponent))
