"""Deterministic GeoJSON and ``manifest.json`` for a built province (same input, same bytes:
features sorted by adcode, sorted keys, no timestamps)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import shapely

LAYER_FILES = {"province": "province", "prefecture": "prefectures", "county": "counties"}
MANIFEST = "manifest.json"


def feature(geom, props: dict) -> dict:
    polys = []
    for poly in geom.geoms:
        rings = [poly.exterior, *poly.interiors]
        polys.append([np.asarray(r.coords)[:, :2].tolist() for r in rings])
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "MultiPolygon", "coordinates": polys}}


def dumps(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            + "\n").encode("utf-8")


def collection(units, geoms, level: str, names: dict[str, dict[str, str]]) -> bytes:
    """One layer at one level as a FeatureCollection; names and short forms from names.csv."""
    feats = []
    for u, g in zip(units, geoms):
        row = names[u.adcode]
        feats.append(feature(g, {
            "adcode": u.adcode, "parent": u.parent, "level": level, "name_zh": u.name_zh,
            "name_en": row["name_en"], "short_zh": row["short_zh"], "short_en": row["short_en"]}))
    feats.sort(key=lambda f: f["properties"]["adcode"])
    return dumps({"type": "FeatureCollection", "features": feats})


def file_entry(data: bytes, features: int, geoms) -> dict:
    return {"features": features,
            "vertices": int(shapely.get_num_coordinates(geoms).sum()),
            "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
            + "\n").encode("utf-8")


def recorded_province(out_dir: Path) -> dict | None:
    """The province an output folder was built for (``manifest.json``'s ``province``), or
    None when the folder has no manifest or an older one without it."""
    try:
        manifest = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    province = manifest.get("province") if isinstance(manifest, dict) else None
    return province if isinstance(province, dict) and province.get("adcode") else None


def version_of(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(dist)
    except PackageNotFoundError:  # pragma: no cover
        return ""
