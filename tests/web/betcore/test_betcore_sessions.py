"""The lobby's idle timeout ends the session, and BETCORE's refresh tokens with it."""

from __future__ import annotations

import time

INVALID_TOKEN = 103805


def test_the_idle_timeout_revokes_the_tokens(app, client, refresh_token, partner):
    now = [time.time()]
    app.extensions["lobby.clock"] = lambda: now[0]
    token = refresh_token()
    assert partner("auth", {"RefreshToken": token})["ErrorCode"] == 200
    retry = partner("auth", {"RefreshToken": token})["Value"]["RefreshToken"]
    now[0] += app.config["LOBBY"].session_idle_timeout + 1
    client.get("/")  # the lobby sees the idle session and ends it
    assert partner("auth", {"RefreshToken": retry})["ErrorCode"] == INVALID_TOKEN


def test_signing_out_revokes_the_tokens_even_when_kore_did_not_log_out(app, client, refresh_token, partner,
                                                                      monkeypatch):
    from lobby.core.upstream import upstream
    from tests.web.conftest import csrf_from

    token = refresh_token()
    with app.app_context():
        monkeypatch.setattr(upstream().client, "logout", lambda **kwargs: None)  # Kore's session stays alive
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/account").text)})
    assert partner("auth", {"RefreshToken": token})["ErrorCode"] == INVALID_TOKEN
