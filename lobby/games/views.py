"""The lobby: browse and filter the games, play one in our frame, come back from Kore."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_babel import get_locale, gettext as _
from markupsafe import Markup

from lobby.accounts import outcomes, tracking
from lobby.core.guards import login_required, optional, refused
from lobby.core.htmx import request
from lobby.core.i18n import kore_locale
from lobby.core.messages import player_message
from lobby.core.players import owner_of
from lobby.core.security import frameable_by_us, safe_next
from lobby.core.session import current_player, polled, replace_token, sign_in, signed_in_player
from lobby.core.upstream import kore, mark_stale, outage, upstream
from lobby.forms.accounts import LoginForm, PlayModeForm
from lobby.forms.games import FavouriteForm
from lobby import art
from lobby.games import bp, catalogue, details, favourites, promotions, tiles
from lobby.games.jackpots import jackpot_views
from lobby.kore import KoreError, KoreForbidden, Outcome

log = logging.getLogger(__name__)


def _load_games(player):
    up = upstream()
    locale = kore_locale()
    if player is None:
        return up.public_games(locale)
    try:
        return kore().player_games()
    except KoreError as error:
        if not outage(error):
            raise
        # The player's own list (with play links) cannot be had: show the brand's list
        # so the lobby still reads, and say that some of it may be out of date.
        games = up.public_games(locale)
        mark_stale()
        return games


def _jackpots_or_none(locale: str):
    """Jackpots are a nicety: when Kore cannot give them, the tiles go without."""
    return optional(lambda: (upstream().progressives(locale), upstream().currencies(locale)), ({}, {}),
                    what="jackpots")


def _device_games(game_list):
    return catalogue.for_device(game_list, mobile=catalogue.is_mobile_agent(request.user_agent.string))


def _tile_jackpots(player, user, jackpots, *, currency: str | None = None):
    progressives, currencies = jackpots
    preferred = currency or (user.balance.currency if user is not None and player and player.real else None)
    return jackpot_views(
        progressives,
        currencies,
        kore_locale(),
        preferred_currency=preferred,
        fallback_currency=current_app.config["LOBBY"].default_currency,
    )


@bp.get("/")
def index():
    """Every game of the brand by category; filter by category, provider or name.

    For a signed-in player the balance is the one call that must be fresh: it is sent
    first, and the game list is laid out while it is on its way.
    """
    player = current_player()
    up, locale = upstream(), kore_locale()
    partial = request.htmx and not request.htmx.history_restore_request
    # Search as you type swaps only the list: no header, so no balance to ask for.
    pending_user = up.submit(kore().user) if player and not partial else None
    # The promotions row (what is on today) is asked beside the games, for the full lobby
    # only: a search or a category is the player looking for something else.
    promoting = not partial and not any(request.args.get(key) for key in ("q", "category", "provider"))
    # A visitor's page needs only brand data (cached for every visitor): no threads.
    game_list, jackpots, on, codes = up.gather(
        lambda: _load_games(player), lambda: _jackpots_or_none(locale),
        lambda: promotions.tournaments_on(player) if promoting else promotions.NO_TOURNAMENTS,
        lambda: promotions.claimable_codes(player) if promoting else [],
    ) if player is not None else [_load_games(player), _jackpots_or_none(locale), promotions.NO_TOURNAMENTS, []]
    mobile = catalogue.is_mobile_agent(request.user_agent.string)
    games = catalogue.for_device(game_list, mobile=mobile)
    providers = tuple(catalogue.providers(games))
    filters = catalogue.Filters.from_args(request.args, providers)
    currency = up.known_currency(player) if player else None
    user = None
    if pending_user is not None and player.real and currency is None:
        user = pending_user.result()  # the first page: jackpots wait for the currency
    lists = player_lists(player)
    tile_jackpots = _tile_jackpots(player, user, jackpots, currency=currency)
    slotted, jackpot_slugs = tiles.age_slots(tile_jackpots)
    art_links = art.Links.here()
    new_games = current_app.config["LOBBY"].new_games

    def grid() -> str:
        shown = filters.apply(games)
        return render_template(  # noqa: S704 - HTML rendered by our own autoescaping template
            "games/partials/games.html", player=player, filters=filters, count=len(shown),
            sections=catalogue.by_category(shown),
            rows=[] if filters.active else catalogue.rows(
                games, jackpots=tile_jackpots, new=new_games, favourites=lists["favourites"],
                recent=lists["recent"]),
            favourites=set(lists["favourites"]), jackpots=slotted, art=art_links, tiles=tiles)

    # The grid is the same for every request of this look of this game list: laid out
    # and rendered once, the request's own values (CSRF token, way back, the jackpot
    # figures' age) put in afterwards.
    reader = (str(get_locale()), locale, mobile)
    shown_jackpots = (jackpot_slugs, tiles.jackpots_key(tile_jackpots, jackpot_slugs))
    look = (*reader, filters, bool(player), tuple(lists["favourites"]), tuple(lists["recent"]),
            *shown_jackpots, art_links, request.script_root)
    # A search is not kept: what visitors type would crowd out the grids every page needs.
    laid_out = grid() if filters.q else tiles.grids().get((game_list,), look, grid)
    games_html = tiles.fill(laid_out, tile_jackpots, jackpot_slugs)
    if partial:
        return games_html
    if pending_user is not None:
        user = pending_user.result()
    if currency is None and user is not None and user.balance:
        currency = user.balance.currency
    promoted_html, counting_down = promotions.row(
        player, games, on, codes, slotted, currency, art_links, (game_list, on), (
            *reader, currency, player.real if player else None, tuple(codes or ()), *shown_jackpots,
            art_links, request.script_root)) if not filters.active else (None, False)
    if promoted_html is not None:
        promoted_html = Markup(tiles.fill_ages(promoted_html, tile_jackpots, jackpot_slugs))  # noqa: S704 - rendered by our own autoescaping template
    return render_template("games/index.html", user=user, games_html=games_html, counting_down=counting_down,  # noqa: S704 - HTML rendered by our own autoescaping template
                           promotions_html=promoted_html, player=player, filters=filters,
                           categories=catalogue.CATEGORIES, providers=providers, jackpots=tile_jackpots)


def player_lists(player) -> dict[str, list[str]]:
    """The signed-in player's favourites and recently played games (slugs), newest first."""
    if player is None:
        return {"favourites": [], "recent": []}
    return favourites.page_lists(owner_of(player))


@bp.post("/favourites/<slug>")
@login_required(back="games.index")
def favourite(slug: str):
    """Add a game to the player's favourites, or take it out (the heart on each tile)."""
    form = FavouriteForm()
    if not form.validate_on_submit() or len(slug) > 128:
        abort(400)
    owner, kept = owner_of(signed_in_player()), favourites.store()
    liked = form.action.data == "add"
    if liked:
        kept.add(owner, slug)
    else:
        kept.remove(owner, slug)
    if request.htmx:
        return render_template("games/partials/favourite.html", slug=slug, liked=liked,
                               name=form.name.data or slug)
    return redirect(safe_next(request.form.get("next"), url_for("games.index")), 303)


@bp.get("/art/<provider>/<slug>.svg")
def game_art(provider: str, slug: str):
    """The lobby's own artwork for a game (GAME_ART_URL unset, or its image failed)."""
    if len(provider) > 64 or len(slug) > 128:
        abort(404)
    games = optional(lambda: upstream().public_games(kore_locale()), what="game list") or []
    game = next((g for g in games if g.slug == slug), None)
    name = game.name if game else slug.replace("-", " ").title()
    category = catalogue.category_of(game) if game else "other"
    svg = art.generated_svg(provider, slug, name, category)
    return Response(svg, mimetype="image/svg+xml", headers={
        # Deterministic for the game: browsers and CDNs keep it a week.
        "Cache-Control": "public, max-age=604800",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    })


@bp.get("/jackpots")
@polled
def jackpots():
    """Fresh jackpot values for the tiles on the page (swapped in out of band)."""
    player = current_player()
    up = upstream()
    # The player's currency is remembered from the page's balance: no balance call here,
    # unless it is not known yet.
    currency = up.known_currency(player) if player else None
    user = kore().user() if player and player.real and currency is None else None
    views = _tile_jackpots(player, user, _jackpots_or_none(kore_locale()), currency=currency)
    slugs = set(request.args.getlist("slug"))
    if slugs:
        views = {slug: view for slug, view in views.items() if slug in slugs}
    return render_template("games/partials/jackpots_oob.html", jackpots=views)


@bp.post("/mode")
def switch_mode():
    """Switch between Real money and Practice (Kore's mutate endpoint)."""
    player = current_player()
    back = safe_next(request.form.get("next"), url_for("games.index"))
    if player is None:
        return redirect(url_for("auth.login", next=back), 303)
    form = PlayModeForm()
    if not form.validate_on_submit():
        flash(_("Choose Real money or Practice."), "error")
        return redirect(back, 303)
    if form.play_mode.data != player.play_mode:
        try:
            response = kore().mutate(play_mode=form.play_mode.data, tracking=tracking.context())
        except KoreError as error:
            flash(player_message(refused(error)), "error")
            return redirect(back, 303)
        tracking.remember(response.tracking_id)
        replace_token(response, play_mode=form.play_mode.data)
        if form.play_mode.data == "Real":
            flash(_("You are now playing for real money."), "success")
        else:
            flash(_("You are now playing with practice credits."), "success")
    return redirect(back, 303)


# -- the game page --------------------------------------------------------------------


def _custom_launch(game, player):
    """A play link with BetConstruct's section/path (``?section=live&path=…``), or None."""
    section = request.args.get("section")
    if not section or game.links.get("launch") is None:
        return None
    path = request.args.get("path") or None
    bound = kore()
    try:
        if player:
            launch = bound.launch_game(game, section=section, path_suffix=path)
        else:
            launch = upstream().as_brand(
                kore_locale(), lambda token: bound.launch_game(game, section=section, path_suffix=path, token=token))
    except ValueError:
        abort(400, _("That game link is not valid."))
    return launch.actions.get("play")


@bp.get("/play/<slug>")
def play(slug: str):
    """A game in a frame on our page, launched from the link Kore gave for it.

    The balance and the game's details (``games/{id}``) are asked side by side; the game
    list a player has just browsed is reused (15 s), so the page usually costs one Kore
    round trip.
    """
    player = current_player()
    up = upstream()
    pending_user = up.submit(kore().user) if player is not None else None
    games = _device_games(_load_games(player))
    game = catalogue.find(games, slug)
    if game is None:
        user = pending_user.result() if pending_user is not None else None
        return render_template("games/no_game.html", player=player, user=user), 404
    pending_details = up.submit(lambda: details.of(game, player))
    user = pending_user.result() if pending_user is not None else None
    if player is not None:
        favourites.store().add(owner_of(player), game.slug, "recent")
    link = _custom_launch(game, player) or game.actions.get("play")
    if link is None and player is None:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")), 303)
    # A game Kore lets anyone open (betconstruct) is played unauthenticated until the
    # visitor signs in here; then a launch token signs the game in without a reload.
    unauthenticated = player is None and link is not None and game.links.get("launch_token") is not None
    frame_origin = None
    if link is not None:
        parts = urlsplit(link.href)
        frame_origin = f"{parts.scheme}://{parts.netloc}"
    return render_template(
        "games/play.html",
        player=player,
        user=user,
        game=game,
        play_link=link,
        frame_origin=frame_origin,
        sign_in_form=LoginForm(formdata=None) if unauthenticated else None,
        details=pending_details.result(),
    )


@bp.post("/play/<slug>/sign-in")
def play_sign_in(slug: str):
    """Sign in beside a game launched unauthenticated, keeping the game on screen."""
    form = LoginForm()
    target = url_for("games.play", slug=slug)
    if not form.validate_on_submit():
        return render_template("games/partials/play_sign_in.html", form=form, slug=slug), 400
    try:
        # Launch tokens are for Real play mode only.
        response = kore().login(
            email=(form.email.data or "").strip(),
            password=form.password.data or "",
            play_mode="Real",
            locale=kore_locale(),
            tracking=tracking.context(),
        )
    except KoreError as error:
        if error.unavailable:
            raise
        form.form_errors.append(player_message(error))  # a 401 here is the credentials, not a session
        return render_template("games/partials/play_sign_in.html", form=form, slug=slug), 401
    if response.outcome is not Outcome.SUCCESS:
        # Any other outcome needs the full sign-in pages; they bring the player back here.
        location = url_for("auth.login", next=target)
        return ("", 204, {"HX-Redirect": location}) if request.htmx else redirect(location, 303)
    tracking.remember(response.tracking_id)
    player = sign_in(response, email=(form.email.data or "").strip(), play_mode="Real")
    outcomes.signed_in()
    if not request.htmx:
        return redirect(target, 303)
    # The page's script sees the swapped-in marker, takes the new session's CSRF token
    # (sent out of band) and asks for the launch token.
    return render_template("games/partials/play_signed_in.html", player=player, slug=slug)


@bp.post("/play/<slug>/launch-token")
def launch_token(slug: str):
    """A launch token for the game on the page (betconstruct), for the frame only.

    The documentation has the host page hand it to the game with postMessage, so this
    one-use, five-minute token reaches the page's script; the bearer token never does.
    """
    player = current_player()
    if player is None:
        return jsonify(error=_("Please sign in first.")), 401
    # Only the game's links are needed here, not the balance.
    games = _device_games(_load_games(player))
    game = catalogue.find(games, slug)
    if game is None or game.links.get("launch_token") is None:
        abort(404)
    device = game.device_category if game.device_category in ("mobile", "desktop") else None
    try:
        issued = kore().launch_token(game, device_category=device)
    except KoreError as error:
        if not isinstance(refused(error), KoreForbidden):
            raise
        return jsonify(error=_("Switch to Real money to bet in this game.")), 403
    launch = next((token for token in issued.tokens if token.type == "Launch"), None)
    if launch is None:
        abort(502)
    return jsonify(token=launch.value), 200, {"Cache-Control": "no-store"}


@bp.get("/return")
def returned():
    """Where Kore's pages and games send the player back to: the lobby.

    A top-level visit is redirected at once (after checking the player's session is
    still alive, so an expired one lands on the sign-in page). Inside the game frame
    (the game went to the ReturnUrl) a small page asks the host page to take the
    whole window back.
    """
    target = safe_next(request.args.get("next"), url_for("games.index"))
    if request.headers.get("Sec-Fetch-Dest") == "document":
        player = current_player()
        if player is not None:
            kore().user()  # raises if the session is over
        return redirect(target, 303)
    return render_template("games/return.html", next=target), 200, {"Cache-Control": "no-store", **frameable_by_us()}
