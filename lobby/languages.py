"""The language picker of every page: a visitor's choice is kept in a cookie, a player's
goes to Kore (``mutate``), which issues a token in the new locale."""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Blueprint, flash, redirect, request
from flask_babel import gettext as _

from lobby.accounts import tracking
from lobby.core import i18n
from lobby.core.faults import fault_notice
from lobby.core.messages import player_message
from lobby.core.security import safe_next
from lobby.core.session import current_player, replace_token
from lobby.core.upstream import kore
from lobby.forms.accounts import LanguageForm, choices
from lobby.kore import KoreError

bp = Blueprint("languages", __name__)
log = logging.getLogger(__name__)


def switch_player_locale(player, locale: str) -> bool:
    """Ask Kore for the player's token in ``locale``; False (and a message) when it refuses."""
    try:
        response = kore().for_player(player).mutate(locale=locale, tracking=tracking.context())
    except KoreError as error:
        if error.session_over:
            raise
        fault = fault_notice("account-step", error)  # the fault table: nothing happened, or maybe
        if fault is not None:
            flash(fault[1], fault[0])
        else:
            log.info("mutate (locale) refused: error=%s", error.raw_code)
            flash(player_message(error), "error")
        return False
    tracking.remember(response.tracking_id)
    replace_token(response, play_mode=player.play_mode)
    return True


@bp.post("/language")
def choose():
    """Change the language of every page: the visitor's cookie, or the player's token."""
    form = LanguageForm()
    form.locale.choices = choices(i18n.language_choices())
    back = safe_next(form.next.data or request.referrer and _own_path(request.referrer))
    if not form.validate_on_submit():
        flash(_("Choose one of the languages in the list."), "error")
        return redirect(back, 303)
    locale = form.locale.data
    player = current_player()
    if player is not None and locale != player.locale and not switch_player_locale(player, locale):
        return redirect(back, 303)
    i18n.forget_locale()
    response = redirect(_without_lang(back), 303)
    i18n.remember(response, locale)
    return response


def _own_path(url: str) -> str | None:
    """The path and query of a Referer of ours, else None."""
    parts = urlsplit(url)
    if parts.netloc != request.host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _without_lang(path: str) -> str:
    """The page to go back to, without a ``?lang=`` that would override the new choice."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != i18n.QUERY]
    return urlunsplit(("", "", parts.path, urlencode(query), ""))
