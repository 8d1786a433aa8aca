"""A drawn boundary (``area`` with its ``area_source``) of a layout element or a place: what the
one validator takes and refuses, how the features show it (an element's geometry becomes its
boundary; a park keeps its point), the repair the area page applies, and the round trip
through the database, its revisions and ``db export``."""

from __future__ import annotations

import copy

import pytest
import shapely
import yaml

from geo_layout.data import paths
from geo_layout.data.areas import (MAX_VERTICES, AreaProblem, geometry_of, normalised,
                                   square_km)
from geo_layout.data.db_store import Database
from geo_layout.data.provenance import parse_source
from geo_layout.data.seeds import check_record, load_dataset
from geo_layout.data.store import open_store

ZONE = "zone"
PARK = "guandu-digital-economy-industrial-park"
#: ~70 × 55 km west of the provincial capital: inside the province
BOX = {"type": "Polygon", "coordinates": [[[102.4, 24.9], [103.1, 24.9], [103.1, 25.4],
                                           [102.4, 25.4], [102.4, 24.9]]]}
SMALL = {"type": "Polygon", "coordinates": [[[102.70, 25.00], [102.72, 25.00], [102.72, 25.02],
                                             [102.70, 25.02], [102.70, 25.00]]]}
SOURCE = "notice: new-area management committee boundary, 2026"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(paths.default_seeds_dir())


def _seed(file: str, key: str, rid: str) -> dict:
    doc = yaml.safe_load((paths.default_seeds_dir() / file).read_text(encoding="utf-8"))
    return copy.deepcopy(next(r for r in doc[key] if r["id"] == rid))


def _check(dataset, collection, rid, **changes):
    file, key = {"layout-elements": ("layout.yaml", "elements"),
                 "parks": ("parks.yaml", "parks")}[collection]
    raw = {**_seed(file, key, rid), **changes}
    return check_record(dataset, collection, raw, replaces=rid)


def _problems(dataset, collection="layout-elements", rid=ZONE, **changes):
    _, problems = _check(dataset, collection, rid, **changes)
    return {p.field: p.message for p in problems}


def test_an_element_takes_a_boundary_with_its_source(dataset):
    typed, problems = _check(dataset, "layout-elements", ZONE, area=BOX, area_source=SOURCE)
    assert problems == []
    assert typed.area.equals(shapely.box(102.4, 24.9, 103.1, 25.4))
    assert typed.area_source == SOURCE
    assert typed.approximate is False  # its counties no longer stand in for it


def test_a_park_takes_a_boundary_and_keeps_its_point(dataset):
    typed, problems = _check(dataset, "parks", PARK, area=SMALL, area_source=SOURCE)
    assert problems == []
    assert typed.area.bounds == (102.70, 25.00, 102.72, 25.02)
    assert typed.point is not None


@pytest.mark.parametrize("changes, field, words", [
    ({"area": BOX}, "area_source", "is required with area"),
    ({"area_source": SOURCE}, "area_source", "no area is given"),
    ({"area": BOX, "area_source": "  "}, "area_source", "non-empty"),
    ({"area": {"type": "Point", "coordinates": [102.7, 25.0]}, "area_source": SOURCE},
     "area", "must be a GeoJSON Polygon or MultiPolygon, got 'Point'"),
    ({"area": {"type": "Polygon", "coordinates": [[[102.4, 24.9], [103.1, 25.4],
                                                   [103.1, 24.9], [102.4, 25.4],
                                                   [102.4, 24.9]]]}, "area_source": SOURCE},
     "area", "Self-intersection"),
    ({"area": {"type": "Polygon", "coordinates": [[[112.4, 24.9], [113.1, 24.9],
                                                   [113.1, 25.4], [112.4, 24.9]]]},
      "area_source": SOURCE}, "area", "100% of it lies outside the plan's province"),
    ({"area": {"type": "Polygon", "coordinates": [[[97.0, 21.0], [106.0, 21.0],
                                                   [106.0, 29.0], [97.0, 21.0]]]},
      "area_source": SOURCE}, "area", "km²; a boundary of layout-elements covers at most"),
    ({"area": {"type": "Polygon", "coordinates": [[[102.7, 25.0], [102.7001, 25.0],
                                                   [102.7001, 25.0001], [102.7, 25.0]]]},
      "area_source": SOURCE}, "area", "m²; at least 100 m²"),
    ({"area": {"type": "Polygon", "coordinates": [[[102.4, 24.9], [103.1, 24.9],
                                                   [103.1, 25.4], [102.4, 25.4]]]},
      "area_source": SOURCE}, "area", "a ring is not closed"),
    ({"area": {"type": "Polygon", "coordinates": [[[402.4, 24.9], [103.1, 24.9],
                                                   [103.1, 25.4], [402.4, 24.9]]]},
      "area_source": SOURCE}, "area", "is not a WGS-84 longitude and latitude"),
    ({"area": {"type": "Polygon", "coordinates": [[["a", 1], [2, 3], [4, 5], ["a", 1]]]},
      "area_source": SOURCE}, "area", "must be [lon, lat] numbers"),
])
def test_each_bad_boundary_is_refused_with_its_field(dataset, changes, field, words):
    problems = _problems(dataset, **changes)
    assert field in problems, problems
    assert words in problems[field]


def test_a_boundary_of_too_many_vertices_is_refused(dataset):
    ring = [[102.4 + 0.5 * i / MAX_VERTICES, 24.9 + (i % 2) * 1e-4]
            for i in range(MAX_VERTICES + 5)]
    ring.append(ring[0])
    problems = _problems(dataset, area={"type": "Polygon", "coordinates": [ring]},
                         area_source=SOURCE)
    assert problems["area"] == f"has more than {MAX_VERTICES:,} vertices: simplify it"


def test_a_park_may_not_be_as_large_as_an_element(dataset):
    problems = _problems(dataset, "parks", PARK, area=BOX, area_source=SOURCE)
    assert "a boundary of parks covers at most 2,000 km²" in problems["area"]
    assert 3000 < square_km(geometry_of(BOX)) < 5000


def test_the_page_repairs_a_drawing_that_crosses_itself():
    bowtie = {"type": "Polygon", "coordinates": [[[102.4, 24.9], [103.1, 25.4], [103.1, 24.9],
                                                  [102.4, 25.4], [102.4, 24.9]]]}
    fixed = normalised(geometry_of(bowtie))
    assert fixed["type"] == "MultiPolygon" and len(fixed["coordinates"]) == 2
    geom = shapely.geometry.shape(fixed)
    assert geom.is_valid and abs(geom.area - 0.35 / 2 * 0.5 * 2) < 1e-9
    # exterior rings counter-clockwise (RFC 7946), coordinates rounded to ~1 cm
    assert all(shapely.Polygon(p[0]).exterior.is_ccw for p in fixed["coordinates"])
    noisy = normalised(shapely.box(102.123456789, 25.0, 102.2, 25.1))
    assert [102.1234568, 25.0] in noisy["coordinates"][0]
    with pytest.raises(AreaProblem, match="holds no polygon"):
        normalised(shapely.LineString([(102, 25), (103, 26)]))


def test_features_draw_the_boundary_in_place_of_the_counties(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in paths.default_seeds_dir().glob("*.yaml"):
        (seeds / path.name).write_bytes(path.read_bytes())
    doc = yaml.safe_load((seeds / "layout.yaml").read_text(encoding="utf-8"))
    zone = next(e for e in doc["elements"] if e["id"] == ZONE)
    zone.update(area=BOX, area_source=SOURCE)
    (seeds / "layout.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    store = open_store(seeds, paths.default_geodata_dir())
    feature = store.get("layout-elements", ZONE)
    assert feature.geometry("coarse").equals(shapely.box(102.4, 24.9, 103.1, 25.4))
    assert feature.geometry("high").equals(feature.geometry("coarse"))
    assert feature.properties["area"] == {"type": "Polygon", "coordinates": [
        [[102.4, 24.9], [103.1, 24.9], [103.1, 25.4], [102.4, 25.4], [102.4, 24.9]]]}
    assert feature.properties["area_source"] == SOURCE
    assert feature.properties["approximate"] is False
    other = store.get("layout-elements", "core")
    assert other.properties["area"] is None and other.properties["area_source"] is None


@pytest.fixture()
def database(any_db_url):
    return Database(any_db_url)


def test_a_boundary_round_trips_through_the_database_and_export(database, tmp_path):
    plan = database.plan_ids()[0]
    store = database.link(plan).load()
    body = dict(store.stored("layout-elements", ZONE), area=BOX, area_source=SOURCE)
    change = store.replace("layout-elements", ZONE, body, expected=1, author="alice",
                           source=parse_source("notice: boundary of 2026"))
    new = change.store
    assert new.stored("layout-elements", ZONE)["area"] == BOX
    assert new.get("layout-elements", ZONE).geometry().equals(geometry_of(BOX))
    [rev] = new.history("layout-elements", ZONE)
    assert rev.source == {"kind": "notice", "reference": "boundary of 2026"}
    assert rev.after["area"] == BOX and "area" not in rev.before
    # another server (a fresh link) reads the same boundary from the rows
    again = Database(database.url)
    fresh = again.link(plan).load()
    assert fresh.get("layout-elements", ZONE).properties["area_source"] == SOURCE
    # db export writes it into the seed files, which load with it
    database.export(plan, tmp_path / "out")
    exported = yaml.safe_load((tmp_path / "out" / "layout.yaml").read_text("utf-8"))
    assert next(e for e in exported["elements"] if e["id"] == ZONE)["area"] == BOX
    loaded = open_store(tmp_path / "out", paths.default_geodata_dir())
    assert loaded.get("layout-elements", ZONE).properties["area"] == BOX
    # removing it brings the county stand-in back
    body = {k: v for k, v in body.items() if k not in ("area", "area_source")}
    back = new.replace("layout-elements", ZONE, body, expected=2, author="alice",
                       source=parse_source("other: back to the stand-in")).store
    assert back.get("layout-elements", ZONE).properties["approximate"] is True
    assert back.get("layout-elements", ZONE).geometry().equals(
        store.get("layout-elements", ZONE).geometry())
