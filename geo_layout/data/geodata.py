"""Loads the built boundary files (``geodata/<layer>.<lod>.geojson``, WGS-84) into Boundary
records. Building them from the source package is ``geodata_build``'s job, not this one's."""

from __future__ import annotations

import json
from pathlib import Path

import shapely

from .model import LODS, Boundary, Text

LAYERS = ("province", "prefectures", "counties")
AREAL = ("Polygon", "MultiPolygon")


class GeodataProblem(Exception):
    """A boundary file is missing or malformed; the message names the file."""


def geodata_files(directory: Path) -> list[Path]:
    return [directory / f"{layer}.{lod}.geojson" for layer in LAYERS for lod in LODS]


def _check_geometry(path: Path, index: int, adcode: str, geom) -> None:
    """A boundary must be a non-empty, valid (OGC simple features) polygon: a self-intersecting
    ring would make point-in-polygon tests and areas silently wrong."""
    where = f"{path}: feature {index} (adcode {adcode})"
    if geom.geom_type not in AREAL:
        raise GeodataProblem(f"{where}: geometry is a {geom.geom_type}, not a Polygon or "
                             "MultiPolygon")
    if geom.is_empty:
        raise GeodataProblem(f"{where}: geometry is empty")
    if not shapely.is_valid(geom):
        raise GeodataProblem(f"{where}: invalid geometry: {shapely.is_valid_reason(geom)}")


def _short(props: dict, name: Text) -> Text:
    """The label form from ``short_zh``/``short_en``; a folder built before they existed (or
    a blank value) falls back to the full name, so older boundary folders still load."""
    return Text(zh=str(props.get("short_zh") or name.zh), en=str(props.get("short_en") or name.en))


def load_boundaries(directory: Path) -> dict[str, list[Boundary]]:
    """Return ``{"province": [...], "prefectures": [...], "counties": [...]}`` sorted by adcode."""
    geoms: dict[tuple[str, str], dict[str, object]] = {}
    props: dict[tuple[str, str], dict] = {}
    for layer in LAYERS:
        for lod in LODS:
            path = directory / f"{layer}.{lod}.geojson"
            try:
                collection = json.loads(path.read_text(encoding="utf-8"))
                features = collection["features"]
            except FileNotFoundError:
                raise GeodataProblem(f"{path}: boundary file is missing") from None
            except (ValueError, KeyError, TypeError) as exc:
                raise GeodataProblem(f"{path}: not a GeoJSON FeatureCollection ({exc})") from None
            for index, feature in enumerate(features):
                try:
                    p = feature["properties"]
                    key = (layer, str(p["adcode"]))
                    geom = shapely.from_geojson(json.dumps(feature["geometry"]))
                except Exception as exc:  # noqa: BLE001 - report which feature is broken
                    raise GeodataProblem(f"{path}: feature {index}: {exc}") from None
                _check_geometry(path, index, key[1], geom)
                geoms.setdefault(key, {})[lod] = geom
                props.setdefault(key, p)
    result: dict[str, list[Boundary]] = {layer: [] for layer in LAYERS}
    for (layer, adcode), p in sorted(props.items()):
        missing = [lod for lod in LODS if lod not in geoms[(layer, adcode)]]
        if missing:
            raise GeodataProblem(f"{layer} {adcode}: missing at level(s) {', '.join(missing)}")
        name = Text(zh=str(p["name_zh"]), en=str(p["name_en"]))
        result[layer].append(Boundary(
            adcode=adcode, parent=str(p.get("parent", "")), level=str(p.get("level", layer)),
            name=name, short=_short(p, name), geometries=geoms[(layer, adcode)],
        ))
    return result
