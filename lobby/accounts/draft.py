"""What a player typed in the registration steps, kept until the account is created.

The values are sealed (Fernet, the session's key) in the session cookie, like the
pending step's tokens: nothing of it is readable in the browser, and none of it goes
back into HTML except into the fields the player typed it in.

The password is kept there too, never in a page: a player who goes back to the first
step finds the password field empty with "leave it empty to keep the one you chose".
Asking for it again on every visit would be the alternative; keeping it sealed costs
nothing a stolen cookie would not already give (the cookie also signs the player in),
and the draft is dropped once Kore has the registration.
"""

from __future__ import annotations

from typing import Any

from flask import session

from lobby.accounts.pending import seal, unseal

_KEY = "registration"
#: No field of any step is longer than this (the longest, an email, is 254).
MAX_VALUE = 300
#: Never kept: the CAPTCHA answer is good once, the CSRF token is the form's.
NOT_KEPT = frozenset({"csrf_token", "captcha", "g-recaptcha-response", "use_nickname", "back"})


def load() -> dict[str, Any]:
    """The draft so far: ``values`` (field → text as typed) and ``done`` (the steps passed)."""
    raw = unseal(session.get(_KEY)) or {}
    kept = raw.get("values")
    values: dict[Any, Any] = kept if isinstance(kept, dict) else {}
    done = [n for n in raw.get("done", []) if isinstance(n, int)] if isinstance(raw.get("done"), list) else []
    return {"values": {k: v for k, v in values.items() if isinstance(k, str) and isinstance(v, str)}, "done": done}


def keep(form, step: int, *, passed: bool) -> dict[str, Any]:
    """Add what was typed in ``form`` (one step's form) to the draft; ``passed`` marks the step as done."""
    draft = load()
    for field in form:
        if field.name in NOT_KEPT or field.type == "CSRFTokenField":
            continue
        raw = field.raw_data[0] if field.raw_data else None
        if field.type == "PasswordField":
            if passed and field.data:  # a checked password only; empty keeps the one before
                draft["values"][field.name] = field.data
            continue
        if isinstance(raw, str):
            draft["values"][field.name] = raw[:MAX_VALUE]
    done = set(draft["done"])
    if passed:
        done.add(step)
    else:
        done.discard(step)
    draft["done"] = sorted(done)
    session[_KEY] = seal(draft)
    return draft


def put(**values: str) -> None:
    """Set values that did not come from a step's form (the landing URL's welcome page, a referral code)."""
    draft = load()
    draft["values"].update({k: v[:MAX_VALUE] for k, v in values.items()})
    session[_KEY] = seal(draft)


def clear() -> None:
    session.pop(_KEY, None)
