"""Download files from features: GeoJSON, CSV, GeoPackage and KML bytes, all WGS-84.

Framework-free so notebooks and the CLI can write the same files the service serves.
Choices, documented for users of the downloads:
- GeoJSON keeps list properties as arrays; records without geometry (the table collections
  enterprises / targets, and places the plan does not locate) get ``"geometry": null``.
- CSV is UTF-8 with a BOM (Excel then reads the Chinese right); lists are joined with ";",
  nested records (a layout element's counties) are JSON text. Points get ``lon`` / ``lat``
  columns (empty when unlocated); polygon geometry is left out of CSV: take GeoJSON or GPKG.
- GeoPackage: one layer named after the collection ("-" -> "_"), EPSG:4326; enterprises and
  targets are attribute-only tables. KML needs geometry, so it is not offered for them.
- KML: ``Name`` is the Chinese name (what Google Earth shows), ``Description`` the English
  one; the record id is in ``record_id`` because GDAL's KML reader reserves ``id`` for the
  Placemark's own id.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Iterable

import shapely

from ..errors import NotFound
from .features import GEOMETRY_COLLECTIONS, Feature
from .model import Dataset

MEDIA_TYPES = {
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
    "gpkg": "application/geopackage+sqlite3",
    "kml": "application/vnd.google-earth.kml+xml",
}
FORMATS = tuple(MEDIA_TYPES)
POINT_COLLECTIONS = ("parks", "sites")
BOM = "\ufeff"


def formats_for(collection: str) -> tuple[str, ...]:
    if collection in GEOMETRY_COLLECTIONS:
        return FORMATS
    return ("geojson", "csv", "gpkg")


def file_prefix(dataset: Dataset) -> str:
    """First word of the plan id ("yunnan-14th-fyp-..." -> "yunnan"): names the files."""
    return dataset.plan.id.split("-")[0] or "geo-layout"


def download_name(dataset: Dataset, collection: str, fmt: str) -> str:
    return f"{file_prefix(dataset)}-{collection}.{fmt}"


def layer_name(collection: str) -> str:
    return collection.replace("-", "_")


def write(features: list[Feature], collection: str, fmt: str, lod: str = "high") -> bytes:
    """The features of one collection in ``fmt``; NotFound for a format it does not have."""
    if fmt not in formats_for(collection):
        why = " (KML needs geometry; this collection has none)" if fmt == "kml" else ""
        raise NotFound(f"no {fmt!r} download for {collection}{why}; formats: "
                       f"{', '.join(formats_for(collection))}")
    if fmt == "geojson":
        return geojson_bytes(features, lod)
    if fmt == "csv":
        return csv_bytes(features, collection)
    return ogr_bytes(features, collection, fmt, lod)


def geojson_bytes(features: Iterable[Feature], lod: str = "high") -> bytes:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": f.id,
         "geometry": _geojson_geometry(f.geometry(lod)),
         "properties": dict(f.properties)} for f in features]}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _geojson_geometry(geom):
    if geom is None:
        return None
    return json.loads(shapely.to_geojson(geom))


def flat_properties(feature: Feature) -> dict:
    """Properties as scalars: lists joined with ";", nested records as JSON text; ``id`` first."""
    out = {"id": feature.id}
    for key, value in feature.properties.items():
        if key == "id":
            continue
        if isinstance(value, (list, tuple)):
            if any(isinstance(v, (dict, list)) for v in value):
                value = json.dumps(list(value), ensure_ascii=False)
            else:
                value = ";".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        out[key] = value
    return out


def csv_bytes(features: list[Feature], collection: str) -> bytes:
    rows = [flat_properties(f) for f in features]
    points = collection in POINT_COLLECTIONS
    if points:
        for row, f in zip(rows, features):
            pt = f.geometry()
            row["lon"] = round(pt.x, 6) if pt is not None else None
            row["lat"] = round(pt.y, 6) if pt is not None else None
    columns = _columns(rows) or ["id"]
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue().encode("utf-8")


def _columns(rows: list[dict]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    return columns


def frame(features: list[Feature], collection: str, lod: str = "high"):
    """A GeoDataFrame (geometry collections) or DataFrame (tables) of flat properties."""
    import geopandas as gpd
    import pandas as pd

    rows = [flat_properties(f) for f in features]
    columns = _columns(rows) or ["id"]
    df = pd.DataFrame(rows, columns=columns)
    for name in df.columns:  # all-empty columns have no type GDAL can guess: make them text
        if df[name].isna().all():
            df[name] = df[name].astype("string")
    if collection not in GEOMETRY_COLLECTIONS:
        return df
    return gpd.GeoDataFrame(df, geometry=[f.geometry(lod) for f in features], crs="EPSG:4326")


def ogr_bytes(features: list[Feature], collection: str, fmt: str, lod: str = "high") -> bytes:
    """GPKG or KML written by GDAL (pyogrio) into a temporary file, returned as bytes."""
    import pyogrio

    driver = {"gpkg": "GPKG", "kml": "KML"}[fmt]
    df = frame(features, collection, lod)
    if fmt == "kml":
        df = df.rename(columns={"id": "record_id"})
        df.insert(0, "Name", [f.properties.get("name_zh") or f.id for f in features])
        df.insert(1, "Description", [f.properties.get("name_en") or "" for f in features])
    with tempfile.TemporaryDirectory(prefix="geo-layout-") as tmp:
        path = Path(tmp) / f"{layer_name(collection)}.{fmt}"
        pyogrio.write_dataframe(df, path, layer=layer_name(collection), driver=driver)
        return path.read_bytes()
