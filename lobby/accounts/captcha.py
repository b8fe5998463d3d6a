"""CAPTCHA: ask Kore whether sign-in needs one, render Google's reCAPTCHA v2 when it
does, and turn the form's answer into the CAPTCHA Token Kore expects.

Google's widget fills the form's hidden ``captcha`` field (static/js/captcha.js); its
script and frame origins are added to the CSP of that page only. In development
(against the sandbox, which has no Google behind it) the page shows a plain text field
instead, where the sandbox's documented test token is typed: the same form field, the
same request to Kore, no pretend widget.
"""

from __future__ import annotations

import logging

from flask import current_app, g

from lobby.core.upstream import upstream
from lobby.kore import CaptchaStatus, CaptchaToken, KoreError

log = logging.getLogger(__name__)


def status() -> CaptchaStatus:
    """Kore's CAPTCHA Status; when Kore cannot say, none (Kore will ask if it wants one)."""
    try:
        return upstream().client.captcha_status()
    except KoreError as error:
        log.info("captcha status unavailable: error=%s", error.raw_code)
        return CaptchaStatus(type="none")


def widget(site_key: str | None) -> dict[str, str | bool | None]:
    """What the page renders for a required CAPTCHA; allows Google in this page's CSP."""
    test_mode = current_app.config["LOBBY"].development
    if not test_mode:
        g.captcha_widget = True
    return {"site_key": site_key, "test_mode": test_mode}


def token(value: str | None) -> CaptchaToken | None:
    value = (value or "").strip()
    return CaptchaToken(type="reCAPTCHAv2", token=value) if value else None
