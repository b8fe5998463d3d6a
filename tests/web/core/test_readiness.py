"""/readyz and `kore-lobby check` say what is missing: Redis, the front-end files, catalogs."""

from __future__ import annotations

import json
import shutil

from lobby import checks, create_app
from lobby.assets import vendor_manifest
from lobby.config import VENDOR_DIR, Config
from tests.web.core.test_scale import free_port


def test_readyz_names_every_part_when_all_answer(client):
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json == {"status": "ok", "kore": "ok", "front-end": "ok", "catalogs": "ok"}


def test_readyz_fails_while_the_configured_redis_does_not_answer(sandbox, tmp_path):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4, env="development",
                    player_state_db=tmp_path / "f.sqlite3", redis_url=f"redis://127.0.0.1:{free_port()}/0")
    answer = create_app(config).test_client().get("/readyz")
    assert answer.status_code == 503
    assert answer.json["redis"] == "unavailable" and answer.json["kore"] == "ok"
    assert answer.headers["Cache-Control"] == "no-store"


def test_front_end_files_missing_from_the_package_are_named(tmp_path):
    partial = tmp_path / "vendor"
    partial.mkdir()
    shutil.copyfile(VENDOR_DIR / "htmx.min.js", partial / "htmx.min.js")
    manifest = json.loads((VENDOR_DIR / "manifest.json").read_text())
    (partial / "manifest.json").write_text(json.dumps(manifest))
    found = vendor_manifest(partial)
    assert set(found) == {"htmx.min.js"}  # listed but absent: not served, not counted
    assert vendor_manifest(tmp_path / "nowhere") == {}


def test_check_lines_say_which_part_failed(sandbox):
    config = Config(kore_api_url=sandbox.url, secret_key="test-secret-" * 4,
                    redis_url=f"redis://127.0.0.1:{free_port()}/0")
    lines = {check.name: check for check in checks.everything(config)}
    assert lines["kore"].ok and lines["front-end"].ok and lines["catalogs"].ok
    assert not lines["redis"].ok and lines["redis"].line().startswith("FAIL  redis: ")
    unreachable = checks.kore(Config(kore_api_url=f"http://127.0.0.1:{free_port()}", secret_key="x" * 40))
    assert not unreachable.ok and "Traceback" not in unreachable.detail
