"""Download writers: every file reads back through GDAL with the store's counts and CRS."""

from __future__ import annotations

import csv
import io
import json

import pyogrio
import pytest

from geo_layout.data.features import COLLECTIONS, GEOMETRY_COLLECTIONS
from geo_layout.data.writers import (BOM, csv_bytes, download_name, formats_for, layer_name,
                                     write)
from geo_layout.errors import NotFound


@pytest.fixture(scope="module")
def store(progress_data):
    """The seeds with synthetic target values: every collection has features to write."""
    from geo_layout.data.store import open_store

    return open_store(progress_data)


def _read_back(tmp_path, data: bytes, collection: str, fmt: str):
    path = tmp_path / f"{collection}.{fmt}"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_format_reads_back_through_gdal(tmp_path, store, collection):
    features = store.query(collection).features
    assert features
    for fmt in formats_for(collection):
        path = _read_back(tmp_path, write(features, collection, fmt), collection, fmt)
        if fmt == "csv":
            continue  # checked below with the csv module
        if fmt == "xlsx":  # the table, then the field dictionary of its columns
            layers = [row[0] for row in pyogrio.list_layers(path)]
            assert layers == [layer_name(collection), "字段说明"]
            assert pyogrio.read_info(path, layer=0, HEADERS="FORCE")["features"] == len(features)
            continue
        layers = pyogrio.list_layers(path)
        expected_layer = collection if fmt == "geojson" else layer_name(collection)
        assert [row[0] for row in layers] == [expected_layer], fmt
        info = pyogrio.read_info(path)
        assert info["features"] == len(features), fmt
        frame = pyogrio.read_dataframe(path, read_geometry=fmt != "gpkg"
                                       or collection in GEOMETRY_COLLECTIONS)
        ids = frame["record_id" if fmt == "kml" else "id"].astype(str)
        assert sorted(ids) == sorted(f.id for f in features), fmt
        if collection in GEOMETRY_COLLECTIONS:
            assert info["crs"] == "EPSG:4326", fmt
        elif fmt == "gpkg":
            assert info["geometry_type"] is None, fmt  # attribute-only table
        else:
            assert frame.geometry.isna().all(), fmt


def test_kml_is_not_offered_for_tables(store):
    assert "kml" not in formats_for("enterprises")
    with pytest.raises(NotFound, match="KML needs geometry"):
        write(store.query("targets").features, "targets", "kml")


def test_geojson_keeps_lists_and_nulls_unlocated_geometry(store):
    doc = json.loads(write(store.query("parks").features, "parks", "geojson"))
    by_id = {f["id"]: f for f in doc["features"]}
    assert by_id["yungui-smart-town"]["geometry"] is None
    dali = by_id["yunnan-xinchuang-industrial-park-dali"]
    assert dali["geometry"]["type"] == "Point"
    assert dali["geometry"]["coordinates"] == pytest.approx([99.917234, 25.681255])
    assert isinstance(dali["properties"]["elements"], list)
    tables = json.loads(write(store.query("enterprises").features, "enterprises", "geojson"))
    assert tables["features"] and all(f["geometry"] is None for f in tables["features"])


def test_csv_has_bom_chinese_and_lon_lat(store):
    features = store.query("parks").features
    data = csv_bytes(features, "parks")
    assert data.startswith(BOM.encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(features) == 11
    by_id = {r["id"]: r for r in rows}
    assert by_id["yunnan-xinchuang-industrial-park-dali"]["name_zh"] == "云南信创产业园（大理）"
    assert float(by_id["yunnan-xinchuang-industrial-park-dali"]["lon"]) == pytest.approx(99.917234)
    assert by_id["yungui-smart-town"]["lon"] == "" and by_id["yungui-smart-town"]["lat"] == ""


def test_csv_joins_lists_and_leaves_polygons_out(store):
    rows = list(csv.DictReader(io.StringIO(
        csv_bytes(store.query("prefectures").features, "prefectures").decode("utf-8-sig"))))
    kunming = next(r for r in rows if r["id"] == "530100")
    assert kunming["name_zh"] == "昆明市"
    assert set(kunming["elements"].split(";")) == {"core", "zone"}
    assert "lon" not in kunming and "geometry" not in kunming


def test_kml_names_placemarks(tmp_path, store):
    path = tmp_path / "p.kml"
    path.write_bytes(write(store.query("parks").features, "parks", "kml"))
    frame = pyogrio.read_dataframe(path)
    row = frame[frame["record_id"] == "yunnan-xinchuang-industrial-park-dali"].iloc[0]
    assert row["Name"] == "云南信创产业园（大理）"
    assert row.geometry.x == pytest.approx(99.917234)


def test_download_names(store):
    assert download_name(store.plan(), "parks", "csv") == "yunnan-parks.csv"
    assert layer_name("layout-elements") == "layout_elements"
