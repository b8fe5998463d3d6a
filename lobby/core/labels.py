"""Kore's enums as players read them, in the page's language: one place for every word.

Kore answers with known words (a medal's ``name``, a user's ``profile``, a loyalty
``tier_name``); they are English whatever the locale, so each is mapped here to a
translated label. A value Kore adds later is shown as Kore gives it.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: Medals by level (doc: "Currently only the following medals exist").
MEDALS = {0: _l("Blue"), 1: _l("Bronze"), 2: _l("Silver"), 3: _l("Gold"), 4: _l("Diamond")}
#: The user profiles (doc: User Profile).
PROFILES = {
    "EuroUnverified": _l("Not verified yet (EU)"),
    "LowRoller": _l("Standard"),
    "Restricted": _l("Restricted"),
    "Test": _l("Test account"),
    "Unverified": _l("Not verified yet"),
    "Verified": _l("Verified"),
    "VIP": _l("VIP"),
}
#: Loyalty tiers are the brand's own, but their display names are common words: those
#: are translated; a tier named otherwise keeps Kore's ``tier_name``.
TIERS = {
    "blue": _l("Blue"), "bronze": _l("Bronze"), "silver": _l("Silver"), "gold": _l("Gold"),
    "platinum": _l("Platinum"), "diamond": _l("Diamond"), "newbie": _l("Newbie"), "vip": _l("VIP"),
}


def medal_name(medal) -> str:
    """A Medal's name in the page's language (by its level: the name is not localised)."""
    if medal is None:
        return ""
    level = getattr(medal, "level", None)
    label = MEDALS.get(level) if isinstance(level, int) else None
    return str(label) if label is not None else str(getattr(medal, "name", "") or "")


def profile_name(profile: str | None) -> str:
    """A user's profile ("Unverified") as the player reads it."""
    if not profile:
        return ""
    label = PROFILES.get(profile)
    return str(label) if label is not None else profile


def tier_name(loyalty) -> str:
    """A loyalty tier's name in the page's language when it is a common word, else Kore's."""
    if loyalty is None:
        return ""
    name = getattr(loyalty, "tier_name", "") or ""
    label = TIERS.get(name.strip().lower())
    return str(label) if label is not None else name


def init_labels(app) -> None:
    app.jinja_env.filters.update(medal_name=medal_name, profile_name=profile_name, tier_name=tier_name)
