"""Field filters every area's forms share."""

from __future__ import annotations


def strip(value):
    """Surrounding spaces off what the player typed (pasted codes often carry them)."""
    return value.strip() if isinstance(value, str) else value


def strip_or_none(value):
    """Spaces off; nothing left means the field was not given."""
    return (value.strip() or None) if isinstance(value, str) else value
