"""One parser per collection: a :class:`~.seed_records.Record` in, a model record out (or None),
each bad field reported as a Problem. The full load and the single-record validation
(:mod:`.seed_single`) both go through :func:`parse_record`, so the rules and messages are one.

:data:`COLLECTIONS` names every collection: its file, its key in that file, its parser."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from .model import (
    COMMITMENT_KINDS, COMPARATORS, COUNTY_EXTENTS, ELEMENT_KINDS, ENTERPRISE_ROLES, PLACE_KINDS,
    PLACE_STATUSES, PRECISIONS, TARGET_MEASURES, Commitment, Contact, CountyPart, ElementKind,
    Enterprise, Industry, LayoutElement, Place, Plan, Section, Target, TargetValue, place_facts,
)
from .areas import parse_area
from .seed_checks import Known, check_citation, check_refs, county_ref, locate, prefecture_ref
from .seed_records import ADCODE, MAX_TEXT_CHARS, SLUG, Record, shown

#: The plan's texts besides its title and issuer (titles, formula, lead, description).
PLAN_TEXTS = ("map_title", "layout_title", "formula", "intro", "description")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
#: A place's facts for investors (all optional); ``facts_source`` must come with any of them.
INVESTOR_FACTS = ("address", "area_ha", "land_available_ha", "contact", "status",
                  "status_since", "investment_planned", "investment_realised")
CONTACT_FIELDS = ("office", "phone", "website")
#: A phone number as people write it: digits, spaces, hyphens, brackets, a leading +, an
#: extension (ext. 12 / 转 12); 5 to 20 digits in all.
PHONE = re.compile(r"^\+?[0-9(][0-9 ()\-]*[0-9](\s*(ext\.?|x|转)\s*[0-9]{1,6})?$")
MAX_URL_CHARS = 500
#: YYYY, YYYY-MM or YYYY-MM-DD
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# --- plan.yaml -------------------------------------------------------------------------------
def parse_plan(rec: Record, known: Known) -> Plan | None:
    rec.check_fields({"id", "title", "issuer", "period", "issued", *PLAN_TEXTS})
    pid = rec.string("id", pattern=SLUG)
    title, issuer = rec.text("title"), rec.text("issuer")
    texts = {name: rec.text(name) for name in PLAN_TEXTS}
    issued = rec.raw.get("issued")
    issued = issued.isoformat() if hasattr(issued, "isoformat") else issued
    if issued is not None and not (isinstance(issued, str)
                                   and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", issued)):
        rec.problem("issued", "must be a date, YYYY-MM-DD or YYYY-MM")
        issued = None
    period = rec.raw.get("period")
    if not (isinstance(period, dict) and all(isinstance(period.get(k), int)
                                             for k in ("start", "end"))):
        rec.problem("period", "must be a mapping with integer start and end years")
        return None
    if None in (pid, title, issuer, *texts.values()):
        return None
    return Plan(id=pid, title=title, issuer=issuer, period_start=period["start"],
                period_end=period["end"], issued=issued, **texts)


def parse_section(rec: Record, known: Known) -> Section | None:
    rec.check_fields({"id", "heading"})
    heading = rec.text("heading")
    return Section(id=rec.id, heading=heading) if heading and rec.id is not None else None


def parse_industry(rec: Record, known: Known) -> Industry | None:
    rec.check_fields({"id", "name", "note", "citation"})
    name, note, cite = rec.text("name"), rec.text("note", required=False), rec.citation()
    if not (name and cite) or rec.id is None:
        return None
    return Industry(id=rec.id, name=name, citation=cite, note=note)


def parse_commitment(rec: Record, known: Known) -> Commitment | None:
    rec.check_fields({"id", "kind", "name", "industries", "note", "citation"})
    kind, name = rec.string("kind", choices=COMMITMENT_KINDS), rec.text("name")
    industries = rec.list_of("industries")
    check_refs(rec, "industries", industries, known.industry_ids, "industry")
    note, cite = rec.text("note", required=False), rec.citation()
    if None in (kind, name, cite, rec.id):
        return None
    return Commitment(id=rec.id, kind=kind, name=name, industries=industries, note=note,
                      citation=cite)


# --- layout.yaml -----------------------------------------------------------------------------
def parse_kind(rec: Record, known: Known) -> ElementKind | None:
    """An element kind of the legend: ``id`` (one of ELEMENT_KINDS), ``name``, ``colours``."""
    rec.check_fields({"id", "name", "colours"})
    if rec.id is not None and SLUG.match(rec.id) and rec.id not in ELEMENT_KINDS:
        rec.problem("id", f"{shown(rec.id)} is not one of {', '.join(ELEMENT_KINDS)}")
    name = rec.text("name")
    colours = []
    raw = rec.raw.get("colours")
    if raw is None:
        rec.problem("colours", "is required")
    elif not isinstance(raw, list):
        rec.problem("colours", f"must be a list, got {type(raw).__name__}")
    elif not raw:
        rec.problem("colours", "needs at least one colour")
    else:
        for i, colour in enumerate(raw):
            if isinstance(colour, str) and COLOUR.match(colour):
                colours.append(colour)
            else:
                rec.problem(f"colours[{i}]", f"{shown(colour)} is not a colour #RRGGBB")
    if name is None or rec.id not in ELEMENT_KINDS or not colours:
        return None  # (a bad colour among good ones is a problem: parse_record drops it)
    return ElementKind(id=rec.id, name=name, colours=tuple(colours))


def parse_element(rec: Record, known: Known) -> LayoutElement | None:
    rec.check_fields({"id", "kind", "name", "short", "role", "prefectures", "counties",
                      "industries", "note", "citation", "area", "area_source"})
    kind = rec.string("kind", choices=ELEMENT_KINDS)
    if kind is not None and kind not in known.kind_ids:
        rec.problem("kind", f"{kind!r} is not listed under kinds")
    name, short, role = rec.text("name"), rec.text("short"), rec.text("role")
    note, cite = rec.text("note", required=False), rec.citation()
    prefectures = rec.list_of("prefectures", ADCODE)
    for i, code in enumerate(prefectures):
        prefecture_ref(rec, f"prefectures[{i}]", code, known)
    counties = []
    raw_counties = rec.raw.get("counties") or []
    if not isinstance(raw_counties, list):
        rec.problem("counties", "must be a list")
        raw_counties = []
    for i, part in enumerate(raw_counties):
        sub = Record(rec.file, rec.rid, part, rec.problems)
        sub.check_fields({"adcode", "extent", "note"})
        code = sub.string("adcode", pattern=ADCODE)
        extent = sub.string("extent", choices=COUNTY_EXTENTS)
        pnote = sub.text("note", required=extent == "approximate")
        if code is not None and code not in known.counties:
            rec.problem(f"counties[{i}].adcode", f"{code!r} is not a county adcode")
        elif code is not None and extent is not None:
            counties.append(CountyPart(adcode=code, extent=extent, note=pnote))
    industries = rec.list_of("industries")
    check_refs(rec, "industries", industries, known.industry_ids, "industry")
    if kind in ("core", "cluster") and not prefectures:
        rec.problem("prefectures", f"a {kind} needs at least one prefecture")
    if kind in ("zone", "point") and not (prefectures or counties):
        rec.problem("counties", f"a {kind} needs counties or prefectures")
    area, area_source = parse_area(rec, known, "layout-elements")
    if None in (kind, name, short, role, cite, rec.id):
        return None
    return LayoutElement(id=rec.id, kind=kind, name=name, short=short, role=role,
                         prefectures=prefectures, counties=tuple(counties),
                         industries=industries, note=note, citation=cite, area=area,
                         area_source=area_source)


# --- parks.yaml / sites.yaml -----------------------------------------------------------------
def parse_place(rec: Record, known: Known, collection: str) -> Place | None:
    rec.check_fields({"id", "name", "kind", "elements", "prefecture", "county", "precision",
                      "lon", "lat", "location_source", "uncertainty_km", "industries",
                      "group", "note", "citation", *INVESTOR_FACTS, "facts_source", "area",
                      "area_source"})
    name, kind = rec.text("name"), rec.string("kind", choices=PLACE_KINDS)
    precision = rec.string("precision", choices=PRECISIONS)
    elements = rec.list_of("elements")
    check_refs(rec, "elements", elements, known.element_ids, "layout element")
    industries = rec.list_of("industries")
    check_refs(rec, "industries", industries, known.industry_ids, "industry")
    prefecture = prefecture_ref(rec, "prefecture",
                                rec.string("prefecture", required=False, pattern=ADCODE), known)
    county = county_ref(rec, rec.string("county", required=False, pattern=ADCODE), prefecture,
                        known)
    group = rec.string("group", required=False, pattern=SLUG)
    note, cite = rec.text("note", required=False), rec.citation()
    location_source = rec.string("location_source", required=False)
    point, source, uncertainty = locate(rec, precision, prefecture, county, location_source,
                                        known)
    facts = investor_facts(rec)
    if rec.raw.get("area") is not None or rec.raw.get("area_source") is not None:
        facts["area"], facts["area_source"] = parse_area(rec, known, collection)
    if None in (name, kind, precision, cite, rec.id) or (precision != "unknown"
                                                          and point is None):
        return None
    share = known.share  # places repeat their codes and vocabularies: one object each
    if facts.get("status"):
        facts["status"] = share(facts["status"])
    return Place(id=rec.id, collection=collection, name=name, kind=share(kind),
                 elements=share(elements), prefecture=share(prefecture), county=share(county),
                 precision=share(precision), point=point, point_source=share(source),
                 uncertainty_km=share(uncertainty), location_source=share(location_source),
                 industries=share(industries), group=share(group), note=note,
                 citation=share(cite), facts=place_facts(**facts))


def investor_facts(rec: Record) -> dict[str, Any]:
    """A place's optional facts for investors, as :class:`Place` keyword arguments (empty
    when none is given: the usual case, and no work). Each bad one is a problem naming it;
    ``facts_source`` (where the facts come from) is required with any of them, and refused
    without them (it would be the source of nothing)."""
    given = [name for name in INVESTOR_FACTS if rec.raw.get(name) is not None]
    if not given and rec.raw.get("facts_source") is None:
        return {}
    out: dict[str, Any] = {
        "address": rec.text("address", required=False),
        "area_ha": rec.number("area_ha", required=False),
        "land_available_ha": rec.number("land_available_ha", required=False),
        "contact": _contact(rec),
        "status": rec.string("status", required=False, choices=PLACE_STATUSES),
        "status_since": _partial_date(rec, "status_since"),
        "investment_planned": rec.number("investment_planned", required=False),
        "investment_realised": rec.number("investment_realised", required=False),
        "facts_source": rec.string("facts_source", required=False),
    }
    for name in ("investment_planned", "investment_realised"):
        if out[name] is not None and out[name] < 0:
            rec.problem(name, f"must be 0 or more (100 million CNY), got {shown(out[name])}")
    area, land = out["area_ha"], out["land_available_ha"]
    if area is not None and area <= 0:
        rec.problem("area_ha", f"must be more than 0 hectares, got {shown(area)}")
    if land is not None and land < 0:
        rec.problem("land_available_ha", f"must be 0 hectares or more, got {shown(land)}")
    elif land is not None and area is not None and 0 < area < land:
        rec.problem("land_available_ha", f"{shown(land)} ha is more than the park's area "
                                         f"(area_ha {shown(area)} ha)")
    if rec.raw.get("status_since") is not None and rec.raw.get("status") is None:
        rec.problem("status_since", "is the date the status began: give status with it")
    source = out["facts_source"]
    if given and rec.raw.get("facts_source") is None:
        rec.problem("facts_source", f"is required with {', '.join(given)}: say where these "
                                    "facts come from")
    if source is not None:
        if not source.strip():
            rec.problem("facts_source", "must be a non-empty string")
        elif len(source) > MAX_TEXT_CHARS:
            rec.problem("facts_source", f"longer than {MAX_TEXT_CHARS} characters")
        if not given:
            rec.problem("facts_source", "says where the investor facts come from, but none "
                                        f"is given ({', '.join(INVESTOR_FACTS)})")
    return out


def _contact(rec: Record) -> Contact | None:
    raw = rec.raw.get("contact")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        rec.problem("contact", "must be a mapping with office, phone and/or website")
        return None
    sub = Record(rec.file, rec.rid, {f"contact.{k}": v for k, v in raw.items()}, rec.problems)
    sub.check_fields({f"contact.{k}" for k in CONTACT_FIELDS})
    if not any(raw.get(k) is not None for k in CONTACT_FIELDS):
        rec.problem("contact", "needs at least one of office, phone, website")
        return None
    office = sub.text("contact.office", required=False)
    phone = sub.string("contact.phone", required=False)
    if phone is not None and not (PHONE.match(phone.strip())
                                  and 5 <= sum(c.isdigit() for c in phone) <= 20):
        rec.problem("contact.phone", f"{shown(phone)} is not a phone number (digits, spaces, "
                                     "hyphens, brackets, a leading +; e.g. +86 871 6361 1234)")
        phone = None
    website = sub.string("contact.website", required=False)
    if website is not None and not _web_address(website):
        rec.problem("contact.website", f"{shown(website)} is not a web address (http:// or "
                                       "https://, with a host)")
        website = None
    return Contact(office=office, phone=phone and phone.strip(), website=website)


def _web_address(text: str) -> bool:
    """An http(s) URL with a host and nothing a link should not hold (no spaces, quotes,
    angle brackets or control characters): no javascript:, data: or relative links."""
    if len(text) > MAX_URL_CHARS or any(c.isspace() or c in '<>"\'`\\' or ord(c) < 32
                                        for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _partial_date(rec: Record, field: str) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as a string (YAML reads 2021-06-01 as a date and 2021 as a
    number: both are taken)."""
    value = rec.raw.get(field)
    if value is None:
        return None
    if isinstance(value, datetime.date):
        value = value.isoformat()[:10]
    elif isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    found = PARTIAL_DATE.match(value) if isinstance(value, str) else None
    if found:
        year, month, day = (int(g) if g else 1 for g in found.groups())
        try:
            datetime.date(year, month, day)
            if 1949 <= year <= 2100:
                return value
        except ValueError:
            pass
    rec.problem(field, f"{shown(value)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return None


def parse_park(rec: Record, known: Known) -> Place | None:
    return parse_place(rec, known, "parks")


def parse_site(rec: Record, known: Known) -> Place | None:
    return parse_place(rec, known, "sites")


# --- enterprises.yaml / targets.yaml ---------------------------------------------------------
def parse_enterprise(rec: Record, known: Known) -> Enterprise | None:
    rec.check_fields({"id", "name", "role", "elements", "parks", "industries", "note",
                      "citation"})
    name, role = rec.text("name"), rec.string("role", choices=ENTERPRISE_ROLES)
    elements, parks = rec.list_of("elements"), rec.list_of("parks")
    industries = rec.list_of("industries")
    check_refs(rec, "elements", elements, known.element_ids, "layout element")
    check_refs(rec, "parks", parks, known.place_ids, "park or site")
    check_refs(rec, "industries", industries, known.industry_ids, "industry")
    note, cite = rec.text("note", required=False), rec.citation()
    if None in (name, role, cite, rec.id):
        return None
    return Enterprise(id=rec.id, name=name, role=role, elements=elements, parks=parks,
                      industries=industries, note=note, citation=cite)


def parse_target(rec: Record, known: Known) -> Target | None:
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
    check_refs(rec, "elements", elements, known.element_ids, "layout element")
    check_refs(rec, "industries", industries, known.industry_ids, "industry")
    check_refs(rec, "related", related, known.target_ids, "target")
    note, cite = rec.text("note", required=False), rec.citation()
    if None in (name, unit, scope, measure, comparator, value, year, cite, rec.id):
        return None
    return Target(id=rec.id, name=name, measure=measure, value=value,
                  value_max=value_max, comparator=comparator, unit=unit, year=year,
                  period=period, scope=scope, elements=elements, industries=industries,
                  related=related, note=note, citation=cite)


def parse_target_value(rec: Record, known: Known) -> TargetValue | None:
    """A recorded value: of a target, for a year or on a date (exactly one), with its
    source. Not from the plan, so it cites no section: its ``value_source`` says where it is
    from (named so beside the ``source`` every change carries)."""
    rec.check_fields({"id", "target", "value", "year", "date", "value_source", "note"})
    target = rec.string("target", pattern=SLUG)
    if target is not None and target not in known.target_ids:
        rec.problem("target", f"unknown target id {shown(target)}")
    value, source = rec.number("value"), rec.string("value_source")
    note = rec.text("note", required=False)
    on, by_year = _value_date(rec)
    if None in (target, value, source, on, rec.id):
        return None
    return TargetValue(id=rec.id, target=target, value=value, on=on, by_year=by_year,
                       source=source, note=note)


def _value_date(rec: Record) -> tuple[datetime.date | None, bool]:
    """``(date, by_year)`` from exactly one of ``year`` (the year's value: dated its last
    day) and ``date`` (YYYY-MM-DD)."""
    year, day = rec.raw.get("year"), rec.raw.get("date")
    if (year is None) == (day is None):
        rec.problem("year" if year is not None else "date",
                    "give either year (the year's value) or date (YYYY-MM-DD), not both"
                    if year is not None else "is required (or year, for a year's value)")
        return None, False
    if year is not None:
        year = rec.number("year", integer=True)
        if year is None:
            return None, False
        if not 1949 <= year <= 2100:
            rec.problem("year", f"{year} is not a plausible year")
            return None, False
        return datetime.date(year, 12, 31), True
    if isinstance(day, datetime.date):
        day = day.isoformat()[:10]
    try:
        on = datetime.date.fromisoformat(day) if isinstance(day, str) and len(day) == 10 \
            else None
    except ValueError:
        on = None
    if on is None or not 1949 <= on.year <= 2100:
        rec.problem("date", f"{shown(day)} is not a date (YYYY-MM-DD)")
        return None, False
    return on, False


# --- the collections -------------------------------------------------------------------------
@dataclass(frozen=True)
class Collection:
    """A list of records in a seed file: ``file``, its key there, the parser, whether its
    records cite a plan section, and the :class:`Dataset` attribute holding them (``attr``;
    the key when None)."""

    name: str
    file: str
    key: str
    parse: Callable[[Record, Known], Any]
    cite: bool = True
    attr: str | None = None

    @property
    def attribute(self) -> str:
        return self.attr or self.key


COLLECTIONS: dict[str, Collection] = {c.name: c for c in (
    Collection("sections", "plan.yaml", "sections", parse_section, cite=False),
    Collection("industries", "plan.yaml", "industries", parse_industry),
    Collection("commitments", "plan.yaml", "commitments", parse_commitment),
    Collection("element-kinds", "layout.yaml", "kinds", parse_kind, cite=False),
    Collection("layout-elements", "layout.yaml", "elements", parse_element),
    Collection("parks", "parks.yaml", "parks", parse_park),
    Collection("sites", "sites.yaml", "sites", parse_site),
    Collection("enterprises", "enterprises.yaml", "enterprises", parse_enterprise),
    Collection("targets", "targets.yaml", "targets", parse_target),
    Collection("target-values", "targets.yaml", "values", parse_target_value, cite=False,
               attr="target_values"),
)}


def parse_record(collection: Collection, rec: Record, known: Known) -> Any:
    """The model record, or None when ``rec`` has any problem (its id was checked before)."""
    before = len(rec.problems)
    obj = collection.parse(rec, known)
    if collection.cite:
        check_citation(rec, obj, known)
    return obj if obj is not None and len(rec.problems) == before else None
