"""Registration: the email check and POST users, with the profanity filter and the
email-tag triggers. Part of SandboxBackend; triggers in docs/sandbox.md."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta
from typing import Any

from lobby.kore.errors import ErrorCode

from .. import seed
from ..clock import iso
from ..exceptions import SandboxError
from .accounts import AccountsMixin
from .base import locked
from .entities import EmailCheck, EmailStatus, FastTrack, LoginOutcome, Registration, Token, TrackingResult

FAST_TRACK_TTL = timedelta(minutes=30)
#: The same registration body from the same address within 10 s is duplicate_request.
DUPLICATE_WINDOW = timedelta(seconds=10)
#: What separates the words of a name: spaces, hyphens, apostrophes.
_WORD_BREAKS = re.compile(r"[\s'’-]+")


def email_tag(email: str) -> str:
    """The ``+tag`` of an address (``new+review@demo.kore`` → ``review``), lower case."""
    local = email.split("@", 1)[0]
    return local.split("+", 1)[1].lower() if "+" in local else ""


def is_profane(name: str) -> bool:
    """A whole word of the name is a profanity: "Mary-Crap" is, "Scrapton" is not."""
    return any(word in seed.PROFANITY for word in _WORD_BREAKS.split(name.lower()))


#: The demo brand's campaign whose list holds every player (bonuses.py: claimable).
CAMPAIGN_FOR_EVERYONE = 1


class RegistrationMixin(AccountsMixin):
    """New accounts; what follows registration is AccountsMixin's."""

    def _reset_registration(self) -> None:
        self.fast_tracks: dict[str, FastTrack] = {}
        self.recent_registrations: dict[str, datetime] = {}

    @locked
    def email_check(self, email: str, mode: str, campaign_id: int | None, caller: Token | None = None) -> EmailCheck:
        """POST users/emailcheck.

        A player checking their own address (a player token) also gets the cash offers
        they have not claimed yet (``seed.PLAYER_OFFERS``); nobody else learns them.
        Campaign lists agree with claims (bonuses.py): campaign 1's list is everyone with an
        account, campaign 2's nobody (its claim is ``bonus_campaign_ineligible``), other
        campaigns have no list. Leaves out: the CAPTCHA is accepted, never asked for.
        """
        player = self.player_by_email(email)
        if mode == "campaign_list_check":
            return EmailCheck("eligible" if player and campaign_id == CAMPAIGN_FOR_EVERYONE else "not-eligible")
        if player is not None and not player.member:
            return EmailCheck("activate", activation=self.new_activation(player))
        if player is not None:
            own = caller is not None and (caller.player_id is not None or caller.session_id in self.sessions) \
                and self.player_of(caller).id == player.id
            claimed = {code for code, _ in player.claimed_offers}
            offers = tuple(code for code in seed.PLAYER_OFFERS if code not in claimed) if own else ()
            return EmailCheck("not_available", offers, claimed_offers=list(player.claimed_offers))
        if mode == "fast_track_registration" and email_tag(email) == "fasttrack":
            ftr = FastTrack("ftr" + self._hex(), email.lower(), self.now().replace(microsecond=0) + FAST_TRACK_TTL)
            self.fast_tracks[ftr.code] = ftr
            return EmailCheck("fast_track_registration", seed.WELCOME_OFFERS, fast_track=ftr)
        return EmailCheck("available", seed.WELCOME_OFFERS)

    @locked
    def register(
        self,
        body: dict[str, Any],
        *,
        brand_id: str,
        locale: str,
        captcha: dict[str, str] | None,
        ip: str,
        tracking_id: str | None,
    ) -> Registration:
        """POST users (body already validated). Rules and triggers: docs/sandbox.md.

        Leaves out: affiliate_tag, ip, device_id and welcome are validated, not used.

        A repeat of a registration that went through, from the same address within
        10 seconds, is a duplicate_request (a retry after a lost answer).
        """
        now = self.now()
        fingerprint = hashlib.sha256((ip + json.dumps(body, sort_keys=True)).encode()).hexdigest()
        last = self.recent_registrations.get(fingerprint)
        if last is not None and now - last < DUPLICATE_WINDOW:
            raise SandboxError(ErrorCode.DUPLICATE_REQUEST)
        registration = self._register(body, brand_id=brand_id, locale=locale, captcha=captcha, tracking_id=tracking_id)
        self.recent_registrations[fingerprint] = now
        return registration

    def _register(
        self, body: dict[str, Any], *, brand_id: str, locale: str, captcha: dict[str, str] | None,
        tracking_id: str | None,
    ) -> Registration:
        now = self.now()
        if self.captcha_required:
            self._check_captcha(captcha)
        email = body["email"].strip().lower()
        info = dict(body.get("player_info") or {})
        currency = body.get("currency")
        code = body.get("fast_track_registration_code")
        if code:
            ftr = self.fast_tracks.get(code)
            if ftr is None or ftr.email != email or now >= ftr.expiration:
                raise SandboxError(ErrorCode.INVALID_FAST_TRACK_REGISTRATION_CODE)
            currency = currency or ftr.currency
        existing = self.player_by_email(email)
        result = TrackingResult(tracking_id) if tracking_id else None
        play_mode = body["play_mode"]
        if existing is not None and not existing.member:
            outcome = LoginOutcome(None, existing, result, kind="activation", activation=self.new_activation(existing))
            return Registration(None, outcome, existing, follow=True)
        if existing is not None:
            raise SandboxError(ErrorCode.PLAYER_ALREADY_REGISTERED)
        nickname = info.get("nickname")
        if nickname and any(p.profile.nickname.lower() == nickname.lower() for p in self.players.values()):
            raise SandboxError(ErrorCode.NICKNAME_ALREADY_REGISTERED)
        for name, error in (
            ("firstname", ErrorCode.FIRSTNAME_PROFANITY),
            ("lastname", ErrorCode.LASTNAME_PROFANITY),
            ("nickname", ErrorCode.NICKNAME_PROFANITY),
        ):
            if is_profane(info.get(name) or ""):
                raise SandboxError(error)
        address = info.get("address") or {}
        if address.get("country_code") == "ZA" and currency != "ZAR":
            raise SandboxError(ErrorCode.CURRENCY_MISMATCH)
        tag = email_tag(email)
        phone = info.get("mobile_phone")
        trigger = "review" if tag == "review" else None
        profile = seed.DemoPlayer(
            email,
            info.get("firstname") or "",
            info.get("lastname") or "",
            nickname or f"Player{self._code(5)}",
            currency or "USD",
            cash=0,
            locale=locale,
            profile="Unverified",
            birth_date=info.get("birth_date") or "",
            registration_date=iso(now),
            has_deposited=False,
            email_verified="Unverified",
            phone_verified="Unverified" if phone and tag != "success" else "NotApplicable",
            password=body["password"],
            mobile_phone=phone,
            trigger=trigger,
        )
        player = self._add_player(profile)
        # Kore's registration has no consent field: a new player gets no promotional
        # mail until they subscribe, and an address nobody has written to cannot bounce.
        player.email_status = EmailStatus()
        player.address = address or None
        player.password_changed_at = None
        if tag == "follow":
            player.pending.add("follow")
            return Registration(None, self.follow_outcome(player, result), player, follow=True)
        if tag == "review":
            return Registration("AccountUnderReview", None, player)
        if tag == "verifyemail":
            self._send("email", player, None, "email_verification")
            return Registration("EmailVerificationRequired", None, player)
        if tag == "address":
            player.pending.add("address")
        elif phone and tag != "success":
            player.pending.add("sms")
        pending = self.pending_outcome(player, brand_id, locale, play_mode, result)
        if pending is None:
            token = self._issue_player_token(player, brand_id, locale, play_mode, result)
            return Registration("Success", LoginOutcome(token, player, result), player)
        status = {
            "sms": "MobilePhoneVerificationRequired" if tag == "mobile" else "HardSmsVerificationRequired",
            "address": "MissingPlayerInfo",
        }[pending.kind]
        return Registration(status, pending, player)

