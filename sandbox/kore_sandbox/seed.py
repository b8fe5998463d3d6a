"""The demo brand: currencies, locales, demo players, games and progressive jackpots.

Plain data only; models.py turns it into live state on every reset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: The doc's Locales table; nothing else is accepted.
LOCALES = ("en-US", "en-ZA", "fr-FR", "de-DE", "it-IT", "es-ES", "el-GR", "da-DK", "sv-SE", "nb-NO")

PLAY_MODES = ("Practice", "Real")

#: Practice credits (doc: XXX, exponent 2).
PRACTICE = "XXX"


@dataclass(frozen=True)
class Currency:
    currency: str
    symbol: str
    iso_exponent: int = 2
    display_exponent: int = 0
    display_decimals: int = 2

    def to_json(self) -> dict:
        return {
            "currency": self.currency,
            "symbol": self.symbol,
            "iso_exponent": self.iso_exponent,
            "display_exponent": self.display_exponent,
            "display_decimals": self.display_decimals,
        }


# Every currency of the doc's Fiat and Crypto tables. The values the doc shows in its
# GET currencies example (USD, EUR, BTC, XBT, INR) are used as given. The internal
# codes XXX (practice) and XTC (tournament credits) are left out: the endpoint lists
# currencies "opened for registrations", which those are not.
CURRENCIES: tuple[Currency, ...] = (
    Currency("GBP", "£"),
    Currency("EUR", "€"),
    Currency("USD", "$"),
    Currency("CAD", "CA$"),
    Currency("SEK", "kr"),
    Currency("NOK", "kr"),
    Currency("DKK", "kr."),
    Currency("AUD", "A$"),
    Currency("CNY", "¥"),
    Currency("CZK", "Kč"),
    Currency("CHF", "CHF"),
    Currency("RUB", "₽"),
    Currency("UAH", "₴"),
    Currency("TRY", "₺"),
    Currency("NZD", "NZ$"),
    Currency("AMD", "֏"),
    Currency("PLN", "zł"),
    Currency("GEL", "₾"),
    Currency("MXN", "MX$"),
    Currency("ZAR", "R"),
    Currency("INR", "₹", 2, 0, 0),
    Currency("BTC", "mɃ", 8, 3, 2),
    Currency("XBT", "mɃ", 8, 3, 3),
    Currency("BCH", "mBCH", 8, 3, 2),
    Currency("LTC", "mŁ", 8, 3, 2),
)
#: Practice and tournament credits, for formatting only (never listed by the API).
INTERNAL_CURRENCIES = (Currency("XXX", "", 2, 0, 2), Currency("XTC", "", 2, 0, 2))
CURRENCY_BY_CODE = {c.currency: c for c in CURRENCIES + INTERNAL_CURRENCIES}

DEMO_PASSWORD = "Demo-pass-1"  # noqa: S105 - the demo players' documented password


@dataclass(frozen=True)
class DemoPlayer:
    """One seeded player. Amounts are in minor units of ``currency`` (practice in XXX cents)."""

    email: str
    firstname: str
    lastname: str
    nickname: str
    currency: str
    cash: int
    bonus: int = 0
    practice: int = 100_000
    locale: str = "en-US"
    profile: str = "Verified"
    birth_date: str = "1990-01-01"
    registration_date: str = "2023-01-09T12:16:17Z"
    has_deposited: bool = True
    email_verified: str = "Verified"
    phone_verified: str = "Verified"
    #: (tier, tier_name, balance) for loyalty members, else None.
    loyalty: tuple[str, str, int] | None = None
    #: slug → (level, awarded_date)
    medals: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: slug → [(available_rounds, status, created_date, updated_date)]
    free_games: dict[str, list[tuple[int, str, str, str]]] = field(default_factory=dict)
    claimed_offers: tuple[tuple[str, str], ...] = ()
    password: str = DEMO_PASSWORD
    mobile_phone: str | None = None
    #: What signing in leads to (ACCOUNT_PLAYERS): an outcome or an error; None = success.
    trigger: str | None = None


DEMO_PLAYERS: tuple[DemoPlayer, ...] = (
    DemoPlayer(
        "alice@demo.kore", "Alice", "Anders", "Lucky Alice", "USD",
        cash=125_000, bonus=5_000, practice=500_000, profile="VIP", birth_date="1985-04-12",
        loyalty=("KoreDemoGold", "Gold", 1520),
        medals={
            "midnight-racer-video-slot": (3, "2024-03-06T12:16:17Z"),
            "zodiac-video-slot": (1, "2024-02-01T09:00:00Z"),
            "aladdins-loot-video-slot": (4, "2024-04-20T18:30:00Z"),
        },
        free_games={
            "midnight-racer-video-slot": [(10, "pending", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z")],
            "crystal-caverns-video-slot": [(9, "active", "2024-04-29T15:15:26Z", "2024-05-02T08:49:15Z")],
        },
        claimed_offers=(("75free", "2024-03-18T08:56:00Z"),),
    ),
    DemoPlayer(
        "bruno@demo.kore", "Bruno", "Bertrand", "Bruno B", "EUR",
        cash=30_000, locale="fr-FR", birth_date="1979-11-02", phone_verified="NotApplicable",
    ),
    DemoPlayer(
        "chidi@demo.kore", "Chidi", "Okafor", "Chidi O", "ZAR",
        cash=250_000, bonus=10_000, locale="en-ZA", profile="Unverified", email_verified="Unverified",
        phone_verified="AwaitingCode", loyalty=("KoreDemoBronze", "Bronze", 40),
    ),
    DemoPlayer(
        "satoshi@demo.kore", "Satoshi", "Nakamura", "Satoshi N", "BTC",
        cash=5_000_000, birth_date="1975-04-05",
    ),
    DemoPlayer(
        "priya@demo.kore", "Priya", "Sharma", "Priya S", "INR",
        cash=420_000, profile="LowRoller", birth_date="1995-08-15",
    ),
    DemoPlayer(
        "lars@demo.kore", "Lars", "Lindqvist", "Lars L", "SEK",
        cash=0, locale="sv-SE", profile="Unverified", has_deposited=False,
        email_verified="Unverified", phone_verified="Unverified", birth_date="2000-02-29",
    ),
)

# Providers whose games carry attributes and free games sets (doc, Game Properties).
ATTRIBUTE_PROVIDERS = frozenset({"saucify", "genii", "go", "crucible"})
# Providers whose games cannot be played in Practice (the Game Actions table allows the
# play action to be omitted "when play_mode is set to Practice").
REAL_ONLY_PROVIDERS = frozenset({"rival", "evolution"})
# Games launched before sign-in: a play link even with a brand token (doc, Game Actions).
UNAUTHENTICATED_PROVIDERS = frozenset({"betconstruct"})

_SUFFIX = {
    "videoslots": "video-slot",
    "classicslots": "slot",
    "videopokers": "poker",
    "tablegames": "",
    "sportsbook": "",
    "crashgames": "",
    "other": "",
}


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")


@dataclass(frozen=True)
class Game:
    provider: str
    name: str
    category: str
    platform: str = "html"
    device_category: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def slug(self) -> str:
        suffix = _SUFFIX[self.category]
        base = slugify(self.name)
        return f"{base}-{suffix}" if suffix and not base.endswith(suffix) else base

    @property
    def code(self) -> str:
        """The name part of the game id, e.g. ``MidnightRacerVideoSlot``."""
        return "".join(part.capitalize() for part in self.slug.split("-"))

    @property
    def game_id(self) -> str:
        return f"{self.platform.capitalize()}/{self.code}"


def _attrs(**values: str | int | bool) -> tuple[tuple[str, str], ...]:
    return tuple((k, "true" if v is True else str(v)) for k, v in values.items())


G = Game
GAMES: tuple[Game, ...] = (
    # saucify
    G("saucify", "Midnight Racer", "videoslots", attributes=_attrs(lines=30, free_spins=True)),
    G("saucify", "Zodiac", "videoslots", device_category="responsive", attributes=_attrs(lines=12, free_spins=True)),
    G("saucify", "Mrs Greens Plant Emporium", "videoslots", device_category="mobile",
      attributes=_attrs(lines=40, free_spins=True, progressive=True)),
    G("saucify", "Aladdin's Loot", "videoslots", attributes=_attrs(lines=25, feature_game=True, progressive=True)),
    G("saucify", "Rock & Roll Reels", "videoslots", device_category="responsive",
      attributes=_attrs(lines=20, gamble_game=True)),
    G("saucify", "Spartians", "videoslots", attributes=_attrs(lines=30, free_spins=True)),
    G("saucify", "Lucky 7s", "classicslots", attributes=_attrs(lines=1, bonus_bucks=True)),
    G("saucify", "Triple Cherry Classic", "classicslots", attributes=_attrs(lines=3, progressive=True)),
    G("saucify", "Deuces Wild", "videopokers", attributes=_attrs(card_deck=1, deuces_wild=True, play1=True)),
    G("saucify", "Jacks or Better", "videopokers", attributes=_attrs(card_deck=1, play10=True)),
    G("saucify", "Atlantic City Blackjack", "tablegames", attributes=_attrs(decks=8, surrender=True, insurance=True)),
    G("saucify", "European Roulette", "tablegames", attributes=_attrs(single_zero=True)),
    G("saucify", "Keno Express", "other", attributes=_attrs(picks=10, multiplier=5)),
    # genii
    G("genii", "Pharaoh's Fortune", "videoslots", device_category="mobile", attributes=_attrs(lines=20, free_spins=True)),
    G("genii", "Gold & Glory", "videoslots", device_category="desktop", attributes=_attrs(lines=50, max_ways=True)),
    G("genii", "Joker Poker", "videopokers", attributes=_attrs(card_deck=1, jokers_wild=True, play50=True)),
    G("genii", "American Roulette", "tablegames", attributes=_attrs(double_zero=True)),
    # go
    G("go", "Wild Safari", "videoslots", device_category="responsive", attributes=_attrs(lines=243, max_ways=True)),
    G("go", "Neon Nights", "classicslots", attributes=_attrs(lines=5, feature_game=True)),
    G("go", "Elite Blackjack", "tablegames", attributes=_attrs(decks=6, elite=True)),
    # crucible
    G("crucible", "Crystal Caverns", "videoslots", attributes=_attrs(lines=25, gamble_game=True, progressive=True)),
    G("crucible", "Viking Voyage", "videoslots", device_category="responsive", attributes=_attrs(lines=40)),
    G("crucible", "Scratch Royale", "other", attributes=_attrs(multiplier=10)),
    # rival (real money only)
    G("rival", "Major Moolah", "videoslots"),
    G("rival", "Diamond Dragon", "classicslots"),
    G("rival", "Baccarat Classic", "tablegames"),
    # betsoft and nucleus: platform auto (doc, Version 2.7)
    G("betsoft", "The Slotfather", "videoslots", platform="auto"),
    G("betsoft", "At the Copa", "videoslots", platform="auto"),
    G("betsoft", "Pontoon", "tablegames", platform="auto"),
    G("nucleus", "Candy Kingdom", "videoslots", platform="auto"),
    G("nucleus", "Lotto Madness", "other", platform="auto"),
    # evolution (live, real money only)
    G("evolution", "Lightning Roulette", "tablegames"),
    G("evolution", "Crazy Time", "other"),
    G("evolution", "Live Blackjack", "tablegames", device_category="responsive"),
    # pragmaticplay: device_category auto (doc, Version 3.28)
    G("pragmaticplay", "Sweet Bonanza", "videoslots", device_category="auto"),
    G("pragmaticplay", "Gates of Olympus", "videoslots", device_category="auto"),
    G("pragmaticplay", "Wolf Gold", "videoslots", device_category="auto"),
    # betconstruct: each game twice, mobile and desktop, with the same slug (doc, Version 3.28)
    G("betconstruct", "Sportsbook", "sportsbook", device_category="mobile"),
    G("betconstruct", "Sportsbook", "sportsbook", device_category="desktop"),
    G("betconstruct", "Live Betting", "sportsbook", device_category="mobile"),
    G("betconstruct", "Live Betting", "sportsbook", device_category="desktop"),
    # bitville
    G("bitville", "Rocket Crash", "crashgames"),
    G("bitville", "Moon Shot", "crashgames", device_category="responsive"),
    # ezugi
    G("ezugi", "Andar Bahar", "tablegames"),
    G("ezugi", "Teen Patti", "tablegames"),
    # apollo, pariplay
    G("apollo", "Fruit Frenzy", "classicslots"),
    G("pariplay", "Bingo Bonanza", "other"),
)


@dataclass(frozen=True)
class JackpotSeed:
    id: str
    #: value (minor units of the player's currency) when the sandbox was reset
    start: int
    increment_value: int
    increment_interval: int


@dataclass(frozen=True)
class ProgressiveSeed:
    game_slug: str
    currencies: tuple[str, ...]
    jackpots: tuple[JackpotSeed, ...]


PROGRESSIVES: tuple[ProgressiveSeed, ...] = (
    ProgressiveSeed(
        "mrs-greens-plant-emporium-video-slot",
        ("EUR", "USD", "CAD", "SEK", "NOK", "DKK", "NZD"),
        (
            JackpotSeed("GreensMegaJackpot", 6_876_551, 1, 1),
            JackpotSeed("GreensMajorJackpot", 2_307_170, 1, 2),
            JackpotSeed("GreensMinorJackpot", 1_244_903, 1, 3),
        ),
    ),
    ProgressiveSeed(
        "aladdins-loot-video-slot",
        ("USD", "EUR", "GBP", "ZAR", "INR"),
        (
            JackpotSeed("AladdinGrandJackpot", 12_500_000, 5, 2),
            JackpotSeed("AladdinMinorJackpot", 250_000, 1, 5),
        ),
    ),
    ProgressiveSeed(
        "triple-cherry-classic-slot",
        ("USD", "EUR", "SEK"),
        (JackpotSeed("CherryJackpot", 880_000, 2, 3),),
    ),
    ProgressiveSeed(
        "crystal-caverns-video-slot",
        ("USD", "EUR", "BTC"),
        (
            JackpotSeed("CavernsMajorJackpot", 3_400_000, 3, 2),
            JackpotSeed("CavernsMinorJackpot", 410_000, 1, 4),
        ),
    ),
)

MEDAL_NAMES = ("Blue", "Bronze", "Silver", "Gold", "Diamond")

#: The doc's list of tag categories (GET users/{id}/tags).
TAG_CATEGORIES = (
    "PlayerRanking", "CampaignTracker", "InviteList", "Internal", "FlowTask", "Branding", "InviteSource",
    "DepositProcessorType", "LoyaltyTier", "BrandGroup", "Promotions", "AffiliateProgram",
    "BrandPlayerProfile", "RevenueCampaign", "UserSettings", "CampaignTags", "Affiliate",
)
#: email → [(tag name, category)]; every player is also in the brand group.
PLAYER_TAGS: dict[str, tuple[tuple[str, str], ...]] = {
    "alice@demo.kore": (
        ("KoreDemo_VIP", "PlayerRanking"),
        ("DepositAllowed", "DepositProcessorType"),
        ("DepositTrusted", "DepositProcessorType"),
        ("KoreDemoGold", "LoyaltyTier"),
    ),
    "chidi@demo.kore": (("KoreDemoBronze", "LoyaltyTier"), ("DepositAllowed", "DepositProcessorType")),
    "lars@demo.kore": (("KoreDemo_Unverified", "Branding"),),
}
BRAND_GROUP_TAG = ("BrandGroup_KoreDemo", "BrandGroup")

#: email → (cash bet total in USD, deposit count, deposit total in USD): the day's play
#: before the last reset, for GET users/{id}/player_day (play adds to it: backend/player_day.py).
PLAYER_DAYS: dict[str, tuple[str, int, str]] = {
    "alice@demo.kore": ("123.700000000", 2, "500.0000000000"),
    "bruno@demo.kore": ("12.5", 1, "50"),
    "chidi@demo.kore": ("40.25", 1, "120.00"),
}

#: USD for one display unit of each currency, fixed (player_day counts in USD). Others: 1.
USD_RATES: dict[str, str] = {
    "USD": "1", "EUR": "1.08", "GBP": "1.27", "ZAR": "0.055", "INR": "0.012", "SEK": "0.095",
    "NOK": "0.093", "DKK": "0.145", "CAD": "0.73", "AUD": "0.66", "NZD": "0.61", "CHF": "1.13",
    "BTC": "60000", "XBT": "60000", "BCH": "350", "LTC": "70",
}

#: email → (game slug, payout in minor units of the player's currency) for GET users/{id}/stats.
HIGHEST_WINS: dict[str, tuple[str, int]] = {
    "alice@demo.kore": ("spartians-video-slot", 11_750),
    "satoshi@demo.kore": ("rocket-crash", 250_000),
}


# -- accounts: players whose sign-in reaches one outcome or error each (docs/sandbox.md) --

def _account(email: str, trigger: str | None, **extra) -> DemoPlayer:
    name = email.split("@")[0].replace("-", " ").title()
    extra.setdefault("cash", 10_000)
    extra.setdefault("profile", "Unverified")
    return DemoPlayer(email, name.split()[0], "Tester", name[:16], extra.pop("currency", "USD"),
                      trigger=trigger, **extra)


ACCOUNT_PLAYERS: tuple[DemoPlayer, ...] = (
    _account("follow@demo.kore", "follow"),
    # Accounts of the sister brand KoreDemoSister: not members of this brand until activated.
    _account("activate@demo.kore", "activation"),
    _account("activate-nopass@demo.kore", "activation_nopass"),
    _account("change-password@demo.kore", "change_password"),
    _account("changed-recently@demo.kore", "change_password_recent"),
    _account("sms-login@demo.kore", "sms", mobile_phone="+27 82 555 0101", phone_verified="AwaitingCode"),
    _account("unverified@demo.kore", None, mobile_phone="+44 7700 900123", phone_verified="Unverified",
             email_verified="Unverified"),
    _account("address@demo.kore", "address"),
    _account("migrate@demo.kore", "migration", currency="ZAR", birth_date="1990-07-14"),
    _account("migrate-failed@demo.kore", "migration_failed", currency="ZAR", birth_date="1990-07-14"),
    _account("migrate-taken@demo.kore", "migration_unavailable", currency="ZAR", birth_date="1990-07-14"),
    _account("locked@demo.kore", "locked"),
    _account("review@demo.kore", "review"),
    _account("geoblocked@demo.kore", "geoblocked"),
    _account("gamstop@demo.kore", "gamstop"),
    _account("practice-only@demo.kore", "practice_only"),
    _account("password-lock@demo.kore", "password_lock"),
)

#: The brand group's other brand, where the activation players have their accounts.
SISTER_BRAND = "KoreDemoSister"
#: The brand a ZAR migration sends players to (and comes from).
MIGRATION_BRAND = "KoreDemoZA"

#: Words the registration's profanity filter refuses in first name, last name, nickname.
PROFANITY = ("darn", "heck", "crap", "bloody", "bugger")

#: Documented state_code lists (Create User Account, Address).
STATE_CODES: dict[str, frozenset[str]] = {
    "US": frozenset("AK AL AR AS AZ CA CO CT DC DE FL FM GA GU HI IA ID IL IN KS KY LA MA MD ME MH MI MN "
                    "MO MP MS MT NC ND NE NH NJ NM NV NY OH OK OR PA PR PW RI SC SD TN TX UT VA VI VT WA "
                    "WI WV WY".split()),
    "AU": frozenset("ACT NSW NT QLD SA TAS VIC WA".split()),
    "CA": frozenset("AB BC MB NB NL NS NT NU ON PE QC SK YT".split()),
    "ZA": frozenset("EC FS GP KZN LP MP NC NW WC".split()),
}
FUND_SOURCES = ("Salary", "SelfEmployed", "Inheritance", "Savings", "InvestmentIncome", "Pension")
ID_TYPES = ("Id", "Passport")
#: Offers the email check lists as available to new players.
WELCOME_OFFERS = ("75free",)
#: Cash offers the email check lists to a player checking their own address, less those
#: they have claimed (alice has claimed 75free).
PLAYER_OFFERS = ("75free", "20free", "10cashback")

# ISO 3166-1 alpha-2: CLDR's two-letter territories minus its reserved and private codes.
_NOT_ISO = frozenset("AC CP CQ DG EA IC TA EU EZ UN QO XA XB XK ZZ".split())


def _countries() -> frozenset[str]:
    from babel import Locale

    return frozenset(
        code for code in Locale("en").territories
        if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in _NOT_ISO
    )


COUNTRIES = _countries()
