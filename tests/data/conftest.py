"""Helpers to make throw-away data folders: a copy of the repository's seeds with edits."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
import yaml

from geo_layout.data import paths


def _edit(folder: Path, name: str, change: Callable[[dict], None]) -> None:
    path = folder / name
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture()
def seeds_copy(tmp_path):
    """Returns ``(folder, edit)``: a fresh copy of the default seeds and a function
    ``edit(file_name, change)`` applying ``change(doc)`` to one YAML file in place."""
    folder = tmp_path / "data"
    shutil.copytree(paths.default_seeds_dir(), folder,
                    ignore=shutil.ignore_patterns("*.md", "geodata"))
    return folder, lambda name, change: _edit(folder, name, change)
