"""The demo brand's tournaments, bonus codes and competitions. Plain data only.

Times are seconds relative to the sandbox clock at reset. Amounts are in hundredths
of one *display unit* of whatever currency a player uses (500 = 5.00 $, 5.00 €, 5.00 mɃ):
a tournament's fees and prizes read the same in every currency of the brand.
Tournament credits are XTC hundredths.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Bot:
    """A player of another brand in the group: on the leaderboard, no account here."""

    nickname: str
    #: XTC hundredths once the tournament runs (before that: the starting credits)
    credits: int
    email: str | None = None


@dataclass(frozen=True)
class Seat:
    """A demo player already registered when the sandbox starts."""

    email: str
    credits: int
    rebuys: int = 0
    paid_type: str = "Cash"


@dataclass(frozen=True)
class TournamentSeed:
    id: int
    name: str
    type: str  # Scheduled or SitAndGo
    game_category: str
    status: str
    description: str
    games: tuple[str, ...]
    minimum: int
    maximum: int
    duration: int
    credits: int = 100_000
    #: Scheduled: seconds from reset to registration opening / start; SitAndGo: start
    #: when already started. None where the status makes it irrelevant.
    opens_in: int | None = None
    starts_in: int | None = None
    #: registration options: (fee, buy_in) for Cash, cost in points for Loyalty
    cash: tuple[int, int] | None = None
    loyalty: int | None = None
    bonus: bool = False
    prize_pool: str = "TotalPrizePool"  # or FixedAmounts
    prize_minimum: int = 0
    #: TotalPrizePool: percent of the pool per rank; FixedAmounts: amount per rank
    prizes: tuple[int, ...] = (50, 30, 20)
    rebuys: tuple[int, int] | None = None  # (max_use_count, cost)
    required_tag: str | None = None
    bots: tuple[Bot, ...] = ()
    seats: tuple[Seat, ...] = ()
    #: for Finished/Canceled seeds: seconds before reset it ended
    ended_ago: int | None = None


SLOTS = ("midnight-racer-video-slot", "zodiac-video-slot", "spartians-video-slot")
CLASSIC = ("lucky-7s-slot", "triple-cherry-classic-slot")
POKER = ("deuces-wild-poker", "jacks-or-better-poker")
TABLES = ("atlantic-city-blackjack", "european-roulette")

TOURNAMENTS: tuple[TournamentSeed, ...] = (
    TournamentSeed(
        101, "Daily Slots Showdown", "Scheduled", "videoslots", "RegistrationOpened",
        "Spin your way up the board: the three best balances after 30 minutes share the pool.",
        SLOTS, minimum=2, maximum=50, duration=1800, credits=100_000,
        opens_in=-3600, starts_in=600, cash=(100, 500), loyalty=100,
        prize_pool="TotalPrizePool", prize_minimum=1_000, prizes=(50, 30, 20), rebuys=(2, 500),
        bots=(Bot("Reel Rita", 102_000), Bot("Spin Doctor", 98_500), Bot("Max <b>Bet</b> & Co", 95_000)),
    ),
    TournamentSeed(
        102, "Turbo Sit & Go", "SitAndGo", "classicslots", "RegistrationOpened",
        "Starts as soon as two players have joined. Ten quick minutes.",
        CLASSIC, minimum=2, maximum=6, duration=600, credits=50_000,
        cash=(50, 200), bonus=True, prize_pool="FixedAmounts", prizes=(1_000, 500),
        bots=(Bot("Cherry Picker", 51_000),),
    ),
    TournamentSeed(
        103, "Weekend Loyalty Freeroll", "Scheduled", "videopokers", "Created",
        "Members only: pay with loyalty points or a bonus code.",
        POKER, minimum=2, maximum=100, duration=3600, credits=100_000,
        opens_in=3600, starts_in=7200, loyalty=500, bonus=True,
        prize_pool="FixedAmounts", prizes=(2_500, 1_000, 500),
    ),
    TournamentSeed(
        104, "High Roller Live", "Scheduled", "videoslots", "Started",
        "The big one. Rebuys allowed while your credits are low.",
        SLOTS, minimum=2, maximum=20, duration=3600, credits=100_000,
        opens_in=-7200, starts_in=-300, cash=(500, 2_000),
        prize_pool="TotalPrizePool", prize_minimum=10_000, prizes=(60, 40), rebuys=(2, 1_000),
        bots=(Bot("Whale Watcher", 151_000), Bot("Lady Luck", 120_000), Bot("Bust Bob", 4_000)),
        seats=(Seat("alice@demo.kore", 5_000, rebuys=1),),
    ),
    TournamentSeed(
        105, "Midweek Mayhem", "Scheduled", "tablegames", "Finished",
        "Last Wednesday's table tournament.",
        TABLES, minimum=2, maximum=30, duration=3600, credits=100_000,
        cash=(100, 400), prize_pool="FixedAmounts", prizes=(5_000, 2_500),
        bots=(Bot("Table Titan", 180_000), Bot("Chip Stacker", 90_000)),
        seats=(Seat("alice@demo.kore", 150_000),),
        ended_ago=2 * 86_400,
    ),
    TournamentSeed(
        106, "Classic Cup", "Scheduled", "classicslots", "Canceled",
        "Canceled: not enough players registered in time.",
        CLASSIC, minimum=10, maximum=50, duration=3600,
        cash=(100, 400), prize_pool="TotalPrizePool", prize_minimum=2_000, ended_ago=86_400,
    ),
    TournamentSeed(
        107, "Flash Finale", "SitAndGo", "other", "Finishing",
        "Just ended: the prizes are being worked out.",
        ("keno-express", "scratch-royale"), minimum=2, maximum=4, duration=600, credits=20_000,
        cash=(50, 100), prize_pool="FixedAmounts", prizes=(800,),
        bots=(Bot("Keno Kate", 26_000), Bot("Scratchy", 14_000)),
        ended_ago=5,
    ),
    TournamentSeed(
        108, "VIP Table Showdown", "Scheduled", "tablegames", "RegistrationOpened",
        "For VIP members only.",
        TABLES, minimum=2, maximum=8, duration=2700, credits=100_000,
        opens_in=-600, starts_in=5400, cash=(1_000, 5_000), loyalty=1_000,
        prize_pool="TotalPrizePool", prize_minimum=20_000, prizes=(70, 30),
        required_tag="KoreDemo_VIP", bots=(Bot("Velvet Rope", 100_000),),
    ),
    TournamentSeed(
        109, "Full House Poker", "Scheduled", "videopokers", "RegistrationOpened",
        "Sold out.",
        POKER, minimum=2, maximum=3, duration=1800,
        opens_in=-600, starts_in=3600, cash=(100, 200), prize_pool="FixedAmounts", prizes=(1_500,),
        bots=(Bot("Ace", 100_000), Bot("King", 100_000), Bot("Queen", 100_000)),
    ),
)


@dataclass(frozen=True)
class BonusCode:
    """A bonus code: usable to register (Bonus registration option) and to claim
    (``POST bonuses/claim``, rules in extras.py). One table for both, one use count."""

    code: str
    #: the bonus error it answers, when it is not simply valid
    error: str | None = None
    #: per-player uses allowed (then bonus_user_claims_exhausted); claims allow 1 when None
    per_player: int | None = None
    required_tag: str | None = None
    #: claims: hundredths of a display unit credited to the bonus balance when Claimed
    amount: int = 0
    #: claims: "Claimed" (credited at once) or "AwaitingDeposit" (credited by a deposit)
    claim_status: str = "Claimed"
    #: claims: the invite code that must come with it (without → bonus_requires_invite)
    invite_code: str | None = None
    #: claims: the code a player must have claimed first (bonus_dependency_unmet)
    requires: str | None = None
    #: claims: only for players who have deposited (bonus_purchase_required)
    deposit_required: bool = False


BONUS_CODES: dict[str, BonusCode] = {
    c.code: c
    for c in (
        BonusCode("FREEROLL"),
        BonusCode("ONCEONLY", per_player=1, amount=500),
        BonusCode("VIPPASS", required_tag="KoreDemo_VIP", amount=2_500),
        BonusCode("OLDCODE", error="bonus_expired"),
        BonusCode("SOON", error="bonus_not_yet_valid"),
        BonusCode("ALLGONE", error="bonus_claims_exhausted"),
        # Tournament registrations carry no invite code: always bonus_requires_invite there.
        BonusCode("INVITEME", error="bonus_requires_invite", invite_code="KORE42", amount=1_500),
        BonusCode("BUSY", error="bonus_claim_in_progress"),
        # Claim codes (5 to 30 characters, as POST bonuses/claim requires).
        BonusCode("WELCOME10", amount=1_000),
        BonusCode("DEPOSIT100", claim_status="AwaitingDeposit", amount=10_000),
        BonusCode("STEPONE", amount=100),
        BonusCode("STEPTWO", requires="STEPONE", amount=200),
        BonusCode("FIRSTBUY", deposit_required=True, amount=500),
        BonusCode("COMINGSOON", error="bonus_not_yet_valid"),
        BonusCode("BUSYNOW", error="bonus_claim_in_progress"),
        BonusCode("BIGDEPOSIT", error="bonus_deposit_unmet"),
        BonusCode("NOTFORYOU", error="bonus_user_restricted"),
        BonusCode("FREEBIELIMIT", error="bonus_limit_reached"),
        BonusCode("WITHDRAWN", error="bonus_withdrawal_made"),
        BonusCode("AFFILIATE", error="bonus_affiliate_unmet"),
        BonusCode("NOCAMPAIGN", error="bonus_campaign_ineligible"),
    )
}

#: Our brand group; competitions of other groups only show with ?all=true.
BRAND_GROUP = "KoreDemo"

_NAMES = (
    "Jackpot Jo", "Reel Rita", "Spin Doctor", "Lucky Lou", "Wild Will", "Bonus Betty", "Cherry Pie",
    "High Hat", "Golden Gus", "Diamond Di", "Clover Cal", "Ace Ann", "Royal Ray", "Stacks Sam",
)


def _crowd(prefix: str, count: int, top: int, step: int, shared: int = 0) -> tuple[tuple[str, str, int], ...]:
    """``count`` players with falling scores; the first ``shared`` have group-wide emails."""
    crowd = []
    for i in range(count):
        name = f"{_NAMES[i % len(_NAMES)]} {i + 1}"
        email = f"fan{i}@group.example" if i < shared else f"{prefix}{i}@{prefix}.example"
        crowd.append((email, name, top - i * step))
    return tuple(crowd)


@dataclass(frozen=True)
class CompetitionSeed:
    id: int
    name: str
    brand_group: str
    starts_in: int
    ends_in: int
    #: (email, nickname, score)
    entries: tuple[tuple[str, str, int], ...] = field(default_factory=tuple)


COMPETITIONS: tuple[CompetitionSeed, ...] = (
    CompetitionSeed(
        1, "Spring Slots Sprint", BRAND_GROUP, -10 * 86_400, 20 * 86_400,
        _crowd("demo", 60, 9_000, 130, shared=30)
        + (("alice@demo.kore", "Lucky Alice", 1_900), ("bruno@demo.kore", "Bruno B", 4_250)),
    ),
    CompetitionSeed(
        2, "Sister Casino Spring Cup", "KoreSister", -10 * 86_400, 20 * 86_400,
        _crowd("sister", 40, 6_000, 120, shared=30) + (("alice@demo.kore", "Lucky Alice", 800),),
    ),
    CompetitionSeed(3, "Summer Showdown", BRAND_GROUP, 15 * 86_400, 45 * 86_400),
    CompetitionSeed(
        4, "Winter Warm-up", BRAND_GROUP, -60 * 86_400, -5 * 86_400,
        _crowd("winter", 12, 3_000, 200) + (("alice@demo.kore", "Lucky Alice", 2_950),),
    ),
)
