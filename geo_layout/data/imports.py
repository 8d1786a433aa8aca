"""The import engine: a table (:mod:`.import_read`) mapped to records of one collection, a dry
run that lists every problem by row and column, and the import applied as ONE batch of the
history (:meth:`Store.write_batch`): all or nothing, or only the valid rows when asked.

Framework-free: the command line (``geo-layout import``) and the editor's upload pages call
the same three functions::

    table = read_table(path)                       # or the uploaded bytes and their name
    mapping = Mapping.guess(table, "parks", crs="gcj02")
    report = dry_run(store, "parks", table, mapping)
    result = apply(store, "parks", table, mapping, author=…, source=…, comment=…)

Columns are found by the field dictionary (:mod:`.fields`): a header may be a field's name
(``name_zh``), its Chinese or its English header (``名称（中文）``, ``Name (Chinese)``), as the
downloads and the template write them; ``lon``/``lat`` also as 经度/纬度, lng, longitude, x/y;
or one WKT column (``wkt``, ``geometry``). Rows become records the way a GeoJSON Feature
written through the OGC API does (:func:`.record_shapes.record_of_feature`, its CRS
conversion included), and are checked by the single-record validator, in turn
(:class:`.seed_single.InTurn`): the messages are the same as everywhere else.

What the dry run adds to the validator's problems: cells beginning with = + - @ (a
spreadsheet formula: never run, never stored; the row is refused until the character is
removed), lon/lat columns that look swapped (most points' "longitude" between 18 and 54 and
"latitude" between 73 and 136: it says so and suggests the swap; one such row alone is that
row's problem), points outside China, rows without an id or an English name to make one from;
and, as warnings that do not block, likely duplicates of existing records (the same
normalised name, or a point within :data:`NEAR_M` metres) and of other rows of the file.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from .. import words
from ..words.problems import problem_text
from ..errors import InvalidParameter, InvalidRecord
from . import crs as crs_module
from .fields import FIELDS
from .import_read import Table
from .importable import IMPORTABLE
from .provenance import Source
from .record_shapes import DERIVED, record_of_feature
from .search import normalise
from .xlsx_stream import FORMULA_STARTS

#: Two points nearer than this are likely the same place (metres).
NEAR_M = 300.0
#: The first characters that make a spreadsheet run a cell as a formula (OWASP).
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "东经")
LAT_NAMES = ("lat", "latitude", "y", "纬度", "北纬")
WKT_NAMES = ("wkt", "geometry", "geometry_wkt", "geom", "几何", "坐标wkt")
#: Fields an import never takes: derived by the service from other records.
_DERIVED = {name for names in DERIVED.values() for name in names}
_SWAP_SHARE = 0.5  # more than this share of the points swapped-looking: the columns are swapped

def say(key: str, lang: str, **values) -> str:
    """An import message in ``lang``: the catalogue's ``import.<key>`` (both languages live
    there, with the pages' words)."""
    return words.t(f"import.{key}", lang, **values)


def _norm_header(text: str) -> str:
    return re.sub(r"[\s_\-（）()]+", "", normalise(str(text))).lower()


@dataclass
class Mapping:
    """Which column holds which field: ``columns`` maps a header to a field name (``name_zh``,
    ``citation_section``…); ``lon``/``lat`` or ``wkt`` name the coordinate columns; ``crs``
    is their system (wgs84, gcj02 for Amap/Tencent, bd09 for Baidu); ``swap``: the file's
    lon column holds latitudes and its lat column longitudes."""

    columns: dict[str, str] = field(default_factory=dict)
    lon: str | None = None
    lat: str | None = None
    wkt: str | None = None
    crs: str = "wgs84"
    swap: bool = False

    @classmethod
    def guess(cls, table: Table, collection: str, *, crs: str = "wgs84",
              overrides: dict[str, str] | None = None, swap: bool = False) -> "Mapping":
        """The mapping the headers say (field names, Chinese or English headers of
        :mod:`.fields`); ``overrides``: ``{header: field}`` (field ``""``: not used)."""
        _check_collection(collection)
        if crs not in crs_module.SYSTEMS:
            raise InvalidParameter(f"crs: one of {', '.join(crs_module.SYSTEMS)}, not {crs!r}")
        by_name: dict[str, str] = {}
        for f in FIELDS[collection]:
            if f.name in _DERIVED or f.name in ("lon", "lat"):
                continue
            for text in (f.name, f.zh, f.en):
                by_name.setdefault(_norm_header(text), f.name)
        mapping = cls(crs=crs, swap=swap)
        for header in table.header:
            key = _norm_header(header)
            if header in (overrides or {}):
                target = overrides[header]
                if target in ("lon", "lat", "wkt"):
                    setattr(mapping, target, header)
                elif target:
                    mapping.columns[header] = target
                continue
            if key in LON_NAMES and mapping.lon is None and table.geometry.get("lon") != header:
                mapping.lon = header
            elif key in LAT_NAMES and mapping.lat is None and table.geometry.get("lat") != header:
                mapping.lat = header
            elif key in WKT_NAMES and mapping.wkt is None and table.geometry.get("wkt") != header:
                mapping.wkt = header
            elif key in by_name and by_name[key] not in mapping.columns.values():
                mapping.columns[header] = by_name[key]
        geo = table.geometry  # a geo format's own geometry, unless columns say otherwise
        if geo and mapping.lon is None and mapping.wkt is None:
            mapping.lon, mapping.lat, mapping.wkt = geo["lon"], geo["lat"], geo["wkt"]
        for header in (overrides or {}):
            if header not in table.header:
                raise InvalidParameter(f"no column {header!r} in the file (columns: "
                                       f"{', '.join(table.header)})")
        return mapping

    def unused(self, table: Table) -> list[str]:
        used = set(self.columns) | {self.lon, self.lat, self.wkt}
        return [h for h in table.header if h not in used and h not in table.geometry.values()]


@dataclass(frozen=True)
class Issue:
    """One problem (or, ``blocking`` False, a warning) of one row (0: the whole file)."""

    row: int
    column: str       # the file's column header, or the field when no column holds it
    message: str
    blocking: bool = True


@dataclass
class Report:
    collection: str
    rows: int                        # rows with values
    empty_rows: int                  # skipped
    issues: list[Issue]
    creates: int                     # valid rows that add a record
    updates: int                     # valid rows that change one (their id exists)
    #: [(row, record_id or None, body, version the update was made from or None)]
    changes: list = field(default_factory=list, repr=False)
    swapped: bool = False            # the lon/lat columns look swapped: suggest the swap

    @property
    def problems(self) -> list[Issue]:
        return [i for i in self.issues if i.blocking]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.blocking]

    @property
    def bad_rows(self) -> list[int]:
        return sorted({i.row for i in self.problems})

    @property
    def valid_rows(self) -> list[int]:
        bad = set(self.bad_rows)
        return [c[0] for c in self.changes if c[0] not in bad]

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self, lang: str = "zh") -> list[str]:
        """The report as text, one issue a line (``row 12, 经度: …``), then the counts."""
        out = []
        for i in sorted(self.issues, key=lambda i: (i.row, not i.blocking, i.column)):
            out.append(say("line", lang, where=self.where(i, lang), kind="" if i.blocking
                           else say("warning", lang), message=i.message))
        out.append(say("summary", lang, rows=self.rows, empty=self.empty_rows,
                       valid=len(self.valid_rows), creates=self.creates, updates=self.updates,
                       bad=len(self.bad_rows), warnings=len(self.warnings)))
        return out

    @staticmethod
    def where(issue: Issue, lang: str) -> str:
        """``row 12, 经度`` / ``第 12 行，经度`` / ``file``: where an issue is."""
        place = say("file", lang) if issue.row == 0 else say("row", lang, n=issue.row)
        return say("row_column", lang, where=place, column=issue.column) if issue.column \
            else place

    def as_dict(self) -> dict:
        return {"collection": self.collection, "rows": self.rows, "empty_rows": self.empty_rows,
                "creates": self.creates, "updates": self.updates, "swapped": self.swapped,
                "valid_rows": self.valid_rows, "bad_rows": self.bad_rows,
                "issues": [{"row": i.row, "column": i.column, "message": i.message,
                            "blocking": i.blocking} for i in self.issues]}


@dataclass(frozen=True)
class BatchResult:
    batch: str
    written: int              # records created or changed
    skipped_rows: list[int]   # rows left out (only_valid)
    report: Report
    store: Any                # the store after the batch


def _check_collection(collection: str) -> None:
    if collection not in IMPORTABLE:
        raise InvalidParameter(f"collection: one of {', '.join(IMPORTABLE)} can be imported, "
                               f"not {collection!r}")


# --- rows to records -------------------------------------------------------------------------

def _number(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).replace(",", ".").strip())
    except ValueError:
        return None


def _typed(field_type: str, value: Any) -> Any:
    """A cell as the field's JSON type (what cannot be converted stays, for the validator)."""
    if field_type == "array":
        if isinstance(value, str):
            return [part.strip() for part in re.split(r"[;；,，、]", value) if part.strip()]
        return [_text(value)]
    if field_type in ("number", "integer"):
        n = _number(value)
        if n is None:
            return value
        return int(n) if field_type == "integer" and n == int(n) else n
    if field_type == "boolean":
        return {"true": True, "false": False, "是": True, "否": False}.get(str(value).lower(),
                                                                          value)
    return _text(value)


def _text(value: Any) -> str:
    if isinstance(value, float) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def slug(text: str) -> str:
    """A lowercase ASCII id from an English name (``North Lake Park`` -> ``north-lake-park``)."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:80]


def _made_id(props: dict) -> str:
    """An id for a row without one: from its English name, or (a value, which has no name)
    from its target and its year or date (``…-2023``, ``…-2023-06-30``)."""
    if props.get("name_en"):
        return slug(props["name_en"])
    when = props.get("date") or props.get("year")
    if props.get("target") and when is not None:
        return slug(f"{props['target']}-{when}")
    return ""


@dataclass
class _Prepared:
    row: int
    fid: str | None
    body: dict
    point: tuple[float, float] | None   # as given (for outside China, nearby)
    version: int | None = None          # an update: the record's version it was made from


def dry_run(store, collection: str, table: Table, mapping: Mapping, *,
            lang: str = "zh") -> Report:
    """Every problem of importing ``table`` into ``collection`` of ``store``, by row and
    column, and the likely duplicates; nothing is written."""
    _check_collection(collection)
    types = {f.name: f.type for f in FIELDS[collection]}
    columns = {h: table.header.index(h) for h in table.header}
    for header in [*mapping.columns, mapping.lon, mapping.lat, mapping.wkt]:
        if header is not None and header not in columns:
            raise InvalidParameter(key="import.unknown_column", c=header)
    column_of = {f: h for h, f in mapping.columns.items()}
    issues: list[Issue] = []
    unused = mapping.unused(table)
    if unused:
        issues.append(Issue(0, "", say("unused", lang, cols=", ".join(unused)), False))

    # a second header row (the template's, in the other language) is no record
    headers = {_norm_header(t) for f in FIELDS[collection] for t in (f.name, f.zh, f.en)}
    headers |= {_norm_header(t) for t in (*LON_NAMES, *LAT_NAMES, *WKT_NAMES)}
    rows = list(table.rows)
    if rows and all(_norm_header(v) in headers for v in rows[0].values if v is not None):
        rows.pop(0)

    # the coordinates first: are the columns swapped?
    points: dict[int, tuple[float, float]] = {}
    lon_col, lat_col = (mapping.lat, mapping.lon) if mapping.swap else (mapping.lon, mapping.lat)
    for r in rows:
        if mapping.wkt and r.values[columns[mapping.wkt]] is not None:
            point = _wkt_point(r.values[columns[mapping.wkt]], r.number,
                               mapping.wkt, issues, lang)
            if point is not None:
                points[r.number] = point
                continue
        if lon_col is None or lat_col is None:
            continue
        lon_v, lat_v = r.values[columns[lon_col]], r.values[columns[lat_col]]
        if lon_v is None and lat_v is None:
            continue
        if lon_v is None or lat_v is None:
            issues.append(Issue(r.number, lon_col if lon_v is None else lat_col,
                                say("half_point", lang)))
            continue
        lon, lat = _number(lon_v), _number(lat_v)
        if lon is None or lat is None:
            issues.append(Issue(r.number, lon_col if lon is None else lat_col,
                                say("not_number", lang, v=str(lon_v if lon is None else lat_v)[:40])))
            continue
        points[r.number] = (lon, lat)
    swapped_rows = {n for n, (lon, lat) in points.items()
                    if 18 <= lon <= 54 and 73 <= lat <= 136}
    swapped = bool(points) and len(swapped_rows) > _SWAP_SHARE * len(points)
    if swapped:
        issues.append(Issue(0, f"{lon_col}/{lat_col}", say(
            "swapped_file", lang, k=len(swapped_rows), n=len(points))))
    for n in sorted(swapped_rows):
        lon, lat = points[n]
        issues.append(Issue(n, f"{lon_col}/{lat_col}", say("swapped_row", lang, lon=lon, lat=lat)))
    for n, (lon, lat) in points.items():
        if n not in swapped_rows and not crs_module.in_china(lon, lat):
            issues.append(Issue(n, f"{lon_col}/{lat_col}", say("outside", lang, lon=lon,
                                                               lat=lat)))

    # each row as a record
    prepared: list[_Prepared] = []
    taken: set[str] = set()
    existing = {f.id for f in store.query(collection).features}
    for r in rows:
        props: dict[str, Any] = {}
        for header, name in mapping.columns.items():
            value = r.values[columns[header]]
            if value is None:
                continue
            if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not (
                    types.get(name) in ("number", "integer") and _number(value) is not None):
                issues.append(Issue(r.number, header, say("formula", lang, c=value[0])))
                continue
            props[name] = _typed(types.get(name, "string"), value)
        point = points.get(r.number)
        if point is not None and r.number not in swapped_rows:
            props["lon"], props["lat"] = point  # precision: as the file says (never invented)
        rid = props.get("id")
        if not isinstance(rid, str) or not rid:
            made = _made_id(props)
            if not made:
                issues.append(Issue(r.number, column_of.get("id", "id"), say("no_id", lang)))
                continue
            rid, k = made, 2
            while rid in taken or rid in existing:
                rid, k = f"{made}-{k}", k + 1
            props["id"] = rid
        taken.add(rid)
        feature = {"type": "Feature", "properties": props, "geometry": None}
        try:
            body, _ = record_of_feature(collection, feature, mapping.crs)
        except ValueError as exc:
            issues.append(Issue(r.number, "", problem_text(str(exc), lang)))
            continue
        fid = rid if rid in existing else None
        version = None
        if fid is not None:  # the columns given replace those fields of the record
            version = store.record_version(collection, fid)
            body = {**store.stored(collection, fid), **body}
        prepared.append(_Prepared(r.number, fid, body, point, version))

    # the validator, every row in turn as the batch would write them
    for at, problem in store.check_batch(collection, [(p.fid, p.body) for p in prepared]):
        issues.append(Issue(prepared[at].row, _column(problem.field, mapping, column_of),
                            problem_text(problem.message, lang)))
    issues += _duplicates(store, collection, prepared, lang)
    bad = {i.row for i in issues if i.blocking}
    good = [p for p in prepared if p.row not in bad]
    return Report(collection, len(rows), table.empty_rows, issues,
                  creates=sum(p.fid is None for p in good),
                  updates=sum(p.fid is not None for p in good),
                  changes=[(p.row, p.fid, p.body, p.version) for p in prepared],
                  swapped=swapped)


def _wkt_point(value, row: int, column: str, issues: list, lang: str):
    import shapely

    try:
        geom = shapely.from_wkt(str(value))
    except Exception:  # noqa: BLE001 - shapely's GEOSException and others
        issues.append(Issue(row, column, say("bad_wkt", lang)))
        return None
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type != "Point":
        issues.append(Issue(row, column, say("not_point", lang, g=geom.geom_type)))
        return None
    return (geom.x, geom.y)


def _column(field_name: str, mapping: Mapping, column_of: dict) -> str:
    """The file's column a validator field (``name.zh``, ``industries[0]``, ``lon/lat``)
    comes from; the field itself when no column holds it."""
    base = re.sub(r"\[\d+\]", "", field_name.split(" ")[-1]).replace(".", "_")
    if base in ("lon_lat", "lon/lat", "lon", "lat"):
        cols = [c for c in (mapping.lon, mapping.lat) if c] or [mapping.wkt or "lon/lat"]
        return "/".join(cols)
    return column_of.get(base, field_name)


def _duplicates(store, collection: str, prepared: list[_Prepared], lang: str) -> list[Issue]:
    """Warnings: rows that are likely existing records or other rows (same normalised name,
    or points within NEAR_M)."""
    out: list[Issue] = []
    names: dict[str, str] = {}
    for f in store.query(collection).features:
        for key in ("name_zh", "name_en"):
            if f.properties.get(key):
                names.setdefault(normalise(f.properties[key]), f.id)
    seen: dict[str, int] = {}
    grid: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
    for p in prepared:
        name = p.body.get("name") if isinstance(p.body.get("name"), dict) else {}
        for text in (name.get("zh"), name.get("en")):
            if not isinstance(text, str) or not text:
                continue
            key = normalise(text)
            other = names.get(key)
            if other is not None and other != p.fid:
                out.append(Issue(p.row, "", say("dup_store", lang, id=other,
                                                why=say("same_name", lang)), False))
            if key in seen and seen[key] != p.row:
                out.append(Issue(p.row, "", say("dup_file", lang, row=seen[key],
                                                why=say("same_name", lang)), False))
            seen.setdefault(key, p.row)
        lon, lat = p.body.get("lon"), p.body.get("lat")
        if collection not in ("parks", "sites") or not isinstance(lon, (int, float)) or \
                not isinstance(lat, (int, float)):
            continue
        for near in store.nearby(lon, lat, radius_km=NEAR_M / 1000):
            if near.feature.id != p.fid and near.feature.id != p.body.get("id"):
                out.append(Issue(p.row, "", say("dup_store", lang, id=near.feature.id, why=say(
                    "near", lang, m=round(near.distance_km * 1000))), False))
                break
        cell = (int(lon * 200), int(lat * 200))  # 0.005° cells: neighbours hold any 300 m pair
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for row, x, y in grid.get((cell[0] + dx, cell[1] + dy), ()):
                    m = _metres(lon, lat, x, y)
                    if m <= NEAR_M:
                        out.append(Issue(p.row, "", say("dup_file", lang, row=row, why=say(
                            "near", lang, m=round(m))), False))
        grid.setdefault(cell, []).append((p.row, lon, lat))
    return out


def _metres(lon1, lat1, lon2, lat2) -> float:
    """Great-circle distance in metres (enough to flag a likely duplicate)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * \
        math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(a)))


def apply(store, collection: str, table: Table, mapping: Mapping, *, author: str,
          source: Source, comment: str = "", only_valid: bool = False,
          lang: str = "zh", batch: str | None = None, report: Report | None = None
          ) -> BatchResult:
    """Import ``table``: one batch (one transaction, one batch id in the history). All or
    nothing by default: any problem raises InvalidRecord listing them (as ``row N, column``)
    and nothing is written. ``only_valid``: the rows without problems are written, the others
    skipped (and named in the result). ``report``: the dry run of the same table and mapping,
    if there was one (it is not run again; the batch is validated again as it is written, and
    a record changed since the dry run is refused: PreconditionFailed)."""
    if report is None:
        report = dry_run(store, collection, table, mapping, lang=lang)
    if report.problems and not only_valid:
        raise InvalidRecord([_AsProblem(f"row {i.row}, {i.column}" if i.column else
                                        f"row {i.row}", i.message) for i in report.problems])
    bad = set(report.bad_rows)
    changes = [c for c in report.changes if c[0] not in bad]
    if not changes:
        raise InvalidRecord([_AsProblem("(file)", say("no_valid_row", lang))])
    try:
        done = store.write_batch(collection, [(fid, body, version)
                                              for _, fid, body, version in changes],
                                 author=author, source=source, comment=comment, batch=batch)
    except InvalidRecord as exc:  # the data changed since the dry run: name rows, not positions
        raise InvalidRecord([_AsProblem(_row_field(p.field, changes), p.message)
                             for p in exc.problems]) from None
    return BatchResult(done.batch, len(done.revisions), sorted(bad - {0}), report, done.store)


def _row_field(field_name: str, changes: list) -> str:
    match = re.match(r"\[(\d+)\] (.*)", field_name)
    if not match:
        return field_name
    return f"row {changes[int(match.group(1))][0]}, {match.group(2)}"


@dataclass(frozen=True)
class _AsProblem:
    """A report issue in the shape InvalidRecord lists (field and message)."""

    field: str
    message: str
