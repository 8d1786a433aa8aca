"""The typed model of a plan: immutable records, so a loaded dataset can be shared by every
request thread and swapped whole on reload."""

from __future__ import annotations

import datetime

from dataclasses import dataclass, field
from typing import Any

LANGS = ("zh", "en")
LODS = ("coarse", "low", "medium", "high")
#: how precisely a place's point is known, best first: an exact point, a street address, a
#: town, a county, a prefecture, or not at all
PRECISIONS = ("site", "street", "town", "county", "prefecture", "unknown")
ELEMENT_KINDS = ("core", "zone", "cluster", "point", "point-group")
PLACE_KINDS = (
    "park", "high-tech-zone", "development-zone", "pilot-zone", "town", "science-park",
    "project", "base",
)
ENTERPRISE_ROLES = ("backbone", "to-introduce")
TARGET_MEASURES = ("amount", "growth-rate", "count", "cluster-size", "coverage")
COMPARATORS = ("at-least", "exactly", "range", "about")
COUNTY_EXTENTS = ("whole", "approximate")
COMMITMENT_KINDS = ("goal", "structure")
#: where a park or site stands: planned, being built, in operation, or given up
PLACE_STATUSES = ("planned", "under-construction", "operating", "cancelled")
#: whether a place has land still available (derived from its hectares): some, none left
LAND_AVAILABLE = ("yes", "no")


@dataclass(frozen=True, slots=True)
class Text:
    """A user-visible string in both languages of the service."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@dataclass(frozen=True, slots=True)
class Citation:
    section: str
    paragraph: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"section": self.section, "paragraph": self.paragraph}


@dataclass(frozen=True)
class Plan:
    id: str
    title: Text
    issuer: Text
    period_start: int
    period_end: int
    #: The site's title (the header, the browser tab, shared links).
    map_title: Text
    #: The layout map's title.
    layout_title: Text
    #: The layout formula in the plan's own terms (the legend's heading).
    formula: Text
    #: The overview page's lead.
    intro: Text
    #: What the dataset holds (e.g. the OGC landing page's description).
    description: Text
    #: When the plan was issued (YYYY-MM-DD or YYYY-MM), if the source says.
    issued: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    heading: Text


@dataclass(frozen=True)
class Industry:
    id: str
    name: Text
    citation: Citation
    note: Text | None = None  # e.g. a typo in the plan's wording


@dataclass(frozen=True)
class Commitment:
    """What the plan sets without a figure (figures are :class:`Target`): a qualitative goal
    (``goal``: 全球领先 in these fields) or the structure of its work (``structure``: 六大任务…)."""

    id: str
    kind: str
    name: Text
    industries: tuple[str, ...]
    note: Text | None
    citation: Citation


@dataclass(frozen=True)
class Boundary:
    """A province, prefecture or county with its geometry at every level of detail."""

    adcode: str
    parent: str
    level: str
    name: Text
    short: Text  # the form map labels use, from geodata's names.csv
    geometries: dict = field(compare=False, repr=False)  # lod -> shapely geometry (WGS-84)

    def geometry(self, lod: str = "medium"):
        return self.geometries[lod]


@dataclass(frozen=True)
class CountyPart:
    adcode: str
    extent: str  # whole | approximate
    note: Text | None = None


@dataclass(frozen=True)
class ElementKind:
    """A kind of layout element as the legend shows it, in legend order: its name in the plan's
    own terms and its colours (several when the kind's elements are told apart, in the order
    of those elements in ``layout.yaml``)."""

    id: str  # one of ELEMENT_KINDS
    name: Text
    colours: tuple[str, ...]


@dataclass(frozen=True)
class LayoutElement:
    id: str
    kind: str
    name: Text
    short: Text
    role: Text
    prefectures: tuple[str, ...]
    counties: tuple[CountyPart, ...]
    industries: tuple[str, ...]
    note: Text | None
    citation: Citation
    #: a drawn or uploaded boundary (shapely Polygon/MultiPolygon, WGS-84) that replaces the
    #: counties and prefectures standing in for the element's extent; ``area_source`` says
    #: where it comes from (see :mod:`.areas`)
    area: Any = field(default=None, repr=False)
    area_source: str | None = None

    @property
    def approximate(self) -> bool:
        """Some county is only an approximate extent (never once a boundary is drawn)."""
        return self.area is None and any(part.extent == "approximate"
                                         for part in self.counties)


@dataclass(frozen=True, slots=True)
class Contact:
    """Who investors call about a place: its office, phone and website (each may be None)."""

    office: Text | None = None
    phone: str | None = None
    website: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """A place's optional facts, each None when not known: the investors' (``address`` …
    ``status_since``, with ``facts_source`` saying where they come from, given whenever any
    of them is) and its drawn or uploaded boundary. Apart from :class:`Place` because most
    places have none: 11 empty slots each cost 100,000 sites ~9 MB."""

    address: Text | None = None
    area_ha: float | None = None
    land_available_ha: float | None = None
    contact: Contact | None = None
    status: str | None = None
    #: when ``status`` began: YYYY, YYYY-MM or YYYY-MM-DD
    status_since: str | None = None
    #: investment planned and realised so far, in 亿元 (100 million CNY)
    investment_planned: float | None = None
    investment_realised: float | None = None
    facts_source: str | None = None
    #: the place's drawn or uploaded boundary (shapely, WGS-84) and where it comes from; the
    #: point stays the place's geometry (see :mod:`.areas`)
    area: Any = field(default=None, repr=False)
    area_source: str | None = None


def _fact(name: str) -> property:
    """``place.<name>``: the fact from ``place.facts``, None when it has none."""
    return property(lambda place: None if place.facts is None else getattr(place.facts, name),
                    doc=f"``facts.{name}`` (None without facts)")


@dataclass(frozen=True, slots=True)
class Place:
    """A park (collection ``parks``) or a project site / base (collection ``sites``).

    ``point`` is the display point in WGS-84, or None when the plan does not locate the place.
    ``point_source`` says where it came from: ``seed`` (coordinates given with their source),
    ``county`` / ``prefecture`` (a point inside that boundary, standing for "somewhere in it"),
    and ``uncertainty_km`` is the radius that point is good to.

    Its optional facts are in ``facts`` (None when it has none; build it with
    :func:`place_facts`), and read as its own attributes (``place.area_ha``).
    """

    id: str
    collection: str
    name: Text
    kind: str
    elements: tuple[str, ...]
    prefecture: str | None
    county: str | None
    precision: str
    point: tuple[float, float] | None
    point_source: str | None
    uncertainty_km: float | None
    location_source: str | None
    industries: tuple[str, ...]
    group: str | None
    note: Text | None
    citation: Citation
    facts: PlaceFacts | None = None

    address = _fact("address")
    area_ha = _fact("area_ha")
    land_available_ha = _fact("land_available_ha")
    contact = _fact("contact")
    status = _fact("status")
    status_since = _fact("status_since")
    investment_planned = _fact("investment_planned")
    investment_realised = _fact("investment_realised")
    facts_source = _fact("facts_source")
    area = _fact("area")
    area_source = _fact("area_source")


def place_facts(**given: Any) -> PlaceFacts | None:
    """The :class:`PlaceFacts` of ``given`` (field name -> value), None when all are None:
    one rule, so that equal places compare equal."""
    return PlaceFacts(**given) if any(v is not None for v in given.values()) else None


@dataclass(frozen=True)
class Enterprise:
    id: str
    name: Text
    role: str
    elements: tuple[str, ...]
    parks: tuple[str, ...]
    industries: tuple[str, ...]
    note: Text | None
    citation: Citation


@dataclass(frozen=True)
class Target:
    id: str
    name: Text
    measure: str
    value: float
    value_max: float | None
    comparator: str
    unit: Text
    year: int
    period: tuple[int, int] | None
    scope: Text
    elements: tuple[str, ...]
    industries: tuple[str, ...]
    related: tuple[str, ...]
    note: Text | None
    citation: Citation


@dataclass(frozen=True)
class TargetValue:
    """A value of a target as recorded after the plan: where it comes from is ``source``
    (a yearbook, a department's report; ``value_source`` in the records). A year's value is
    dated the year's last day."""

    id: str
    target: str
    value: float
    on: datetime.date
    #: given as a year (the year's value), not as a date
    by_year: bool
    source: str
    note: Text | None


@dataclass(frozen=True)
class Dataset:
    """Everything one data folder holds, validated. ``version`` changes with any input byte."""

    plan: Plan
    sections: tuple[Section, ...]
    industries: tuple[Industry, ...]
    province: Boundary
    prefectures: tuple[Boundary, ...]
    counties: tuple[Boundary, ...]
    elements: tuple[LayoutElement, ...]
    parks: tuple[Place, ...]
    sites: tuple[Place, ...]
    enterprises: tuple[Enterprise, ...]
    targets: tuple[Target, ...]
    version: str
    source: str = ""
    commitments: tuple[Commitment, ...] = ()
    #: The element kinds in legend order (``layout.yaml`` ``kinds``).
    kinds: tuple[ElementKind, ...] = ()
    #: Values of the targets recorded since (``targets.yaml`` ``values``; the plan has none).
    target_values: tuple[TargetValue, ...] = ()
