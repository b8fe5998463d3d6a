"""The pages' blueprint and what its pages share."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlsplit

from flask import Blueprint, request

from .. import seed
from ..backend.entities import Money

pages = Blueprint("sandbox_pages", __name__, template_folder="../templates")


def safe_return_url(value: str | None) -> str | None:
    """Only http(s) URLs become links or redirects: no javascript: and friends."""
    if not value:
        return None
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def format_money(money: Money) -> str:
    """The doc's naïve display algorithm (symbol, display exponent and decimals)."""
    spec = seed.CURRENCY_BY_CODE[money.currency]
    scaled = Decimal(money.amount).scaleb(-(money.exponent + spec.display_exponent))
    text = f"{scaled:,.{spec.display_decimals}f}"
    if money.currency == seed.PRACTICE:
        return f"{text} practice credits"
    return f"{spec.symbol}{text}" if spec.symbol else f"{text} {money.currency}"


def launch_args() -> dict[str, str]:
    """The page's query without the last round's result."""
    return {k: v for k, v in request.args.items() if k not in ("bet", "win")}
