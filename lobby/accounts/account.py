"""The player's account page: balances, profile, verification, statistics, Kore's account actions;
its bonus form is the one claim's (lobby/offers/claims.py)."""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from lobby.accounts import tracking
from lobby.care.views import settings_form as reality_settings_form
from lobby.core.faults import fault_notice
from lobby.core import i18n
from lobby.core.guards import login_required, optional, refused
from lobby.core.messages import player_message
from lobby.core.notices import notice
from lobby.core.session import current_player, replace_token
from lobby.core.upstream import kore, upstream
from lobby.forms.accounts import AccountSwitchForm, choices
from lobby.forms.offers import ClaimForm
from lobby.kore import (
    KoreError,
)

bp = Blueprint("account", __name__, url_prefix="/account")
log = logging.getLogger(__name__)

#: Kore's _actions grouped the way players look for them (Deposit stands apart, first).
ACTION_GROUPS = (
    (_l("Money"), ("cashier_withdrawal", "cashier_withdrawal_reverse", "cashier_transfer", "cashier_statement")),
    (_l("Bonuses and loyalty"), ("cashier_bonus", "cashier_loyalty", "account_competitions")),
    (_l("Profile and help"), ("account_details", "account_change_password", "account_playback", "help_chat")),
)
#: Kore's _actions, in the order and words the page shows them.
ACTION_LABELS = {
    "cashier_deposit": _l("Deposit"),
    "cashier_withdrawal": _l("Withdraw"),
    "cashier_withdrawal_reverse": _l("Reverse a withdrawal"),
    "cashier_bonus": _l("Bonuses"),
    "cashier_loyalty": _l("Loyalty programme"),
    "cashier_statement": _l("Statement"),
    "cashier_transfer": _l("Transfer between casinos"),
    "account_details": _l("Personal details"),
    "account_change_password": _l("Change password"),
    "account_playback": _l("Game history"),
    "account_competitions": _l("Competitions"),
    "help_chat": _l("Help chat"),
}


def _locale_choices() -> list[tuple[str, str]]:
    return i18n.language_choices()


@bp.get("")
@login_required
def index():
    """Everything about the signed-in player's account, from Kore."""
    player = current_player()
    bound = kore()
    user = bound.get_user()
    today = datetime.now(timezone.utc).date()
    stats, email_status, day = upstream().gather(
        lambda: optional(lambda: bound.get_stats(user), what="statistics"),
        lambda: optional(lambda: bound.get_email_status(user), what="email status"),
        # Today's play (player care): deposits and bets since the start of the day.
        lambda: optional(lambda: bound.get_player_day(user, today), what="today's play")
        if "player_day" in user.links else None,
    )
    actions = [(name, str(label), user.actions[name]) for name, label in ACTION_LABELS.items() if name in user.actions]
    groups = [
        (str(title), [action for action in actions if action[0] in names])
        for title, names in ACTION_GROUPS
    ]
    form = AccountSwitchForm()
    form.locale.choices = choices(_locale_choices())
    form.locale.data = player.locale
    form.play_mode.data = player.play_mode
    return render_template("accounts/account/index.html", user=user, stats=stats, email_status=email_status, day=day,
                           actions=actions, action_groups=[g for g in groups if g[1]], switch=form, bonus=ClaimForm(),
                           real=player.real, reality_form=reality_settings_form())


@bp.post("/bonus")
def claim_bonus():
    """The account page's old claim address: on to the one claim (a 308 keeps the POST)."""
    return redirect(url_for("offers.claim"), 308)


@bp.post("/switch")
@login_required(back="account.index")
def switch():
    """Switch play mode or language: Kore mutates the token, the session keeps the new one."""
    player = current_player()
    form = AccountSwitchForm()
    form.locale.choices = choices(_locale_choices())
    if not form.validate_on_submit():
        notice("settings", _("Choose a play mode or a language."), "error")
        return redirect(url_for("account.index") + "#settings", 303)
    play_mode = form.play_mode.data if form.play_mode.data != player.play_mode else None
    locale = form.locale.data if form.locale.data and form.locale.data != player.locale else None
    if not play_mode and not locale:
        return redirect(url_for("account.index") + "#settings", 303)
    try:
        response = kore().mutate(play_mode=play_mode, locale=locale, tracking=tracking.context())
    except KoreError as error:
        fault = fault_notice("account-step", error)
        if fault is not None:  # the fault table: nothing happened, or it may have
            notice("settings", fault[1], fault[0])
        else:
            log.info("mutate refused: error=%s", refused(error).raw_code)
            notice("settings", player_message(error), "error")
        return redirect(url_for("account.index") + "#settings", 303)
    tracking.remember(response.tracking_id)
    replace_token(response, play_mode=play_mode or player.play_mode)
    if locale:
        i18n.forget_locale()  # the flash below is in the new language
    notice("settings", _("Done: you are now playing for real money.") if play_mode == "Real" else
          _("Done: you are now playing for practice credits.") if play_mode == "Practice" else
          _("Done: the language is changed."), "success")
    response = redirect(url_for("account.index") + "#settings", 303)
    if locale:
        i18n.remember(response, locale)  # and stays after signing out
    return response


@bp.get("/deposit")
@login_required
def deposit():
    """On to Kore's cashier (the player's ``cashier_deposit`` action): the header's Deposit."""
    user = kore().get_user()
    link = user.actions.get("cashier_deposit")
    if link is None:
        flash(_("Deposits are not available for your account right now."), "info")
        return redirect(url_for("account.index"), 303)
    # Kore's own link (its cashier page), never one a request could have supplied.
    return redirect(link.href, 303)
