"""Bonus claims, referrals, chats, user activity and offline sign-on: state and rules.

``ExtrasBook`` hangs off the backend (``backend.extras``) and is rebuilt by reset. No
HTTP here: methods take the token and validated input, raise ``SandboxError`` for
documented errors and answer plain data (``*_json`` builders take an ``api(path)``
function for the links). The triggers are listed in docs/sandbox.md.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from lobby.kore.errors import ErrorCode

from . import seed
from . import tournament_seed as ts
from .clock import iso
from .entities import Money, Player, Token
from .exceptions import SandboxError, invalid_request
from .tournaments import money

if TYPE_CHECKING:
    from .models import SandboxBackend

Api = Callable[[str], str]

OFFLINE_SIGNON = "offline_signon"
#: "Typically the Auth token is valid for up to three months"; the Bearer lives 24 h
#: like every sandbox token.
OFFLINE_AUTH_LIFETIME = timedelta(days=90)

#: Referral bonuses, in hundredths of a display unit of each currency.
REFERRER_BONUS = 2_000
REFEREE_BONUS = 2_000
#: referral_claim_exhausted: referee claims one client address may make.
REFEREE_CLAIMS_PER_IP = 2
#: Seeded referral codes; other players get one derived from their id.
REFERRAL_CODES = {
    "alice@demo.kore": "q8aaa",
    "bruno@demo.kore": "q8bbb",
    "chidi@demo.kore": "q8ccc",
    "satoshi@demo.kore": "q8ddd",
    "priya@demo.kore": "q8eee",
    "lars@demo.kore": "q8fff",
}
#: Referees who already signed up with the code and whose bonus the referrer has not claimed.
UNCLAIMED_REFERRALS = {"alice@demo.kore": 2}

#: Active chats: email → operator initiated?
CHATS = {"alice@demo.kore": True, "chidi@demo.kore": False}

#: Loyalty tiers for the extended Loyalty object: (tier, name, level, points to reach it).
LOYALTY_TIERS = (
    ("KoreDemoBronze", "Bronze", 1, 0),
    ("KoreDemoSilver", "Silver", 2, 500),
    ("KoreDemoGold", "Gold", 3, 1_500),
    ("KoreDemoPlatinum", "Platinum", 4, 5_000),
)

#: The Favorite Game categories the doc allows; the rest are ``other``.
FAVORITE_CATEGORIES = ("classicslots", "videoslots", "videopokers", "tablegames")


@dataclass(frozen=True)
class SeededDay:
    """One player's activity on the day before reset (amounts in hundredths of a display unit)."""

    rounds: int
    wagered_cash: int
    wagered_bonus: int
    paid_cash: int
    paid_bonus: int = 0
    deposited: int = 0
    deposits: int = 0
    withdrawn: int = 0
    chargebacks: int = 0
    progressive: str = "0"


SEEDED_DAYS = {
    "alice@demo.kore": SeededDay(40, 12_000, 1_000, 9_550, 500, deposited=10_000, deposits=1,
                                 progressive="0.36"),
    "bruno@demo.kore": SeededDay(12, 2_400, 0, 3_100, withdrawn=5_000),
    "chidi@demo.kore": SeededDay(5, 500, 0, 0, deposited=5_000, deposits=1, chargebacks=5_000),
}
#: Favourite games before any play in the sandbox (slugs, most important first).
SEEDED_FAVORITES = {
    "alice@demo.kore": ("midnight-racer-video-slot", "aladdins-loot-video-slot", "zodiac-video-slot"),
    "bruno@demo.kore": ("lucky-7s-slot",),
}


@dataclass
class DayActivity:
    """Real-money activity of one player on one UTC day, in minor units of their currency."""

    rounds: int = 0
    wagered_cash: int = 0
    wagered_bonus: int = 0
    paid_cash: int = 0
    paid_bonus: int = 0
    deposited: int = 0
    deposits: int = 0
    withdrawn: int = 0
    chargebacks: int = 0
    progressive: Decimal = Decimal(0)


@dataclass
class AuthToken:
    """An offline_signon Auth token: refreshes the pair; dies with a password change."""

    value: str
    player_id: str
    locale: str
    expiration: datetime
    password: str
    revoked: bool = False


@dataclass
class ExtrasBook:
    backend: "SandboxBackend"
    activity: dict[tuple[str, date], DayActivity] = field(default_factory=dict)
    played: dict[str, Counter[str]] = field(default_factory=dict)
    unclaimed_referrals: dict[str, int] = field(default_factory=dict)
    referee_claims: set[str] = field(default_factory=set)
    referee_claims_by_ip: Counter[str] = field(default_factory=Counter)
    awaiting_deposit: set[tuple[str, str]] = field(default_factory=set)
    auth_tokens: dict[str, AuthToken] = field(default_factory=dict)
    #: offline_signon Bearer value → the password it was issued under
    bearer_passwords: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        yesterday = self.backend.now().date() - timedelta(days=1)
        for player in self.backend.players.values():
            day = SEEDED_DAYS.get(player.email)
            if day is not None:
                unit = lambda units: money(units, player.profile.currency).amount  # noqa: E731
                self.activity[(player.id, yesterday)] = DayActivity(
                    day.rounds, unit(day.wagered_cash), unit(day.wagered_bonus), unit(day.paid_cash),
                    unit(day.paid_bonus), unit(day.deposited), day.deposits, unit(day.withdrawn),
                    unit(day.chargebacks), Decimal(day.progressive),
                )
            if player.email in UNCLAIMED_REFERRALS:
                self.unclaimed_referrals[player.id] = UNCLAIMED_REFERRALS[player.email]

    # -- bonuses -----------------------------------------------------------------------

    def claim_bonus(self, token: Token, bonus_code: str | None, invite_code: str | None,
                    campaign_id: int | None) -> tuple[str | None, str]:
        """POST bonuses/claim → (bonus_code as sent, claim status).

        Order: unknown code → invite code → the code's fixed error → tag → prerequisite
        → deposit needed → repeats (an AwaitingDeposit code: bonus_user_claims_deposit;
        else bonus_user_claims_exhausted) → claimed. Uses are counted with tournament
        registrations. Campaign 1 is claimable (5.00), campaign 2 ineligible, others invalid.
        """
        player = self.backend.player_of(token)
        if bonus_code is None:
            return None, self._claim_campaign(player, campaign_id)
        bonus = ts.BONUS_CODES.get(bonus_code.strip().upper())
        if bonus is None:
            raise SandboxError(ErrorCode.BONUS_INVALID)
        if bonus.invite_code:
            if invite_code is None:
                raise SandboxError(ErrorCode.BONUS_REQUIRES_INVITE)
            if invite_code.upper() != bonus.invite_code:
                raise SandboxError(ErrorCode.BONUS_INVALID_INVITE)
        elif bonus.error:
            raise SandboxError(ErrorCode(bonus.error))
        if bonus.required_tag and bonus.required_tag not in _tags(player):
            raise SandboxError(ErrorCode.BONUS_TAG_VIOLATION)
        uses = self.backend.tournaments.bonus_uses
        if bonus.requires and uses.get((player.id, bonus.requires), 0) == 0:
            raise SandboxError(ErrorCode.BONUS_DEPENDENCY_UNMET)
        if bonus.deposit_required and not player.profile.has_deposited:
            raise SandboxError(ErrorCode.BONUS_PURCHASE_REQUIRED)
        key = (player.id, bonus.code)
        if key in self.awaiting_deposit:
            raise SandboxError(ErrorCode.BONUS_USER_CLAIMS_DEPOSIT)
        if uses.get(key, 0) >= (bonus.per_player or 1):
            raise SandboxError(ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED)
        uses[key] = uses.get(key, 0) + 1
        if bonus.claim_status == "AwaitingDeposit":
            self.awaiting_deposit.add(key)
        else:
            player.bonus += money(bonus.amount, player.profile.currency).amount
        player.claimed_offers.append((bonus.code, iso(self.backend.now())))
        return bonus_code, bonus.claim_status

    def _claim_campaign(self, player: Player, campaign_id: int | None) -> str:
        if campaign_id == 2:
            raise SandboxError(ErrorCode.BONUS_CAMPAIGN_INELIGIBLE)
        if campaign_id != 1:
            raise SandboxError(ErrorCode.BONUS_INVALID)
        uses = self.backend.tournaments.bonus_uses
        key = (player.id, "campaign:1")
        if uses.get(key):
            raise SandboxError(ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED)
        uses[key] = 1
        player.bonus += money(500, player.profile.currency).amount
        player.claimed_offers.append(("campaign-1", iso(self.backend.now())))
        return "Claimed"

    def filter_bonus_codes(self, token: Token, codes: list[str]) -> list[str]:
        """POST bonuses/filter: drops unknown codes, codes with a fixed error, codes the
        player lacks the tag for or has used up. Invite and prerequisite are not checked
        (the doc's "more lightweight test")."""
        player = self.backend.player_of(token)
        uses = self.backend.tournaments.bonus_uses
        kept = []
        for code in codes:
            bonus = ts.BONUS_CODES.get(code.strip().upper())
            if bonus is None or (bonus.error and not bonus.invite_code):
                continue
            if bonus.required_tag and bonus.required_tag not in _tags(player):
                continue
            key = (player.id, bonus.code)
            if key in self.awaiting_deposit or uses.get(key, 0) >= (bonus.per_player or 1):
                continue
            kept.append(code)
        return kept

    # -- referrals ----------------------------------------------------------------------

    def referral_code(self, player: Player) -> str:
        if player.email in REFERRAL_CODES:
            return REFERRAL_CODES[player.email]
        digest = hashlib.sha256(player.id.encode()).digest()
        return "r" + base64.b32encode(digest).decode("ascii")[:5].lower()

    def _referrer(self, code: str) -> Player:
        for player in self.backend.players.values():
            if self.referral_code(player) == code:
                return player
        raise SandboxError(ErrorCode.REFERRAL_CODE_NOT_FOUND)

    def referral_json(self, player: Player) -> dict[str, Any]:
        return {
            "referral_code": self.referral_code(player),
            "referrer_bonus": money(REFERRER_BONUS, player.profile.currency).to_json(),
            "referee_bonus": [money(REFEREE_BONUS, c.currency).to_json() for c in seed.CURRENCIES],
        }

    def get_referral(self, token: Token) -> dict[str, Any]:
        """GET referrals: the player's code and the referrer bonus waiting to be claimed."""
        player = self.backend.player_of(token)
        count = self.unclaimed_referrals.get(player.id, 0)
        return {
            "referral": self.referral_json(player),
            "claim_status": {
                "unclaimed_referrals_count": count,
                "amount_to_claim": money(REFERRER_BONUS * count, player.profile.currency).to_json(),
            },
        }

    def get_referral_code(self, code: str) -> dict[str, Any]:
        """GET referrals/{code}: the referral and the referrer's locale."""
        referrer = self._referrer(code)
        return {"referral": self.referral_json(referrer), "locale": referrer.profile.locale}

    def claim_referral(self, token: Token, claim_type: str, code: str | None, ip: str) -> tuple[str, Money]:
        """POST referrals/claim → (referral code, bonus credited).

        referrer: every unclaimed referral at once, else referral_claim_failed. referee:
        unknown code → referral_code_not_found; one's own code or a second referee claim
        → referral_claim_failed; the third referee claim from one address →
        referral_claim_exhausted. A referee claim adds one unclaimed referral to the referrer.
        """
        player = self.backend.player_of(token)
        if claim_type != "referee":
            count = self.unclaimed_referrals.get(player.id, 0)
            if count == 0:
                raise SandboxError(ErrorCode.REFERRAL_CLAIM_FAILED)
            bonus = money(REFERRER_BONUS * count, player.profile.currency)
            self.unclaimed_referrals[player.id] = 0
            player.bonus += bonus.amount
            return self.referral_code(player), bonus
        referrer = self._referrer(code or "")
        if self.referee_claims_by_ip[ip] >= REFEREE_CLAIMS_PER_IP:
            raise SandboxError(ErrorCode.REFERRAL_CLAIM_EXHAUSTED)
        if referrer.id == player.id or player.id in self.referee_claims:
            raise SandboxError(ErrorCode.REFERRAL_CLAIM_FAILED)
        self.referee_claims.add(player.id)
        self.referee_claims_by_ip[ip] += 1
        self.unclaimed_referrals[referrer.id] = self.unclaimed_referrals.get(referrer.id, 0) + 1
        bonus = money(REFEREE_BONUS, player.profile.currency)
        player.bonus += bonus.amount
        return self.referral_code(referrer), bonus

    # -- chats ----------------------------------------------------------------------------

    def chats(self, token: Token) -> list[tuple[str, bool]]:
        """GET chats: (chat_id, operator initiated) of the player's active chat, if any."""
        player = self.backend.player_of(token)
        if player.email not in CHATS:
            return []
        chat_id = base64.b64encode(hashlib.sha512(b"chat:" + player.id.encode()).digest()[:36]).decode()
        return [(chat_id, CHATS[player.email])]

    # -- user activity ------------------------------------------------------------------

    def record_round(self, player: Player, game: seed.Game | None, play_mode: str,
                     bet_cash: int, bet_bonus: int, win: int) -> None:
        """A round of the demo game: Real rounds count in the day's summary; every round
        counts towards the favourite games."""
        if game is not None:
            self.played.setdefault(player.id, Counter())[game.slug] += 1
        if play_mode != "Real":
            return
        day = self.activity.setdefault((player.id, self.backend.now().date()), DayActivity())
        day.rounds += 1
        day.wagered_cash += bet_cash
        day.wagered_bonus += bet_bonus
        day.paid_cash += win

    def check_day(self, value: str) -> date:
        """A yyyy-mm-dd date no later than today (UTC, sandbox clock), else invalid_request."""
        try:
            day = date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            day = None
        if day is None or day > self.backend.now().date():
            raise invalid_request(["date"])
        return day

    def summaries(self, day: date, user_id: str | None, api: Api) -> list[dict[str, Any]]:
        """GET users/summaries (every player active that day) or users/{id}/summaries."""
        if user_id is not None:
            self.player(user_id)
        rows = []
        for player in self.backend.players.values():
            if user_id is not None and player.id != user_id:
                continue
            activity = self.activity.get((player.id, day))
            if activity is None:
                continue
            rows.append(self._summary_json(player, day, activity, api))
        return rows

    def _summary_json(self, player: Player, day: date, a: DayActivity, api: Api) -> dict[str, Any]:
        currency = player.profile.currency
        m = lambda amount: Money(currency, amount, seed.CURRENCY_BY_CODE[currency].iso_exponent).to_json()  # noqa: E731
        historical = any(
            act.chargebacks for (pid, when), act in self.activity.items() if pid == player.id and when <= day
        )
        return {
            "date": day.isoformat(),
            "user_id": player.id,
            "game_rounds_count": a.rounds,
            "total_amount_wagered": {"cash": m(a.wagered_cash), "bonus": m(a.wagered_bonus)},
            "total_amount_paid": {"cash": m(a.paid_cash), "bonus": m(a.paid_bonus)},
            "total_amount_chargebacks": m(a.chargebacks),
            "has_historical_chargeback": historical,
            "total_progressive_contributions": {"currency": currency, "decimal_amount": a.progressive},
            "total_amount_deposited": m(a.deposited),
            "total_amount_withdrawn": m(a.withdrawn),
            "successful_deposits_count": a.deposits,
            "_links": _user_links(player, api, "user", "user_games"),
        }

    def player(self, user_id: str) -> Player:
        player = self.backend.players.get(user_id)
        if player is None:
            raise SandboxError(ErrorCode.PLAYER_NOT_FOUND)
        return player

    def player_json(self, user_id: str, restricted: bool, api: Api) -> dict[str, Any]:
        """GET users/{user_id} with a privileged token; restricted_activity_subscriber
        gets no mobile_phone, email, firstname, lastname or nickname."""
        player = self.player(user_id)
        profile = player.profile
        body: dict[str, Any] = {
            "user_id": player.id,
            "registration_date": profile.registration_date,
            "profile": profile.profile,
            "locale": profile.locale,
            "country": _country(player),
            "cash_balance": player.cash_balance().to_json(),
            "bonus_balance": player.bonus_balance().to_json(),
            "has_deposited": profile.has_deposited,
        }
        if not restricted:
            if player.mobile_phone:
                body["mobile_phone"] = player.mobile_phone
            body.update(email=player.email, firstname=profile.firstname, lastname=profile.lastname,
                        nickname=profile.nickname)
        body["_links"] = _user_links(player, api, "_self", "games")
        return body

    def favorite_games(self, user_id: str) -> list[dict[str, str]]:
        """GET users/{user_id}/games: games played here (most rounds first), then seeded ones."""
        player = self.player(user_id)
        played = self.played.get(player.id, Counter())
        slugs = [slug for slug, _ in sorted(played.items(), key=lambda item: -item[1])]
        slugs += [s for s in SEEDED_FAVORITES.get(player.email, ()) if s not in slugs]
        by_slug = {g.slug: g for g in seed.GAMES}
        return [
            {
                "provider": by_slug[s].provider,
                "name": by_slug[s].name,
                "category": by_slug[s].category if by_slug[s].category in FAVORITE_CATEGORIES else "other",
            }
            for s in slugs
            if s in by_slug
        ]

    def registrations(self, day: date, api: Api) -> list[dict[str, Any]]:
        """GET registrations: players whose registration date is ``day``, oldest first."""
        rows = []
        for player in self.backend.players.values():
            when = player.profile.registration_date
            if when[:10] != day.isoformat():
                continue
            rows.append({
                "date": when,
                "user_id": player.id,
                "locale": player.profile.locale,
                "country": _country(player),
                "_links": _user_links(player, api, "user", "user_games"),
            })
        return sorted(rows, key=lambda row: row["date"])

    # -- offline sign-on ----------------------------------------------------------------

    def offline_signon(self, email: str, password: str, locale: str) -> dict[str, Any]:
        """The offline_signon page's sign-in: the account's password; no session is made
        (the tokens survive single sign-on and idleness, not a password change)."""
        player = self.backend.player_by_email(email)
        if player is None or not player.member or player.password != password:
            raise SandboxError(ErrorCode.INVALID_PASSWORD)
        refusal = {"locked": ErrorCode.ACCOUNT_LOCKED, "review": ErrorCode.ACCOUNT_REVIEW,
                   "geoblocked": ErrorCode.GEOBLOCKED, "gamstop": ErrorCode.BLOCKED_GAMSTOP}
        if player.profile.trigger in refusal:
            raise SandboxError(refusal[player.profile.trigger])
        return self._signon_pair(player, locale)

    def refresh_offline_signon(self, value: str) -> dict[str, Any]:
        """POST auth/offline_signon/token: a new pair; the Auth token sent is used up."""
        auth = self.auth_tokens.get(value)
        if auth is None or auth.revoked:
            raise SandboxError(ErrorCode.INVALID_CREDENTIALS)
        if self.backend.now() >= auth.expiration:
            raise SandboxError(ErrorCode.EXPIRED_TOKEN)
        player = self.backend.players[auth.player_id]
        if player.password != auth.password:
            raise SandboxError(ErrorCode.INVALID_CREDENTIALS)
        auth.revoked = True
        return self._signon_pair(player, auth.locale)

    def _signon_pair(self, player: Player, locale: str) -> dict[str, Any]:
        bearer = self.backend._new_token(OFFLINE_SIGNON, self.backend.config.brand_id, locale, player_id=player.id)
        self.bearer_passwords[bearer.value] = player.password
        auth = AuthToken(secrets.token_urlsafe(48), player.id, locale,
                         self.backend.now().replace(microsecond=0) + OFFLINE_AUTH_LIFETIME, player.password)
        self.auth_tokens[auth.value] = auth
        return {"player": player, "bearer": bearer, "auth": auth, "signon_id": signon_id(player)}

    def get_signon(self, token: Token, signon: str) -> dict[str, Any]:
        """GET signons/{id}: the token's own signon only (access_denied otherwise); the
        token dies with a password change (invalid_credentials)."""
        player = self.backend.player_of(token)
        if self.bearer_passwords.get(token.value) != player.password:
            raise SandboxError(ErrorCode.INVALID_CREDENTIALS)
        if signon != signon_id(player):
            raise SandboxError(ErrorCode.ACCESS_DENIED)
        return {"email": player.email, "signon_id": signon, "loyalty": extended_loyalty(player)}


def signon_id(player: Player) -> str:
    """A signon per player of the brand group: stable, opaque, not the user id."""
    digest = hashlib.sha256(b"signon:" + player.id.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def extended_loyalty(player: Player) -> dict[str, Any]:
    """The extended Loyalty object; players outside the scheme are at the first tier."""
    tier_key = player.profile.loyalty[0] if player.profile.loyalty else LOYALTY_TIERS[0][0]
    index = next(i for i, t in enumerate(LOYALTY_TIERS) if t[0] == tier_key)
    tier, name, level, points = LOYALTY_TIERS[index]
    body: dict[str, Any] = {"tier": tier, "balance": player.loyalty_balance() or 0, "tier_name": name,
                            "tier_level": level, "tier_points": points}
    if index + 1 < len(LOYALTY_TIERS):
        nxt = LOYALTY_TIERS[index + 1]
        body.update(next_tier=nxt[0], next_tier_name=nxt[1], next_tier_level=nxt[2], next_tier_points=nxt[3])
    return body


def _tags(player: Player) -> set[str]:
    return {name for name, _ in seed.PLAYER_TAGS.get(player.email, ())}


def _country(player: Player) -> str:
    address = player.address or {}
    return address.get("country_code") or player.profile.locale.split("-")[-1]


def _user_links(player: Player, api: Api, user: str, games: str) -> dict[str, dict[str, str]]:
    return {
        user: {"href": api(f"users/{player.id}"), "method": "GET"},
        games: {"href": api(f"users/{player.id}/games"), "method": "GET"},
    }


def signon_response(pair: dict[str, Any], api: Api) -> dict[str, Any]:
    """The Signon Response (page callback and refresh): a Bearer and an Auth token and the
    signon link, named ``sign_on`` (examples) and ``signon`` (table)."""
    bearer, auth = pair["bearer"], pair["auth"]
    link = {"href": api(f"signons/{pair['signon_id']}"), "method": "GET"}
    return {
        "grant_type": OFFLINE_SIGNON,
        "locale": bearer.locale,
        "tokens": [
            {"type": "Bearer", "expiration": iso(bearer.expiration), "value": bearer.value},
            {"type": "Auth", "expiration": iso(auth.expiration), "value": auth.value},
        ],
        "_links": {"sign_on": link, "signon": dict(link)},
    }
