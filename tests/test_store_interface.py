"""Nothing outside ``data/`` reaches around the store's interface: every attribute read on a
store is one of :class:`Store`'s public members, nobody imports an implementation, and the
loaded dataset itself (``.dataset``) is never touched. So a database store of the same
interface replaces the in-memory one without anything above ``data`` noticing."""

from __future__ import annotations

import ast
from pathlib import Path

import geo_layout
from geo_layout.data.store import Store

PACKAGE = Path(geo_layout.__file__).parent
INTERFACE = {name for name in dir(Store) if not name.startswith("_")}
#: Names a store goes by in the code above data/.
STORE_NAMES = {"store", "the_store", "_store"}
IMPLEMENTATIONS = {"InMemoryStore"}


def _is_store(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in STORE_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in STORE_NAMES
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id == "current_store"
    return False


def reaching_around(path: Path, root: Path = PACKAGE) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(root)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr == "dataset":
                found.append(f"{where}:{node.lineno} reads .dataset")
            elif _is_store(node.value) and node.attr not in INTERFACE:
                found.append(f"{where}:{node.lineno} store.{node.attr} is not in Store")
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in IMPLEMENTATIONS:
                    found.append(f"{where}:{node.lineno} imports {alias.name}")
    return found


def _outside_data() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if p.relative_to(PACKAGE).parts[0] != "data"]


def test_nothing_outside_data_reaches_around_the_store():
    assert [line for p in _outside_data() for line in reaching_around(p)] == []


def test_the_interface_is_what_the_layers_above_use():
    """The interface promised by DESIGN.md: plan metadata, records, places and space."""
    assert {"plan", "sections", "industries", "commitments", "kinds", "province", "version",
            "collections", "get", "place", "query", "count", "distinct", "resolve", "located",
            "selection", "nearby", "search", "extent"} <= INTERFACE


def test_the_check_can_fail(tmp_path):
    root = tmp_path / "geo_layout"
    probe = root / "web" / "_store_probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("from ..data.store import InMemoryStore\n"
                     "def f(store, current_store):\n"
                     "    store._features\n    current_store().dataset\n"
                     "    store.plan()\n", encoding="utf-8")
    found = reaching_around(probe, root)
    assert found == ["web/_store_probe.py:1 imports InMemoryStore",
                     "web/_store_probe.py:3 store._features is not in Store",
                     "web/_store_probe.py:4 reads .dataset"]
