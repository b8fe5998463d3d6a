"""The Kore API v3 client: one method per documented endpoint.

Rules every method follows:

- Resources Kore hands out as links are reached by following the link by name (the
  method takes the ``Link``, or the object that carries it); no URL Kore hands out is
  built here and no ID is parsed out of one. Only the documented entry points (the
  ``~/v3/api/...`` paths in the index) are joined to ``base_url``.
- Headers are set as each endpoint's "Required Headers" row says: ``X-Kore-ReturnUrl``
  (the per-call ``return_url=`` or the client default), ``Content-Type:
  application/json`` and ``Authorization: Bearer …``. Where a player is acting,
  ``client_ip=`` is sent as ``X-Forwarded-For`` so that Kore rate-limits, geoblocks and
  tracks the player rather than the lobby's address.
- Tokens are passed as ``token=``: a ``Token``, its string value, or a token response
  (its Bearer token is used).
- What the documentation constrains cheaply is checked before calling Kore (ValueError).
  Properties Kore validates "non-fatally" (``device_id``, ``tracking``) are not: Kore
  drops them and reports it in ``errors``, which a client-side error would turn fatal.
"""

from __future__ import annotations

import ipaddress
import re
import time
from datetime import date, datetime
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import quote, urlencode, urlsplit

from . import models as m
from .errors import KoreError, KoreUnavailable
from .http import DEFAULT_TIMEOUT, IDEMPOTENT_METHODS, HttpClient, HttpResponse
from .models import Link, MissingLinkError

_PRIVILEGED_GRANTS = ("brand_credentials", "restricted_activity_subscriber", "tracking", "leaderboard")
_TOURNAMENT_REGISTRATION_TYPES = ("Cash", "Loyalty", "Bonus")
_EMAIL_CHECK_MODES = ("simple_check", "fast_track_registration", "campaign_list_check")
_PATH_SUFFIX = re.compile(r"^[^/?](?:[^?]*[^/?])?$")


class KoreClient:
    """A client for one brand of one Kore deployment.

    ``base_url`` is the Kore root (``http://127.0.0.1:8001``); endpoints live under
    ``{base_url}/v3/api/``. One instance per process: it owns the pooled HTTP session.
    """

    def __init__(
        self,
        base_url: str,
        brand_id: str,
        *,
        return_url: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        backoff: float = 0.25,
        budget: float = 8.0,
        pool_size: int = 32,
        forwarded_for: str | None = None,
        http: HttpClient | None = None,
        observer: Callable[[str, str, str, float], None] | None = None,
        context_headers: Callable[[], Mapping[str, str]] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        #: Told of every call once it is over: ``observer(method, path, outcome, seconds)``
        #: with outcome "ok", "refused" (Kore answered no) or "unavailable" (no answer, or
        #: one that says Kore cannot serve now). Metrics, without the client knowing of them.
        self.observer = observer
        #: Headers of the caller's context for every call (e.g. the lobby's X-Request-Id).
        self.context_headers = context_headers
        self.brand_id = brand_id
        self.return_url = return_url
        #: The X-Forwarded-For sent when a call names no ``client_ip`` (e.g. a fixed
        #: address for server-to-server jobs).
        self.forwarded_for = _checked_ip(forwarded_for) if forwarded_for else None
        self.http = http or HttpClient(
            timeout=timeout, max_retries=max_retries, backoff=backoff, budget=budget, pool_size=pool_size
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "KoreClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ================================================================== authentication

    def brand_token(
        self,
        *,
        locale: str,
        tracking: m.TrackingContext | None = None,
        return_url: str | None = None,
        client_ip: str | None = None,
    ) -> m.BrandTokenResponse:
        """``POST ~/v3/api/auth/brand_public_credentials/token``."""
        body: dict[str, Any] = {"brand_id": self.brand_id, "locale": locale}
        _add_tracking(body, tracking)
        res = self._call(
            "POST", self._api("auth/brand_public_credentials/token"),
            anonymous=True, json=body, return_url=self._return_url(return_url), client_ip=client_ip,
        )
        return m.BrandTokenResponse.from_json(res.data)

    def login(
        self,
        *,
        email: str,
        password: str,
        play_mode: str,
        locale: str,
        tracking: m.TrackingContext | None = None,
        captcha: m.CaptchaToken | None = None,
        device_id: str | None = None,
        return_url: str | None = None,
        client_ip: str | None = None,
    ) -> m.PlayerTokenResponse:
        """``POST ~/v3/api/auth/player_credentials/token``: look at ``.outcome``."""
        body: dict[str, Any] = {
            "brand_id": self.brand_id,
            "locale": locale,
            "email": email,
            "password": password,
            "play_mode": _play_mode(play_mode),
        }
        _add_tracking(body, tracking)
        if captcha is not None:
            body["captcha"] = captcha.to_json()
        if device_id:
            body["device_id"] = device_id
        res = self._call(
            "POST", self._api("auth/player_credentials/token"),
            anonymous=True, json=body, return_url=self._return_url(return_url), client_ip=client_ip,
        )
        return m.PlayerTokenResponse.from_json(res.data)

    def mutate(
        self,
        *,
        token: Any,
        play_mode: str | None = None,
        locale: str | None = None,
        tracking: m.TrackingContext | None = None,
        return_url: str | None = None,
        client_ip: str | None = None,
    ) -> m.PlayerTokenResponse:
        """``POST ~/v3/api/auth/player_credentials/token/mutate``: a new token for another
        play mode or locale; it supersedes the old one."""
        if not play_mode and not locale:
            raise ValueError("mutate needs a play_mode or a locale")
        body: dict[str, Any] = {}
        if play_mode:
            body["play_mode"] = _play_mode(play_mode)
        if locale:
            body["locale"] = locale
        _add_tracking(body, tracking)
        res = self._call(
            "POST", self._api("auth/player_credentials/token/mutate"),
            token=token, json=body, return_url=self._return_url(return_url), client_ip=client_ip,
        )
        return m.PlayerTokenResponse.from_json(res.data)

    def logout(
        self,
        *,
        token: Any,
        link: Link | m.PlayerTokenResponse | None = None,
        return_url: str | None = None,
        client_ip: str | None = None,
    ) -> None:
        """``DELETE ~/v3/api/auth/player_credentials``, by the ``logout`` link when given.

        Raises ``KoreAuthError`` (``expired_player_session``) if already logged out.
        """
        if link is None:
            target = Link(self._api("auth/player_credentials"), "DELETE")
        else:
            target = _link(link, "logout")
        # The migration example gives the logout link with "POST"; every other part of
        # the documentation says DELETE, which is what Kore implements.
        self._follow(target, "DELETE", token=token, return_url=self._return_url(return_url),
                     client_ip=client_ip)

    def activate(
        self,
        *,
        code: str,
        play_mode: str,
        locale: str,
        password: str | None = None,
        tracking: m.TrackingContext | None = None,
        device_id: str | None = None,
        welcome: m.Welcome | None = None,
        token: Any = None,
        return_url: str | None = None,
        client_ip: str | None = None,
    ) -> m.PlayerTokenResponse:
        """Activate an account of another brand of the group with an Activation code.

        The index gives ``~/v3/api/auth/player_credentials/token/activate`` (and so do
        the examples); the endpoint's own section and the 3.17 history give
        ``~/v3/api/auth/player_credentials/activate``. The section is the reference for
        an endpoint, so that path is used. The grant type is equally inconsistent
        (brand_credentials / public_brand_credentials / a user token in the example);
        ``token`` is sent when given.
        """
        body: dict[str, Any] = {
            "brand_id": self.brand_id,
            "locale": locale,
            "code": code,
            "play_mode": _play_mode(play_mode),
        }
        if password is not None:
            body["password"] = password
        _add_tracking(body, tracking)
        if device_id:
            body["device_id"] = device_id
        if welcome is not None:
            body["welcome"] = welcome.to_json()
        res = self._call(
            "POST", self._api("auth/player_credentials/activate"),
            token=token, anonymous=True, json=body,
            return_url=self._return_url(return_url), client_ip=client_ip,
        )
        return m.PlayerTokenResponse.from_json(res.data)

    def privileged_token(self, grant_type: str, secret: str, locale: str = "en-US") -> m.BrandTokenResponse:
        """``POST ~/v3/api/auth/{grant_type}/token`` for server-to-server grant types.

        The index writes this endpoint ``…/{grant_type}/token/mutate``; the section (and
        its curl example) ``…/{grant_type}/token``, which is used. The section names only
        brand_credentials and restricted_activity_subscriber, but the tracking and
        leaderboard grant types are privileged too and are obtained the same way.
        """
        if grant_type not in _PRIVILEGED_GRANTS:
            raise ValueError(f"grant_type must be one of {', '.join(_PRIVILEGED_GRANTS)}")
        body = {"brand_id": self.brand_id, "locale": locale, "secret": secret}
        res = self._call("POST", self._api(f"auth/{grant_type}/token"), anonymous=True, json=body)
        return m.BrandTokenResponse.from_json(res.data)

    def captcha_status(self, *, token: Any = None) -> m.CaptchaStatus:
        """``GET ~/v3/api/auth/player_credentials``: is a CAPTCHA needed to log in?"""
        res = self._call("GET", self._api("auth/player_credentials"), token=token, anonymous=True)
        return m.CaptchaStatus.from_json(res.data or {})

    def offline_signon_url(self, brand_group: str, *, locale: str = "en-US", mode: str = "MobileApp") -> str:
        """The web page (not an API call) where an app's player signs on offline."""
        query = urlencode({"locale": locale, "mode": mode, "brandGroup": brand_group})
        return f"{self.base_url}/v3/pages/login/offline_signon?{query}"

    def refresh_offline_signon(self, auth_token: Any) -> m.SignonResponse:
        """``POST ~/v3/api/auth/offline_signon/token`` with the long-lived Auth token.

        On a 401 the app must forget the token and sign on again.
        """
        res = self._call("POST", self._api("auth/offline_signon/token"), anonymous=True,
                         json={"token": _token_value(auth_token)})
        return m.SignonResponse.from_json(res.data)

    def get_signon(self, link: Link | m.SignonResponse, *, token: Any) -> m.Signon:
        """``GET ~/v3/api/signons/{signon_id}`` by the signon link (``signon``/``sign_on``)."""
        res = self._follow(_link(link, "signon", "sign_on"), "GET", token=token)
        return m.Signon.from_json(res.data)

    # ========================================================================= users

    def get_users_links(
        self, *, token: Any, return_url: str | None = None, client_ip: str | None = None
    ) -> m.UsersLinks:
        """``GET ~/v3/api/users``: register / reset password / chat pages and app links."""
        res = self._call("GET", self._api("users"), token=token,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.UsersLinks.from_json(res.data)

    def register(
        self,
        *,
        token: Any,
        email: str,
        password: str,
        play_mode: str,
        currency: str | None = None,
        player_info: m.PlayerInfo | None = None,
        captcha: m.CaptchaToken | None = None,
        device_id: str | None = None,
        affiliate_tag: str | None = None,
        fast_track_registration_code: str | None = None,
        welcome: m.Welcome | None = None,
        link: Link | m.UsersLinks | None = None,
        return_url: str | None = None,
        client_ip: str | None = None,
    ) -> m.RegistrationResponse:
        """``POST ~/v3/api/users`` (or the ``register`` link of ``get_users_links``).

        Never retried: Kore may answer ``duplicate_request`` to a repeat.
        """
        _check_length("email", email, 1, 254)
        _check_length("password", password, 8, 20)
        if not fast_track_registration_code:
            # "Mandatory†": optional only with a fast track registration code.
            if not currency:
                raise ValueError("currency is required without a fast track registration code")
            if player_info is None:
                raise ValueError("player_info is required without a fast track registration code")
        if currency is not None:
            _check_length("currency", currency, 1, 6)
        if affiliate_tag is not None:
            _check_length("affiliate_tag", affiliate_tag, 1, 128)
            if not affiliate_tag.isascii():
                raise ValueError("affiliate_tag must be ASCII")
        if fast_track_registration_code is not None:
            _check_length("fast_track_registration_code", fast_track_registration_code, 1, 128)
        body: dict[str, Any] = {
            "user_type": "player",
            "email": email,
            "password": password,
            "play_mode": _play_mode(play_mode),
        }
        if currency:
            body["currency"] = currency
        if player_info is not None:
            body["player_info"] = player_info.to_json()
        if captcha is not None:
            body["captcha"] = captcha.to_json()
        if device_id:
            body["device_id"] = device_id
        if affiliate_tag:
            body["affiliate_tag"] = affiliate_tag
        if fast_track_registration_code:
            body["fast_track_registration_code"] = fast_track_registration_code
        if welcome is not None:
            body["welcome"] = welcome.to_json()
        target = Link(self._api("users"), "POST") if link is None else _link(link, "register")
        res = self._follow(target, "POST", token=token, json=body,
                           return_url=self._return_url(return_url), client_ip=client_ip)
        result = m.RegistrationResponse.from_json(res.data or {})
        location = res.headers.get("Location")
        if location:
            result = _replace(result, location=Link(location, "GET"))
        return result

    def email_check(
        self,
        *,
        token: Any,
        email: str,
        mode: str | None = None,
        captcha: m.CaptchaToken | None = None,
        campaign_id: int | None = None,
        return_url: str | None = None,
        client_ip: str | None = None,
    ) -> m.EmailCheckResponse:
        """``POST ~/v3/api/users/emailcheck``."""
        _check_length("email", email, 1, 254)
        if mode is not None and mode not in _EMAIL_CHECK_MODES:
            raise ValueError(f"mode must be one of {', '.join(_EMAIL_CHECK_MODES)}")
        if mode == "campaign_list_check" and (campaign_id is None or campaign_id <= 0):
            raise ValueError("campaign_list_check needs a positive campaign_id")
        body: dict[str, Any] = {"email": email}
        if mode:
            body["mode"] = mode
        if captcha is not None:
            body["captcha"] = captcha.to_json()
        if campaign_id is not None:
            body["campaign_id"] = campaign_id
        res = self._call("POST", self._api("users/emailcheck"), token=token, json=body,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.EmailCheckResponse.from_json(res.data)

    def get_user(
        self,
        *,
        token: Any,
        link: Link | m.PlayerTokenResponse,
        return_url: str | None = None,
        client_ip: str | None = None,
    ) -> m.User:
        """``GET ~/v3/api/users/{user_id}`` by the ``user`` link of the login response."""
        res = self._follow(_link(link, "user"), "GET", token=token,
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.User.from_json(res.data)

    def get_stats(self, *, token: Any, link: Link | m.User, return_url: str | None = None,
                  client_ip: str | None = None) -> m.UserStats:
        """``GET …/users/{user_id}/stats`` by the user's ``statistics`` link."""
        res = self._follow(_link(link, "statistics"), "GET", token=token,
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.UserStats.from_json(res.data)

    def get_email_status(self, *, token: Any, link: Link | m.User, return_url: str | None = None,
                         client_ip: str | None = None) -> m.EmailStatus:
        """``GET …/users/{user_id}/email_status`` by the user's ``email_status`` link."""
        res = self._follow(_link(link, "email_status"), "GET", token=token,
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.EmailStatus.from_json(res.data)

    def get_tags(self, *, token: Any, link: Link | m.User, categories: Iterable[str],
                 return_url: str | None = None, client_ip: str | None = None) -> list[m.Tag]:
        """``GET …/users/{user_id}/tags?categories=…`` by the user's ``tags`` link."""
        names = [c.strip() for c in categories if c and c.strip()]
        if not names:
            raise ValueError("categories cannot be empty")
        if any("," in c for c in names):
            raise ValueError("a tag category cannot contain a comma")
        res = self._follow(_link(link, "tags"), "GET", token=token, params={"categories": ",".join(names)},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return [m.Tag.from_json(t) for t in (res.data or {}).get("tags") or ()]

    def get_custom(self, *, token: Any, link: Link | m.User, return_url: str | None = None,
                   client_ip: str | None = None) -> list[dict[str, Any]]:
        """``GET …/users/{user_id}/custom``: the operator's rows, as Kore serialises them."""
        res = self._follow(_link(link, "custom"), "GET", token=token,
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return [dict(row) for row in (res.data or {}).get("result") or ()]

    def get_player_day(self, *, token: Any, link: Link | m.User, date: date | str,
                       return_url: str | None = None, client_ip: str | None = None) -> m.PlayerDay:
        """``GET …/users/{user_id}/player_day?date=`` by the user's ``player_day`` link."""
        res = self._follow(_link(link, "player_day"), "GET", token=token, params={"date": _day(date)},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.PlayerDay.from_json(res.data)

    def change_password(self, *, token: Any, link: Link | m.PlayerTokenResponse, password: str,
                        return_url: str | None = None, client_ip: str | None = None) -> m.PasswordChange:
        """``PUT …/users/{user_id}/password`` with a player_change_password token.

        The section says PUT; the password-reset example hands the link out as PATCH.
        The link's method is followed when it is one of the two.
        """
        _check_length("password", password, 8, 20)
        res = self._follow(_link(link, "change_password"), "PUT", also=("PATCH",), token=token,
                           json={"password": password},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.PasswordChange.from_json(res.data or {})

    def amend_user(self, *, token: Any, link: Link | m.PlayerTokenResponse, player_info: m.PlayerInfo,
                   return_url: str | None = None, client_ip: str | None = None) -> m.RegistrationResponse:
        """``PATCH …/users/{user_id}`` with an extra_player_info token (address capture).

        The link is ``extra_player_info`` in the table and ``amend_user`` in the
        examples; the method PATCH in the heading and POST in the table and curl. Both
        spellings and both methods are accepted (the link's own method is followed).
        """
        res = self._follow(_link(link, "extra_player_info", "amend_user"), "PATCH", also=("POST",),
                           token=token, json={"player_info": player_info.to_json()},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.RegistrationResponse.from_json(res.data or {})

    def verify_sms(self, *, token: Any, link: Link | m.PlayerTokenResponse | m.User, code: str,
                   return_url: str | None = None, client_ip: str | None = None) -> m.VerificationResult:
        """``POST …/users/{user_id}/verification`` with the 6-character SMS code."""
        code = code.strip()
        if len(code) != 6:
            raise ValueError("the SMS code is exactly 6 characters")
        res = self._follow(_link(link, "verification"), "POST", token=token,
                           json={"mode": "mobile_phone", "code": code},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.VerificationResult.from_json(res.data)

    def resend_sms(self, *, token: Any, link: Link | m.PlayerTokenResponse | m.User,
                   return_url: str | None = None, client_ip: str | None = None) -> m.VerificationResult:
        """``POST …/users/{user_id}/verification/retry``: send the SMS code again."""
        res = self._follow(_link(link, "verification_retry"), "POST", token=token,
                           json={"mode": "mobile_phone"},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.VerificationResult.from_json(res.data)

    def create_password_reset(
        self,
        *,
        token: Any,
        birth_date: date | str,
        captcha: m.CaptchaToken,
        email: str | None = None,
        mobile_phone: str | None = None,
        return_url: str | None = None,
        client_ip: str | None = None,
    ) -> m.PasswordReset:
        """``POST ~/v3/api/users/password_resets`` with an email or a mobile phone."""
        if bool(email) == bool(mobile_phone):
            raise ValueError("give exactly one of email or mobile_phone")
        if captcha is None:
            raise ValueError("a CAPTCHA token is mandatory")
        body: dict[str, Any] = {"captcha": captcha.to_json(), "birth_date": _day(birth_date)}
        if email:
            body["email"] = email
        if mobile_phone:
            body["mobile_phone"] = mobile_phone
        res = self._call("POST", self._api("users/password_resets"), token=token, json=body,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.PasswordReset.from_json(res.data)

    def enter_password_reset_code(self, *, token: Any, link: Link | m.PasswordReset, code: str,
                                  play_mode: str, return_url: str | None = None,
                                  client_ip: str | None = None) -> m.PasswordReset:
        """``PATCH …/password_resets/{id}`` by ``enter_password_reset_code``; on success
        ``.auth`` holds a player_change_password token. (The table says POST.)"""
        if not code.strip():
            raise ValueError("the recovery code cannot be empty")
        res = self._follow(_link(link, "enter_password_reset_code"), "PATCH", also=("POST",), token=token,
                           json={"code": code.strip(), "play_mode": _play_mode(play_mode)},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.PasswordReset.from_json(res.data)

    def resend_password_reset_code(self, *, token: Any, link: Link | m.PasswordReset,
                                   return_url: str | None = None,
                                   client_ip: str | None = None) -> m.PasswordReset | None:
        """``POST …/password_resets/{id}/resend``. The answer is undocumented: the
        updated attempt when Kore sends one, else None."""
        res = self._follow(_link(link, "resend_password_reset_code"), "POST", token=token, json={},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.PasswordReset.from_json(res.data) if isinstance(res.data, dict) and res.data else None

    # ========================================================================= games

    def list_games(self, *, token: Any, platform: str | None = None, return_url: str | None = None,
                   client_ip: str | None = None) -> list[m.Game]:
        """``GET ~/v3/api/games`` → a list of ``Game`` (with ``play`` actions for players)."""
        params = {"platform": platform} if platform else None
        res = self._call("GET", self._api("games"), token=token, params=params,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return [m.Game.from_json(g) for g in (res.data or {}).get("games") or ()]

    def get_game(self, *, token: Any, link: Link | m.Game, return_url: str | None = None,
                 client_ip: str | None = None) -> m.Game:
        """``GET ~/v3/api/games/{game_id}`` by the game's ``_self`` link."""
        res = self._follow(_link(link, "_self"), "GET", token=token,
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.Game.from_json(res.data)

    def launch_game(self, *, token: Any, link: Link | m.Game, section: str, path_suffix: str | None = None,
                    return_url: str | None = None, client_ip: str | None = None) -> m.GameLaunch:
        """``POST …/games/{game_id}/launch`` (BetConstruct custom launch) by ``launch``."""
        if section not in ("live", "prematch"):
            raise ValueError("section must be live or prematch")
        launch: dict[str, Any] = {"section": section}
        if path_suffix is not None:
            if len(path_suffix) > 128 or not path_suffix.isascii() or not _PATH_SUFFIX.match(path_suffix):
                raise ValueError("path_suffix: up to 128 ASCII characters, no leading or trailing '/', no '?'")
            launch["path_suffix"] = path_suffix
        res = self._follow(_link(link, "launch"), "POST", token=token, json={"betconstruct": launch},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.GameLaunch.from_json(res.data)

    def launch_token(self, *, token: Any, link: Link | m.Game, device_category: str | None = None,
                     return_url: str | None = None, client_ip: str | None = None) -> m.LaunchToken:
        """``POST …/games/{game_id}/tokens?deviceCategory=`` by ``launch_token``.

        (The curl example misspells the body's ``grant_type`` as ``grand_type``.)
        """
        if device_category not in (None, "mobile", "desktop"):
            raise ValueError("device_category must be mobile or desktop")
        params = {"deviceCategory": device_category} if device_category else None
        res = self._follow(_link(link, "launch_token"), "POST", token=token, params=params,
                           json={"grant_type": "launch_game"},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.LaunchToken.from_json(res.data)

    # =================================================================== tournaments

    def tournament_news(self, *, token: Any, link: Link | m.TournamentNews | None = None,
                        return_url: str | None = None, client_ip: str | None = None) -> m.TournamentNews:
        """``GET ~/v3/api/tournaments/news``; pass the previous answer (or its
        ``latest`` link) to get only what happened since."""
        target = Link(self._api("tournaments/news")) if link is None else _link(link, "latest")
        res = self._follow(target, "GET", token=token,
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.TournamentNews.from_json(res.data)

    def list_tournaments(self, *, token: Any, return_url: str | None = None,
                         client_ip: str | None = None) -> list[m.Tournament]:
        """``GET ~/v3/api/tournaments``: the common properties of each tournament."""
        res = self._call("GET", self._api("tournaments"), token=token,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return [m.Tournament.from_json(t) for t in (res.data or {}).get("tournaments") or ()]

    def get_tournament(self, *, token: Any, link: Link | m.Tournament, return_url: str | None = None,
                       client_ip: str | None = None) -> m.Tournament:
        """``GET ~/v3/api/tournaments/{id}`` by ``_self``: the detailed tournament."""
        res = self._follow(_link(link, "_self"), "GET", token=token,
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.Tournament.from_json(res.data)

    def register_for_tournament(self, *, token: Any, link: Link | m.Tournament, type: str,
                                bonus_code: str | None = None, return_url: str | None = None,
                                client_ip: str | None = None) -> m.TournamentRegistration:
        """``POST …/tournaments/{id}/registration`` by ``register``."""
        if type not in _TOURNAMENT_REGISTRATION_TYPES:
            raise ValueError(f"type must be one of {', '.join(_TOURNAMENT_REGISTRATION_TYPES)}")
        if type == "Bonus" and not bonus_code:
            raise ValueError("a Bonus registration needs a bonus_code")
        body: dict[str, Any] = {"type": type}
        if bonus_code:
            body["bonus_code"] = bonus_code
        res = self._follow(_link(link, "register"), "POST", token=token, json=body,
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.TournamentRegistration.from_json(res.data or {"status": "Registered"})

    def unregister_from_tournament(self, *, token: Any, link: Link | m.Tournament,
                                   return_url: str | None = None, client_ip: str | None = None) -> None:
        """``DELETE …/tournaments/{id}/registration`` by ``unregister`` (empty answer).

        Its Required Headers omit Content-Type, so none is sent.
        """
        self._follow(_link(link, "unregister"), "DELETE", token=token, content_type=False,
                     return_url=self._return_url(return_url), client_ip=client_ip)

    def purchase_rebuy(self, *, token: Any, link: Link | m.Tournament, type: str = "Cash",
                       return_url: str | None = None, client_ip: str | None = None) -> m.RebuysStatus:
        """``POST …/tournaments/{id}/rebuys`` by ``rebuy``: the updated rebuys status."""
        if type != "Cash":
            raise ValueError("only Cash rebuys exist")
        res = self._follow(_link(link, "rebuy"), "POST", token=token, json={"type": type},
                           return_url=self._return_url(return_url), client_ip=client_ip)
        return m.RebuysStatus.from_json(res.data)

    # ================================================================== competitions

    def list_competitions(self, *, token: Any, all: bool = False, return_url: str | None = None,
                          client_ip: str | None = None) -> list[m.Competition]:
        """``GET ~/v3/api/competitions?all=``: this brand group's, or every group's."""
        params = {"all": "true"} if all else None
        res = self._call("GET", self._api("competitions"), token=token, params=params,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return [m.Competition.from_json(c) for c in (res.data or {}).get("competitions") or ()]

    def competition_leaderboard(self, *, token: Any, ids: int | Sequence[int], limit: int | None = None,
                                return_url: str | None = None, client_ip: str | None = None) -> m.Leaderboard:
        """``GET ~/v3/api/competitions/{ids}/leaderboard?limit=`` (ids merge into one board)."""
        id_list = [ids] if isinstance(ids, int) else list(ids)
        if not id_list or any(isinstance(i, bool) or not isinstance(i, int) or i <= 0 for i in id_list):
            raise ValueError("ids must be one or more positive competition ids")
        if limit is not None and not 1 <= limit <= 500:
            raise ValueError("limit must be between 1 and 500")
        params = {"limit": str(limit)} if limit is not None else None
        path = f"competitions/{','.join(str(i) for i in id_list)}/leaderboard"
        res = self._call("GET", self._api(path), token=token, params=params,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.Leaderboard.from_json(res.data)

    # ======================================================================= bonuses

    def claim_bonus(self, *, token: Any, bonus_code: str | None = None, invite_code: str | None = None,
                    campaign: m.Campaign | None = None, return_url: str | None = None,
                    client_ip: str | None = None) -> m.BonusClaim:
        """``POST ~/v3/api/bonuses/claim`` with a bonus code (and invite code) or a campaign."""
        if not bonus_code and campaign is None:
            raise ValueError("claim_bonus needs a bonus_code or a campaign")
        if invite_code is not None and not bonus_code:
            raise ValueError("an invite_code only applies with a bonus_code")
        body: dict[str, Any] = {}
        if bonus_code:
            _check_length("bonus_code", bonus_code, 5, 30)
            body["bonus_code"] = bonus_code
        if invite_code is not None:
            _check_length("invite_code", invite_code, 6, 6)
            body["invite_code"] = invite_code
        if campaign is not None:
            body["campaign"] = campaign.to_json()
        res = self._call("POST", self._api("bonuses/claim"), token=token, json=body,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.BonusClaim.from_json(res.data)

    def filter_bonus_codes(self, *, token: Any, codes: Iterable[str], return_url: str | None = None,
                           client_ip: str | None = None) -> list[str]:
        """``POST ~/v3/api/bonuses/filter``: the codes that may be claimable."""
        code_list = list(codes)
        if not code_list or len(code_list) > 50:
            raise ValueError("filter between 1 and 50 bonus codes")
        for code in code_list:
            _check_length("bonus code", code, 5, 30)
        res = self._call("POST", self._api("bonuses/filter"), token=token, json={"bonus_codes": code_list},
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return [str(c) for c in (res.data or {}).get("claimable_bonus_codes") or ()]

    # ============================================================ progressives, etc.

    def progressive_games(self, *, token: Any, return_url: str | None = None,
                          client_ip: str | None = None) -> list[m.ProgressiveGame]:
        """``GET ~/v3/api/progressives/games`` (Kore caches jackpots ~30 s)."""
        res = self._call("GET", self._api("progressives/games"), token=token,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return [m.ProgressiveGame.from_json(g) for g in (res.data or {}).get("games") or ()]

    def currencies(self, *, token: Any, return_url: str | None = None,
                   client_ip: str | None = None) -> list[m.Currency]:
        """``GET ~/v3/api/currencies``: the brand's currencies and display rules."""
        res = self._call("GET", self._api("currencies"), token=token,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return [m.Currency.from_json(c) for c in (res.data or {}).get("currencies") or ()]

    def chats(self, *, token: Any, return_url: str | None = None, client_ip: str | None = None) -> list[m.Chat]:
        """``GET ~/v3/api/chats`` (rate limit: once per 10 s). Not retried: a poll that
        comes too soon is answered by the next one, not by waiting in a thread."""
        res = self._call("GET", self._api("chats"), token=token,
                         return_url=self._return_url(return_url), client_ip=client_ip, retry=False)
        return [m.Chat.from_json(c) for c in (res.data or {}).get("chats") or ()]

    def notifications_url(self, token: Any) -> str:
        """The SignalR hub URL (``~/v3/api/notifications?access_token=``); no request."""
        return f"{self.base_url}/v3/api/notifications?{urlencode({'access_token': _token_value(token)})}"

    # ========================================================= privileged: activity

    def summaries(self, *, token: Any, date: date | str) -> list[m.Summary]:
        """``GET ~/v3/api/users/summaries?date=`` (brand_credentials or
        restricted_activity_subscriber).

        The index writes ``users/{user_id}/summaries``; the section and its examples
        ``users/summaries`` (summaries of every player for a day), which is used.
        """
        res = self._call("GET", self._api("users/summaries"), token=token, params={"date": _day(date)})
        return [m.Summary.from_json(s) for s in (res.data or {}).get("summaries") or ()]

    def get_player(
        self,
        *,
        token: Any,
        user_id: str | None = None,
        link: Link | m.Summary | m.Registration | m.PlayerProfile | None = None,
    ) -> m.PlayerProfile:
        """``GET ~/v3/api/users/{user_id}`` with a privileged token.

        Give the ``user_id`` that summaries and registrations report, or the ``user`` /
        ``_self`` link that carries it (exactly one).
        """
        if (user_id is None) == (link is None):
            raise ValueError("give exactly one of user_id or link")
        if user_id is not None:
            if not user_id:
                raise ValueError("user_id cannot be empty")
            target = Link(self._api(f"users/{_segment(user_id)}"))
        else:
            target = _link(link, "user", "_self")
        res = self._follow(target, "GET", token=token)
        return m.PlayerProfile.from_json(res.data)

    def get_favorite_games(self, *, token: Any,
                           link: Link | m.Summary | m.Registration | m.PlayerProfile) -> list[m.FavoriteGame]:
        """``GET ~/v3/api/users/{user_id}/games`` by ``user_games`` (or a profile's ``games``)."""
        res = self._follow(_link(link, "user_games", "games"), "GET", token=token)
        return [m.FavoriteGame.from_json(g) for g in (res.data or {}).get("favorite_games") or ()]

    def registrations(self, *, token: Any, date: date | str) -> list[m.Registration]:
        """``GET ~/v3/api/registrations?date=``: the day's new players.

        (The section's examples write ``registration?2018-12-25``; the table's path and
        query parameter are used.)
        """
        res = self._call("GET", self._api("registrations"), token=token, params={"date": _day(date)})
        return [m.Registration.from_json(r) for r in (res.data or {}).get("registrations") or ()]

    def tracking_info(self, *, token: Any, tracking_id: str) -> m.TrackingInfo:
        """``GET ~/v3/api/tracking/{tracking_id}`` (brand_credentials or tracking grant)."""
        _check_length("tracking_id", tracking_id, 1, 36)
        res = self._call("GET", self._api(f"tracking/{_segment(tracking_id)}"), token=token)
        return m.TrackingInfo.from_json(res.data)

    # ===================================================================== referrals

    def get_referral(self, *, token: Any, return_url: str | None = None,
                     client_ip: str | None = None) -> m.PlayerReferral:
        """``GET ~/v3/api/referrals``: the signed-in referrer's code and pending bonus."""
        res = self._call("GET", self._api("referrals"), token=token,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.PlayerReferral.from_json(res.data)

    def get_referral_code(self, *, token: Any, code: str, return_url: str | None = None,
                          client_ip: str | None = None) -> m.ReferralCodeInfo:
        """``GET ~/v3/api/referrals/{referral_code}`` (for a referee's landing page)."""
        if not code or not code.isascii() or not code.isalnum():
            raise ValueError("a referral code is a short alphanumeric ASCII string")
        res = self._call("GET", self._api(f"referrals/{_segment(code)}"), token=token,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.ReferralCodeInfo.from_json(res.data)

    def claim_referral(self, *, token: Any, claim_type: str, referral_code: str | None = None,
                       return_url: str | None = None, client_ip: str | None = None) -> m.ReferralClaim:
        """``POST ~/v3/api/referrals/claim`` as ``referrer`` or ``referee``.

        The documentation spells the first ``referrrer`` (three r's) in its tables;
        both spellings are accepted here and ``referrer`` is sent.
        """
        if claim_type == "referrrer":
            claim_type = "referrer"
        if claim_type not in ("referrer", "referee"):
            raise ValueError("claim_type must be referrer or referee")
        body: dict[str, Any] = {"claim_type": claim_type}
        if claim_type == "referee":
            if not referral_code:
                raise ValueError("a referee claim needs the referral_code")
            body["referral_code"] = referral_code
        elif referral_code:
            raise ValueError("a referrer claim takes no referral_code")
        res = self._call("POST", self._api("referrals/claim"), token=token, json=body,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.ReferralClaim.from_json(res.data)

    # ==================================================================== migrations

    def get_migration(self, *, token: Any, migration_id: str, return_url: str | None = None,
                      client_ip: str | None = None) -> m.MigrationStatus:
        """``GET ~/v3/api/migrations/{migration_id}`` with a brand_public_credentials token."""
        if not migration_id:
            raise ValueError("migration_id cannot be empty")
        res = self._call("GET", self._api(f"migrations/{_segment(migration_id)}"), token=token,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.MigrationStatus.from_json(res.data)

    def migrate(self, *, token: Any, migration_id: str, identification: m.Identification, password: str,
                play_mode: str, device_id: str | None = None, return_url: str | None = None,
                client_ip: str | None = None) -> m.MigrationStatus:
        """``POST ~/v3/api/migrations/{migration_id}``: SA ID and new password; ``.auth``
        logs the player in."""
        if not migration_id:
            raise ValueError("migration_id cannot be empty")
        _check_length("password", password, 8, 20)
        body: dict[str, Any] = {
            "player_info": {"identification": identification.to_json()},
            "play_mode": _play_mode(play_mode),
            "password": password,
        }
        if device_id:
            body["device_id"] = device_id
        res = self._call("POST", self._api(f"migrations/{_segment(migration_id)}"), token=token, json=body,
                         return_url=self._return_url(return_url), client_ip=client_ip)
        return m.MigrationStatus.from_json(res.data)

    # ===================================================================== internals

    def _api(self, path: str) -> str:
        return f"{self.base_url}/v3/api/{path}"

    def _return_url(self, override: str | None) -> str:
        url = override or self.return_url
        if not url:
            raise ValueError("this endpoint needs a return_url (X-Kore-ReturnUrl)")
        return url

    def _follow(self, link: Link, documented: str, *, also: tuple[str, ...] = (), **kwargs: Any) -> HttpResponse:
        """Follow ``link``: its href, and its method when it is one the documentation
        gives for this operation (a Link without a method reads as GET, which the
        User's ``verification`` links are even though the endpoint is a POST)."""
        method = link.method if link.method in (documented, *also) else documented
        return self._call(method, link.href, **kwargs)

    def _call(
        self,
        method: str,
        url: str,
        *,
        token: Any = None,
        anonymous: bool = False,
        json: Any = None,
        params: Mapping[str, str] | None = None,
        return_url: str | None = None,
        client_ip: str | None = None,
        content_type: bool = True,
        retry: bool = True,
    ) -> HttpResponse:
        headers: dict[str, str] = {}
        if content_type:
            headers["Content-Type"] = "application/json"
        if return_url:
            headers["X-Kore-ReturnUrl"] = return_url
        if token is not None:
            headers["Authorization"] = f"Bearer {_token_value(token)}"
        elif not anonymous:
            raise ValueError("this endpoint needs a token")
        forwarded = client_ip or self.forwarded_for
        if forwarded:
            headers["X-Forwarded-For"] = _checked_ip(forwarded)
        if self.context_headers is not None:
            headers.update(self.context_headers())
        if self.observer is None:
            response = self.http.request(method, url, headers=headers, params=params, json_body=json, retry=retry)
        else:
            started, outcome = time.perf_counter(), "unavailable"
            try:
                response = self.http.request(method, url, headers=headers, params=params, json_body=json, retry=retry)
                outcome = "ok"
            except KoreUnavailable:
                raise
            except KoreError:
                outcome = "refused"
                raise
            finally:
                self.observer(method, urlsplit(url).path, outcome, time.perf_counter() - started)
        if response.data is not None and not isinstance(response.data, dict):
            # Every Kore answer is a JSON object; anything else did not come from Kore.
            raise KoreUnavailable(
                f"unexpected answer from Kore (HTTP {response.status}, not a JSON object)",
                status=response.status,
                outcome_unknown=method.upper() not in IDEMPOTENT_METHODS,
            )
        return response


# -- helpers ---------------------------------------------------------------------------


def _token_value(token: Any) -> str:
    if isinstance(token, m.Token):
        value = token.value
    elif isinstance(token, str):
        value = token
    else:
        bearer = getattr(token, "bearer", None)
        if not isinstance(bearer, m.Token):
            raise ValueError(f"no bearer token in {type(token).__name__}")
        value = bearer.value
    # Kore's tokens are base64-like ASCII; anything else cannot go in a header (and the
    # message must not quote the value).
    if not value or not value.isascii() or any(c in value for c in "\r\n "):
        raise ValueError("not a usable token value")
    return value


def _link(source: Any, *names: str) -> Link:
    """The Link itself, or the first of ``names`` in the object's links/actions."""
    if isinstance(source, Link):
        return source
    for attribute in ("links", "actions"):
        collection = getattr(source, attribute, None)
        if isinstance(collection, m.LinkCollection):
            for name in names:
                if name in collection:
                    return collection[name]
    raise MissingLinkError(f"{type(source).__name__} has no {' / '.join(names)} link")


def _add_tracking(body: dict[str, Any], tracking: m.TrackingContext | None) -> None:
    if tracking:
        body["tracking"] = tracking.to_json()


def _play_mode(value: str) -> str:
    if value not in m.PLAY_MODES:
        raise ValueError("play_mode must be Real or Practice")
    return value


def _check_length(name: str, value: str, low: int, high: int) -> None:
    if not isinstance(value, str) or not low <= len(value) <= high:
        if low == high:
            raise ValueError(f"{name} must be exactly {low} characters")
        raise ValueError(f"{name} must be between {low} and {high} characters")


def _day(value: date | str) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValueError(f"expected a yyyy-mm-dd date, got {value!r}") from None


def _segment(value: str) -> str:
    # An identifier Kore gave as a property becomes one path segment, whatever it holds.
    return quote(value, safe="")


def _checked_ip(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        raise ValueError(f"client_ip is not an IP address: {value!r}") from None


def _replace(obj: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(obj, **changes)
