"""Joining, leaving and rebuying: each shows what it costs (GET) and is done once (POST → 303)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from lobby.core.faults import Known, fault_message
from lobby.core.guards import optional, real_player_required, refused
from lobby.core.messages import player_message
from lobby.forms.tournaments import TournamentConfirmForm, TournamentJoinForm
from lobby.kore import KoreError
from lobby.tournaments import bp
from lobby.core.upstream import kore, upstream
from lobby.tournaments.data import find_tournament, load, not_found, total


def _fault(error: KoreError, action: str) -> tuple[Known, str] | None:
    """What the fault table says of an upstream fault (lobby/core/faults.py); None when
    Kore refused (the page says why; anything else goes to the error pages)."""
    answer = fault_message(action, error)
    if answer is None:
        refused(error)
    return answer


def _uncertain(key: str, user, text: str):
    """A POST whose answer was lost: never repeated; say so and show what Kore says now.

    The balance is fetched again too: money may have moved, and a balance from before
    would be wrong ("unavailable" if Kore cannot say).
    """
    user, found = upstream().gather(
        kore().user,
        lambda: optional(lambda: find_tournament(key), what="tournament"),
    )
    return render_template("tournaments/uncertain.html", user=user, t=found, key=key, text=text), 503


@bp.route("/<key>/join", methods=["GET", "POST"])
@real_player_required
def join(key: str):
    """What joining costs, per way of joining (Kore's registration options); POST joins."""
    user, tournament = load(key)
    if tournament is None:
        return not_found(user)
    options = {o.type: o for o in tournament.registration_options}
    form = TournamentJoinForm(options=list(options))
    status = 200
    if form.validate_on_submit():
        try:
            kore().register_for_tournament(
                tournament, type=form.type.data, bonus_code=(form.bonus_code.data or "").strip() or None,
            )
        except KoreError as error:
            fault = _fault(error, "tournament-join")
            if fault and fault[0] is Known.MAYBE:
                return _uncertain(key, user, fault[1])
            form.form_errors.append(fault[1] if fault else player_message(error))
            status = 503 if fault else 400
        else:
            flash(_("You have joined %(name)s.", name=tournament.name), "success")
            return redirect(url_for(".detail", key=key), 303)
    elif request.method == "POST":
        status = 400
    return render_template(
        "tournaments/join.html", user=user, t=tournament, key=key, form=form, options=options,
        cash_total=total(options["Cash"].fee, options["Cash"].buy_in) if "Cash" in options else None,
    ), status


@real_player_required
def _confirmed(key: str, template: str, act, action: str, done, extra=lambda tournament: {}):
    """Show what an action costs; on the confirming POST, do it once.

    ``act(tournament)`` calls Kore; ``done(tournament)`` is the
    success message; ``extra(tournament)`` adds to the page's context; ``action`` names its
    line of the fault table. A lost answer is never retried: the player is told it may or
    may not have happened. (Leaving is a
    DELETE, which the client does retry; a retry after a lost answer reads "You are not
    registered for this tournament", which is then true.)
    """
    user, tournament = load(key)
    if tournament is None:
        return not_found(user)
    form = TournamentConfirmForm()
    message, status = None, 200
    if form.validate_on_submit():
        try:
            act(tournament)
        except KoreError as error:
            fault = _fault(error, action)
            if fault and fault[0] is Known.MAYBE:
                return _uncertain(key, user, fault[1])
            message, status = (fault[1], 503) if fault else (player_message(error), 400)
        else:
            flash(done(tournament), "success")
            return redirect(url_for(".detail", key=key), 303)
    elif request.method == "POST":
        status = 400
    return render_template(
        template, user=user, t=tournament, key=key, form=form, message=message, **extra(tournament)
    ), status


@bp.route("/<key>/leave", methods=["GET", "POST"])
def leave(key: str):
    """Leave a tournament before it starts; POST leaves."""
    return _confirmed(
        key,
        "tournaments/leave.html",
        lambda t: kore().unregister_from_tournament(t),
        "tournament-leave",
        lambda t: _("You have left %(name)s.", name=t.name),
    )


@bp.route("/<key>/rebuy", methods=["GET", "POST"])
def rebuy(key: str):
    """What a rebuy costs and how many are left; POST buys one."""
    return _confirmed(
        key,
        "tournaments/rebuy.html",
        lambda t: kore().purchase_rebuy(t),
        "tournament-rebuy",
        lambda t: _("Rebuy done: your tournament credits are back to the start."),
        _rebuy_costs,
    )


def _rebuy_costs(tournament) -> dict:
    rebuys = tournament.rebuys
    cost = next((p.cost for p in rebuys.purchase_options if p.type == "Cash"), None) if rebuys else None
    return {"rebuys": rebuys, "cost": cost}
