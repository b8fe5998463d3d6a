"""Front-end packages from npm, served under /vendor/ from the package's own ``vendor/``,
and the lobby's own scripts and stylesheet under /static/, minified.

``scripts/assets.py`` copies the packages there from ``node_modules`` (at `make setup`, and into
the wheel at build time) with their licences and a manifest of versions; only the files the
manifest names are served, and nothing third-party is committed.

The lobby's own ``.js`` and ``.css`` keep their comments in the package (operators read and
theme them) and are served without them: minified (rjsmin, rcssmin) the first time they are
asked for, kept in memory per file and modification time (a checkout's edits show at once).
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

import rcssmin
import rjsmin
from flask import Blueprint, Flask, Response, abort, current_app, request, send_from_directory, url_for
from werkzeug.security import safe_join

from lobby.config import VENDOR_DIR

bp = Blueprint("assets", __name__)

#: The front-end files the pages load (scripts/assets.py copies exactly these).
VENDOR_NAMES = ("htmx.min.js", "htmx-ext-sse.min.js")


@lru_cache(maxsize=None)
def vendor_manifest(folder: Path = VENDOR_DIR) -> dict[str, dict[str, str]]:
    """URL name → {package, version} of the front-end files in the package; {} when missing."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError):
        return {}
    return {name: entry for name, entry in manifest.items() if (folder / name).is_file()}


def vendor_url(name: str) -> str:
    """The URL of a vendor file, versioned so browsers may cache it for a year."""
    version = vendor_manifest().get(name, {}).get("version", "0")
    return url_for("assets.vendor", name=name, v=version)


@bp.get("/vendor/<name>")
def vendor(name: str):
    """A front-end package file, cached for a long time (its URL carries the version)."""
    if name not in vendor_manifest():
        if not vendor_manifest():
            current_app.logger.error("front-end packages missing from %s (run `make setup`)", VENDOR_DIR)
        abort(404)
    return send_from_directory(VENDOR_DIR, name, max_age=31536000, conditional=True)


def _theme_css() -> str:
    config = current_app.config["LOBBY"]
    return (
        "/* The operator's colours (BRAND_COLOR, BRAND_ACCENT): everything else derives from them. */\n"
        f":root{{--brand:{config.brand_color};--brand-2:{config.brand_accent};}}\n"
    )


def theme_url() -> str:
    """The brand's stylesheet, versioned by its content so it may be cached for a year."""
    version = hashlib.sha256(_theme_css().encode()).hexdigest()[:10]
    return url_for("assets.theme", v=version)


@bp.get("/theme.css")
def theme():
    """The operator's colours as CSS custom properties."""
    return Response(_theme_css(), mimetype="text/css", headers={"Cache-Control": "public, max-age=31536000"})


#: File suffix → minifier and content type of the files served minified.
MINIFIERS = {".js": (rjsmin.jsmin, "text/javascript"), ".css": (rcssmin.cssmin, "text/css")}


@lru_cache(maxsize=128)
def _minified(path: str, mtime_ns: int) -> tuple[bytes, str]:
    """A static file's minified bytes and their ETag, once per file and modification time."""
    minify, _ = MINIFIERS[Path(path).suffix]
    body = minify(Path(path).read_text(encoding="utf-8")).encode()
    return body, hashlib.sha256(body).hexdigest()[:16]


def static_file(filename: str):
    """Flask's static view, with the lobby's scripts and stylesheet minified."""
    app = current_app
    suffix = Path(filename).suffix
    path = safe_join(str(app.static_folder), filename) if suffix in MINIFIERS else None
    if path is None:
        return app.send_static_file(filename)
    try:
        found = os.stat(path)
    except OSError:
        abort(404)
    if not S_ISREG(found.st_mode):
        abort(404)
    try:
        body, etag = _minified(path, found.st_mtime_ns)
    except (OSError, UnicodeDecodeError):
        return app.send_static_file(filename)  # not readable as text: served as it is
    response = Response(body, mimetype=MINIFIERS[suffix][1])
    response.set_etag(etag)
    response.last_modified = datetime.fromtimestamp(found.st_mtime, timezone.utc)
    response.cache_control.no_cache = True  # as Flask's own: revalidated, answered 304 when unchanged
    return response.make_conditional(request)


def init_static(app: Flask) -> None:
    """Serve /static/ through ``static_file``."""
    app.view_functions["static"] = static_file
