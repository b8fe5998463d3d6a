"""The landing page of a shared referral link (``/r/<code>``): what the friend's code
gives, in the referrer's language when the visitor has chosen none, and the way into
registration with the code carried along. An unknown code gets an honest page that
still leads on (register without it)."""

from __future__ import annotations

import logging

from flask import current_app, render_template, url_for

from lobby.accounts import tracking
from lobby.core import i18n
from lobby.core.guards import refused
from lobby.core.messages import PLAYER_MESSAGES, player_message
from lobby.core.session import current_player
from lobby.core.upstream import kore
from lobby.forms.referrals import referral_code_or_empty
from lobby.kore import KoreError
from lobby.kore.errors import ErrorCode
from lobby.referrals import bp
from lobby.referrals.data import bonus_in

log = logging.getLogger(__name__)


def _unknown(message: str):
    return render_template("referrals/unknown.html", message=message), 404


@bp.get("/r/<code>")
def landing(code: str):
    """A friend's invitation: the referee bonus, then registration with the code."""
    code = referral_code_or_empty(code)
    if not code:
        return _unknown(str(PLAYER_MESSAGES[ErrorCode.REFERRAL_CODE_NOT_FOUND]))
    player = current_player()
    bound = kore()
    try:
        if player is not None:
            info = bound.get_referral_code(code)
        else:
            info = tracking.as_visitor(i18n.kore_locale(), lambda token: bound.get_referral_code(code, token=token))
    except KoreError as error:
        log.info("referral landing refused: error=%s", refused(error).raw_code)
        return _unknown(player_message(error))
    lang = i18n.kore_code(info.locale) if player is None and not i18n.chosen_locale() else None
    if lang:
        # The friend's own language, unless the visitor chose one; it goes on to registration.
        i18n.use_locale(lang)
    bonus = bonus_in(info.referral.referee_bonus, current_app.config["LOBBY"].default_currency)
    return render_template("referrals/landing.html", code=code, bonus=bonus,
                           register_url=url_for("register.index", ref=code, lang=lang))
