"""Synthetic project sites for load and scale testing (``geo-layout synth``).

The plan names only a handful of sites; to see how the service behaves with 1,000 or 100,000 of
them, :func:`write_synthetic` writes a data folder that is a copy of the seeds whose
``sites.yaml`` holds the real sites *plus* N generated ones (the real ones stay so that
enterprises citing them still validate).

Where the points go: each county gets a weight — urban district (区) 4, county-level city (市)
2, county (县) 1, doubled inside the prefectures of the plan's core — and the N sites are split
between counties by a multinomial draw proportional to those weights; each county's points are
sampled uniformly inside its boundary (``high`` level of detail, and inside its prefecture's,
so the loader's containment checks pass). Same ``seed`` and N, same bytes.

Every generated site is precision ``site`` with ``location_source: synthetic``, named
"合成项目 <n>" / "Synthetic site <n>", kind project or base, one or two of the plan's industries,
and the layout elements its prefecture belongs to.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import shapely
import yaml

from . import paths
from .geodata import load_boundaries
from .seeds import SEED_FILES

#: Weight of a county by the last character of its Chinese name (district, city, county).
COUNTY_TYPE_WEIGHTS = {"区": 4.0, "市": 2.0, "县": 1.0}
#: Extra factor inside the prefectures of the plan's core (layout elements of kind "core").
CORE_FACTOR = 2.0
SYNTHETIC_ID_PREFIX = "synthetic-"
CITATION = {"section": "layout"}
KINDS = ("project", "base")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def county_weight(name_zh: str, prefecture: str, core: frozenset[str] | set[str]) -> float:
    """How many sites a county attracts relative to a plain rural county (``core``: the
    prefectures of the plan's core)."""
    weight = COUNTY_TYPE_WEIGHTS.get(name_zh[-1:], 1.0)
    return weight * (CORE_FACTOR if prefecture in core else 1.0)


def _sample_inside(geom, n: int, rng: np.random.Generator, also=None) -> np.ndarray:
    """``n`` points uniformly inside ``geom`` (and ``also``) by rejection from its bbox."""
    shapely.prepare(geom)
    if also is not None:
        shapely.prepare(also)
    west, south, east, north = geom.bounds
    out = np.empty((0, 2))
    while len(out) < n:
        batch = max(64, 3 * (n - len(out)))
        xy = np.column_stack([rng.uniform(west, east, batch), rng.uniform(south, north, batch)])
        keep = shapely.contains_xy(geom, xy[:, 0], xy[:, 1])
        if also is not None:
            keep &= shapely.contains_xy(also, xy[:, 0], xy[:, 1])
        out = np.vstack([out, xy[keep]])
    return out[:n]


def synthetic_sites(n: int, seed: int = 0, data_dir: Path | str | None = None,
                    geodata_dir: Path | str | None = None) -> list[dict]:
    """``n`` site records (YAML-ready dicts) placed inside the plan's counties."""
    data_dir = Path(data_dir) if data_dir is not None else paths.default_seeds_dir()
    geodata_dir = Path(geodata_dir) if geodata_dir is not None else paths.geodata_dir_for(data_dir)
    boundaries = load_boundaries(geodata_dir)
    prefectures = {b.adcode: b for b in boundaries["prefectures"]}
    counties = [c for c in boundaries["counties"] if c.parent in prefectures]
    plan = yaml.load((data_dir / "plan.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
    industries = [i["id"] for i in plan.get("industries") or []]
    layout = yaml.load((data_dir / "layout.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
    elements_of: dict[str, list[str]] = {}
    core: set[str] = set()
    for el in layout.get("elements") or []:
        for code in el.get("prefectures") or []:
            elements_of.setdefault(str(code), []).append(el["id"])
            if el.get("kind") == "core":
                core.add(str(code))

    rng = np.random.default_rng(seed)
    weights = np.array([county_weight(c.name.zh, c.parent, core) for c in counties])
    counts = rng.multinomial(n, weights / weights.sum())
    records: list[dict] = []
    number = 0
    for county, count in zip(counties, counts.tolist()):
        if not count:
            continue
        xy = _sample_inside(county.geometry("high"), count, rng,
                            also=prefectures[county.parent].geometry("high"))
        for lon, lat in xy.tolist():
            number += 1
            picked = rng.choice(len(industries), size=int(rng.integers(1, 3)), replace=False) \
                if industries else []
            records.append({
                "id": f"{SYNTHETIC_ID_PREFIX}{number}",
                "name": {"zh": f"合成项目 {number}", "en": f"Synthetic site {number}"},
                "kind": KINDS[int(rng.integers(0, len(KINDS)))],
                "elements": elements_of.get(county.parent, []),
                "prefecture": county.parent, "county": county.adcode, "precision": "site",
                "lon": round(lon, 6), "lat": round(lat, 6), "location_source": "synthetic",
                "industries": sorted(industries[i] for i in picked),
                "citation": CITATION,
            })
    return records


def write_synthetic(out_dir: Path | str, n: int, seed: int = 0,
                    data_dir: Path | str | None = None) -> Path:
    """A data folder at ``out_dir``: the seeds copied, ``sites.yaml`` = real + ``n`` synthetic
    sites, written as JSON with one site a line: a valid YAML document that the loader parses
    with the json module (PyYAML would take ~40 s for 100,000 records). A ``README.md`` beside
    it says what the folder is."""
    data_dir = Path(data_dir) if data_dir is not None else paths.default_seeds_dir()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in SEED_FILES:
        if name != "sites.yaml":
            shutil.copyfile(data_dir / name, out / name)
    own_geodata = data_dir / "geodata"
    if own_geodata.is_dir() and not (out / "geodata").exists():
        shutil.copytree(own_geodata, out / "geodata")
    real = yaml.load((data_dir / "sites.yaml").read_text(encoding="utf-8"),
                     Loader=_LOADER).get("sites") or []
    sites = [*real, *synthetic_sites(n, seed, data_dir)]
    rows = ",\n".join(json.dumps(s, ensure_ascii=False, separators=(",", ":")) for s in sites)
    (out / "sites.yaml").write_text('{"sites":[\n' + rows + "\n]}\n", encoding="utf-8")
    (out / "README.md").write_text(
        f"# Synthetic scale-test data (not plan data)\n\nThe seeds of {data_dir} with "
        f"{len(real)} real sites plus {n} synthetic ones, made by "
        f"`geo-layout synth --sites {n} --seed {seed}`. See geo_layout/data/synth.py for how "
        "points are placed.\n", encoding="utf-8")
    return out
