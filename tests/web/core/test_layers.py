"""The layers of lobby/, read from its imports (ast): no circle of packages, and ``core``
depends on no area (docs/architecture.md, "Layers")."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LOBBY = ROOT / "lobby"
#: What core may use below it: the Kore client and the app's settings and extensions.
BELOW_CORE = {"lobby.kore", "lobby.config", "lobby.extensions"}


def _unit(module: str) -> str:
    """The package (or top-level module) of lobby/ a module belongs to: lobby.games.views → lobby.games."""
    parts = module.split(".")
    return ".".join(parts[:2])


def _modules() -> dict[str, Path]:
    found = {}
    for path in LOBBY.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def import_graph() -> dict[str, dict[str, set[str]]]:
    """unit → unit it imports → the files that import it (imports inside functions too)."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for module, path in _modules().items():
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
                name = ".".join(filter(None, [base, node.module]))
                targets = [name] + [f"{name}.{alias.name}" for alias in node.names] if name == "lobby" else [name]
            else:
                continue
            for target in targets:
                if target.startswith("lobby.") and _unit(target) != _unit(module):
                    graph[_unit(module)][_unit(target)].add(str(path.relative_to(ROOT)))
    return graph


def circles(graph: dict[str, dict[str, set[str]]]) -> list[set[str]]:
    """The strongly connected groups of more than one unit (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, {}):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in list(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_circle_of_packages_in_the_lobby():
    graph = import_graph()
    found = circles(graph)
    detail = {
        f"{a} → {b}": sorted(files) for group in found for a in group for b, files in graph[a].items() if b in group
    }
    assert found == [], f"packages that import each other: {detail}"


def test_core_depends_on_no_area():
    graph = import_graph()
    above = {target: sorted(files) for target, files in graph["lobby.core"].items() if target not in BELOW_CORE}
    assert above == {}, "core imports an area: move what it needs down into core"


def test_the_graph_sees_the_imports_it_checks():
    """The reader itself: it finds what every area is known to import (or the tests above prove nothing)."""
    graph = import_graph()
    assert "lobby.core" in graph["lobby.games"]
    assert "lobby.kore" in graph["lobby.core"]
    assert {"lobby.games", "lobby.accounts", "lobby.core"} <= set(graph["lobby"])  # create_app, relative imports


# -- the layout's one description (docs/architecture.md) --------------------------------

ARCHITECTURE = ROOT / "docs" / "architecture.md"
#: Blueprint decorators that register a hook for the whole app (not just the blueprint).
APP_WIDE = {"before_app_request", "after_app_request", "teardown_app_request", "app_context_processor",
            "app_template_global", "app_template_filter", "app_template_test", "app_errorhandler",
            "app_url_value_preprocessor", "app_url_defaults"}


def test_every_package_and_top_level_module_of_the_lobby_is_in_the_architecture():
    text = ARCHITECTURE.read_text()
    missing = []
    for path in sorted(LOBBY.rglob("__init__.py")):
        package = path.parent.relative_to(ROOT)
        # Top-level packages by their path; packages inside one by their name under it.
        name = f"{package}/" if len(package.parts) <= 2 else f"{package.name}/"
        if name not in text:
            missing.append(name)
    for path in sorted(LOBBY.glob("*.py")):
        if str(path.relative_to(ROOT)) not in text:
            missing.append(str(path.relative_to(ROOT)))
    assert missing == [], "docs/architecture.md, 'The areas', names every package and module of lobby/"


def test_the_readme_points_to_the_one_layout():
    readme = (ROOT / "README.md").read_text()
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    assert "docs/architecture.md" in layout
    assert "```" not in layout, "the layout is drawn once, in docs/architecture.md"


def test_app_wide_hooks_are_registered_by_init_functions_create_app_calls():
    """No blueprint registers a hook for the whole app (docs/architecture.md, "Rules")."""
    found = []
    for path in LOBBY.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in APP_WIDE:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.attr}")
    assert found == []
