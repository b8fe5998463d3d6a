"""PLAYER_STATE_DB (once FAVOURITES_DB): where favourites, recently played games and reality
checks are kept without Redis. The old name is still read, and start-up says to rename it,
once; `kore-lobby check` says so too."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lobby import create_app
from lobby.cli import main as kore_lobby
from lobby.config import Config
from tests.web.conftest import csrf_from

ROOT = Path(__file__).resolve().parents[3]
OLD_NAME_NOTE = "FAVOURITES_DB is now called PLAYER_STATE_DB"


def _env(sandbox, **settings: str) -> dict[str, str]:
    return {"KORE_API_URL": sandbox.url, "LOBBY_ENV": "development", "SECRET_KEY": "test-secret-" * 4, **settings}


def _keep_a_favourite_and_an_interval(config: Config) -> None:
    """Alice hearts a game and chooses a 10-minute reality check, through the pages."""
    client = create_app(config).test_client()
    page = client.get("/login")
    client.post("/login", data={"email": "alice@demo.kore", "password": "Demo-pass-1", "play_mode": "Real",
                                "csrf_token": csrf_from(page.text)})
    token = csrf_from(client.get("/account").text)
    assert client.post("/favourites/zodiac-video-slot", data={"csrf_token": token, "action": "add"}).status_code == 303
    assert client.post("/care/reality-check/interval", data={"csrf_token": token, "interval": "10"}).status_code == 303


def _what_alice_kept(config: Config) -> tuple[bool, str]:
    """From a new app on the same settings (a restart): her heart, and her interval's choice."""
    client = create_app(config).test_client()
    page = client.get("/login")
    client.post("/login", data={"email": "alice@demo.kore", "password": "Demo-pass-1", "play_mode": "Real",
                                "csrf_token": csrf_from(page.text)})
    hearted = re.search(r'action="/favourites/zodiac-video-slot"(?:(?!</form>).)*aria-pressed="true"',
                        client.get("/").text, re.S)
    chosen = re.search(r'<option (?:selected value="10"|value="10" selected)', client.get("/account").text)
    return bool(hearted), "10 minutes" if chosen else "not kept"


@pytest.mark.parametrize("name", ["PLAYER_STATE_DB", "FAVOURITES_DB"])
def test_either_name_keeps_favourites_and_reality_checks_in_that_file(sandbox, tmp_path, name):
    path = tmp_path / "state" / "players.sqlite3"
    path.parent.mkdir()
    config = Config.from_env(_env(sandbox, **{name: str(path)}))
    assert config.player_state_db == path
    _keep_a_favourite_and_an_interval(config)
    assert path.is_file() and path.stat().st_size > 0
    assert _what_alice_kept(Config.from_env(_env(sandbox, **{name: str(path)}))) == (True, "10 minutes")
    # Elsewhere, nothing of hers: it really was that file.
    assert _what_alice_kept(Config.from_env(_env(sandbox, PLAYER_STATE_DB=str(tmp_path / "other.sqlite3")))) == (
        False, "not kept")


def test_the_new_name_wins_and_the_old_one_is_said_to_be_ignored(tmp_path):
    config = Config.from_env({"PLAYER_STATE_DB": str(tmp_path / "new.sqlite3"),
                              "FAVOURITES_DB": str(tmp_path / "old.sqlite3")})
    assert config.player_state_db == tmp_path / "new.sqlite3"
    assert config.renamed == ("FAVOURITES_DB is ignored: PLAYER_STATE_DB, its new name, is set too. "
                              "Remove FAVOURITES_DB.",)
    assert Config.from_env({"PLAYER_STATE_DB": str(tmp_path / "new.sqlite3")}).renamed == ()
    assert Config.from_env({}).player_state_db == Path("instance") / "favourites.sqlite3"  # the file upgrades find


def test_the_old_name_is_warned_about_once_at_start_up(sandbox, tmp_path):
    """Two apps in one process (a worker, a reload): one warning, with what to do."""
    program = textwrap.dedent("""
        from lobby import create_app
        from lobby.config import Config
        create_app(Config.from_env())
        create_app(Config.from_env())
        print("started twice")
    """)
    env = {"PATH": "/usr/bin:/bin", **_env(sandbox, FAVOURITES_DB=str(tmp_path / "f.sqlite3"))}
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "started twice" in done.stdout
    warnings = [line for line in done.stderr.splitlines() if OLD_NAME_NOTE in line]
    assert len(warnings) == 1 and "WARNING" in warnings[0] and "Rename it to PLAYER_STATE_DB" in warnings[0]
    quiet = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60,
                           env={"PATH": "/usr/bin:/bin", **_env(sandbox, PLAYER_STATE_DB=str(tmp_path / "f.sqlite3"))})
    assert quiet.returncode == 0 and "FAVOURITES_DB" not in quiet.stderr


def test_kore_lobby_check_says_to_rename_it_and_still_passes(sandbox, tmp_path, monkeypatch, capsys):
    for name, value in _env(sandbox, FAVOURITES_DB=str(tmp_path / "f.sqlite3")).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PLAYER_STATE_DB", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert kore_lobby(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ok    settings: ")
    assert lines[1].startswith(f"warn  settings: {OLD_NAME_NOTE} ") and lines[1].endswith("Rename it to PLAYER_STATE_DB.")

    monkeypatch.setenv("PLAYER_STATE_DB", str(tmp_path / "f.sqlite3"))
    monkeypatch.delenv("FAVOURITES_DB")
    assert kore_lobby(["check"]) == 0
    assert "warn" not in capsys.readouterr().out
