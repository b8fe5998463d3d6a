"""One bonus claim (issue 20, "one way per feature"): the account page's code form and the
Offers page's buttons are the same form (offers/partials/claim.html) sent to the same
claim (POST /offers/claim, offers/claims.py): the same sentences, the same Real-money
guard, the same limit, and each claim reaches Kore exactly once. Live sandbox."""

from __future__ import annotations

import html
import re

import pytest
import requests

from lobby import create_app
from lobby.config import Config
from lobby.core.faults import FAULTS
from lobby.core.messages import PLAYER_MESSAGES
from lobby.kore import ErrorCode
from tests.web.conftest import client_addresses, csrf_from

new_address = client_addresses("198.18")
#: The page a claim is sent from → the page its answer is read on, and how to read it.
PAGES = {"account": "/account", "offers": "/offers"}


@pytest.fixture
def app(sandbox, tmp_path):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                    player_state_db=tmp_path / "favourites.sqlite3", offer_bonus_codes=("WELCOME10", "ONCEONLY"))
    app = create_app(config)
    app.config.update(TESTING=True)
    return app


def answer(page) -> str:
    """The claim's answer where each page shows it: beside the account page's form, on top of the offers."""
    found = re.search(r'data-testid="notice(?:-bonus)?">([^<]+)</p>', page.text)
    return html.unescape(found.group(1)) if found else ""


def claim_from(client, page: str, environ: dict | None = None, **data):
    """Send the claim as the page's own form does, and read the answer on the page it comes back to."""
    form = client.get(PAGES[page])
    response = client.post("/offers/claim", data={**data, "page": page, "csrf_token": csrf_from(form.text)},
                           environ_base=environ or new_address())
    assert response.status_code == 303, response.status_code
    assert response.headers["Location"].split("#")[0] == PAGES[page]
    return answer(client.get(PAGES[page]))


def claims_sent(sandbox) -> int:
    calls = requests.get(f"{sandbox.url}/_sandbox/requests", timeout=5).json()["requests"]
    return sum(1 for call in calls if call["method"] == "POST" and call["path"] == "/v3/api/bonuses/claim")


def fault(sandbox, **rule) -> None:
    rule = {"method": "POST", "path": "/v3/api/bonuses/claim", "times": 1, **rule}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=rule, timeout=5).status_code == 201


def test_both_pages_show_the_one_claim_form(client, login):
    assert login().status_code == 303
    account, offers = client.get("/account").text, client.get("/offers").text
    typed = account.split('data-testid="bonus-form"', 1)[1].split("</form>", 1)[0]
    button = offers.split('class="offer-claim"', 1)[1].split("</form>", 1)[0]
    for form in (typed, button):
        assert 'name="csrf_token"' in form and "style=" not in form
    assert '<form method="post" action="/offers/claim" data-testid="bonus-form"' in account
    assert '<form method="post" action="/offers/claim" class="offer-claim" hx-post="/offers/claim"' in offers
    assert 'name="page" value="account"' in typed and 'name="bonus_code"' in typed and 'name="invite_code"' in typed
    assert 'name="bonus_code" value="WELCOME10"' in button


@pytest.mark.parametrize("page", PAGES)
def test_a_claim_says_what_it_added_on_either_page(client, login, sandbox, page):
    assert login().status_code == 303
    assert claim_from(client, page, bonus_code="WELCOME10") == \
        "Welcome bonus of $10.00 claimed: $10.00 is in your bonus balance."
    assert claims_sent(sandbox) == 1
    # The second claim of the same code, from the other page, is the same claim refused.
    other = "offers" if page == "account" else "account"
    assert claim_from(client, other, bonus_code="WELCOME10") == \
        str(PLAYER_MESSAGES[ErrorCode.BONUS_USER_CLAIMS_EXHAUSTED])
    assert claims_sent(sandbox) == 2


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("rule", "said"), [
    ({"kind": "error", "status": 503, "error": "server_error"}, 0),  # refused before: nothing happened
    ({"kind": "reset"}, 1),  # the answer lost: it may have
])
def test_a_fault_is_the_same_sentence_on_either_page(client, login, sandbox, page, rule, said):
    assert login().status_code == 303
    fault(sandbox, **rule)
    expected = str(FAULTS["bonus-claim"][said]) % {"offer": "Welcome bonus of $10.00"}
    assert claim_from(client, page, bonus_code="WELCOME10") == expected
    assert claims_sent(sandbox) == 1  # never sent again


@pytest.mark.parametrize("page", PAGES)
def test_practice_players_meet_the_same_guard(client, login, sandbox, page):
    assert login(play_mode="Practice").status_code == 303
    assert claim_from(client, page, bonus_code="WELCOME10") == "Switch to real money to claim a bonus."
    assert claims_sent(sandbox) == 0


def test_the_two_pages_share_one_limit(client, login, sandbox):
    """One claim, one budget per client: a claim from the account page counts on the Offers page."""
    assert login().status_code == 303
    here = new_address()
    claim_from(client, "account", environ=here, bonus_code="NOSUCHCODE")
    token = csrf_from(client.get("/offers").text)
    limited = client.post("/offers/claim", data={"bonus_code": "WELCOME10", "csrf_token": token}, environ_base=here)
    assert limited.status_code == 429
    assert claims_sent(sandbox) == 1


@pytest.mark.parametrize("page", PAGES)
def test_a_bad_claim_is_refused_the_same_way_and_sends_nothing(client, login, sandbox, page):
    assert login().status_code == 303
    assert claim_from(client, page, bonus_code="WEL COME") == "That bonus code is not valid. Check it and try again."
    assert claim_from(client, page, bonus_code="") == "Enter your bonus code."
    assert claims_sent(sandbox) == 0
