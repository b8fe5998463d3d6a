"""Games: the catalog, jackpots, currencies, launch tokens and the demo game's rounds.
Part of SandboxBackend."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from lobby.kore.errors import ErrorCode

from .. import seed
from ..exceptions import SandboxError
from .base import BackendBase, locked
from .entities import Jackpot, Money, Player, Session, SpinResult, Token
from .grants import LAUNCH_GAME, PLAYER

#: Jackpots are recomputed at this cadence ("The API typically cache ... for 30 seconds").
JACKPOT_CACHE_SECONDS = 30
#: A launch token only has to survive the trip through the browser to the game.
LAUNCH_TOKEN_LIFETIME = timedelta(minutes=5)


def _floor(when: datetime, seconds: int) -> datetime:
    epoch = int(when.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=timezone.utc)


class GamesMixin(BackendBase):
    def _reset_games(self) -> None:
        self.jackpot_epoch = _floor(self.now(), JACKPOT_CACHE_SECONDS)

    def list_games(self, platform: str | None = None, category: str | None = None) -> list[seed.Game]:
        """GET games: the catalog (links and per-player parts are the serializer's business).

        Leaves out: the catalog is the same for every locale and country.
        """
        return [
            g
            for g in seed.GAMES
            if (platform is None or g.platform == platform) and (category is None or g.category == category)
        ]

    def get_game(self, platform: str, code: str, device_category: str | None = None) -> seed.Game | None:
        """GET games/{platform}/{name}; for betconstruct's twins, the variant asked for.

        Leaves out: an unknown game is None (a plain 404: the doc names no error code).
        """
        matches = [g for g in seed.GAMES if g.platform == platform.lower() and g.code.lower() == code.lower()]
        if not matches:
            return None
        if device_category:
            for game in matches:
                if game.device_category == device_category:
                    return game
        return matches[-1] if len(matches) > 1 else matches[0]

    def game_medal(self, player: Player | None, game: seed.Game) -> tuple[int, str] | None:
        """The player's medal on a game: (level, awarded date), seeded only."""
        if player is None or game.slug not in player.profile.medals:
            return None
        return player.profile.medals[game.slug]

    def free_games(self, player: Player | None, game: seed.Game) -> list[tuple[int, str, str, str]] | None:
        """Free game sets (rounds, status, created, updated) for attribute providers' games;
        None for other providers, [] for a brand token."""
        if game.provider not in seed.ATTRIBUTE_PROVIDERS:
            return None
        if player is None:
            return []
        return list(player.profile.free_games.get(game.slug, []))

    @locked
    def progressive_games(self) -> list[tuple[seed.ProgressiveSeed, list[Jackpot]]]:
        """GET progressives/games: values as of the last 30-second boundary of the clock.

        Leaves out: jackpots only grow (nobody wins them).
        """
        timestamp = _floor(self.now(), JACKPOT_CACHE_SECONDS)
        elapsed = int((timestamp - self.jackpot_epoch).total_seconds())
        result = []
        for game in seed.PROGRESSIVES:
            jackpots = [
                Jackpot(
                    j.id,
                    j.start + j.increment_value * (max(elapsed, 0) // j.increment_interval),
                    j.increment_value,
                    j.increment_interval,
                    timestamp,
                )
                for j in game.jackpots
            ]
            jackpots.sort(key=lambda j: j.current, reverse=True)
            result.append((game, jackpots))
        return result

    def currencies(self) -> tuple[seed.Currency, ...]:
        """GET currencies: every currency of the doc's tables except the internal XXX/XTC."""
        return seed.CURRENCIES

    def launch_game(self, platform: str, code: str, device_category: str | None) -> seed.Game | None:
        """POST games/{platform}/{name}/launch: the betconstruct game to launch, or None.

        Leaves out: the section and path suffix only travel in the play link.
        """
        game = self.get_game(platform, code, device_category)
        if game is None or game.provider not in seed.UNAUTHENTICATED_PROVIDERS:
            return None
        return game

    @locked
    def launch_token(self, token: Token, platform: str, code: str, device_category: str | None) -> Token | None:
        """POST games/{platform}/{name}/tokens: a launch_game token for the token's session;
        None for an unknown or non-betconstruct game. Real play mode only.

        Leaves out: the token is single-use and lives 5 minutes (the doc says neither).
        """
        if token.play_mode != "Real":
            # The doc requires Real play mode and names no error for Practice: the token
            # does not give access to this resource.
            raise SandboxError(
                ErrorCode.ACCESS_DENIED, "Launch tokens need a player_credentials token in Real play mode."
            )
        if self.launch_game(platform, code, device_category) is None:
            return None
        launch = self._new_token(
            LAUNCH_GAME, token.brand_id, token.locale, session_id=token.session_id, play_mode="Real"
        )
        launch = replace(launch, expiration=self.now().replace(microsecond=0) + LAUNCH_TOKEN_LIFETIME)
        self.tokens[launch.value] = launch
        return launch

    @locked
    def redeem_launch_token(self, value: str | None) -> Token | None:
        """The live session a launch token stands for, or None (unknown, expired, ended)."""
        token = self.tokens.get(value or "")
        if token is None or token.grant_type != LAUNCH_GAME or token.expiration <= self.now():
            return None
        if self.open_play_session(token.session_id) is None:
            return None
        # One use: a launch token that leaked from the browser cannot be replayed.
        del self.tokens[token.value]
        return token

    @locked
    def open_play_session(self, session_id: str | None) -> tuple[Session, Player] | None:
        """The live session behind a play link, touched; None once it has ended."""
        session = self.sessions.get(session_id or "")
        now = self.now()
        if session is None or not session.alive(now, self.config.idle_timeout):
            return None
        session.last_seen = now
        return session, self.players[session.player_id]

    @locked
    def spin_for(self, email: str, slug: str) -> SpinResult | None:
        """One round of ``slug`` in the player's live session, in its play mode, as if the
        player pressed Spin in the demo game (POST /_sandbox/spin). LookupError when there
        is no such player, game or live session; None when the balance cannot cover the bet."""
        player = self.player_by_email(email)
        if player is None:
            raise LookupError(f"no player {email}")
        game = next((g for g in seed.GAMES if g.slug == slug), None)
        if game is None:
            raise LookupError(f"no game {slug}")
        now = self.now()
        live = [t for t in self.tokens.values() if t.grant_type == PLAYER and not t.revoked
                and t.player_id == player.id and t.session_id in self.sessions
                and self.sessions[t.session_id].alive(now, self.config.idle_timeout)]
        if not live:
            raise LookupError(f"{email} is not signed in")
        token = max(live, key=lambda t: t.expiration)
        return self.spin(token.session_id, token.play_mode, game)

    @locked
    def spin(self, session_id: str | None, play_mode: str, game: seed.Game | None = None) -> SpinResult | None:
        """One round of the demo game: bet 1.00 (one display unit), random win.

        Bets come out of cash before bonus; wins go to cash (Practice: practice credits).
        None when the balance cannot cover the bet. The round counts in the player's
        activity (summaries, favourite games: activity.py) and is pushed as BalanceUpdate.
        """
        opened = self.open_play_session(session_id)
        if opened is None:
            raise SandboxError(ErrorCode.EXPIRED_PLAYER_SESSION)
        _, player = opened
        currency = seed.PRACTICE if play_mode == "Practice" else player.profile.currency
        spec = seed.CURRENCY_BY_CODE[currency]
        bet = 10 ** (spec.iso_exponent - spec.display_exponent)
        multiplier = self.random.choices((0, 0.5, 2, 5, 20), weights=(55, 20, 17, 6, 2))[0]
        win = int(bet * multiplier)
        if play_mode == "Practice":
            if player.practice < bet:
                return None
            player.practice += win - bet
            self.record_round(player, game, play_mode, 0, 0, 0)
        else:
            if player.cash + player.bonus < bet:
                return None
            from_cash = min(bet, player.cash)
            player.cash -= from_cash
            player.bonus -= bet - from_cash
            player.cash += win
            self.record_round(player, game, play_mode, from_cash, bet - from_cash, win)
            self.count_bet(player, from_cash)
        self._balance_changed(player)
        exponent = spec.iso_exponent
        return SpinResult(Money(currency, bet, exponent), Money(currency, win, exponent), player.balance(play_mode))
