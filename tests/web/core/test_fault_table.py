"""Fault pages from one table (issue 25, deliverable 4): for every state-changing action,
refused before sending → "nothing happened"; no answer after sending → "may or may not
have gone through", with the way to check. Each action, each kind of fault, on the sandbox."""

from __future__ import annotations

import itertools
import socket
from fnmatch import fnmatchcase

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from lobby.core.faults import FAULTS
from tests.web.accounts.pages import register as register_in_steps
from tests.web.accounts.pages import registration
from tests.web.conftest import DEMO_PASSWORD, csrf_from, text_of

emails = itertools.count(1)
addresses = itertools.count(1)

#: How Kore fails: before anything was done, or with the answer lost.
FAULT_KINDS = {
    "gateway-503": ({"kind": "error", "status": 503, "error": None}, 1),
    "kore-503": ({"kind": "error", "status": 503, "error": "server_error"}, 1),
    "reset": ({"kind": "reset"}, 0),
    "kore-500": ({"kind": "error", "status": 500, "error": "server_error"}, 0),
    # Longer than the lobby waits (READ_TIMEOUT): the request was sent, the answer never came.
    "timeout": ({"kind": "timeout", "latency_ms": 4000}, 0),
}
#: The lobby's read timeout here: short, so that a timeout costs a test one second.
READ_TIMEOUT = 1.0
#: The faulted request of the running test: (method, path glob, how many were recorded before).
faulted: list[tuple[str, str, int]] = []


@pytest.fixture
def app(sandbox, tmp_path):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                    player_state_db=tmp_path / "favourites.sqlite3", kore_read_timeout=READ_TIMEOUT)
    app = create_app(config)
    app.config.update(TESTING=True)
    return app


def _recorded(sandbox) -> list[dict]:
    return requests.get(f"{sandbox.url}/_sandbox/requests", timeout=5).json()["requests"]


def _fault(sandbox, method: str, path: str, rule: dict, times: int = 1) -> None:
    answer = requests.post(f"{sandbox.url}/_sandbox/faults",
                           json={"method": method, "path": path, "times": times, **rule}, timeout=5)
    assert answer.status_code == 201, answer.text
    faulted.append((method, path, len(_recorded(sandbox))))


def _sent(sandbox) -> int:
    """How many times the faulted request reached Kore."""
    method, path, before = faulted[-1]
    return sum(1 for call in _recorded(sandbox)[before:] if call["method"] == method and fnmatchcase(call["path"], path))


def _address() -> dict:
    n = next(addresses)
    return {"REMOTE_ADDR": f"10.77.{n // 250}.{n % 250 + 1}"}


def _confirm(client, url: str, **data):
    page = client.get(url)
    return client.post(url, data={"csrf_token": csrf_from(page.text), **data}, environ_base=_address())


def join(client, sandbox, rule):
    _fault(sandbox, "POST", "/v3/api/tournaments/101/registration", rule)
    return text_of(_confirm(client, "/tournaments/101/join", type="Cash"))


def leave(client, sandbox, rule):
    assert _confirm(client, "/tournaments/101/join", type="Cash").status_code == 303
    # A DELETE, which the client retries: the fault lasts for every attempt.
    _fault(sandbox, "DELETE", "/v3/api/tournaments/101/registration", rule, times=4)
    text = text_of(_confirm(client, "/tournaments/101/leave"))
    requests.delete(f"{sandbox.url}/_sandbox/faults", timeout=5)
    return text


def rebuy(client, sandbox, rule):
    _fault(sandbox, "POST", "/v3/api/tournaments/104/rebuy*", rule)
    return text_of(_confirm(client, "/tournaments/104/rebuy"))


def bonus(client, sandbox, rule, page="account"):
    """The one claim, from the account page's form or an Offers page button."""
    _fault(sandbox, "POST", "/v3/api/bonuses/claim", rule)
    form = client.get(f"/{page}")
    client.post("/offers/claim", data={"bonus_code": "WELCOME10", "page": page, "csrf_token": csrf_from(form.text)},
                environ_base=_address())
    return text_of(client.get(f"/{page}"))


def offer(client, sandbox, rule):
    return bonus(client, sandbox, rule, page="offers")


def referral(client, sandbox, rule):
    _fault(sandbox, "POST", "/v3/api/referrals/claim", rule)
    page = client.get("/referrals")
    client.post("/referrals/claim", data={"claim_type": "referrer", "csrf_token": csrf_from(page.text)},
                environ_base=_address())
    return text_of(client.get("/referrals"))


def register(client, sandbox, rule):
    _fault(sandbox, "POST", "/v3/api/users", rule)
    return text_of(register_in_steps(client, registration(f"fault{next(emails)}@new.kore")))


def _submit(client, url: str, page: str | None = None, **data):
    form = client.get(page or url)
    return client.post(url, data={"csrf_token": csrf_from(form.text), **data}, environ_base=_address())


def _sign_in_as(client, email: str):
    return _submit(client, "/login", email=email, password=DEMO_PASSWORD, play_mode="Real")


def sign_in(client, sandbox, rule):
    _fault(sandbox, "POST", "/v3/api/auth/player_credentials/token", rule)
    return text_of(_sign_in_as(client, "alice@demo.kore"))


def activate(client, sandbox, rule):
    assert _sign_in_as(client, "activate@demo.kore").headers["Location"] == "/login/activate"
    _fault(sandbox, "POST", "/v3/api/auth/player_credentials/activate", rule)
    return text_of(_submit(client, "/login/activate", password=DEMO_PASSWORD))


def settings(client, sandbox, rule):
    """The account page's play mode (Kore's mutate): the answer beside the setting."""
    _fault(sandbox, "POST", "/v3/api/auth/player_credentials/token/mutate", rule)
    _submit(client, "/account/switch", page="/account", play_mode="Practice")
    page = client.get("/account").text
    return text_of(type("Page", (), {"text": page.split('id="settings"', 1)[1]}))


def password_change(client, sandbox, rule):
    assert _sign_in_as(client, "change-password@demo.kore").headers["Location"] == "/password/change"
    _fault(sandbox, "PUT", "/v3/api/users/*/password", rule)
    answer = _submit(client, "/password/change", password="Fresh-pass-42", confirm="Fresh-pass-42")
    # It may have changed: the step is over, and sign-in says how to check.
    return text_of(client.get(answer.headers["Location"]) if answer.status_code == 303 else answer)


def sms_code(client, sandbox, rule):
    assert _sign_in_as(client, "sms-login@demo.kore").headers["Location"] == "/verify"
    _fault(sandbox, "POST", "/v3/api/users/*/verification", rule)
    return text_of(_submit(client, "/verify", code="123456"))


def sms_resend(client, sandbox, rule):
    assert _sign_in_as(client, "sms-login@demo.kore").headers["Location"] == "/verify"
    _fault(sandbox, "POST", "/v3/api/users/*/verification/retry", rule)
    _submit(client, "/verify/resend", page="/verify")
    return text_of(client.get("/verify"))


def _start_reset(client):
    started = _submit(client, "/password/reset", email="bruno@demo.kore", mobile_phone="", birth_date="1979-11-02",
                      play_mode="Real", captcha="sandbox-captcha-ok")
    return started


def reset_request(client, sandbox, rule):
    _fault(sandbox, "POST", "/v3/api/users/password_resets", rule)
    return text_of(_start_reset(client))


def reset_code(client, sandbox, rule):
    assert _start_reset(client).headers["Location"] == "/password/reset/code"
    _fault(sandbox, "PATCH", "/v3/api/users/password_resets/*", rule)
    return text_of(_submit(client, "/password/reset/code", code="123456"))


def reset_resend(client, sandbox, rule):
    assert _start_reset(client).headers["Location"] == "/password/reset/code"
    _fault(sandbox, "POST", "/v3/api/users/password_resets/*/resend", rule)
    _submit(client, "/password/reset/resend", page="/password/reset/code")
    return text_of(client.get("/password/reset/code"))


def language(client, sandbox, rule):
    """The header's language picker, signed in: Kore's mutate, the answer on the page it returns to."""
    _fault(sandbox, "POST", "/v3/api/auth/player_credentials/token/mutate", rule)
    answer = _submit(client, "/language", page="/", locale="de-DE", next="/")
    return text_of(client.get(answer.headers["Location"]))


def address(client, sandbox, rule):
    assert _sign_in_as(client, "address@demo.kore").headers["Location"] == "/register/address"
    _fault(sandbox, "PATCH", "/v3/api/users/*", rule)
    return text_of(_submit(client, "/register/address", first_line="1 Main St", second_line="", city="Austin",
                           country="US", state="tx", zip_code="73301"))


def migration(client, sandbox, rule):
    assert _sign_in_as(client, "migrate@demo.kore").headers["Location"] == "/login/migrate"
    _fault(sandbox, "POST", "/v3/api/migrations/*", rule)
    answer = _submit(client, "/login/migrate", id_number="9007141234084", password="Fresh-pass-42",
                     confirm="Fresh-pass-42")
    # Not sent: the form again; it may have moved: sign-in says how to check.
    return text_of(client.get(answer.headers["Location"]) if answer.status_code == 303 else answer)


def referee(client, sandbox, rule):
    """The new player's referee bonus, claimed right after registering from a friend's link."""
    from tests.web.referrals.test_referral_landing import register as register_with_code

    _fault(sandbox, "POST", "/v3/api/referrals/claim", rule)
    register_with_code(client, f"referee{next(emails)}+success@new.kore", "q8aaa")
    return text_of(client.get("/"))


#: action → (how, signed in first, fault kinds it can meet). Leaving is a DELETE: the
#: client retries it, so only faults that refuse every attempt are its own to tell.
ACTIONS = {
    "tournament-join": (join, True),
    "tournament-leave": (leave, True, ("gateway-503", "kore-503")),
    "tournament-rebuy": (rebuy, True),
    "bonus-claim": (bonus, True),
    "bonus-claim@offers": (offer, True),
    "referral-claim": (referral, True),
    "registration": (register, False),
    "sign-in": (sign_in, False),
    "sign-in@activation": (activate, False),
    "account-step@settings": (settings, True),
    "account-step@language": (language, True),
    "address": (address, False),
    "migration": (migration, False),
    "referee-claim": (referee, False),
    "account-step@sms-code": (sms_code, False),
    "account-step@reset-code": (reset_code, False),
    "password-change": (password_change, False),
    "password-reset": (reset_request, False),
    "code-resend@sms": (sms_resend, False),
    "code-resend@password-reset": (reset_resend, False),
}


def _said(text: str, message) -> bool:
    # The table's sentence, with its values filled in where it has some.
    fixed = [part for part in str(message).split("%(") if part]
    pieces = [fixed[0]] + [part.split(")s", 1)[1] for part in fixed[1:]]
    return all(piece.strip() in text for piece in pieces if piece.strip())


CASES = [(action, kind) for action, (_, _, *only) in ACTIONS.items() for kind in (only[0] if only else FAULT_KINDS)]


@pytest.mark.parametrize(("action", "kind"), CASES)
def test_each_action_says_what_is_known(client, login, sandbox, action, kind):
    run, signed_in, *_ = ACTIONS[action]
    if signed_in:
        login()
    rule, nothing_happened = FAULT_KINDS[kind]
    text = run(client, sandbox, rule)
    nothing, maybe = FAULTS[action.split("@")[0]]  # action@page: the same action from another page
    if nothing_happened:
        assert _said(text, nothing) and "may or may not" not in text, text[:600]
    else:
        assert _said(text, maybe), text[:600]
    if action != "tournament-leave":
        assert requests.get(f"{sandbox.url}/_sandbox/faults", timeout=5).json() == []  # the fault was met
        assert _sent(sandbox) == 1  # and the request reached Kore exactly once: never sent again
    assert "Traceback" not in text and "Internal Server Error" not in text


def test_every_line_of_the_table_is_tested():
    assert {case.split("@")[0] for case in ACTIONS} | {"bonus-claim"} == set(FAULTS)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again on leaving: nothing listens there


def test_signing_in_while_kore_refuses_connections_says_nothing_happened(tmp_path):
    """Connection refused: nothing was sent, so nothing happened, and the page says so."""
    config = Config(kore_api_url=f"http://127.0.0.1:{_closed_port()}", secret_key="test-secret-" * 4,
                    env="development", player_state_db=tmp_path / "favourites.sqlite3")
    app = create_app(config)
    app.config.update(TESTING=True)
    client = app.test_client()
    answer = _sign_in_as(client, "alice@demo.kore")
    nothing, _ = FAULTS["sign-in"]
    assert answer.status_code == 503
    assert str(nothing) in text_of(answer) and "may or may not" not in text_of(answer)
    assert 'value="alice@demo.kore"' in answer.text  # what was typed is kept (the password is not)
