"""A real client writes through /ogc on the production server: OWSLib creates, replaces and
deletes a park with a token, If-Match and a source; GDAL reads the result back."""

from __future__ import annotations

import json
import subprocess
import sys

import pyogrio
import pytest
from owslib.ogcapi.features import Features

PLAN = "yunnan-14th-fyp-information-industry"


@pytest.fixture()
def writable_server(serve_cli, tmp_path):
    database = str(tmp_path / "geo-layout.gpkg")
    subprocess.run([sys.executable, "-m", "geo_layout.cli", "users", "add", "surveyor",
                    "--role", "editor", "--plan", PLAN, "--password-stdin",
                    "--database", database], input="a long enough password\n", text=True,
                   check=True, capture_output=True)
    token = subprocess.run([sys.executable, "-m", "geo_layout.cli", "tokens", "create",
                            "--user", "surveyor", "--database", database], text=True,
                           check=True, capture_output=True).stdout.strip()
    with serve_cli("--database", database) as (base, _process):
        yield base, token


def _etag(api: Features, collection: str, fid: str) -> str:
    import requests

    response = requests.get(f"{api.url}collections/{collection}/items/{fid}",
                            headers={"Accept": "application/geo+json"}, timeout=30)
    return response.headers["ETag"]


@pytest.mark.server
def test_owslib_creates_replaces_and_deletes_and_gdal_reads_it_back(writable_server):
    base, token = writable_server
    api = Features(base + "/ogc", headers={"Authorization": f"Bearer {token}",
                                           "X-Change-Source": "survey: OWSLib test visit"})
    park = api.collection_item("parks", "guandu-digital-economy-industrial-park")
    new = {"type": "Feature", "id": "owslib-test-park",
           "geometry": {"type": "Point", "coordinates": [102.751, 25.021]},
           "properties": {**{k: v for k, v in park["properties"].items()},
                          "id": "owslib-test-park", "name_zh": "客户端测试园区",
                          "name_en": "Client Test Park", "precision": "site",
                          "location_source": "OWSLib test"}}
    assert api.collection_item_create("parks", new)
    got = api.collection_item("parks", "owslib-test-park")
    assert got["properties"]["name_en"] == "Client Test Park"
    assert got["geometry"]["coordinates"] == [102.751, 25.021]

    api.headers["If-Match"] = _etag(api, "parks", "owslib-test-park")
    new["properties"]["name_en"] = "Client Test Park (moved)"
    new["geometry"]["coordinates"] = [102.752, 25.022]
    assert api.collection_item_update("parks", "owslib-test-park", json.dumps(new))
    frame = pyogrio.read_dataframe("OAPIF:" + base + "/ogc", layer="parks")
    row = frame.set_index("id").loc["owslib-test-park"]
    assert row["name_en"] == "Client Test Park (moved)"
    assert (round(row.geometry.x, 6), round(row.geometry.y, 6)) == (102.752, 25.022)
    assert len(frame) == 12

    api.headers["If-Match"] = _etag(api, "parks", "owslib-test-park")
    assert api.collection_item_delete("parks", "owslib-test-park")
    assert len(pyogrio.read_dataframe("OAPIF:" + base + "/ogc", layer="parks")) == 11


@pytest.mark.server
def test_owslib_without_a_token_changes_nothing(writable_server):
    base, _token = writable_server
    api = Features(base + "/ogc", headers={})  # OWSLib's default headers dict is shared
    with pytest.raises(RuntimeError, match="unauthorized"):
        api.collection_item_create("parks", {"type": "Feature", "properties": {"id": "x"},
                                             "geometry": None})
    assert len(pyogrio.read_dataframe("OAPIF:" + base + "/ogc", layer="parks")) == 11
