"""Imports point down the layers of DESIGN.md: cli/web -> reports -> maps -> data. Only web,
cli and the app factory import flask; only maps imports folium, branca or matplotlib.

``reports`` (documents made of the data: the review report) sits between maps and the front
ends: it calls data and maps (a map picture, the PDF drawn by matplotlib in maps), and is
called by web and cli: neither data nor maps may import it, and it imports neither web nor
cli."""

from __future__ import annotations

import ast
from pathlib import Path

import geo_layout

PACKAGE = Path(geo_layout.__file__).parent
WEB_ONLY = ("flask", "werkzeug", "waitress")
MAPS_ONLY = ("folium", "branca", "matplotlib")


def _imports(path: Path, root: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: -node.level]
                if path.name == "__init__.py":
                    base = module.split(".")[: len(module.split(".")) - node.level + 1]
                names.add(".".join(base + ([node.module] if node.module else [])))
            else:
                names.add(node.module or "")
    return names


def _layer(path: Path, root: Path) -> str:
    rel = path.relative_to(root).parts
    return rel[0] if len(rel) > 1 else path.stem


def _violations(root: Path = PACKAGE):
    """What breaks the layers under ``root`` (the package; a test's copy of its layout)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        layer = _layer(path, root)
        for name in _imports(path, root):
            top = name.split(".")[0]
            if top in WEB_ONLY and layer not in ("web", "cli", "app"):
                found.append(f"{path.relative_to(root)} imports {name}")
            if top in MAPS_ONLY and layer != "maps":
                found.append(f"{path.relative_to(root)} imports {name}")
            if layer == "data" and name.startswith(("geo_layout.maps", "geo_layout.reports",
                                                    "geo_layout.web", "geo_layout.cli",
                                                    "geo_layout.app")):
                found.append(f"{path.relative_to(root)} imports {name} (upward)")
            if layer in ("maps", "reports") and name.startswith((
                    "geo_layout.web", "geo_layout.cli", "geo_layout.app",
                    *(("geo_layout.reports",) if layer == "maps" else ()))):
                found.append(f"{path.relative_to(root)} imports {name} (upward)")
    return found


def test_imports_follow_the_layers():
    assert _violations() == []


def test_the_check_can_fail(tmp_path):
    """The probe lives in a copy of the layout, not in the package: other test workers scan
    the package at the same time."""
    root = tmp_path / "geo_layout"
    (root / "data").mkdir(parents=True)
    (root / "data" / "_layer_probe.py").write_text("import flask\nfrom ..web import state\n",
                                                   encoding="utf-8")
    (root / "maps").mkdir()
    (root / "maps" / "_layer_probe.py").write_text("from ..reports import build\n",
                                                   encoding="utf-8")
    (root / "reports").mkdir()
    (root / "reports" / "_layer_probe.py").write_text(
        "import matplotlib\nfrom ..web import state\n", encoding="utf-8")
    found = _violations(root)
    assert "data/_layer_probe.py imports flask" in found
    assert "data/_layer_probe.py imports geo_layout.web (upward)" in found
    assert "maps/_layer_probe.py imports geo_layout.reports (upward)" in found
    assert "reports/_layer_probe.py imports matplotlib" in found
    assert "reports/_layer_probe.py imports geo_layout.web (upward)" in found
