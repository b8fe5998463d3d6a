"""Refresh tokens: rotation, the retry rule, reuse detection, concurrency, revocation;
in process memory and in Redis."""

from __future__ import annotations

import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from lobby.betcore import service
from lobby.betcore.tokens import RETRY_WINDOW
from tests.web.conftest import csrf_from

SUCCESS, INVALID_TOKEN, GENERAL_ERROR = 200, 103805, 103799

pytestmark = pytest.mark.parametrize("store_kind", ["memory", "redis"], indirect=True)


@pytest.fixture
def store_kind(request):
    return request.param


def auth(partner, token):
    return partner("auth", {"RefreshToken": token, "TagId": 7})


def test_the_first_auth_describes_the_wallet(refresh_token, partner):
    answer = auth(partner, refresh_token())
    assert answer["ErrorCode"] == SUCCESS and answer["Message"] == "Success"
    value = answer["Value"]
    assert value["CurrencyCode"] == "USD" and value["IsTest"] is True
    assert re.fullmatch(r"[A-Za-z0-9.-]{10,1000}", value["RefreshToken"])
    assert re.fullmatch(r"kl-[0-9a-f]{32}", value["PartnerUserId"])


def test_partner_user_id_is_stable_per_player_and_wallet(refresh_token, partner, client):
    first = auth(partner, refresh_token())["Value"]["PartnerUserId"]
    again = auth(partner, refresh_token())["Value"]["PartnerUserId"]
    assert again == first
    assert auth(partner, refresh_token(currency="EUR"))["Value"]["PartnerUserId"] != first


def test_tokens_are_long_random_and_stored_hashed(app, refresh_token, betcore_redis_url, store_kind):
    token = refresh_token()
    assert len(token) >= 64 and re.fullmatch(r"[0-9a-f]+", token)  # 256 bits in BETCORE's alphabet
    if store_kind == "redis":
        import redis

        everything = b" ".join(redis.Redis.from_url(betcore_redis_url).keys("*"))
        assert token.encode() not in everything


def test_each_auth_rotates(refresh_token, partner):
    first = refresh_token()
    second = auth(partner, first)["Value"]["RefreshToken"]
    third = auth(partner, second)["Value"]["RefreshToken"]
    assert len({first, second, third}) == 3
    assert auth(partner, third)["ErrorCode"] == SUCCESS


def test_a_retry_within_seconds_gets_the_same_token(refresh_token, partner, clock):
    first = refresh_token()
    second = auth(partner, first)["Value"]["RefreshToken"]
    clock.advance(RETRY_WINDOW - 1)
    assert auth(partner, first)["Value"]["RefreshToken"] == second
    assert auth(partner, second)["ErrorCode"] == SUCCESS


def test_a_retired_token_later_revokes_the_chain(refresh_token, partner, clock):
    first = refresh_token()
    second = auth(partner, first)["Value"]["RefreshToken"]
    clock.advance(RETRY_WINDOW + 1)
    assert auth(partner, first)["ErrorCode"] == INVALID_TOKEN
    assert auth(partner, second)["ErrorCode"] == INVALID_TOKEN  # the whole chain


def test_a_retry_after_the_successor_was_used_is_reuse(refresh_token, partner):
    first = refresh_token()
    second = auth(partner, first)["Value"]["RefreshToken"]
    third = auth(partner, second)["Value"]["RefreshToken"]
    assert auth(partner, first)["ErrorCode"] == INVALID_TOKEN
    assert auth(partner, third)["ErrorCode"] == INVALID_TOKEN


def test_concurrent_calls_with_one_token(app, refresh_token, betcore_sandbox):
    first = refresh_token()
    bodies = [json.dumps(betcore_sandbox.signer.sign({"RefreshToken": first})) for _ in range(8)]

    def call(body):
        return app.test_client().post("/betcore/users/auth", data=body, content_type="application/json").get_json()

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(call, bodies))
    assert {answer["ErrorCode"] for answer in answers} == {SUCCESS}
    winners = {answer["Value"]["RefreshToken"] for answer in answers}
    assert len(winners) == 1  # exactly one successor; every retry got it
    assert call(json.dumps(betcore_sandbox.signer.sign({"RefreshToken": winners.pop()})))["ErrorCode"] == SUCCESS


def test_unused_tokens_expire_with_the_idle_timeout(app, refresh_token, partner, clock):
    token = refresh_token()
    clock.advance(app.config["LOBBY"].session_idle_timeout + 1)
    assert auth(partner, token)["ErrorCode"] == INVALID_TOKEN


def test_signing_out_revokes_the_tokens(refresh_token, partner, client):
    token = refresh_token()
    partner_user_id = auth(partner, token)["Value"]["PartnerUserId"]
    newest = auth(partner, token)["Value"]["RefreshToken"]  # a retry: still fine
    assert partner("data", {"PartnerUserId": partner_user_id, "TagId": 0})["ErrorCode"] == SUCCESS
    page = client.get("/account")
    client.post("/logout", data={"csrf_token": csrf_from(page.text)})
    assert auth(partner, newest)["ErrorCode"] == INVALID_TOKEN
    assert partner("data", {"PartnerUserId": partner_user_id, "TagId": 0})["ErrorCode"] == INVALID_TOKEN


def test_kore_ending_the_session_revokes_the_tokens(app, refresh_token, partner, player_context):
    token = refresh_token()
    with player_context():
        from lobby.core.session import current_player
        from lobby.core.upstream import upstream

        player = current_player()
        upstream().client.logout(token=player.token, link=player.logout_link, return_url="http://localhost/")
    assert auth(partner, token)["ErrorCode"] == INVALID_TOKEN


def test_users_data_answers_the_balance_as_a_string(refresh_token, partner, app, player_context):
    value = auth(partner, refresh_token())["Value"]
    answer = partner("data", {"PartnerUserId": value["PartnerUserId"], "TagId": 7, "ExtraData": {"x": 1}})
    assert answer["ErrorCode"] == SUCCESS
    balance = answer["Value"]["Balance"]
    assert isinstance(balance, str) and re.fullmatch(r"\d+(\.\d+)?", balance)
    with player_context():
        from lobby.core.session import current_player
        from lobby.core.upstream import upstream

        user = upstream().user(current_player(), "http://localhost/", None)
    assert balance == format(user.balance.decimal, "f")


def test_users_data_for_nobody_is_refused(app, partner):
    assert partner("data", {"PartnerUserId": "kl-0123", "TagId": 1})["ErrorCode"] == INVALID_TOKEN
    assert partner("data", {"TagId": 1})["ErrorCode"] == 103752


def test_anything_unexpected_is_a_general_error_without_the_token_in_the_log(
        app, refresh_token, partner, monkeypatch, caplog):
    token = refresh_token()
    with app.app_context():
        store = service().store

    def broken(presented):
        raise RuntimeError(f"store down while rotating {presented}")

    monkeypatch.setattr(store, "rotate", broken)
    with caplog.at_level(logging.INFO):
        answer = auth(partner, token)
    assert answer["ErrorCode"] == GENERAL_ERROR
    reference = re.search(r"reference ([0-9a-f]+)", answer["Message"]).group(1)
    assert reference in caplog.text and token not in caplog.text


def test_a_session_keeps_its_newest_chains_and_revokes_older_ones(app, refresh_token, partner, player_context):
    from lobby.betcore import issue_refresh_token
    from lobby.betcore.tokens import CHAINS_PER_SESSION
    from lobby.core.session import current_player

    oldest = refresh_token()
    with player_context():
        tokens = [issue_refresh_token(current_player(), "USD") for _ in range(CHAINS_PER_SESSION)]
    assert auth(partner, oldest)["ErrorCode"] == INVALID_TOKEN
    assert auth(partner, tokens[0])["ErrorCode"] == SUCCESS
