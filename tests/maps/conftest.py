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


@pytest.fixture(scope="session")
def renamed_short_store(tmp_path_factory):
    """The real data with the labels' short names of 楚雄 (532300) and 石林 (530126) changed in
    the boundary files: map labels must follow the data, not a rule in code."""
    import json

    from geo_layout.data import paths
    from geo_layout.data.store import open_store

    folder = tmp_path_factory.mktemp("renamed") / "geodata"
    shutil.copytree(paths.default_geodata_dir(), folder)
    new = {"532300": ("楚雄测试", "Chuxiong Test"), "530126": ("石林测试", "Shilin Test")}
    for path in [*folder.glob("prefectures.*.geojson"), *folder.glob("counties.*.geojson")]:
        data = json.loads(path.read_text(encoding="utf-8"))
        for f in data["features"]:
            if f["properties"]["adcode"] in new:
                zh, en = new[f["properties"]["adcode"]]
                f["properties"].update(short_zh=zh, short_en=en)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return open_store(geodata_dir=folder)
