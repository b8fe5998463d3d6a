"""What the account pages' tests share: reading pages, the sandbox's outbox and controls, forms."""

from __future__ import annotations

import re
from typing import Any

import requests

from tests.web.conftest import csrf_from

NEW_PASSWORD = "Fresh-pass-9"

def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.text).split())


def outbox(sandbox, email: str) -> list[dict[str, Any]]:
    messages = requests.get(f"{sandbox.url}/_sandbox/outbox", timeout=5).json()
    return [m for m in messages if m["email"] == email]


def control(sandbox, path: str, body: dict) -> None:
    requests.post(f"{sandbox.url}/_sandbox/{path}", json=body, timeout=5).raise_for_status()


def submit(client, url: str, data: dict[str, Any], *, page: str | None = None, **kwargs):
    """POST a form the way a browser does: with the CSRF token of the page it is on."""
    token = csrf_from(client.get(page or url).text)
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


def registration(email: str, **changes: Any) -> dict[str, Any]:
    data = {
        "email": email, "password": "Secret-pass-1", "currency": "USD", "play_mode": "Real",
        "title": "Ms.", "firstname": "Nora", "lastname": "Newman", "nickname": "",
        "birth_date": "1990-07-14", "mobile_phone": "+44 7700 900555", "home_phone": "",
        "first_line": "1 High Street", "second_line": "", "city": "Dover", "zip_code": "CT16 1AA",
        "country": "GB", "state": "Kent", "id_type": "", "id_number": "", "id_country": "",
        "fund_source": "Salary", "captcha": "",
    }
    data.update(changes)
    return data



#: The registration's steps: the URL of each and the fields it has.
REGISTER_STEPS = (
    ("/register", ("email", "password", "currency", "play_mode", "fast_track_registration_code", "page_id",
                   "bonus_codes", "device_id", "referral_code")),
    ("/register/about", ("title", "firstname", "lastname", "nickname", "birth_date", "mobile_phone", "home_phone",
                         "use_nickname")),
    ("/register/home-address", ("first_line", "second_line", "city", "zip_code", "country", "state", "id_type",
                                "id_number", "id_country", "fund_source", "captcha")),
)


def register(client, data: dict[str, Any], *, page: str | None = None, upto: int = 3, **kwargs):
    """Register the way a player does: each step's fields on its page, Continue, the step it
    leads to. Returns the first answer that leads nowhere further, or the answer of step ``upto``."""
    urls = [url for url, _ in REGISTER_STEPS]
    number, response = 1, None
    while number <= upto:
        url, names = REGISTER_STEPS[number - 1]
        fields = {k: v for k, v in data.items() if k in names}
        response = submit(client, url, fields, page=page if number == 1 else None, **kwargs)
        location = response.headers.get("Location", "") if response.status_code == 303 else ""
        if location not in urls or urls.index(location) + 1 <= number:
            return response
        number = urls.index(location) + 1
    return response
