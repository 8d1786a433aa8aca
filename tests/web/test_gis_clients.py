"""Real GIS clients read /ogc from the real production server: GDAL's OGC API – Features driver
(through pyogrio) and OWSLib. Both must see every collection with the store's features, counts
and bbox results.

GDAL runs in a server *subprocess*: pyogrio keeps the GIL while GDAL fetches pages, so a
waitress thread in this process (the ``live_server`` fixture) could never answer it.
"""

from __future__ import annotations

import json

import pyogrio
import pytest
from owslib.ogcapi.features import Features

from geo_layout.data.features import COLLECTIONS

BOX = (102.5, 24.8, 103.0, 25.2)  # around Kunming's main districts


@pytest.fixture(scope="module")
def server_process(serve_cli, progress_data):
    """``geo-layout serve`` (waitress) in its own process, on the seeds with synthetic target
    values (every collection has records); yields the base URL."""
    with serve_cli("--data", str(progress_data)) as (base, _process):
        yield base


@pytest.fixture(scope="module")
def live_server(serve, progress_data):
    """The app on the same data in a thread of this process (OWSLib, which keeps no GIL)."""
    from geo_layout.app import create_app

    with serve(create_app({"TESTING": True, "DATA": str(progress_data)})) as url:
        yield url


@pytest.fixture(scope="module")
def store(progress_data):
    """What the server serves."""
    from geo_layout.data.store import open_store

    return open_store(progress_data)


def _gdal(base: str) -> str:
    return "OAPIF:" + base + "/ogc"


def test_gdal_lists_every_collection(server_process):
    layers = pyogrio.list_layers(_gdal(server_process))
    assert [name for name, _ in layers] == list(COLLECTIONS)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_gdal_reads_each_collection_like_the_store(server_process, store, collection):
    frame = pyogrio.read_dataframe(_gdal(server_process), layer=collection)
    expected = store.query(collection).features
    assert list(frame["id"]) == [f.id for f in expected]
    text = "name_en" if "name_en" in frame else "value_source"  # target values have no name
    names = dict(zip(frame["id"], frame[text]))
    assert names == {f.id: f.properties[text] for f in expected}
    if "geometry" in frame:
        located = {fid: geom for fid, geom in zip(frame["id"], frame.geometry)
                   if geom is not None}
        assert set(located) == {f.id for f in expected if f.geometry() is not None}
        for f in expected:
            if f.id in located and f.geometry().geom_type == "Point":
                assert located[f.id].equals_exact(f.geometry(), 1e-9)


def test_gdal_reads_list_properties_as_lists(server_process, store):
    """GDAL (3.12 here) types the fields from the collections' ``describedBy`` GeoJSON feature
    schema: lists of strings are string lists even when the first page's lists are empty (as
    counties' elements are), a list of objects is JSON text, nullable numbers stay numbers."""
    for collection, names in (("counties", ["elements"]), ("sites", ["areas", "elements"]),
                              ("targets", ["elements", "related"]),
                              ("industries", ["elements", "places", "targets"])):
        source = _gdal(server_process)
        dtypes = dict(zip(*(pyogrio.read_info(source, layer=collection)[k]
                            for k in ("fields", "dtypes"))))
        assert {n: dtypes[n] for n in names} == {n: "list(str)" for n in names}
        frame = pyogrio.read_dataframe(source, layer=collection)
        for name in names:
            got = {fid: [] if v is None else list(v) for fid, v in zip(frame["id"], frame[name])}
            assert got == {f.id: f.properties[name] for f in store.query(collection).features}
    frame = pyogrio.read_dataframe(_gdal(server_process), layer="layout-elements")
    counties = {fid: json.loads(v) for fid, v in zip(frame["id"], frame["counties"])}
    assert counties == {f.id: f.properties["counties"]
                        for f in store.query("layout-elements").features}
    info = pyogrio.read_info(_gdal(server_process), layer="parks")
    assert dict(zip(info["fields"], info["dtypes"]))["uncertainty_km"] == "float64"


def test_gdal_bbox_agrees_with_the_store(server_process, store):
    frame = pyogrio.read_dataframe(_gdal(server_process), layer="counties", bbox=BOX)
    expected = [f.id for f in store.query("counties", bbox=BOX).features]
    assert sorted(frame["id"]) == sorted(expected) and 0 < len(expected) < 129


def test_owslib_collections_and_items(live_server, store):
    api = Features(live_server + "/ogc")
    assert [c["id"] for c in api.collections()["collections"]] == list(COLLECTIONS)
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()[
        "conformsTo"]
    for collection in COLLECTIONS:
        items = api.collection_items(collection, limit=1000)
        expected = store.query(collection)
        assert items["numberMatched"] == expected.total == len(items["features"])
        assert [f["id"] for f in items["features"]] == [f.id for f in expected.features]
    page = api.collection_items("counties", limit=5, offset=5)
    assert [f["id"] for f in page["features"]] == [
        f.id for f in store.query("counties").features[5:10]]


def test_owslib_bbox_agrees_with_the_store(live_server, store):
    api = Features(live_server + "/ogc")
    for collection in ("counties", "parks", "prefectures"):
        items = api.collection_items(collection, limit=1000, bbox=list(BOX))
        expected = store.query(collection, bbox=BOX)
        assert [f["id"] for f in items["features"]] == [f.id for f in expected.features]
        assert items["numberMatched"] == expected.total > 0


def test_owslib_reads_queryables_and_schema(live_server):
    """OWSLib's Part 3 / Part 5 calls. (GDAL's OAPIF driver reads neither: it follows the
    ``describedBy`` link to the GeoJSON feature schema, tested above.)"""
    api = Features(live_server + "/ogc")
    queryables = api.collection_queryables("parks")
    assert {"prefecture", "element", "industry"} <= set(queryables["properties"])
    schema = api.collection_schema("counties")
    assert schema["properties"]["elements"]["type"] == "array"
    assert schema["properties"]["elements"]["items"] == {"type": "string"}
    assert schema["properties"]["id"]["x-ogc-role"] == "id"
