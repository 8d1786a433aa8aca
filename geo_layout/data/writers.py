"""Download files from features: GeoJSON, CSV, XLSX, GeoPackage and KML bytes.

Framework-free so notebooks and the CLI can write the same files the service serves.
Choices, documented for users of the downloads:
- GeoJSON keeps list properties as arrays; records without geometry (the table collections
  enterprises / targets, and places the plan does not locate) get ``"geometry": null``.
- CSV and XLSX hold the same table (:func:`table`), its columns those of the field dictionary
  (:mod:`.fields`): beside every column of ids a ``<column>_name`` column with the records'
  names, beside every coded column a ``<column>_label`` column (labels handed in by the
  caller), both in the chosen language. Lists are joined with ";", nested records (a layout
  element's counties) are JSON text. Points get ``lon`` / ``lat`` columns (empty when
  unlocated); polygon geometry is left out: take GeoJSON or GPKG.
- CSV is UTF-8 with a BOM (Excel then reads the Chinese right), headers are the column keys.
  XLSX headers are the columns' titles in the chosen language; a second sheet is the field
  dictionary. A text cell beginning with = + - @ (or a tab / carriage return) would be run as a
  formula by a spreadsheet: CSV prefixes it with ' (OWASP's rule), XLSX stores it as an inline
  text cell with the quote prefix (never a formula). XLSX is streamed (:mod:`.xlsx_stream`):
  :func:`xlsx_stream` hands out bytes while the rows are built, a batch at a time.
- Coordinates are WGS-84; GeoJSON, CSV and XLSX can be given in GCJ-02 or BD-09 (``system``),
  GeoPackage and KML declare EPSG:4326 and are always WGS-84.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np
import shapely

from ..errors import InvalidParameter, NotFound
from . import crs
from .features import GEOMETRY_COLLECTIONS, PLACE_COLLECTIONS, Feature
from .fields import FIELDS, Field
from .model import Plan
from .xlsx_stream import Sheet, formula_like, stream

MEDIA_TYPES = {
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "gpkg": "application/geopackage+sqlite3",
    "kml": "application/vnd.google-earth.kml+xml",
}
FORMATS = tuple(MEDIA_TYPES)
#: Formats that can carry GCJ-02 / BD-09 coordinates (the others declare EPSG:4326).
SHIFTABLE = ("geojson", "csv", "xlsx")
BOM = "\ufeff"
#: (ids, id) -> name of that record (in the language of the file), or None.
Names = Callable[[tuple[str, ...], str], "str | None"]
#: code list -> code -> {"zh": label, "en": label} (``web.i18n.ENUMS``).
Labels = Mapping[str, Mapping[str, Mapping[str, str]]]


def formats_for(collection: str) -> tuple[str, ...]:
    if collection in GEOMETRY_COLLECTIONS:
        return FORMATS
    return ("geojson", "csv", "xlsx", "gpkg")


def file_prefix(plan: Plan) -> str:
    """First word of the plan id ("<province>-14th-fyp-..." -> "<province>"): names the files."""
    return plan.id.split("-")[0] or "geo-layout"


def download_name(plan: Plan, collection: str, fmt: str) -> str:
    return f"{file_prefix(plan)}-{collection}.{fmt}"


def layer_name(collection: str) -> str:
    return collection.replace("-", "_")


def check_format(collection: str, fmt: str, system: str = "wgs84") -> None:
    """NotFound for a format ``collection`` does not have; InvalidParameter for GCJ-02 / BD-09
    in a format that declares WGS-84."""
    if fmt not in formats_for(collection):
        why = " (KML needs geometry; this collection has none)" if fmt == "kml" else ""
        raise NotFound(f"no {fmt!r} download for {collection}{why}; formats: "
                       f"{', '.join(formats_for(collection))}")
    if system != "wgs84" and fmt not in SHIFTABLE:
        raise InvalidParameter(f"parameter 'crs': {fmt} files are always WGS-84 (EPSG:4326); "
                               f"crs={system} is offered for {', '.join(SHIFTABLE)}")


def write(features: list[Feature], collection: str, fmt: str, lod: str = "high", *,
          system: str = "wgs84", lang: str = "zh", names: Names | None = None,
          labels: Labels | None = None, members: Mapping[str, Any] | None = None) -> bytes:
    """The features of one collection in ``fmt``; NotFound for a format it does not have.
    ``system``: coordinates (wgs84, gcj02, bd09); ``lang``, ``names``, ``labels``: the name and
    label columns of CSV / XLSX; ``members``: extra top-level GeoJSON members."""
    check_format(collection, fmt, system)
    if fmt == "geojson":
        return geojson_bytes(features, lod, system=system, members=members)
    if fmt in ("csv", "xlsx"):
        if fmt == "xlsx":
            return b"".join(xlsx_stream(features, collection, lang=lang, names=names,
                                        labels=labels, system=system))
        return csv_text(*table(features, collection, lang=lang, names=names, labels=labels,
                               system=system))
    return ogr_bytes(features, collection, fmt, lod)


def geojson_bytes(features: Iterable[Feature], lod: str = "high", *, system: str = "wgs84",
                  members: Mapping[str, Any] | None = None) -> bytes:
    doc = {"type": "FeatureCollection", **(members or {}), "features": [
        {"type": "Feature", "id": f.id,
         "geometry": _geojson_geometry(f.geometry(lod), system),
         "properties": dict(f.properties)} for f in features]}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _geojson_geometry(geom, system: str = "wgs84"):
    if geom is None:
        return None
    if system != "wgs84":
        geom = crs.shift_geometry(geom, "wgs84", system)
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


# --- the table of CSV and XLSX -------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """A column of the CSV / XLSX table: a field's own values (``part="value"``), the names of
    the records its ids refer to (``"name"``) or the labels of its codes (``"label"``)."""

    field: Field
    part: str = "value"

    @property
    def key(self) -> str:
        return self.field.name if self.part == "value" else f"{self.field.name}_{self.part}"

    def header(self, lang: str) -> str:
        base = self.field.header(lang)
        if self.part == "value":
            return base
        if lang == "en":
            return f"{base}: {'names' if self.part == 'name' else 'labels'}"
        return f"{base}（{'名称' if self.part == 'name' else '含义'}）"

    def about(self, lang: str) -> str:
        if self.part == "value":
            return self.field.about(lang)
        if lang == "en":
            return (f"Names of the records in {self.field.name} (in the file's language)"
                    if self.part == "name" else
                    f"Labels of the codes in {self.field.name} (in the file's language)")
        return (f"{self.field.name} 所指记录的名称（文件所选语言）" if self.part == "name"
                else f"{self.field.name} 中代码的含义（文件所选语言）")


def columns(collection: str, *, names: bool = True, labels: bool = True) -> list[Column]:
    """The table's columns in order: each field, then its name / label column when asked."""
    out = []
    for f in FIELDS[collection]:
        if f.added and collection not in PLACE_COLLECTIONS:
            continue
        out.append(Column(f))
        if names and f.refs:
            out.append(Column(f, "name"))
        if labels and f.codes:
            out.append(Column(f, "label"))
    return out


def table(features: list[Feature], collection: str, *, lang: str = "zh",
          names: Names | None = None, labels: Labels | None = None,
          system: str = "wgs84") -> tuple[list[Column], list[list]]:
    """Columns and rows (scalars; None for empty) of the CSV / XLSX of ``features``.
    Properties the field dictionary does not describe are appended (``tests/data/test_fields``
    fails when there are any)."""
    cols, rows = table_rows(features, collection, lang=lang, names=names, labels=labels,
                            system=system)
    return cols, list(rows)


def table_rows(features: list[Feature], collection: str, *, lang: str = "zh",
               names: Names | None = None, labels: Labels | None = None,
               system: str = "wgs84", batch: int = 1000) -> tuple[list[Column], Iterator[list]]:
    """:func:`table` with the rows made one at a time as they are read (coordinates converted
    ``batch`` records at a time), so a stream holds one batch, not the table."""
    cols = columns(collection, names=names is not None, labels=labels is not None)
    known = {c.key for c in cols}
    extra = list(dict.fromkeys(k for f in features for k in f.properties if k not in known))
    cols += [Column(Field(k, k, k, "", "")) for k in extra]
    return cols, _rows(features, collection, cols, lang, names, labels, system, batch)


def _rows(features, collection, cols, lang, names, labels, system, batch) -> Iterator[list]:
    located = collection in PLACE_COLLECTIONS
    for start in range(0, len(features), batch):
        part = features[start:start + batch]
        xy = _lon_lat(part, system) if located else None
        for i, f in enumerate(part):
            yield _row(f, cols, None if xy is None else xy[i], lang, names, labels)


def _row(f: Feature, cols: list[Column], xy, lang, names, labels) -> list:
    props = f.properties
    row = []
    for col in cols:
        name = col.field.name
        if col.field.added:
            value = None if xy is None or np.isnan(xy[0]) else \
                round(float(xy[0 if name == "lon" else 1]), 6)
        elif name == "id":
            value = f.id
        else:
            value = props.get(name)
        if col.part == "name":
            value = _mapped(value, lambda v, refs=col.field.refs: names(refs, v))
        elif col.part == "label":
            codes = labels.get(col.field.codes, {})
            value = _mapped(value, lambda v: (codes.get(v) or {}).get(lang))
        row.append(_scalar(value))
    return row


def _lon_lat(features: list[Feature], system: str) -> np.ndarray:
    """n x 2 lon/lat of the points in ``system`` (NaN where a record is not located)."""
    xy = np.full((len(features), 2), np.nan)
    located = [i for i, f in enumerate(features) if f.geometry() is not None]
    if located:
        xy[located] = shapely.get_coordinates([features[i].geometry() for i in located])
        if system != "wgs84":
            lon, lat = crs.convert_array(xy[located, 0], xy[located, 1], "wgs84", system)
            xy[located] = np.column_stack([lon, lat])
    return xy


def _mapped(value, func):
    """``func`` of each id / code in ``value`` (one, or a list); unknown ones stay as given."""
    if value is None or value == []:
        return None
    if isinstance(value, (list, tuple)):
        return ";".join((func(str(v)) or str(v)) for v in value)
    return func(str(value)) or str(value)


def _scalar(value):
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, (dict, list)) for v in value):
            return json.dumps(list(value), ensure_ascii=False)
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def csv_text(cols: list[Column], rows: list[list]) -> bytes:
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_cell(c.key) for c in cols])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")


def csv_cell(value):
    """A CSV field: empty for None; a text a spreadsheet would run as a formula gets a leading
    ``'`` (OWASP's rule for CSV injection); anything else as it is."""
    if value is None:
        return ""
    return "'" + value if formula_like(value) else value


def csv_bytes(features: list[Feature], collection: str, **options) -> bytes:
    """The CSV of ``features`` (``options`` as :func:`table`)."""
    return csv_text(*table(features, collection, **options))


def xlsx_bytes(cols: list[Column], rows: Iterable[list], collection: str,
               lang: str = "zh") -> bytes:
    """The XLSX workbook of a table at once (see :func:`xlsx_sheets`)."""
    return b"".join(stream(xlsx_sheets(cols, rows, collection, lang)))


def xlsx_sheets(cols: list[Column], rows: Iterable[list], collection: str, lang: str = "zh",
                count: int | None = None) -> list[Sheet]:
    """The sheets of an XLSX download: the table (headers in ``lang``, frozen header row;
    ``count`` rows when known) and the field dictionary of its columns."""
    heads = ("Column", "Key", "Meaning") if lang == "en" else ("列名", "字段", "含义")
    return [Sheet(layer_name(collection), [c.header(lang) for c in cols], rows, count),
            Sheet("fields" if lang == "en" else "字段说明", heads,
                  [[c.header(lang), c.key, c.about(lang)] for c in cols], len(cols))]


def xlsx_stream(features: list[Feature], collection: str, *, lang: str = "zh",
                names: Names | None = None, labels: Labels | None = None,
                system: str = "wgs84") -> Iterator[bytes]:
    """The XLSX download of ``features`` as chunks of bytes, the rows made while it is sent
    (options as :func:`table`): memory holds a batch of rows, never the file."""
    check_format(collection, "xlsx", system)
    cols, rows = table_rows(features, collection, lang=lang, names=names, labels=labels,
                            system=system)
    return stream(xlsx_sheets(cols, rows, collection, lang, len(features)))


def name_lookup(store, lang: str) -> Names:
    """Names of records by id in ``lang``, looked up in the store's collections."""
    def name(refs: tuple[str, ...], fid: str) -> str | None:
        for collection in refs:
            try:
                return store.get(collection, fid).name(lang)
            except NotFound:
                continue
        return None

    return name


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
