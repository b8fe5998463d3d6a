"""A player's user resources, and what privileged tokens see of players: details,
activity summaries, registrations, favourite games; referrals, signons, tracking."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from .. import seed
from ..backend import SandboxBackend
from ..backend.activity import Summary
from ..backend.entities import EmailStatus, Money, Player, Token, money
from ..backend.referrals import REFEREE_BONUS, REFERRER_BONUS
from ..backend.signon import LOYALTY_TIERS, loyalty_tier
from ..backend.tracking import TrackingRecord
from ..clock import iso
from .common import Urls, link, user_links
from .games import game_json

#: The Favorite Game categories the doc allows; the rest are ``other``.
FAVORITE_CATEGORIES = ("classicslots", "videoslots", "videopokers", "tablegames")


def users_links(token: Token, urls: Urls, app_links: dict[str, bool] | None = None) -> dict[str, Any]:
    app_links = app_links or {}
    body: dict[str, Any] = {
        "_actions": {
            "register": link(urls.page("register", Locale=token.locale)),
            "reset_password": link(urls.page("reset_password", Locale=token.locale)),
            "help_chat": link(urls.page("help_chat", Locale=token.locale, SessionID=token.session_id)),
        },
        "_links": {
            "register": link(urls.api("users"), "POST"),
        },
    }
    tracking = f"?{urlencode({'tracking_id': token.tracking_id})}" if token.tracking_id else ""
    if app_links.get("download_apk", True):
        body["_links"]["download_apk"] = link(f"{urls.base}/downloads/kore-demo.apk{tracking}")
    if app_links.get("download_app_store", True):
        body["_links"]["download_app_store"] = link(f"{urls.base}/downloads/kore-demo-ios{tracking}")
    return body


PLAYER_ACTIONS = (
    "account_details",
    "account_playback",
    "account_change_password",
    "account_competitions",
    "cashier_deposit",
    "cashier_withdrawal",
    "help_chat",
)
REAL_ONLY_ACTIONS = (
    "cashier_withdrawal_reverse",
    "cashier_bonus",
    "cashier_loyalty",
    "cashier_statement",
    "cashier_transfer",
)
USER_LINKS = {
    "statistics": "stats",
    "email_status": "email_status",
    "tags": "tags",
    "custom": "custom",
    "verification": "verification",
    "verification_retry": "verification/retry",
    "player_day": "player_day",
}


def user_json(player: Player, token: Token, urls: Urls) -> dict[str, Any]:
    profile = player.profile
    play_mode = token.play_mode or "Practice"
    body: dict[str, Any] = {"balance": player.balance(play_mode).to_json()}
    if play_mode == "Real":
        body["cash_balance"] = player.cash_balance().to_json()
        body["bonus_balance"] = player.bonus_balance().to_json()
    body.update(
        {
            "email": player.email,
            "firstname": profile.firstname,
            "lastname": profile.lastname,
            "user_token": player.user_token,
            "nickname": profile.nickname,
            "locale": token.locale,
            "play_mode": play_mode,
            "birth_date": profile.birth_date,
            "registration_date": profile.registration_date,
            "profile": profile.profile,
            "has_deposited": profile.has_deposited,
            "verification_status": {"email": profile.email_verified, "mobile_phone": player.phone_status},
            "claimed_offers": [{"offer_code": c, "claim_date": d} for c, d in player.claimed_offers],
        }
    )
    if play_mode == "Real" and profile.loyalty:
        tier, tier_name, _ = profile.loyalty
        body["loyalty"] = {"tier": tier, "balance": player.loyalty_balance(), "tier_name": tier_name}
    actions = PLAYER_ACTIONS + (REAL_ONLY_ACTIONS if play_mode == "Real" else ())
    body["_actions"] = {
        name: link(urls.page(name, SessionID=token.session_id, PlayMode=play_mode, Locale=token.locale))
        for name in actions
    }
    body["_links"] = {name: link(urls.api(f"users/{player.id}/{path}")) for name, path in USER_LINKS.items()}
    return body


def stats_json(backend: SandboxBackend, player: Player, token: Token, urls: Urls) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if player.email in seed.HIGHEST_WINS:
        slug, amount = seed.HIGHEST_WINS[player.email]
        game = next(g for g in seed.GAMES if g.slug == slug)
        currency = player.profile.currency
        spec = seed.CURRENCY_BY_CODE[currency]
        body["highest_win"] = {
            "payout": {"currency": currency, "amount": amount, "exponent": spec.iso_exponent},
            "game": game_json(backend, game, token, urls),
        }
    currency = player.profile.currency
    body["tournaments"] = []
    for tournament, entry in backend.tournament_history(player):
        row: dict[str, Any] = {}
        if entry.prize:  # "only present if the player finished with a winning rank"
            row["win_amount"] = money(entry.prize, currency).to_json()
        row.update({"name": tournament.spec.name, "rank": entry.rank})
        # A finished tournament has started and ended; the dates are None only in types.
        end, start = tournament.changed_at or tournament.ends_at, tournament.starts_at
        if end is not None:
            row["end_date"] = iso(end)
        if start is not None:
            row["start_date"] = iso(start)
        body["tournaments"].append(row)
    body["competitions"] = [
        {"name": comp.spec.name, "rank": rank, "end_date": iso(comp.end), "start_date": iso(comp.start)}
        for comp, rank in backend.competition_history(player)
    ]
    return body


def email_status_json(status: EmailStatus) -> dict[str, Any]:
    blocked = status.blocked_until is not None
    body: dict[str, Any] = {
        "is_casino_subscribed": status.casino_subscribed,
        "is_group_subscribed": status.group_subscribed,
        "is_blocked": blocked,
    }
    if status.blocked_until is not None:
        body["blocked_until"] = iso(status.blocked_until)
    if status.last_sent is not None:
        body["last_sent"] = iso(status.last_sent)
    if status.last_tracked is not None:
        body["last_tracked"] = iso(status.last_tracked)
    return body


def custom_json(player: Player) -> dict[str, Any]:
    return {"result": [{"user_token": player.user_token, "nickname": player.profile.nickname, "is_locked": False}]}


def country(player: Player) -> str:
    address = player.address or {}
    return address.get("country_code") or player.profile.locale.split("-")[-1]


def player_json(player: Player, restricted: bool, urls: Urls) -> dict[str, Any]:
    """GET users/{user_id} with a privileged token; restricted_activity_subscriber
    gets no mobile_phone, email, firstname, lastname or nickname."""
    profile = player.profile
    body: dict[str, Any] = {
        "user_id": player.id,
        "registration_date": profile.registration_date,
        "profile": profile.profile,
        "locale": profile.locale,
        "country": country(player),
        "cash_balance": player.cash_balance().to_json(),
        "bonus_balance": player.bonus_balance().to_json(),
        "has_deposited": profile.has_deposited,
    }
    if not restricted:
        if player.mobile_phone:
            body["mobile_phone"] = player.mobile_phone
        body.update(email=player.email, firstname=profile.firstname, lastname=profile.lastname,
                    nickname=profile.nickname)
    body["_links"] = user_links(player.id, urls, "_self", "games")
    return body


def summary_json(summary: Summary, urls: Urls) -> dict[str, Any]:
    player, a = summary.player, summary.activity
    currency = player.profile.currency
    m = lambda amount: Money(currency, amount, seed.CURRENCY_BY_CODE[currency].iso_exponent).to_json()  # noqa: E731
    return {
        "date": summary.day.isoformat(),
        "user_id": player.id,
        "game_rounds_count": a.rounds,
        "total_amount_wagered": {"cash": m(a.wagered_cash), "bonus": m(a.wagered_bonus)},
        "total_amount_paid": {"cash": m(a.paid_cash), "bonus": m(a.paid_bonus)},
        "total_amount_chargebacks": m(a.chargebacks),
        "has_historical_chargeback": summary.has_historical_chargeback,
        "total_progressive_contributions": {"currency": currency, "decimal_amount": a.progressive},
        "total_amount_deposited": m(a.deposited),
        "total_amount_withdrawn": m(a.withdrawn),
        "successful_deposits_count": a.deposits,
        "_links": user_links(player.id, urls, "user", "user_games"),
    }


def registration_json(player: Player, urls: Urls) -> dict[str, Any]:
    return {
        "date": player.profile.registration_date,
        "user_id": player.id,
        "locale": player.profile.locale,
        "country": country(player),
        "_links": user_links(player.id, urls, "user", "user_games"),
    }


def favorite_game_json(game: seed.Game) -> dict[str, str]:
    category = game.category if game.category in FAVORITE_CATEGORIES else "other"
    return {"provider": game.provider, "name": game.name, "category": category}


def referral_json(code: str, player: Player) -> dict[str, Any]:
    return {
        "referral_code": code,
        "referrer_bonus": money(REFERRER_BONUS, player.profile.currency).to_json(),
        "referee_bonus": [money(REFEREE_BONUS, c.currency).to_json() for c in seed.CURRENCIES],
    }


def referral_status_json(code: str, player: Player, unclaimed: int) -> dict[str, Any]:
    return {
        "referral": referral_json(code, player),
        "claim_status": {
            "unclaimed_referrals_count": unclaimed,
            "amount_to_claim": money(REFERRER_BONUS * unclaimed, player.profile.currency).to_json(),
        },
    }


def extended_loyalty(player: Player) -> dict[str, Any]:
    """The extended Loyalty object; players outside the scheme are at the first tier."""
    index = loyalty_tier(player)
    tier, name, level, points = LOYALTY_TIERS[index]
    body: dict[str, Any] = {"tier": tier, "balance": player.loyalty_balance() or 0, "tier_name": name,
                            "tier_level": level, "tier_points": points}
    if index + 1 < len(LOYALTY_TIERS):
        nxt = LOYALTY_TIERS[index + 1]
        body.update(next_tier=nxt[0], next_tier_name=nxt[1], next_tier_level=nxt[2], next_tier_points=nxt[3])
    return body


def tracking_json(record: TrackingRecord) -> dict[str, Any]:
        event_type, version = record.event_type
        body: dict[str, Any] = {
            # The example says "brand", the table "brand_id": answer both.
            "brand": record.brand_id,
            "brand_id": record.brand_id,
            "locale": record.locale,
            "tracking_version": version,
            "tracking_event_type": event_type,
            "tracking_id": record.tracking_id,
            "created_date": record.created.strftime("%Y-%m-%dT%H:%M:%S.") + f"{record.created.microsecond // 1000:03d}Z",
        }
        optional = {
            "ip": record.ip,
            "origin_url": record.origin_url,
            "referrer_url": record.referrer_url,
            "user_agent": record.user_agent,
            "tracking_token": record.params.get("TrackingToken"),
            "cid": record.params.get("cid"),
            "mid": record.params.get("mid"),
        }
        body.update({k: v for k, v in optional.items() if v})
        return body

