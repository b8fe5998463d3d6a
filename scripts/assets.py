"""Put into the package what its pages serve but git does not hold: the front-end packages
from npm and the compiled catalogs.

Run by `make setup` (for a checkout) and by the wheel's build hook (hatch_build.py), so the
checkout and an installed wheel read the same files from the same place:

- ``lobby/vendor/``: each file of ``VENDOR_FILES`` copied from ``node_modules``, its package's
  licence beside it, and ``manifest.json`` (URL name → package and version) that
  ``lobby/assets.py`` serves from;
- ``lobby/translations/*/LC_MESSAGES/*.mo``: every catalog compiled (Babel).

``python scripts/assets.py [--node-modules DIR]``; exit status 1 with one line when a file
is missing (``npm ci`` not run).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lobby"

#: URL name (under /vendor/) → file inside node_modules. Only these are served.
VENDOR_FILES = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "htmx-ext-sse.min.js": "htmx-ext-sse/dist/sse.min.js",
}

LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license")


class AssetError(RuntimeError):
    """A source file is missing; the message says which and what to run."""


def copy_vendor(node_modules: Path, target: Path = PACKAGE / "vendor") -> dict[str, dict[str, str]]:
    """Copy the served files and their licences into ``target``; return the manifest."""
    manifest: dict[str, dict[str, str]] = {}
    target.mkdir(parents=True, exist_ok=True)
    for name, relative in VENDOR_FILES.items():
        source = node_modules / relative
        package = relative.split("/", 1)[0]
        meta = node_modules / package / "package.json"
        if not source.is_file() or not meta.is_file():
            raise AssetError(f"{source} is missing: run `npm ci` first")
        shutil.copyfile(source, target / name)
        for licence in LICENCE_NAMES:
            if (node_modules / package / licence).is_file():
                shutil.copyfile(node_modules / package / licence, target / f"{package}.LICENSE")
                break
        else:
            raise AssetError(f"{package} ships no licence file in {node_modules / package}")
        manifest[name] = {"package": package, "version": json.loads(meta.read_text())["version"]}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def compile_catalogs(translations: Path = PACKAGE / "translations") -> list[Path]:
    """Compile every ``.po`` under ``translations`` next to itself; return the ``.mo`` paths."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(translations.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parts[-3])
        mo = po.with_suffix(".mo")
        with mo.open("wb") as f:
            write_mo(f, catalog)  # fuzzy entries are left out, as `pybabel compile` does
        written.append(mo)
    if not written:
        raise AssetError(f"no catalogs under {translations}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    args = parser.parse_args(argv)
    try:
        copy_vendor(args.node_modules)
        compile_catalogs()
    except AssetError as error:
        print(f"assets: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
