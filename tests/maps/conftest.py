"""Fixtures of the map tests: a store whose data carries an HTML payload as a park name."""

from __future__ import annotations

import shutil

import pytest
import yaml

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory):
    """The real data with one park renamed to an HTML payload (both languages)."""
    from geo_layout.data import paths
    from geo_layout.data.store import open_store

    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(paths.default_seeds_dir(), folder)
    doc = yaml.safe_load((folder / "parks.yaml").read_text(encoding="utf-8"))
    park = next(p for p in doc["parks"] if p["id"] == "kunming-high-tech-zone")
    park["name"] = {"zh": HOSTILE, "en": HOSTILE}
    (folder / "parks.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return open_store(folder)
