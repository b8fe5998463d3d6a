"""Which of the brand's campaigns the player may claim: Kore's email check in its campaign
list mode (``campaign_list_check``), asked for each configured campaign before it is offered.
Offering every campaign and letting Kore refuse the claim (``bonus_campaign_ineligible``)
would put buttons before the player that can only fail."""

from __future__ import annotations

from typing import Callable

from lobby.core.bound import RequestKore
from lobby.core.guards import optional

#: The status of a player on the campaign's list ("not-eligible" otherwise; Kore's spelling).
ELIGIBLE = "eligible"


def campaign_checks(kore: RequestKore, *, email: str, campaign_ids: tuple[int, ...]) -> list[Callable[[], bool | None]]:
    """One call per campaign, to run side by side: True (on its list), False, or None when
    Kore cannot say now."""

    def check(campaign_id: int) -> Callable[[], bool | None]:
        def call() -> bool | None:
            answer = optional(lambda: kore.email_check(email=email, mode="campaign_list_check",
                                                       campaign_id=campaign_id), what="campaign check")
            return None if answer is None else answer.status == ELIGIBLE
        return call

    return [check(campaign_id) for campaign_id in campaign_ids]


def eligible(campaign_ids: tuple[int, ...], answers: list[bool | None]) -> list[int] | None:
    """The campaigns to offer, in the configured order; None when any could not be checked
    (the page says so rather than offer a campaign that may fail)."""
    if any(answer is None for answer in answers):
        return None
    return [campaign_id for campaign_id, answer in zip(campaign_ids, answers, strict=True) if answer]
