"""What the review report says, decided once for both formats: the title page, a summary of
the targets' statuses, the layout map, the targets table, the parks and sites by status per
layout element, and where every figure comes from.

Nothing is made up: a target without a recorded actual value says "no data yet" (and what is
missing), a place without a recorded status is counted as such, and an implied baseline is
marked as implied. The layout map is passed in as PNG bytes (``maps`` draws it)."""

from __future__ import annotations

from datetime import date
from typing import Sequence

from .. import words
from ..data import progress
from ..data.features import Feature
from ..data.model import PLACE_STATUSES
from ..data.progress_board import TargetProgress, board, counts, path_label, status_label
from ..data.store import Store
from .document import Document, Figure, Heading, Paragraph, Table, TitlePage

#: a place's status when none is recorded: listed as such, never guessed
NO_STATUS = "unknown"
#: the targets table: target, planned value, baseline, latest actual, status, sources
TARGET_WIDTHS = (0.22, 0.13, 0.15, 0.16, 0.16, 0.18)
PLACE_WIDTHS = (0.19, 0.13, 0.07, 0.21, 0.40)
#: the unit parks' and sites' investments are recorded in (100 million CNY)
INVESTMENT_UNIT = ("亿元", "100 million CNY")


def review_document(store: Store, lang: str, as_of: date | None, today: date,
                    map_png: bytes, map_aspect: float) -> Document:
    """The report of ``store`` as known on ``as_of`` (None: today's knowledge), made on
    ``today``, in ``lang`` ("zh" or "en")."""
    plan = store.plan()
    title = plan.title.get(lang)
    shown = (as_of or today).isoformat()
    rows = board(store, as_of)
    places = [*store.query("parks").features, *store.query("sites").features]
    t = words.t
    blocks = [
        TitlePage(title, t("report.subtitle", lang), (
            t("report.issuer", lang, issuer=plan.issuer.get(lang)),
            t("report.period", lang, start=plan.period_start, end=plan.period_end),
            t("report.as_of", lang, date=shown),
            t("report.generated", lang, date=today.isoformat()),
            t("report.version", lang, version=store.version),
            t("report.made_by", lang))),
        Heading(t("report.summary", lang)),
        *_summary(rows, places, lang, shown),
        Heading(t("report.map", lang)),
        Figure(map_png, t("report.map_caption", lang, title=plan.map_title.get(lang),
                          date=shown), map_aspect),
        Heading(t("report.targets", lang)),
        _targets_table(store, rows, lang),
        Paragraph(t("report.targets_note", lang, legend=words.join(
            [status_label(s, lang) for s in progress.STATUSES], lang)), "note"),
        Heading(t("report.projects", lang)),
        _places_table(store, places, lang),
        Paragraph(t("report.projects_note", lang), "note"),
        Heading(t("report.provenance", lang)),
        *_provenance(store, rows, lang, shown, today),
    ]
    return Document(lang, f"{title} {t('report.subtitle', lang)}", tuple(blocks))


def _summary(rows: Sequence[TargetProgress], places: Sequence[Feature], lang: str,
             shown: str) -> list[Paragraph]:
    by_status = counts(rows)
    items = [words.t("report.count_item", lang, status=status_label(s, lang), n=n)
             for s, n in by_status.items()]
    out = [Paragraph(words.t("report.counts", lang, n=len(rows), date=shown,
                             counts=words.join(items, lang)))]
    if not any(r.actuals for r in rows):
        out.append(Paragraph(words.t("report.no_data_yet", lang)))
    statuses = _place_counts(places)
    items = [words.t("report.count_item", lang, status=_place_status(s, lang), n=n)
             for s, n in statuses.items() if n]
    out.append(Paragraph(words.t("report.places_count", lang, n=len(places),
                                 counts=words.join(items, lang))))
    return out


def _targets_table(store: Store, rows: Sequence[TargetProgress], lang: str) -> Table:
    headings = {s.id: s.heading.get(lang) for s in store.sections()}
    names = {r.target.id: r.target.name(lang) for r in rows}
    cells = []
    for row in rows:
        p, f = row.progress, row.target
        cells.append((f.name(lang), _planned(f, lang), _baseline(p, f, lang, names),
                      _latest(p, f, lang), _status_cell(p, f, lang),
                      _sources(f, p, headings, lang)))
    columns = tuple(words.t(f"report.col.{c}", lang)
                    for c in ("target", "planned", "baseline", "latest", "status", "sources"))
    return Table(columns, TARGET_WIDTHS, tuple(cells))


def _quantity(value: float, f: Feature, lang: str, **options) -> str:
    props = f.properties
    return words.format_quantity(value, props["unit_zh"], props["unit_en"], lang, **options)


def _rounded(value: float) -> float:
    """A computed figure at the precision the plan writes its own (an implied baseline)."""
    return float(round(value)) if abs(value) >= 100 else round(value, 1)


def _planned(f: Feature, lang: str) -> str:
    props = f.properties
    value = _quantity(props["value"], f, lang, value_max=props.get("value_max"),
                      comparator=props.get("comparator"))
    return words.t("report.in_year", lang, value=value, year=props["year"])


def _baseline(p: progress.Progress, f: Feature, lang: str, names: dict[str, str]) -> str:
    b = p.baseline
    if b is None:
        return words.t("report.not_stated", lang)
    value = _quantity(_rounded(b.value), f, lang)
    if b.recorded:
        return words.t("report.baseline_recorded", lang, value=value, year=b.year)
    if not b.implied:
        return words.t("report.in_year", lang, value=value, year=b.year)
    return words.t("report.baseline_implied", lang, value=value, year=b.year,
                   rate=names.get(b.implied_by, b.implied_by))


def _when(actual: progress.Actual, lang: str) -> str:
    """A year's value is dated its last day: said as the year."""
    on = actual.on
    if (on.month, on.day) == (12, 31):
        return words.t("report.year", lang, year=on.year)
    return on.isoformat()


def _latest(p: progress.Progress, f: Feature, lang: str) -> str:
    if p.latest is None:
        return words.t("report.no_actual", lang)
    text = words.t("report.dated", lang, value=_quantity(p.latest.value, f, lang),
                   when=_when(p.latest, lang))
    if p.share is not None:
        text += "\n" + words.t("report.share", lang, share=f"{p.share * 100:.0f}%")
    return text


def _status_cell(p: progress.Progress, f: Feature, lang: str) -> str:
    lines = [status_label(p.status, lang)]
    if p.missing:
        lines.append(words.t("report.missing." + p.missing, lang))
    if p.expected is not None and p.path != progress.RATE:
        lines.append(words.t("report.expected", lang,
                             value=_quantity(_rounded(p.expected), f, lang),
                             path=path_label(p.path, lang)))
    return "\n".join(lines)


def _sources(f: Feature, p: progress.Progress, headings: dict[str, str], lang: str) -> str:
    props = f.properties
    section = props.get("citation_section")
    lines = []
    if section:
        cited = words.citation(headings.get(section, section), props.get("citation_paragraph"),
                               lang)
        lines.append(words.t("report.source_plan", lang, citation=cited))
    if p.baseline is not None and p.baseline.recorded:
        lines.append(words.t("report.source_baseline", lang, source=p.baseline.source))
    if p.latest is not None:
        lines.append(words.t("report.source_value", lang, source=p.latest.source))
    return "\n".join(lines)


def _place_status(status: str, lang: str) -> str:
    if status == NO_STATUS:
        return words.t("report.status_unknown", lang)
    return words.label("status", status, lang)


def _place_counts(places: Sequence[Feature]) -> dict[str, int]:
    out = {s: 0 for s in (*PLACE_STATUSES, NO_STATUS)}
    for place in places:
        out[place.properties.get("status") or NO_STATUS] += 1
    return out


def _places_table(store: Store, places: Sequence[Feature], lang: str) -> Table:
    """One row per layout element (plan order) and status it has places of, then the places
    in no element; a place in two elements is listed under both."""
    groups: dict[str, dict[str, list[Feature]]] = {}
    element_names = {}
    for el in store.query("layout-elements").features:
        groups[el.id] = {}
        element_names[el.id] = el.name(lang)
    outside: dict[str, list[Feature]] = {}
    for place in places:
        status = place.properties.get("status") or NO_STATUS
        elements = [e for e in place.properties.get("elements") or () if e in groups]
        for bucket in ([groups[e] for e in elements] or [outside]):
            bucket.setdefault(status, []).append(place)
    order = (*PLACE_STATUSES, NO_STATUS)
    rows = []
    for key, bucket in [*groups.items(), (None, outside)]:
        name = element_names[key] if key else words.t("report.no_element", lang)
        for status in order:
            members = bucket.get(status, ())
            if members:
                names = sorted(_place_name(f, lang) for f in members)
                rows.append((name, _place_status(status, lang), str(len(names)),
                             _investment(members, lang), words.join(names, lang)))
        if key is not None and not bucket:
            rows.append((name, "", "0", "", words.t("report.no_places", lang)))
    columns = tuple(words.t(f"report.col.{c}", lang)
                    for c in ("element", "status", "count", "investment", "places"))
    return Table(columns, PLACE_WIDTHS, tuple(rows))


def _place_name(place: Feature, lang: str) -> str:
    since = place.properties.get("status_since")
    if since:
        return words.t("report.since", lang, name=place.name(lang), since=since)
    return place.name(lang)


def _investment(places: Sequence[Feature], lang: str) -> str:
    """The planned and the realised investment of ``places``: the sum of those recorded, and
    how many of them recorded one when not all did."""
    lines = []
    for field, key in (("investment_planned", "report.investment_planned"),
                       ("investment_realised", "report.investment_realised")):
        known = [f.properties[field] for f in places if f.properties.get(field) is not None]
        if not known:
            amount = words.t("report.not_recorded", lang)
        else:
            amount = words.format_quantity(sum(known), *INVESTMENT_UNIT, lang)
            if len(known) < len(places):
                amount = words.t("report.recorded_of", lang, amount=amount, n=len(known),
                                 total=len(places))
        lines.append(words.t(key, lang, amount=amount))
    return "\n".join(lines)


def _provenance(store: Store, rows: Sequence[TargetProgress], lang: str, shown: str,
                today: date) -> list[Paragraph]:
    plan = store.plan()
    issuer = plan.issuer.get(lang)
    out = [Paragraph(words.t("report.prov.plan", lang, title=plan.title.get(lang),
                             issuer=issuer))]
    sources = sorted({a.source for r in rows for a in r.actuals})
    if sources:
        out.append(Paragraph(words.t("report.prov.values", lang, n=len(sources),
                                     sources=words.join(sources, lang))))
    else:
        out.append(Paragraph(words.t("report.prov.no_values", lang)))
    out += [Paragraph(words.t("report.prov.baseline", lang)),
            Paragraph(words.t("report.prov.path", lang)),
            Paragraph(words.t("report.prov.places", lang)),
            Paragraph(words.t("export.attribution", lang, issuer=issuer)),
            Paragraph(words.t("report.prov.version", lang, version=store.version, date=shown,
                              generated=today.isoformat()))]
    return out
