"""The lobby's own scripts and stylesheet: served minified, revalidated, nothing else changed."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import lobby

STATIC = Path(lobby.__file__).parent / "static"


@pytest.mark.parametrize("name", ["js/game-frame.js", "js/reality-check.js", "css/lobby.css"])
def test_own_files_are_served_without_their_comments(client, name):
    source = (STATIC / name).read_text()
    assert "/*" in source or "//" in source, "the package's copy keeps its comments"
    with client.get(f"/static/{name}") as response:
        assert response.status_code == 200
        served = response.get_data(as_text=True)
    assert "\n  " not in served and "/*" not in served
    assert len(gzip.compress(served.encode())) < 0.85 * len(gzip.compress(source.encode()))
    expected = "text/css" if name.endswith(".css") else "text/javascript"
    assert response.mimetype == expected


def test_minified_script_keeps_what_the_pages_call(client):
    served = client.get("/static/js/game-frame.js").get_data(as_text=True)
    # the Kore IFrame protocol's messages the shim answers (the e2e suites run it in Chromium)
    for word in ("saveCookie", "loadCookie", "openUrl", "addEventListener"):
        assert word in served


def test_unchanged_file_is_answered_not_modified(client):
    first = client.get("/static/css/lobby.css")
    etag = first.headers["ETag"]
    assert "no-cache" in first.headers["Cache-Control"] and first.headers["Last-Modified"]
    again = client.get("/static/css/lobby.css", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_other_files_and_unknown_paths(client):
    with client.get("/static/favicon.svg") as svg:
        assert svg.status_code == 200 and svg.data == (STATIC / "favicon.svg").read_bytes()
    assert client.get("/static/js/nothing-here.js").status_code == 404
    assert client.get("/static/../config.py").status_code == 404
    assert client.get("/static/js/..%2f..%2fconfig.py").status_code == 404
