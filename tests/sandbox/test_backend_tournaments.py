"""The sandbox's tournament and competition rules, on the backend directly with a frozen clock."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from lobby.kore.errors import ErrorCode
from kore_sandbox.backend import SandboxBackend
from kore_sandbox.backend.tournaments import FINISHING_SECONDS
from kore_sandbox.clock import Clock
from kore_sandbox.exceptions import SandboxError
from kore_sandbox.serializers import news

START = datetime(2030, 1, 1, 12, 0, 0, tzinfo=timezone.utc)

DAILY, SIT_AND_GO, FREEROLL, HIGH_ROLLER, MIDWEEK, CLASSIC_CUP, FLASH, VIP, FULL_HOUSE = range(101, 110)


@pytest.fixture
def backend() -> SandboxBackend:
    return SandboxBackend(clock=Clock(source=lambda: START))


def sign_in(backend: SandboxBackend, email: str = "alice@demo.kore", play_mode: str = "Real"):
    outcome = backend.login(
        "KoreDemo", "en-US", email, "Demo-pass-1", play_mode,
        captcha=None, tracking={}, return_url=None, ip=None, user_agent=None,
    )
    return outcome.token


def status(backend: SandboxBackend, token, tid: int) -> str:
    return backend.get_tournament(token, tid)[1].status


def code_of(call) -> ErrorCode:
    with pytest.raises(SandboxError) as caught:
        call()
    return caught.value.code


def test_scheduled_tournament_runs_its_life_cycle_with_the_clock_and_pays_prizes(backend):
    alice = sign_in(backend)
    player = backend.player_of(alice)
    backend.register_for_tournament(alice, DAILY, "Cash", None)
    assert player.cash == 125_000 - 600  # fee 1.00 + buy-in 5.00, from cash only
    assert player.bonus == 5_000
    assert status(backend, alice, DAILY) == "RegistrationOpened"

    backend.clock.advance(600)
    assert status(backend, alice, DAILY) == "Started"
    assert backend.play_tournament_round(player, DAILY) != "not_started"

    backend.clock.advance(1800)
    assert status(backend, alice, DAILY) == "Finishing"
    backend.clock.advance(FINISHING_SECONDS - 1)
    assert status(backend, alice, DAILY) == "Finishing"
    cash_before = player.cash
    backend.clock.advance(1)
    _, t = backend.get_tournament(alice, DAILY)
    assert t.status == "Finished" and t.changed_at <= backend.clock.now()
    entry = t.entry_of(player)
    # Four players, three prizes: one round cannot drop alice below the last bot.
    assert entry.rank <= 3 and entry.prize == t.prize_for(entry.rank) > 0
    assert player.cash == cash_before + entry.prize
    texts = [news.write(n.kind, n.params, "en-US") for n in backend.news]
    assert "Daily Slots Showdown has started." in texts
    assert any(text.startswith("Lucky Alice has won") and "Daily Slots Showdown" in text for text in texts)


def test_total_prize_pool_grows_with_registrations_fixed_amounts_do_not(backend):
    alice = sign_in(backend)
    _, daily = backend.get_tournament(alice, DAILY)
    assert daily.pool == 1_500 and daily.pool_minimum == 1_000  # three bots' buy-ins, above the minimum
    backend.register_for_tournament(alice, DAILY, "Cash", None)
    assert daily.pool == 2_000
    assert [daily.prize_for(r) for r in (1, 2, 3, 4)] == [1_000, 600, 400, 0]
    _, sit = backend.get_tournament(alice, SIT_AND_GO)
    assert sit.pool == sit.pool_minimum == 1_500
    assert sit.prize_for(1) == sit.prize_for(1, minimum=True) == 1_000


def test_sit_and_go_starts_when_the_minimum_is_reached(backend):
    alice = sign_in(backend)
    _, sit = backend.get_tournament(alice, SIT_AND_GO)
    assert sit.status == "RegistrationOpened" and sit.starts_at is None
    backend.clock.advance(86_400)
    assert status(backend, alice, SIT_AND_GO) == "RegistrationOpened"  # time alone does not start it
    backend.register_for_tournament(alice, SIT_AND_GO, "Bonus", "FREEROLL")
    assert sit.status == "Started" and sit.starts_at == backend.clock.now()
    backend.clock.advance(600 + FINISHING_SECONDS)
    assert status(backend, alice, SIT_AND_GO) == "Finished"


def test_scheduled_tournament_without_enough_players_is_canceled_and_refunded(backend):
    alice = sign_in(backend)
    player = backend.player_of(alice)
    assert code_of(lambda: backend.register_for_tournament(alice, FREEROLL, "Loyalty", None)) == (
        ErrorCode.TOURNAMENT_NOT_REGISTERING
    )
    backend.clock.advance(3600)
    assert status(backend, alice, FREEROLL) == "RegistrationOpened"
    backend.register_for_tournament(alice, FREEROLL, "Loyalty", None)
    assert player.loyalty_balance() == 1_520 - 500
    backend.clock.advance(3600)
    _, t = backend.get_tournament(alice, FREEROLL)
    assert t.status == "Canceled"
    assert player.loyalty_balance() == 1_520
    assert "Weekend Loyalty Freeroll was canceled: not enough players." in [news.write(n.kind, n.params, "en-US") for n in backend.news]


def test_unregister_refunds_the_cash_and_is_refused_once_started(backend):
    alice = sign_in(backend)
    player = backend.player_of(alice)
    backend.register_for_tournament(alice, DAILY, "Cash", None)
    backend.unregister_from_tournament(alice, DAILY)
    assert player.cash == 125_000
    assert code_of(lambda: backend.unregister_from_tournament(alice, DAILY)) == ErrorCode.PLAYER_NOT_REGISTERED
    backend.register_for_tournament(alice, DAILY, "Cash", None)
    backend.clock.advance(600)
    assert code_of(lambda: backend.unregister_from_tournament(alice, DAILY)) == ErrorCode.TOURNAMENT_STARTED


def test_registering_twice_is_not_charged_twice(backend):
    alice = sign_in(backend)
    player = backend.player_of(alice)
    backend.register_for_tournament(alice, DAILY, "Cash", None)
    backend.register_for_tournament(alice, DAILY, "Cash", None)
    assert player.cash == 125_000 - 600


@pytest.mark.parametrize(
    "email, tid, kind, bonus_code, code",
    [
        ("alice@demo.kore", FREEROLL, "Loyalty", None, ErrorCode.TOURNAMENT_NOT_REGISTERING),
        ("alice@demo.kore", CLASSIC_CUP, "Cash", None, ErrorCode.TOURNAMENT_NOT_REGISTERING),
        ("bruno@demo.kore", VIP, "Cash", None, ErrorCode.TOURNAMENT_TAG_RESTRICTION),
        ("bruno@demo.kore", HIGH_ROLLER, "Cash", None, ErrorCode.TOURNAMENT_STARTED),
        ("bruno@demo.kore", MIDWEEK, "Cash", None, ErrorCode.TOURNAMENT_STARTED),
        ("bruno@demo.kore", FULL_HOUSE, "Cash", None, ErrorCode.TOURNAMENT_FULL),
        ("alice@demo.kore", SIT_AND_GO, "Loyalty", None, ErrorCode.REGISTRATION_LOYALTY_NOT_SUPPORTED),
        ("lars@demo.kore", DAILY, "Cash", None, ErrorCode.INSUFFICIENT_BALANCE),
        ("chidi@demo.kore", DAILY, "Loyalty", None, ErrorCode.INSUFFICIENT_LOYALTY),
        ("bruno@demo.kore", DAILY, "Loyalty", None, ErrorCode.INSUFFICIENT_LOYALTY),
        ("alice@demo.kore", SIT_AND_GO, "Bonus", "NOPE", ErrorCode.BONUS_INVALID),
        ("alice@demo.kore", SIT_AND_GO, "Bonus", "OLDCODE", ErrorCode.BONUS_EXPIRED),
        ("alice@demo.kore", SIT_AND_GO, "Bonus", "SOON", ErrorCode.BONUS_NOT_YET_VALID),
        ("alice@demo.kore", SIT_AND_GO, "Bonus", "ALLGONE", ErrorCode.BONUS_CLAIMS_EXHAUSTED),
        ("bruno@demo.kore", SIT_AND_GO, "Bonus", "VIPPASS", ErrorCode.BONUS_TAG_VIOLATION),
        ("alice@demo.kore", DAILY, "Bonus", "FREEROLL", ErrorCode.INVALID_REQUEST),
    ],
)
def test_each_registration_rule_answers_its_documented_error(backend, email, tid, kind, bonus_code, code):
    token = sign_in(backend, email)
    player = backend.player_of(token)
    cash, points = player.cash, player.loyalty_balance()
    assert code_of(lambda: backend.register_for_tournament(token, tid, kind, bonus_code)) == code
    assert (player.cash, player.loyalty_balance()) == (cash, points)  # nothing taken


def test_cash_only_tournament_and_loyalty_only_tournament(backend):
    alice = sign_in(backend)
    backend.clock.advance(3600)  # the freeroll opens: Loyalty and Bonus only
    assert code_of(lambda: backend.register_for_tournament(alice, FREEROLL, "Cash", None)) == (
        ErrorCode.REGISTRATION_CASH_NOT_SUPPORTED
    )


def test_a_one_time_bonus_code_works_once(backend):
    alice = sign_in(backend)
    backend.register_for_tournament(alice, SIT_AND_GO, "Bonus", "onceonly")
    backend.clock.advance(3600)
    assert code_of(lambda: backend.register_for_tournament(alice, FREEROLL, "Bonus", "ONCEONLY")) == (
        ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED
    )


def test_rebuys_have_limits_a_cost_and_a_balance_rule(backend):
    alice = sign_in(backend)
    player = backend.player_of(alice)
    _, t = backend.purchase_rebuy(alice, HIGH_ROLLER, "Cash")  # seeded: 1 of 2 used, 50.00 credits left
    entry = t.entry_of(player)
    assert (entry.rebuys, entry.credits) == (2, 100_000)
    assert player.cash == 125_000 - 1_000
    # Rebuys feed a TotalPrizePool: 4 buy-ins of 20.00 + 10.00, still under the 100.00 minimum.
    assert t.rebuy_total == 1_000 and t.pool == 10_000
    t.rebuy_total += 5_000
    assert t.pool == 4 * 2_000 + 6_000
    assert code_of(lambda: backend.purchase_rebuy(alice, HIGH_ROLLER, "Cash")) == ErrorCode.TOURNAMENT_REBUYS_EXCEEDED

    assert code_of(lambda: backend.purchase_rebuy(alice, DAILY, "Cash")) == ErrorCode.PLAYER_NOT_REGISTERED
    backend.register_for_tournament(alice, DAILY, "Cash", None)
    assert code_of(lambda: backend.purchase_rebuy(alice, DAILY, "Cash")) == ErrorCode.TOURNAMENT_NOT_STARTED
    backend.clock.advance(600)
    assert code_of(lambda: backend.purchase_rebuy(alice, DAILY, "Cash")) == ErrorCode.TOURNAMENT_BALANCE_EXCESSIVE


def test_play_moves_tournament_credits_only_and_ranks_ties_together(backend):
    alice = sign_in(backend)
    player = backend.player_of(alice)
    assert backend.play_tournament_round(player, DAILY) == "not_registered"
    backend.register_for_tournament(alice, DAILY, "Cash", None)
    assert backend.play_tournament_round(player, DAILY) == "not_started"
    backend.clock.advance(600)
    cash = player.cash
    bet, win = backend.play_tournament_round(player, DAILY)
    _, t = backend.get_tournament(alice, DAILY)
    assert t.entry_of(player).credits == 100_000 - bet + win
    assert player.cash == cash
    t.entry_of(player).credits = 102_000  # level with Reel Rita
    ranks = {e.nickname: e.rank for e in t.ranked()}
    assert ranks["Lucky Alice"] == ranks["Reel Rita"] == 1 and ranks["Spin Doctor"] == 3


def test_practice_tokens_are_refused(backend):
    practice = sign_in(backend, play_mode="Practice")
    assert code_of(lambda: backend.list_tournaments(practice)) == ErrorCode.UNSUPPORTED_PLAY_MODE


def test_news_min_id_returns_only_newer_items(backend):
    alice = sign_in(backend)
    first, latest = backend.tournament_news(alice, None)
    assert [n.id for n in first] == sorted((n.id for n in first), reverse=True)
    assert backend.tournament_news(alice, latest) == ([], latest)
    backend.register_for_tournament(alice, DAILY, "Cash", None)
    newer, after = backend.tournament_news(alice, latest)
    assert [news.write(n.kind, n.params, "en-US") for n in newer] == ["Lucky Alice joined Daily Slots Showdown."]
    assert news.write(newer[0].kind, newer[0].params, "de-DE") == "Lucky Alice nimmt an Daily Slots Showdown teil."
    assert after == latest + 1


def test_competitions_merge_by_email_and_show_the_hole(backend):
    alice = backend.player_by_email("alice@demo.kore")
    ids, board, mine = backend.competition_leaderboard([1, 2], 5, alice)
    assert ids == [1, 2]
    assert mine == ("Lucky Alice", mine[1], 1_900 + 800)
    assert [r[1] for r in board[:5]] == [1, 2, 3, 4, 5]
    assert len(board) == 10 and mine in board  # five on top, then two above, alice, two below
    _, top, _ = backend.competition_leaderboard([1], 500, alice)
    assert ("Lucky Alice", next(r[1] for r in top if r[0] == "Lucky Alice"), 1_900) in top
    assert code_of(lambda: backend.competition_leaderboard([1, 99], 10, None)) == ErrorCode.COMPETITION_NOT_FOUND
    assert [c.spec.id for c in backend.list_competitions(False)] == [1, 3]
    assert [c.spec.id for c in backend.list_competitions(True)] == [1, 2, 3]


@pytest.mark.parametrize("locale, text", [
    ("en-US", "Table Titan has won 50.00 USD (1st place) in Midweek Mayhem!"),
    ("fr-FR", "Table Titan a gagné 50.00 USD (1re place) dans Midweek Mayhem !"),
    ("de-DE", "Table Titan hat 50.00 USD gewonnen (1. Platz) in Midweek Mayhem!"),
    ("el-GR", "Ο/Η Table Titan κέρδισε 50.00 USD (1η θέση) στο Midweek Mayhem!"),
    ("sv-SE", "Table Titan har vunnit 50.00 USD (1:a plats) i Midweek Mayhem!"),
])
def test_news_are_written_in_the_readers_language(locale, text):
    """Kore's news items are "localized": the sandbox writes them for the token's locale."""
    assert news.write("won", {"player": "Table Titan", "amount": "50.00 USD", "rank": 1,
                              "name": "Midweek Mayhem"}, locale) == text
