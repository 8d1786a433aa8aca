"""Reads a data folder (the shape of the repository's ``seeds/``), checks every record against
the schema and against the boundaries, and returns a :class:`~.model.Dataset`.

Every problem is collected, not just the first: a planner editing YAML by hand wants the whole
list at once, each naming file, record and field.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import shapely
import yaml
from pyproj import Geod

from ..errors import DataError
from . import paths
from .geodata import GeodataProblem, geodata_files, load_boundaries
from .model import (
    COMMITMENT_KINDS, COMPARATORS, COUNTY_EXTENTS, ELEMENT_KINDS, ENTERPRISE_ROLES, PLACE_KINDS,
    PRECISIONS, TARGET_MEASURES, Boundary, Citation, Commitment, CountyPart, Dataset, Enterprise,
    Industry, LayoutElement, Place, Plan, Section, Target, Text,
)

SEED_FILES = ("plan.yaml", "layout.yaml", "parks.yaml", "sites.yaml", "enterprises.yaml",
              "targets.yaml")
# Hand-written seeds are tens of KB; the cap still stops a runaway file, but leaves room for
# the synthetic scale-test folders of ``geo-layout synth`` (100,000 sites are ~36 MB).
MAX_SEED_BYTES = 64_000_000
MAX_TEXT_CHARS = 2_000
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ADCODE = re.compile(r"^[0-9]{6}$")
DEFAULT_UNCERTAINTY_KM = {"site": 0.5, "town": 5.0}
_GEOD = Geod(ellps="WGS84")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


class _Record:
    """Typed access to one YAML mapping; each bad field becomes a Problem, never an exception."""

    def __init__(self, file: str, rid: str, raw: Any, problems: list[Problem]):
        self.file, self.rid, self.problems = file, rid, problems
        self.raw = raw if isinstance(raw, dict) else {}
        if not isinstance(raw, dict):
            self.problem("(record)", f"must be a mapping, got {type(raw).__name__}")

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.rid, field, message))

    def check_fields(self, allowed: set[str]) -> None:
        for key in self.raw:
            if key not in allowed:
                self.problem(str(key), f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def _get(self, field: str, required: bool) -> Any:
        value = self.raw.get(field)
        if value is None and required:
            self.problem(field, "is required")
        return value

    def string(self, field: str, *, required: bool = True, pattern: re.Pattern | None = None,
               choices: tuple[str, ...] | None = None) -> str | None:
        value = self._get(field, required)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and pattern is ADCODE:
            value = str(value)
        if not isinstance(value, str):
            self.problem(field, f"must be a string, got {type(value).__name__}")
            return None
        if choices is not None and value not in choices:
            self.problem(field, f"{value!r} is not one of {', '.join(choices)}")
            return None
        if pattern is not None and not pattern.match(value):
            what = "a 6-digit adcode" if pattern is ADCODE else "a lowercase ASCII slug"
            self.problem(field, f"{value!r} is not {what}")
            return None
        return value

    def text(self, field: str, *, required: bool = True) -> Text | None:
        value = self._get(field, required)
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) != {"zh", "en"}:
            self.problem(field, "must be a mapping with exactly the keys zh and en")
            return None
        for lang in ("zh", "en"):
            if not isinstance(value[lang], str) or not value[lang].strip():
                self.problem(f"{field}.{lang}", "must be a non-empty string")
                return None
            if len(value[lang]) > MAX_TEXT_CHARS:
                self.problem(f"{field}.{lang}", f"longer than {MAX_TEXT_CHARS} characters")
                return None
        return Text(zh=value["zh"], en=value["en"])

    def number(self, field: str, *, required: bool = True, integer: bool = False) -> Any:
        value = self._get(field, required)
        if value is None:
            return None
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or (
                isinstance(value, float) and not math.isfinite(value)):
            self.problem(field, f"must be {'an integer' if integer else 'a number'}, got {value!r}")
            return None
        return value

    def list_of(self, field: str, pattern: re.Pattern = SLUG) -> tuple[str, ...]:
        value = self.raw.get(field)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(field, f"must be a list, got {type(value).__name__}")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, int) and not isinstance(item, bool) and pattern is ADCODE:
                item = str(item)
            if not isinstance(item, str) or not pattern.match(item):
                self.problem(f"{field}[{i}]", f"{item!r} is not a valid id")
            else:
                out.append(item)
        return tuple(out)

    def citation(self) -> Citation | None:
        value = self._get("citation", True)
        if value is None:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("section"), str):
            self.problem("citation", "must be a mapping with a section id")
            return None
        extra = set(value) - {"section", "paragraph"}
        if extra:
            self.problem("citation", f"unknown field(s) {', '.join(sorted(map(str, extra)))}")
        paragraph = value.get("paragraph")
        if paragraph is not None and (isinstance(paragraph, bool) or not isinstance(paragraph, int)
                                      or paragraph < 1):
            self.problem("citation.paragraph", f"must be a positive integer, got {paragraph!r}")
            paragraph = None
        return Citation(section=value["section"], paragraph=paragraph)


#: Cap on a document's values with every alias expanded (or its size in bytes, if larger): a
#: "billion laughs" bomb parses quickly (aliases share objects) but no walk over it finishes.
MAX_YAML_NODES = 1_000_000


def _expands_beyond(doc: Any, budget: int) -> bool:
    """True when walking ``doc`` (aliases counted each time they are used) exceeds ``budget``."""
    stack = [doc]
    while stack:
        budget -= 1
        if budget < 0:
            return True
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


class _Reader:
    """Parses one data folder into records, collecting problems as it goes."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.hash = hashlib.sha256()

    def document(self, name: str) -> dict:
        path = self.data_dir / name
        if not path.is_file():
            self.problems.append(Problem(name, "(file)", "(file)", "file is missing"))
            return {}
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            self.problems.append(Problem(name, "(file)", "(file)",
                                         f"file is {size} bytes, over the {MAX_SEED_BYTES} cap"))
            return {}
        raw = path.read_bytes()
        self.hash.update(name.encode() + b"\0" + raw)
        doc = _json_document(raw)
        from_yaml = doc is None  # JSON has no aliases: nothing to expand
        try:
            if from_yaml:
                doc = yaml.load(raw.decode("utf-8"), Loader=_YAML_LOADER)
        except UnicodeDecodeError as exc:
            self.problems.append(Problem(name, "(file)", "(file)", f"not UTF-8 text: {exc}"))
            return {}
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f"line {where.line + 1}: " if where is not None else ""
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.problems.append(Problem(name, "(file)", "(yaml)", f"{line}{reason}"))
            return {}
        except RecursionError:
            self.problems.append(Problem(name, "(file)", "(yaml)", "nested too deeply"))
            return {}
        budget = max(MAX_YAML_NODES, len(raw))  # alias-free text has fewer values than bytes
        if from_yaml and _expands_beyond(doc, budget):
            self.problems.append(Problem(name, "(file)", "(yaml)", f"expands to more than "
                                         f"{budget} values (aliases repeated too often?)"))
            return {}
        if doc is None:
            doc = {}
        if not isinstance(doc, dict):
            self.problems.append(Problem(name, "(file)", "(file)",
                                         "top level must be a mapping of lists"))
            return {}
        return doc

    def records(self, doc: dict, file: str, key: str) -> list[_Record]:
        items = doc.get(key)
        if items is None:
            self.problems.append(Problem(file, "(file)", key, "is required (a list of records)"))
            return []
        if not isinstance(items, list):
            self.problems.append(Problem(file, "(file)", key, "must be a list of records"))
            return []
        out, seen = [], set()
        for index, raw in enumerate(items):
            rid = raw.get("id") if isinstance(raw, dict) else None
            label = rid if isinstance(rid, str) and rid else f"#{index + 1}"
            rec = _Record(file, label, raw, self.problems)
            if isinstance(raw, dict):
                rec.string("id", pattern=SLUG)
                if isinstance(rid, str):
                    if rid in seen:
                        rec.problem("id", f"duplicate id {rid!r}")
                    seen.add(rid)
            out.append(rec)
        return out


def _json_document(raw: bytes) -> dict | None:
    """A seed file that is plain JSON (valid YAML too; ``geo-layout synth`` writes them) parsed
    by the json module, ~30x faster than PyYAML's constructor on 100,000 records; None for
    anything else, which then goes through YAML (and its line-numbered errors)."""
    if not raw.lstrip()[:1] == b"{":
        return None
    try:
        doc = json.loads(raw)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


def _area_radius_km(geom) -> float:
    area_m2, _ = _GEOD.geometry_area_perimeter(geom)
    return round(math.sqrt(abs(area_m2) / math.pi) / 1000.0, 1)


def _check_refs(rec: _Record, field: str, ids: tuple[str, ...], known: set[str], what: str) -> None:
    for i, ref in enumerate(ids):
        if ref not in known:
            rec.problem(f"{field}[{i}]", f"unknown {what} id {ref!r}")


def load_dataset(data_dir: Path | str | None = None,
                 geodata_dir: Path | str | None = None) -> Dataset:
    """Load and validate a data folder; raise :class:`DataError` listing every problem."""
    dataset, problems = _load(data_dir, geodata_dir)
    if problems:
        raise DataError(problems)
    assert dataset is not None
    return dataset


def validate(data_dir: Path | str | None = None,
             geodata_dir: Path | str | None = None) -> list[Problem]:
    """Every problem in a data folder (empty when it is valid)."""
    return _load(data_dir, geodata_dir)[1]


def _load(data_dir, geodata_dir) -> tuple[Dataset | None, list[Problem]]:
    data_dir = Path(data_dir) if data_dir is not None else paths.default_seeds_dir()
    geodata_dir = Path(geodata_dir) if geodata_dir is not None else paths.geodata_dir_for(data_dir)
    reader = _Reader(data_dir)
    if not data_dir.is_dir():
        return None, [Problem(str(data_dir), "(folder)", "(folder)", "data folder does not exist")]
    try:
        boundaries = load_boundaries(geodata_dir)
    except GeodataProblem as exc:
        return None, [Problem("geodata", "(file)", "(file)", str(exc))]
    for path in geodata_files(geodata_dir):
        reader.hash.update(path.name.encode() + b"\0" + str(path.stat().st_size).encode())
    build = _Builder(reader, boundaries)
    dataset = build.run()
    problems = reader.problems
    return (dataset if not problems else None), problems


class _Builder:
    """Turns parsed records into model objects and checks cross-references."""

    def __init__(self, reader: _Reader, boundaries: dict[str, list[Boundary]]):
        self.r = reader
        self.province = boundaries["province"][0] if boundaries["province"] else None
        self.prefectures = {b.adcode: b for b in boundaries["prefectures"]}
        self.counties = {b.adcode: b for b in boundaries["counties"]}
        self.boundaries = boundaries
        self._buffered: dict[str, object] = {}

    def _tolerant(self, unit: Boundary):
        """The unit's outline grown by ~200 m (boundary simplification), prepared, cached."""
        cached = self._buffered.get(unit.adcode)
        if cached is None:
            cached = unit.geometry("high").buffer(0.002)
            shapely.prepare(cached)
            self._buffered[unit.adcode] = cached
        return cached

    def run(self) -> Dataset | None:
        r = self.r
        plan_doc = r.document("plan.yaml")
        plan = self._plan(plan_doc)
        sections = self._many(plan_doc, "plan.yaml", "sections", self._section, cite=False)
        self.section_ids = {s.id for s in sections}
        industries = self._many(plan_doc, "plan.yaml", "industries", self._industry)
        self.industry_ids = {i.id for i in industries}
        commitments = (self._many(plan_doc, "plan.yaml", "commitments", self._commitment)
                       if "commitments" in plan_doc else [])  # optional: older folders lack it
        layout_doc = r.document("layout.yaml")
        elements = self._many(layout_doc, "layout.yaml", "elements", self._element)
        self.element_ids = {e.id for e in elements}
        parks = self._many(r.document("parks.yaml"), "parks.yaml", "parks",
                           lambda rec: self._place(rec, "parks"))
        sites = self._many(r.document("sites.yaml"), "sites.yaml", "sites",
                           lambda rec: self._place(rec, "sites"))
        place_ids: dict[str, str] = {}
        for place in (*parks, *sites):
            other = place_ids.setdefault(place.id, place.collection)
            if other != place.collection:
                r.problems.append(Problem(f"{place.collection}.yaml", place.id, "id",
                                          f"id also used in {other}.yaml"))
        self.place_ids = set(place_ids)
        enterprises = self._many(r.document("enterprises.yaml"), "enterprises.yaml",
                                 "enterprises", self._enterprise)
        targets_doc = r.document("targets.yaml")
        self.target_ids = {t.get("id") for t in targets_doc.get("targets") or []
                           if isinstance(t, dict)}
        targets = self._many(targets_doc, "targets.yaml", "targets", self._target)
        if self.province is None or len(self.prefectures) == 0:
            r.problems.append(Problem("geodata", "(file)", "(file)", "no boundaries loaded"))
        if r.problems or plan is None:
            return None
        return Dataset(
            plan=plan, sections=tuple(sections), industries=tuple(industries),
            province=self.province, prefectures=tuple(self.boundaries["prefectures"]),
            counties=tuple(self.boundaries["counties"]), elements=tuple(elements),
            parks=tuple(parks), sites=tuple(sites), enterprises=tuple(enterprises),
            targets=tuple(targets), version=r.hash.hexdigest()[:16], source=str(r.data_dir),
            commitments=tuple(commitments),
        )

    def _many(self, doc: dict, file: str, key: str, make: Callable[[_Record], Any],
              cite: bool = True) -> list:
        out = []
        for rec in self.r.records(doc, file, key):
            before = len(self.r.problems)
            obj = make(rec)
            if cite and obj is not None and getattr(obj, "citation", None) is not None:
                if obj.citation.section not in self.section_ids:
                    rec.problem("citation.section",
                                f"unknown section id {obj.citation.section!r}")
            if obj is not None and len(self.r.problems) == before:
                out.append(obj)
        return out

    # --- plan.yaml -------------------------------------------------------------------------
    def _plan(self, doc: dict) -> Plan | None:
        if not doc:
            return None
        rec = _Record("plan.yaml", "plan", doc.get("plan"), self.r.problems)
        rec.check_fields({"id", "title", "issuer", "period"})
        pid = rec.string("id", pattern=SLUG)
        title, issuer = rec.text("title"), rec.text("issuer")
        period = rec.raw.get("period")
        if not (isinstance(period, dict) and all(isinstance(period.get(k), int)
                                                 for k in ("start", "end"))):
            rec.problem("period", "must be a mapping with integer start and end years")
            return None
        if None in (pid, title, issuer):
            return None
        return Plan(id=pid, title=title, issuer=issuer, period_start=period["start"],
                    period_end=period["end"])

    def _section(self, rec: _Record) -> Section | None:
        rec.check_fields({"id", "heading"})
        heading = rec.text("heading")
        return Section(id=rec.raw.get("id"), heading=heading) if heading else None

    def _industry(self, rec: _Record) -> Industry | None:
        rec.check_fields({"id", "name", "note", "citation"})
        name, note, cite = rec.text("name"), rec.text("note", required=False), rec.citation()
        if not (name and cite):
            return None
        return Industry(id=rec.raw.get("id"), name=name, citation=cite, note=note)

    def _commitment(self, rec: _Record) -> Commitment | None:
        rec.check_fields({"id", "kind", "name", "industries", "note", "citation"})
        kind, name = rec.string("kind", choices=COMMITMENT_KINDS), rec.text("name")
        industries = rec.list_of("industries")
        _check_refs(rec, "industries", industries, self.industry_ids, "industry")
        note, cite = rec.text("note", required=False), rec.citation()
        if None in (kind, name, cite):
            return None
        return Commitment(id=rec.raw["id"], kind=kind, name=name, industries=industries,
                          note=note, citation=cite)

    # --- layout.yaml -----------------------------------------------------------------------
    def _prefecture_ref(self, rec: _Record, field: str, code: str | None) -> str | None:
        if code is None:
            return None
        if code not in self.prefectures:
            kind = "a county" if code in self.counties else "not a known adcode"
            rec.problem(field, f"{code!r} is not a prefecture adcode ({kind})")
            return None
        return code

    def _element(self, rec: _Record) -> LayoutElement | None:
        rec.check_fields({"id", "kind", "name", "short", "role", "prefectures", "counties",
                          "industries", "note", "citation"})
        kind = rec.string("kind", choices=ELEMENT_KINDS)
        name, short, role = rec.text("name"), rec.text("short"), rec.text("role")
        note, cite = rec.text("note", required=False), rec.citation()
        prefectures = rec.list_of("prefectures", ADCODE)
        for i, code in enumerate(prefectures):
            self._prefecture_ref(rec, f"prefectures[{i}]", code)
        counties = []
        raw_counties = rec.raw.get("counties") or []
        if not isinstance(raw_counties, list):
            rec.problem("counties", "must be a list")
            raw_counties = []
        for i, part in enumerate(raw_counties):
            sub = _Record(rec.file, rec.rid, part, self.r.problems)
            sub.check_fields({"adcode", "extent", "note"})
            code = sub.string("adcode", pattern=ADCODE)
            extent = sub.string("extent", choices=COUNTY_EXTENTS)
            pnote = sub.text("note", required=extent == "approximate")
            if code is not None and code not in self.counties:
                rec.problem(f"counties[{i}].adcode", f"{code!r} is not a county adcode")
            elif code is not None and extent is not None:
                counties.append(CountyPart(adcode=code, extent=extent, note=pnote))
        industries = rec.list_of("industries")
        _check_refs(rec, "industries", industries, self.industry_ids, "industry")
        if kind in ("core", "cluster") and not prefectures:
            rec.problem("prefectures", f"a {kind} needs at least one prefecture")
        if kind in ("zone", "point") and not (prefectures or counties):
            rec.problem("counties", f"a {kind} needs counties or prefectures")
        if None in (kind, name, short, role, cite):
            return None
        return LayoutElement(id=rec.raw["id"], kind=kind, name=name, short=short, role=role,
                             prefectures=prefectures, counties=tuple(counties),
                             industries=industries, note=note, citation=cite)

    # --- parks.yaml / sites.yaml -----------------------------------------------------------
    def _place(self, rec: _Record, collection: str) -> Place | None:
        rec.check_fields({"id", "name", "kind", "elements", "prefecture", "county", "precision",
                          "lon", "lat", "location_source", "uncertainty_km", "industries",
                          "group", "note", "citation"})
        name, kind = rec.text("name"), rec.string("kind", choices=PLACE_KINDS)
        precision = rec.string("precision", choices=PRECISIONS)
        elements = rec.list_of("elements")
        _check_refs(rec, "elements", elements, self.element_ids, "layout element")
        industries = rec.list_of("industries")
        _check_refs(rec, "industries", industries, self.industry_ids, "industry")
        prefecture = self._prefecture_ref(rec, "prefecture",
                                          rec.string("prefecture", required=False, pattern=ADCODE))
        county = rec.string("county", required=False, pattern=ADCODE)
        if county is not None:
            if county not in self.counties:
                kind_of = "a prefecture" if county in self.prefectures else "not a known adcode"
                rec.problem("county", f"{county!r} is not a county adcode ({kind_of})")
                county = None
            elif prefecture is not None and self.counties[county].parent != prefecture:
                rec.problem("county", f"county {county} is not in prefecture {prefecture}")
        group = rec.string("group", required=False, pattern=SLUG)
        note, cite = rec.text("note", required=False), rec.citation()
        location_source = rec.string("location_source", required=False)
        point, source, uncertainty = self._locate(rec, precision, prefecture, county,
                                                  location_source)
        if None in (name, kind, precision, cite) or (precision != "unknown" and point is None):
            return None
        return Place(id=rec.raw["id"], collection=collection, name=name, kind=kind,
                     elements=elements, prefecture=prefecture, county=county,
                     precision=precision, point=point, point_source=source,
                     uncertainty_km=uncertainty, location_source=location_source,
                     industries=industries, group=group, note=note, citation=cite)

    def _locate(self, rec: _Record, precision, prefecture, county, location_source):
        """The display point, where it comes from and its uncertainty radius — never invented."""
        has_lon, has_lat = "lon" in rec.raw, "lat" in rec.raw
        if precision in ("site", "town"):
            lon, lat = rec.number("lon"), rec.number("lat")
            if location_source is None:
                rec.problem("location_source", f"precision {precision} needs the coordinates' source")
            if lon is None or lat is None:
                return None, None, None
            if not (-180 <= lon <= 180):
                rec.problem("lon", f"{lon} is outside -180..180")
                return None, None, None
            if not (-90 <= lat <= 90):
                rec.problem("lat", f"{lat} is outside -90..90")
                return None, None, None
            for field, code, table in (("county", county, self.counties),
                                       ("prefecture", prefecture, self.prefectures)):
                if code is not None and not shapely.contains_xy(self._tolerant(table[code]),
                                                                lon, lat):
                    rec.problem("lon/lat", f"point ({lon}, {lat}) is outside its declared "
                                           f"{field} {code} ({table[code].name.zh})")
                    return None, None, None
            if prefecture is None:
                rec.problem("prefecture", "a located place needs its prefecture")
            radius = rec.number("uncertainty_km", required=False) or DEFAULT_UNCERTAINTY_KM[precision]
            return (float(lon), float(lat)), "seed", float(radius)
        if has_lon or has_lat:
            rec.problem("lon/lat", f"coordinates given but precision is {precision!r}: "
                                   "use site or town, or drop them")
        if precision == "county":
            if county is None:
                rec.problem("county", "precision county needs a county adcode")
                return None, None, None
            if prefecture is None:
                rec.problem("prefecture", "precision county needs the county's prefecture")
            unit = self.counties[county]
        elif precision == "prefecture":
            if prefecture is None:
                rec.problem("prefecture", "precision prefecture needs a prefecture adcode")
                return None, None, None
            if county is not None:
                rec.problem("county", "precision prefecture must not name a county "
                                      "(use precision county)")
            unit = self.prefectures[prefecture]
        else:  # unknown: listed, not pinned
            if county is not None:
                rec.problem("county", "precision unknown must not name a county")
            return None, None, None
        geom = unit.geometry("high")
        pt = shapely.point_on_surface(geom)
        return (round(pt.x, 6), round(pt.y, 6)), precision, _area_radius_km(geom)

    # --- enterprises.yaml / targets.yaml ---------------------------------------------------
    def _enterprise(self, rec: _Record) -> Enterprise | None:
        rec.check_fields({"id", "name", "role", "elements", "parks", "industries", "note",
                          "citation"})
        name, role = rec.text("name"), rec.string("role", choices=ENTERPRISE_ROLES)
        elements, parks = rec.list_of("elements"), rec.list_of("parks")
        industries = rec.list_of("industries")
        _check_refs(rec, "elements", elements, self.element_ids, "layout element")
        _check_refs(rec, "parks", parks, self.place_ids, "park or site")
        _check_refs(rec, "industries", industries, self.industry_ids, "industry")
        note, cite = rec.text("note", required=False), rec.citation()
        if None in (name, role, cite):
            return None
        return Enterprise(id=rec.raw["id"], name=name, role=role, elements=elements, parks=parks,
                          industries=industries, note=note, citation=cite)

    def _target(self, rec: _Record) -> Target | None:
        rec.check_fields({"id", "name", "measure", "value", "value_max", "comparator", "unit",
                          "year", "period", "scope", "elements", "industries", "related",
                          "note", "citation"})
        name, unit, scope = rec.text("name"), rec.text("unit"), rec.text("scope")
        measure = rec.string("measure", choices=TARGET_MEASURES)
        comparator = rec.string("comparator", choices=COMPARATORS)
        value = rec.number("value")
        value_max = rec.number("value_max", required=False)
        year = rec.number("year", integer=True)
        if year is not None and not (1949 <= year <= 2100):
            rec.problem("year", f"{year} is not a plausible year")
        if comparator == "range" and value_max is None:
            rec.problem("value_max", "a range needs value_max")
        if value is not None and value_max is not None and value_max < value:
            rec.problem("value_max", f"{value_max} is below value {value}")
        period = None
        raw_period = rec.raw.get("period")
        if raw_period is not None:
            if isinstance(raw_period, dict) and all(isinstance(raw_period.get(k), int)
                                                    for k in ("start", "end")):
                period = (raw_period["start"], raw_period["end"])
            else:
                rec.problem("period", "must be a mapping with integer start and end years")
        elements, industries = rec.list_of("elements"), rec.list_of("industries")
        related = rec.list_of("related")
        _check_refs(rec, "elements", elements, self.element_ids, "layout element")
        _check_refs(rec, "industries", industries, self.industry_ids, "industry")
        _check_refs(rec, "related", related, self.target_ids, "target")
        note, cite = rec.text("note", required=False), rec.citation()
        if None in (name, unit, scope, measure, comparator, value, year, cite):
            return None
        return Target(id=rec.raw["id"], name=name, measure=measure, value=value,
                      value_max=value_max, comparator=comparator, unit=unit, year=year,
                      period=period, scope=scope, elements=elements, industries=industries,
                      related=related, note=note, citation=cite)
