"""Fault pages from one table (issue 25, deliverable 4): for every state-changing action,
refused before sending → "nothing happened"; no answer after sending → "may or may not
have gone through", with the way to check. Each action, each kind of fault, on the sandbox."""

from __future__ import annotations

import itertools

import pytest
import requests

from lobby.core.faults import FAULTS
from tests.web.accounts.pages import register as register_in_steps
from tests.web.accounts.pages import registration
from tests.web.conftest import csrf_from, text_of

emails = itertools.count(1)
addresses = itertools.count(1)

#: How Kore fails: before anything was done, or with the answer lost.
FAULT_KINDS = {
    "gateway-503": ({"kind": "error", "status": 503, "error": None}, 1),
    "kore-503": ({"kind": "error", "status": 503, "error": "server_error"}, 1),
    "reset": ({"kind": "reset"}, 0),
    "kore-500": ({"kind": "error", "status": 500, "error": "server_error"}, 0),
}


def _fault(sandbox, method: str, path: str, rule: dict, times: int = 1) -> None:
    answer = requests.post(f"{sandbox.url}/_sandbox/faults",
                           json={"method": method, "path": path, "times": times, **rule}, timeout=5)
    assert answer.status_code == 201, answer.text


def _address() -> dict:
    n = next(addresses)
    return {"REMOTE_ADDR": f"10.77.{n // 250}.{n % 250 + 1}"}


def _confirm(client, url: str, **data):
    page = client.get(url)
    return client.post(url, data={"csrf_token": csrf_from(page.text), **data}, environ_base=_address())


def join(client, sandbox, rule):
    _fault(sandbox, "POST", "/v3/api/tournaments/101/registration", rule)
    return text_of(_confirm(client, "/tournaments/101/register", type="Cash"))


def leave(client, sandbox, rule):
    assert _confirm(client, "/tournaments/101/register", type="Cash").status_code == 303
    # A DELETE, which the client retries: the fault lasts for every attempt.
    _fault(sandbox, "DELETE", "/v3/api/tournaments/101/registration", rule, times=4)
    text = text_of(_confirm(client, "/tournaments/101/unregister"))
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
        assert requests.get(f"{sandbox.url}/_sandbox/faults", timeout=5).json() == []  # sent exactly once
