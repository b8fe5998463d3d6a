"""The wheel's build hook: front-end packages and compiled catalogs into the package.

hatchling runs it for the sdist and the wheel (pyproject.toml, [tool.hatch.build.hooks.custom]);
the work is scripts/assets.py's, which `make setup` runs for a checkout. Building the wheel
from the sdist finds lobby/vendor/ already filled (node_modules is not in the sdist).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class AssetsBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return  # a checkout: `make setup` runs scripts/assets.py itself
        root = Path(self.root)
        spec = importlib.util.spec_from_file_location("lobby_build_assets", root / "scripts" / "assets.py")
        assets = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(assets)
        node_modules = root / "node_modules"
        if node_modules.is_dir():
            assets.copy_vendor(node_modules)
        elif not (root / "lobby" / "vendor" / "manifest.json").is_file():
            raise assets.AssetError("node_modules is missing and lobby/vendor/ is empty: run `npm ci` first")
        assets.compile_catalogs()
