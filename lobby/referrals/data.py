"""What the referral pages show: the bonus in the reader's currency, the share link."""

from __future__ import annotations

from lobby.core.upstream import absolute_url
from lobby.kore import Money


def bonus_in(bonuses: tuple[Money, ...], *currencies: str | None) -> Money | None:
    """The referee bonus in the first of ``currencies`` Kore lists it in, else its first."""
    for currency in currencies:
        for bonus in bonuses:
            if currency and bonus.currency == currency:
                return bonus
    return bonuses[0] if bonuses else None


def share_url(code: str) -> str:
    """The link a referrer shares: our landing page, under PUBLIC_URL when set."""
    return absolute_url("referrals.landing", code=code)
