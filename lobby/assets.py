"""Front-end packages installed from npm at setup, served from node_modules.

Only the files listed here are served; nothing third-party is committed.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, send_file, url_for

bp = Blueprint("assets", __name__)

#: URL name → file inside node_modules.
VENDOR_FILES = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "htmx-ext-sse.min.js": "htmx-ext-sse/dist/sse.min.js",
}


@lru_cache(maxsize=None)
def _package_version(node_modules: Path, package: str) -> str:
    try:
        return json.loads((node_modules / package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "0"


def vendor_url(name: str) -> str:
    """The URL of a vendor file, versioned so browsers may cache it for a year."""
    package = VENDOR_FILES[name].split("/", 1)[0]
    version = _package_version(current_app.config["LOBBY"].node_modules, package)
    return url_for("assets.vendor", name=name, v=version)


@bp.get("/vendor/<name>")
def vendor(name: str):
    """A front-end package file, cached for a long time (its URL carries the version)."""
    relative = VENDOR_FILES.get(name)
    if relative is None:
        abort(404)
    path = current_app.config["LOBBY"].node_modules / relative
    if not path.is_file():
        current_app.logger.error("front-end package missing: %s (run `make setup`)", relative)
        abort(404)
    return send_file(path, max_age=31536000, conditional=True)


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
