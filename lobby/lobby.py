"""The lobby: the game list anyone can browse, the game page, and the way back from Kore."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from . import games as catalogue
from .i18n import kore_locale
from .security import frameable_by_us, safe_next
from .session import current_player
from .upstream import client_ip, return_url, upstream

bp = Blueprint("lobby", __name__)


def _load_games(player, ret: str, ip: str | None):
    up = upstream()
    if player:
        return up.client.list_games(token=player.token, return_url=ret, client_ip=ip)
    return up.as_brand(kore_locale(), lambda token: up.client.list_games(token=token, return_url=ret))


def lobby_data():
    """The player's account and the games, fetched side by side."""
    player = current_player()
    up = upstream()
    ret, ip = return_url(), client_ip()
    if player:
        user, games = up.gather(lambda: up.user(player, ret, ip), lambda: _load_games(player, ret, ip))
    else:
        user, games = None, _load_games(None, ret, ip)
    mobile = catalogue.is_mobile_agent(request.user_agent.string)
    return player, user, catalogue.for_device(games, mobile=mobile)


@bp.get("/")
def index():
    """Every game of the brand, by category; anonymous visitors see it too."""
    player, user, games = lobby_data()
    return render_template(
        "lobby/index.html",
        player=player,
        user=user,
        sections=catalogue.by_category(games),
    )


@bp.get("/play/<slug>")
def play(slug: str):
    """A game in a frame on our page, launched from the link Kore gave for it."""
    player, user, games = lobby_data()
    game = catalogue.find(games, slug)
    if game is None:
        return render_template("lobby/no_game.html", player=player, user=user), 404
    link = game.actions.get("play")
    if link is None and player is None:
        return redirect(url_for("auth.login", next=url_for("lobby.play", slug=slug)), 303)
    return render_template("lobby/play.html", player=player, user=user, game=game, play_link=link)


@bp.get("/return")
def returned():
    """Where Kore's pages and games send the player back to: the lobby.

    A top-level visit is redirected at once. Inside the game frame (the game went to
    the ReturnUrl) a small page asks the host page to take the whole window back.
    """
    target = safe_next(request.args.get("next"), url_for("lobby.index"))
    if request.headers.get("Sec-Fetch-Dest") == "document":
        return redirect(target, 303)
    return render_template("lobby/return.html", next=target), 200, {"Cache-Control": "no-store", **frameable_by_us()}
