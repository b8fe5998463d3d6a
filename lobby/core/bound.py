"""Kore as one request sees it: the app's client with the request's context bound in.

``kore()`` (lobby/core/upstream.py) hands a view the request's ``RequestKore``: it carries
the signed-in player (their token is every call's default), the return URL Kore sends the
player back to, and the client's address by the lobby's rule (``TRUSTED_PROXIES``), so a
view passes each operation its own arguments only: ``kore().get_user()``,
``kore().claim_bonus(code)``. A flow acting with another token (a brand token, a
registration step's) names it: ``kore().register(token=token, …)``.

The object holds plain values captured when it was made, so it works the same on the
threads of ``Upstream.gather`` and needs no Flask to call Kore. Which calls forward the
client's address is as the lobby always had it: the player's own operations do; brand
listings (competitions, ``GET users``), sign-out and brand tokens do not.

Within one request the player's account (``get_user``) is asked of Kore once: a second
ask gets the first answer, unless a call that changes the account came in between.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from werkzeug.exceptions import Unauthorized

from lobby.kore import models as m
from lobby.kore.models import Link

if TYPE_CHECKING:
    from lobby.core.session import Player
    from lobby.core.upstream import Upstream


class RequestKore:
    """The request's Kore calls: its player's token, return URL and client address included."""

    __slots__ = ("up", "client", "player", "return_url", "client_ip", "_user")

    def __init__(self, up: Upstream, player: Player | None, return_url: str, client_ip: str | None) -> None:
        self.up = up
        self.client = up.client
        self.player = player
        self.return_url = return_url
        self.client_ip = client_ip
        #: The player's account as Kore gave it in this request (None: not asked yet, or
        #: something changed since).
        self._user: m.User | None = None

    # -- the same request, otherwise bound ------------------------------------------
    def for_player(self, player: Player | None) -> RequestKore:
        """This request's Kore for ``player`` (itself when it is the one it carries)."""
        if player is self.player:
            return self
        return RequestKore(self.up, player, self.return_url, self.client_ip)

    def returning_to(self, url: str) -> RequestKore:
        """The same, with Kore sending the player back to ``url`` (e.g. to sign-in, then on)."""
        return RequestKore(self.up, self.player, url, self.client_ip)

    def without_client_address(self) -> RequestKore:
        """The same, forwarding no address: for a server's request (BETCORE's), not a player's."""
        return RequestKore(self.up, self.player, self.return_url, None)

    def _token(self, token: Any) -> Any:
        if token is not None:
            return token
        if self.player is None:  # as signed_in_player: a view behind login_required never sees it
            raise Unauthorized()
        return self.player.token

    def _changed(self) -> None:
        """A call that may change the account: the next ask goes to Kore again."""
        self._user = None

    # -- sign-in and the session ----------------------------------------------------
    def brand_token(self, *, locale: str, tracking: m.TrackingContext | None = None) -> m.BrandTokenResponse:
        return self.client.brand_token(locale=locale, tracking=tracking, return_url=self.return_url)

    def login(self, *, email: str, password: str, play_mode: str, locale: str,
              tracking: m.TrackingContext | None = None, captcha: m.CaptchaToken | None = None,
              device_id: str | None = None) -> m.PlayerTokenResponse:
        return self.client.login(email=email, password=password, play_mode=play_mode, locale=locale,
                                 tracking=tracking, captcha=captcha, device_id=device_id,
                                 return_url=self.return_url, client_ip=self.client_ip)

    def activate(self, *, code: str, play_mode: str, locale: str, password: str | None = None,
                 tracking: m.TrackingContext | None = None, device_id: str | None = None,
                 welcome: m.Welcome | None = None, token: Any = None) -> m.PlayerTokenResponse:
        return self.client.activate(code=code, play_mode=play_mode, locale=locale, password=password,
                                    tracking=tracking, device_id=device_id, welcome=welcome, token=token,
                                    return_url=self.return_url, client_ip=self.client_ip)

    def mutate(self, *, play_mode: str | None = None, locale: str | None = None,
               tracking: m.TrackingContext | None = None, token: Any = None) -> m.PlayerTokenResponse:
        self._changed()
        return self.client.mutate(token=self._token(token), play_mode=play_mode, locale=locale, tracking=tracking,
                                  return_url=self.return_url, client_ip=self.client_ip)

    def logout(self, *, token: Any = None) -> None:
        """End the player's session at Kore (by their ``logout`` link when Kore gave one)."""
        self._changed()
        link = self.player.logout_link if token is None and self.player is not None else None
        self.client.logout(token=self._token(token), link=link, return_url=self.return_url)

    # -- accounts -------------------------------------------------------------------
    def get_users_links(self, *, token: Any = None) -> m.UsersLinks:
        return self.client.get_users_links(token=self._token(token), return_url=self.return_url)

    def register(self, *, token: Any, email: str, password: str, play_mode: str, currency: str | None = None,
                 player_info: m.PlayerInfo | None = None, captcha: m.CaptchaToken | None = None,
                 device_id: str | None = None, affiliate_tag: str | None = None,
                 fast_track_registration_code: str | None = None, welcome: m.Welcome | None = None,
                 link: Link | m.UsersLinks | None = None) -> m.RegistrationResponse:
        return self.client.register(
            token=token, email=email, password=password, play_mode=play_mode, currency=currency,
            player_info=player_info, captcha=captcha, device_id=device_id, affiliate_tag=affiliate_tag,
            fast_track_registration_code=fast_track_registration_code, welcome=welcome, link=link,
            return_url=self.return_url, client_ip=self.client_ip)

    def email_check(self, *, email: str, mode: str | None = None, captcha: m.CaptchaToken | None = None,
                    campaign_id: int | None = None, token: Any = None) -> m.EmailCheckResponse:
        return self.client.email_check(token=self._token(token), email=email, mode=mode, captcha=captcha,
                                       campaign_id=campaign_id, return_url=self.return_url, client_ip=self.client_ip)

    def get_user(self, link: Link | m.PlayerTokenResponse | None = None, *, token: Any = None) -> m.User:
        """The player's account (Kore's errors raised); another's with ``link`` and ``token``."""
        own = link is None and token is None
        if own and self._user is not None:
            return self._user
        if own and self.player is not None:
            link = self.player.user_link
        if link is None:
            raise Unauthorized()
        user = self.client.get_user(token=self._token(token), link=link, return_url=self.return_url,
                                    client_ip=self.client_ip)
        if own:
            self._user = user
        return user

    def user(self) -> m.User | None:
        """The player's account for a page's header, or None when Kore cannot say now (an
        ended session still raises); see ``Upstream.user``."""
        if self._user is not None and self.player is not None:
            self.up.remember_currency(self.player, self._user)  # as the call it stands for would
            return self._user
        user = self.up.user(self.player, self.return_url, self.client_ip)
        if user is not None:
            self._user = user
        return user

    def get_stats(self, user: m.User, *, token: Any = None) -> m.UserStats:
        return self.client.get_stats(token=self._token(token), link=user, return_url=self.return_url,
                                     client_ip=self.client_ip)

    def get_email_status(self, user: m.User, *, token: Any = None) -> m.EmailStatus:
        return self.client.get_email_status(token=self._token(token), link=user, return_url=self.return_url,
                                            client_ip=self.client_ip)

    def get_player_day(self, user: m.User, day: date | str, *, token: Any = None) -> m.PlayerDay:
        return self.client.get_player_day(token=self._token(token), link=user, date=day, return_url=self.return_url,
                                          client_ip=self.client_ip)

    def change_password(self, link: Link | m.PlayerTokenResponse, password: str, *,
                        token: Any = None) -> m.PasswordChange:
        self._changed()
        return self.client.change_password(token=self._token(token), link=link, password=password,
                                           return_url=self.return_url, client_ip=self.client_ip)

    def amend_user(self, link: Link | m.PlayerTokenResponse, player_info: m.PlayerInfo, *,
                   token: Any = None) -> m.RegistrationResponse:
        self._changed()
        return self.client.amend_user(token=self._token(token), link=link, player_info=player_info,
                                      return_url=self.return_url, client_ip=self.client_ip)

    def verify_sms(self, link: Link | m.PlayerTokenResponse | m.User, code: str, *,
                   token: Any = None) -> m.VerificationResult:
        self._changed()
        return self.client.verify_sms(token=self._token(token), link=link, code=code, return_url=self.return_url,
                                      client_ip=self.client_ip)

    def resend_sms(self, link: Link | m.PlayerTokenResponse | m.User, *, token: Any = None) -> m.VerificationResult:
        return self.client.resend_sms(token=self._token(token), link=link, return_url=self.return_url,
                                      client_ip=self.client_ip)

    def create_password_reset(self, *, token: Any, birth_date: date | str, captcha: m.CaptchaToken,
                              email: str | None = None, mobile_phone: str | None = None) -> m.PasswordReset:
        return self.client.create_password_reset(token=token, birth_date=birth_date, captcha=captcha, email=email,
                                                 mobile_phone=mobile_phone, return_url=self.return_url,
                                                 client_ip=self.client_ip)

    def enter_password_reset_code(self, link: Link | m.PasswordReset, code: str, *, play_mode: str,
                                  token: Any) -> m.PasswordReset:
        return self.client.enter_password_reset_code(token=token, link=link, code=code, play_mode=play_mode,
                                                     return_url=self.return_url, client_ip=self.client_ip)

    def resend_password_reset_code(self, link: Link | m.PasswordReset, *, token: Any) -> m.PasswordReset | None:
        return self.client.resend_password_reset_code(token=token, link=link, return_url=self.return_url,
                                                      client_ip=self.client_ip)

    # -- games ----------------------------------------------------------------------
    def player_games(self) -> list[m.Game]:
        """The player's game list (reused for seconds, see ``Upstream.player_games``)."""
        return self.up.player_games(self.player, self.return_url, self.client_ip)

    def get_game(self, game: Link | m.Game, *, token: Any = None) -> m.Game:
        return self.client.get_game(token=self._token(token), link=game, return_url=self.return_url,
                                    client_ip=self.client_ip)

    def launch_game(self, game: Link | m.Game, *, section: str, path_suffix: str | None = None,
                    token: Any = None) -> m.GameLaunch:
        return self.client.launch_game(token=self._token(token), link=game, section=section, path_suffix=path_suffix,
                                       return_url=self.return_url, client_ip=self.client_ip)

    def launch_token(self, game: Link | m.Game, *, device_category: str | None = None,
                     token: Any = None) -> m.LaunchToken:
        return self.client.launch_token(token=self._token(token), link=game, device_category=device_category,
                                        return_url=self.return_url, client_ip=self.client_ip)

    # -- tournaments and competitions -------------------------------------------------
    def tournament_news(self, link: Link | m.TournamentNews | None = None, *, token: Any = None) -> m.TournamentNews:
        return self.client.tournament_news(token=self._token(token), link=link, return_url=self.return_url,
                                           client_ip=self.client_ip)

    def list_tournaments(self, *, token: Any = None) -> list[m.Tournament]:
        return self.client.list_tournaments(token=self._token(token), return_url=self.return_url,
                                            client_ip=self.client_ip)

    def get_tournament(self, link: Link | m.Tournament, *, token: Any = None) -> m.Tournament:
        return self.client.get_tournament(token=self._token(token), link=link, return_url=self.return_url,
                                          client_ip=self.client_ip)

    def register_for_tournament(self, link: Link | m.Tournament, *, type: str, bonus_code: str | None = None,
                                token: Any = None) -> m.TournamentRegistration:
        self._changed()
        return self.client.register_for_tournament(token=self._token(token), link=link, type=type,
                                                   bonus_code=bonus_code, return_url=self.return_url,
                                                   client_ip=self.client_ip)

    def unregister_from_tournament(self, link: Link | m.Tournament, *, token: Any = None) -> None:
        self._changed()
        self.client.unregister_from_tournament(token=self._token(token), link=link, return_url=self.return_url,
                                               client_ip=self.client_ip)

    def purchase_rebuy(self, link: Link | m.Tournament, *, type: str = "Cash", token: Any = None) -> m.RebuysStatus:
        self._changed()
        return self.client.purchase_rebuy(token=self._token(token), link=link, type=type, return_url=self.return_url,
                                          client_ip=self.client_ip)

    def list_competitions(self, *, all: bool = False, token: Any = None) -> list[m.Competition]:
        return self.client.list_competitions(token=self._token(token), all=all, return_url=self.return_url)

    def competition_leaderboard(self, ids: int | Sequence[int], *, limit: int | None = None,
                                token: Any = None) -> m.Leaderboard:
        return self.client.competition_leaderboard(token=self._token(token), ids=ids, limit=limit,
                                                   return_url=self.return_url)

    # -- bonuses, chats, referrals, migrations ----------------------------------------
    def claim_bonus(self, bonus_code: str | None = None, *, invite_code: str | None = None,
                    campaign: m.Campaign | None = None, token: Any = None) -> m.BonusClaim:
        self._changed()
        return self.client.claim_bonus(token=self._token(token), bonus_code=bonus_code, invite_code=invite_code,
                                       campaign=campaign, return_url=self.return_url, client_ip=self.client_ip)

    def filter_bonus_codes(self, codes: Iterable[str], *, token: Any = None) -> list[str]:
        return self.client.filter_bonus_codes(token=self._token(token), codes=codes, return_url=self.return_url,
                                              client_ip=self.client_ip)

    def chats(self, *, token: Any = None) -> list[m.Chat]:
        return self.client.chats(token=self._token(token), return_url=self.return_url, client_ip=self.client_ip)

    def get_referral(self, *, token: Any = None) -> m.PlayerReferral:
        return self.client.get_referral(token=self._token(token), return_url=self.return_url,
                                        client_ip=self.client_ip)

    def get_referral_code(self, code: str, *, token: Any = None) -> m.ReferralCodeInfo:
        return self.client.get_referral_code(token=self._token(token), code=code, return_url=self.return_url,
                                             client_ip=self.client_ip)

    def claim_referral(self, claim_type: str, *, referral_code: str | None = None,
                       token: Any = None) -> m.ReferralClaim:
        self._changed()
        return self.client.claim_referral(token=self._token(token), claim_type=claim_type,
                                          referral_code=referral_code, return_url=self.return_url,
                                          client_ip=self.client_ip)

    def get_migration(self, migration_id: str, *, token: Any) -> m.MigrationStatus:
        return self.client.get_migration(token=token, migration_id=migration_id, return_url=self.return_url,
                                         client_ip=self.client_ip)

    def migrate(self, migration_id: str, *, identification: m.Identification, password: str, play_mode: str,
                device_id: str | None = None, token: Any) -> m.MigrationStatus:
        return self.client.migrate(token=token, migration_id=migration_id, identification=identification,
                                   password=password, play_mode=play_mode, device_id=device_id,
                                   return_url=self.return_url, client_ip=self.client_ip)
