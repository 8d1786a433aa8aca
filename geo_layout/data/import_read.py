"""Reading a file someone uploads for an import into one plain table: a header and rows of
strings and numbers, each row with its 1-based number in the file (what the report names).

The format is told by the content, not the name: a ZIP archive is an XLSX workbook (it holds
``xl/workbook.xml``) or a zipped Shapefile (it holds a ``.shp``); ``SQLite format 3`` is a
GeoPackage; ``{`` a GeoJSON document; ``<kml`` a KML document; any other text is CSV (UTF-8
with or without a BOM, else GB18030; comma, semicolon or tab separated). A name whose extension
says another format than the content is refused: the file is not what it says.

Caps, each a clear :class:`~geo_layout.errors.ImportRefused` naming what is wrong: the file's
size (:data:`MAX_BYTES`), its rows (:data:`MAX_ROWS`) and columns (:data:`MAX_COLUMNS`), and
for archives (XLSX is one) the members (:data:`MAX_MEMBERS`), their expanded size
(:data:`MAX_EXPANDED`) and compression ratio (:data:`MAX_RATIO`): a zip bomb is refused
before anything is expanded. A workbook with merged cells is refused (a merged cell holds one
value for several rows: which rows, the file does not say), naming the ranges.

Cells are values, never formulas: CSV is text; XLSX is read with openpyxl in read-only mode,
which reads a formula cell as its formula's text (``=HYPERLINK(…)``), never computed. Such
text is kept as it is for the dry run to flag (:mod:`.imports`).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ImportRefused, ImportTooLarge

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_MEMBERS = 1_000
MAX_EXPANDED = 200 * 1024 * 1024
MAX_RATIO = 200
#: The formats :func:`read_table` reads, by the extensions that name them.
EXTENSIONS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".geojson": "geojson",
              ".json": "geojson", ".gpkg": "gpkg", ".kml": "kml", ".zip": "shp"}
FORMAT_NAMES = {"csv": "CSV", "xlsx": "XLSX", "geojson": "GeoJSON", "gpkg": "GeoPackage",
                "kml": "KML", "shp": "zipped Shapefile"}


@dataclass(frozen=True)
class Row:
    number: int          # 1-based, as the file counts (a spreadsheet's row, a CSV line, a feature)
    values: tuple        # one per header column: str, int, float or None


@dataclass
class Table:
    format: str                      # a key of FORMAT_NAMES
    header: list[str]
    rows: list[Row]
    empty_rows: int = 0              # rows without any value, skipped
    encoding: str | None = None      # CSV: the encoding it was read in
    geometry: dict = field(default_factory=dict)  # geo formats: {"lon": col, "lat": col} / wkt

    def column(self, name: str) -> int:
        return self.header.index(name)


def read_table(source: str | Path | bytes, filename: str | None = None) -> Table:
    """The table in ``source`` (a path, or the uploaded bytes with their ``filename``)."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportTooLarge(key="import.read.too_big", mb=size / 1e6,
                                 cap=MAX_BYTES // 2**20)
        data = path.read_bytes()
        filename = filename or path.name
    else:
        data = bytes(source)
        if len(data) > MAX_BYTES:
            raise ImportTooLarge(key="import.read.too_big", mb=len(data) / 1e6,
                                 cap=MAX_BYTES // 2**20)
    filename = filename or "upload"
    if not data.strip():
        raise ImportRefused(key="import.read.empty", name=filename)
    fmt = sniff(data)
    said = EXTENSIONS.get(Path(filename).suffix.lower())
    if said is not None and said != fmt and not (said == "geojson" and fmt == "csv"):
        raise ImportRefused(key="import.read.misnamed", name=filename, said=FORMAT_NAMES[said],
                            got=FORMAT_NAMES[fmt] if fmt != "csv" else "text")
    if said == "geojson" and fmt == "csv":
        raise ImportRefused(key="import.read.not_json", name=filename)
    reader = {"csv": _csv, "xlsx": _xlsx, "geojson": _ogr, "gpkg": _ogr, "kml": _ogr,
              "shp": _shapefile}[fmt]
    table = reader(data, fmt)
    if not table.header:
        raise ImportRefused(key="import.read.no_header", name=filename)
    if len(table.header) > MAX_COLUMNS:
        raise ImportRefused(key="import.read.columns", name=filename, n=len(table.header),
                            cap=MAX_COLUMNS)
    return table


def sniff(data: bytes) -> str:
    """The format of ``data`` by its content."""
    if data[:4] == b"PK\x03\x04":
        names = _zip_names(data)
        if "xl/workbook.xml" in names:
            return "xlsx"
        if any(n.lower().endswith(".shp") for n in names):
            return "shp"
        raise ImportRefused(key="import.read.other_zip")
    if data[:16] == b"SQLite format 3\x00":
        return "gpkg"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "geojson"
    if head[:1] == b"<":
        if b"<kml" in data[:4096]:
            return "kml"
        raise ImportRefused(key="import.read.not_kml")
    if b"\x00" in data[:8192]:
        raise ImportRefused(key="import.read.binary")
    return "csv"


# --- archives ----------------------------------------------------------------------------

def _zip_names(data: bytes) -> list[str]:
    """The members of a ZIP archive, after checking it is no bomb (nothing expanded yet)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportRefused(key="import.read.bad_zip") from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused(key="import.read.members", n=len(infos), cap=MAX_MEMBERS)
    total = sum(i.file_size for i in infos)
    if total > MAX_EXPANDED:
        raise ImportTooLarge(key="import.read.expands", mb=total / 1e6,
                             cap=MAX_EXPANDED // 2**20)
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise ImportTooLarge(key="import.read.ratio", name=info.filename[:200],
                                 ratio=ratio, cap=MAX_RATIO)
    return [i.filename for i in infos]


# --- CSV -------------------------------------------------------------------------------------

def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ImportRefused(key="import.read.bom", at=exc.start + 3) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ImportRefused(key="import.read.encoding", at=exc.start) from None


def _csv(data: bytes, fmt: str) -> Table:
    text, encoding = _decode(data)
    first = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(first.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table(fmt, [], [], encoding=encoding)
    try:
        for values in reader:
            number = reader.line_num
            cells = tuple(_cell(v) for v in values)
            _add(table, number, cells)
    except csv.Error as exc:
        raise ImportRefused(key="import.read.csv", line=reader.line_num,
                            why=str(exc)[:200]) from None
    return table


def _cell(value: Any) -> Any:
    """A cell's value: None when blank; text stripped; numbers as they are."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    if not isinstance(value, str):
        return str(value)
    value = value.strip()
    return value or None


def _add(table: Table, number: int, cells: tuple) -> None:
    """Add a row (the first non-empty one is the header); count and skip empty ones."""
    if not any(c is not None for c in cells):
        if table.header:
            table.empty_rows += 1
        return
    if not table.header:
        table.header = [str(c) if c is not None else f"column {i + 1}"
                        for i, c in enumerate(cells)]
        while table.header and table.header[-1].startswith("column "):
            table.header.pop()
        return
    if len(table.rows) >= MAX_ROWS:
        raise ImportTooLarge(key="import.read.rows", cap=MAX_ROWS)
    width = len(table.header)
    extra = [c for c in cells[width:] if c is not None]
    if extra:
        raise ImportRefused(key="import.read.wide_row", row=number, n=len(cells), width=width)
    table.rows.append(Row(number, tuple(cells[:width]) + (None,) * (width - len(cells))))


# --- XLSX ------------------------------------------------------------------------------------

def _xlsx(data: bytes, fmt: str) -> Table:
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of styles and extensions it skips
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        except Exception as exc:  # noqa: BLE001 - a damaged workbook: say so, whatever broke
            raise ImportRefused(key="import.read.bad_xlsx", why=type(exc).__name__) from None
    try:
        sheet = book.worksheets[0]
        merged = _merged_ranges(data, sheet)
        if merged:
            more = " …" if len(merged) > 10 else ""
            raise ImportRefused(key="import.read.merged", sheet=sheet.title[:100],
                                ranges=", ".join(merged[:10]) + more)
        table = Table(fmt, [], [])
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1000 and len(table.rows) >= MAX_ROWS:
                raise ImportTooLarge(key="import.read.rows", cap=MAX_ROWS)
            _add(table, number, tuple(_cell(v) for v in values))
        return table
    finally:
        book.close()


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')


def _merged_ranges(data: bytes, sheet) -> list[str]:
    """The merged ranges of ``sheet`` (read-only worksheets do not read them: scan its XML,
    in pieces, for ``<mergeCell ref=…>``)."""
    path = getattr(sheet, "_worksheet_path", None) or "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            member = archive.open(path.lstrip("/"))
        except KeyError:
            return []
        found, tail = [], b""
        with member:
            while chunk := member.read(1 << 20):
                block = tail + chunk
                found += [m.decode() for m in _MERGE.findall(block)]
                tail = block[-200:]
                found = list(dict.fromkeys(found))
        return found


# --- geo formats (GDAL, through pyogrio) ------------------------------------------------------

_SUFFIX = {"geojson": ".geojson", "gpkg": ".gpkg", "kml": ".kml"}


def _ogr(data: bytes, fmt: str) -> Table:
    with tempfile.TemporaryDirectory(prefix="geo-layout-import-") as tmp:
        path = Path(tmp) / f"upload{_SUFFIX[fmt]}"
        path.write_bytes(data)
        return _read_ogr(path, fmt)


def _shapefile(data: bytes, fmt: str) -> Table:
    with zipfile.ZipFile(io.BytesIO(data)) as archive, \
            tempfile.TemporaryDirectory(prefix="geo-layout-import-") as tmp:
        shps = [n for n in archive.namelist() if n.lower().endswith(".shp")]
        if len(shps) != 1:
            raise ImportRefused(key="import.read.shapefiles", n=len(shps))
        stem = shps[0][:-4]
        for name in archive.namelist():
            if name.startswith(stem + ".") and "/" not in name[len(stem):]:
                target = Path(tmp) / ("upload" + name[len(stem):].lower())
                with archive.open(name) as src:
                    target.write_bytes(src.read(MAX_EXPANDED + 1))
        if not (Path(tmp) / "upload.dbf").exists():
            raise ImportRefused(key="import.read.no_dbf")
        return _read_ogr(Path(tmp) / "upload.shp", fmt)


def _read_ogr(path: Path, fmt: str) -> Table:
    import pyogrio
    import shapely

    try:
        layers = pyogrio.list_layers(path)
        if len(layers) == 0:
            raise ImportRefused(key="import.read.no_layer", format=FORMAT_NAMES[fmt])
        info = pyogrio.read_info(path, layer=0)
        if info["features"] > MAX_ROWS:
            raise ImportTooLarge(key="import.read.features", n=info["features"], cap=MAX_ROWS)
        meta, _, geometry, values = pyogrio.raw.read(path, layer=0)
    except ImportRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - GDAL's message says what it could not read
        raise ImportRefused(key="import.read.unreadable", format=FORMAT_NAMES[fmt],
                            why=(str(exc).splitlines() or [""])[0][:200]) from None
    crs = meta.get("crs")
    if crs and crs.upper() not in ("EPSG:4326", "OGC:CRS84") and fmt != "kml":
        import pyproj

        try:
            if pyproj.CRS(crs).to_epsg() not in (4326, None) or not pyproj.CRS(crs).is_geographic:
                raise ImportRefused(key="import.read.crs", crs=crs[:100])
        except pyproj.exceptions.CRSError:
            pass
    header = [str(f) for f in meta["fields"]]
    geoms = shapely.from_wkb(geometry) if geometry is not None else None
    extra: dict = {}
    if geoms is not None:
        names = {h.lower() for h in header}
        lon, lat, wkt = ("lon" if "lon" not in names else "geometry_lon",
                         "lat" if "lat" not in names else "geometry_lat", "geometry_wkt")
        header += [lon, lat, wkt]
        extra = {"lon": lon, "lat": lat, "wkt": wkt}
    table = Table(fmt, header, [], geometry=extra)
    columns = [values[i] for i in range(len(meta["fields"]))]
    for n in range(len(geoms) if geoms is not None else (len(columns[0]) if columns else 0)):
        cells = [_cell(_plain(col[n])) for col in columns]
        if geoms is not None:
            g = geoms[n]
            if g is None or g.is_empty:
                cells += [None, None, None]
            elif g.geom_type == "Point":
                cells += [round(g.x, 8), round(g.y, 8), None]
            else:
                cells += [None, None, g.wkt]
        cells = tuple(cells)
        if not any(c is not None for c in cells):
            table.empty_rows += 1
            continue
        table.rows.append(Row(n + 1, cells))
    return table


def _plain(value: Any) -> Any:
    """numpy scalars and dates as Python values (NaN: blank)."""
    import math

    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
