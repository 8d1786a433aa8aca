"""The progress page's and ``/api/progress``'s figures, from the board
(:mod:`geo_layout.data.progress_board`): per target its goal, baseline (stated or implied by a
growth rate, marked so), latest recorded value with its source, the value the path implies for
that date and which path, the share reached, a status said in words and shape, what a "no
data" status lacks, and its chart. Nothing is estimated here: what the board does not know
is said to be missing."""

from __future__ import annotations

from datetime import date

from flask import url_for

from ... import words
from ...data import progress as pr
from ...data.progress_board import board, counts, path_label, status_word
from ...data.vocab import sorted_by_name
from .. import links, params
from ..charts import format_value
from ..i18n import t
from ..progress_chart import progress_chart, svg

#: Rows of one page: every target of a plan (a few dozen) on one page; a page of a thousand
#: targets, each with its chart, would be megabytes a phone has to lay out.
PAGE_ROWS = 100
#: The page's filters as its form shows them: (parameter, label key), in form order.
FORM_FIELDS = (("element", "search.element_named"), ("industry", "field.industry"))


def rounded(value: float) -> float:
    """A computed figure rounded as a planner reads it: whole above 100, else three digits."""
    if abs(value) >= 100:
        return round(value)
    return round(value, 1) if abs(value) >= 10 else round(value, 2)


def _quantity(value: float, props: dict, lang: str) -> str:
    return words.format_quantity(rounded(value), props.get("unit_zh") or "",
                                 props.get("unit_en") or "", lang)


def _share(share: float | None) -> str | None:
    return None if share is None else f"{share * 100:.0f}%"


def _missing_text(prog: pr.Progress, lang: str) -> str | None:
    """What a "no data" status lacks, and what would fill it."""
    if prog.missing == pr.MISSING_ACTUAL:
        return t("progress.missing.actual", lang)
    if prog.missing == pr.MISSING_BASELINE:
        return t("progress.missing.baseline", lang)
    if prog.missing == pr.MISSING_LATER:
        return t("progress.missing.later", lang, year=prog.baseline.year)
    return None


def status_text(status: str, lang: str) -> dict:
    return {"status": status, "shape": pr.STATUS_SHAPES[status],
            "word": status_word(status, lang)}


def _row(tp, names: dict, lang: str) -> dict:
    """One target's figures as the page says them."""
    f, prog = tp.target, tp.progress
    props = f.properties
    name = f.name(lang)
    base = prog.baseline
    baseline = None
    if base is not None:
        baseline = {"text": _quantity(base.value, props, lang), "year": base.year,
                    "implied_by": base.implied_by, "source": base.source,
                    "implied_name": names.get(base.implied_by, base.implied_by)}
    latest = None
    if prog.latest is not None:
        latest = {"text": _quantity(prog.latest.value, props, lang),
                  "date": prog.latest.on.isoformat(), "source": prog.latest.source}
    expected = None
    if prog.expected is not None:
        expected = {"text": _quantity(prog.expected, props, lang),
                    "path": path_label(prog.path, lang)}
    goal = t("progress.goal", lang, value=format_value(props, lang), year=props["year"])
    recorded = [(a.on.isoformat(), _quantity(a.value, props, lang)) for a in tp.actuals]
    colon = words.colon(lang)
    texts = {
        "title": t("progress.chart.title", lang, name=name),
        "desc": _chart_desc(recorded, goal, baseline, lang),
        "unit": props.get("unit_en" if lang == "en" else "unit_zh") or "",
        "target": t("progress.chart.target", lang, goal=goal),
        "baseline": (f"{t('progress.col.baseline', lang)}{words.colon(lang)}"
                     + t("progress.dated", lang, value=baseline["text"], when=base.year))
        if baseline else "",
        "actuals": [f"{on}{colon}{text}" for on, text in recorded],
    }
    return {
        "id": f.id, "name": name, "goal": goal, "path": prog.path,
        "path_word": path_label(prog.path, lang),
        "baseline": baseline, "latest": latest, "expected": expected,
        "share": _share(prog.share), **status_text(prog.status, lang),
        "missing": prog.missing, "missing_text": _missing_text(prog, lang),
        "chart": svg(progress_chart(f"progress-chart-{f.id}", props, prog, tp.actuals, texts,
                                    lang)),
    }


def _chart_desc(recorded: list[tuple[str, str]], goal: str, baseline: dict | None,
                lang: str) -> str:
    """The chart in a sentence: the target, the baseline, the values recorded."""
    parts = [t("progress.chart.target", lang, goal=goal)]
    if baseline:
        parts.append(f"{t('progress.col.baseline', lang)}{words.colon(lang)}"
                     + t("progress.dated", lang, value=baseline["text"], when=baseline["year"]))
    values = words.join([f"{on} {text}" for on, text in recorded], lang)
    parts.append(t("progress.chart.values", lang, values=values) if recorded
                 else t("progress.chart.no_values", lang))
    return t("progress.chart.desc", lang, parts=("; " if lang == "en" else "；").join(parts))


def options(store, lang: str) -> dict:
    """The dropdowns' choices: the layout elements and industries the targets name, the
    elements in the plan's order, the industries by name."""
    used = {key: store.distinct("targets", prop)
            for key, prop in (("element", "elements"), ("industry", "industries"))}
    industries = [(i.id, i.name.get(lang)) for i in store.industries()
                  if i.id in used["industry"]]
    return {
        "element": [(f.id, f.name(lang)) for f in store.query("layout-elements").features
                    if f.id in used["element"]],
        "industry": sorted_by_name(industries, lang),
    }


def _target_names(store, lang: str) -> dict[str, str]:
    return {f.id: f.name(lang) for f in store.query("targets").features}


def progress_page(store, as_of: date | None, filters: dict, page: str | None,
                  lang: str) -> dict:
    """The page's template values (``filters``: the targets' filters as given; ``page``: the
    ``page`` parameter, 1 to the last page). The counts are of every target the filters
    select; the rows, of one page of them."""
    rows = board(store, as_of, filters or None)
    pages = links.page_count(len(rows), PAGE_ROWS)
    number = params.integer("page", page, low=1, high=pages, default=1)
    start = (number - 1) * PAGE_ROWS
    shown = rows[start:start + PAGE_ROWS]
    names = _target_names(store, lang)
    chosen = store.resolve("targets", filters) if filters else {}
    tally = counts(rows)
    return {
        "rows": [_row(tp, names, lang) for tp in shown],
        "counts": [(status_text(s, lang), tally.get(s, 0)) for s in pr.STATUSES],
        "total": len(rows), "as_of": as_of.isoformat() if as_of else "",
        "chosen": chosen, "options": options(store, lang), "fields": FORM_FIELDS,
        "page": number, "pages": pages, "first": start + 1, "last": start + len(shown),
        "page_links": links.page_links(number, pages),
        # the same figures as JSON: the filters and date only (the API takes no page)
        "api_url": url_for("progress.api", **filters,
                           **({"as_of": as_of.isoformat()} if as_of else {})),
    }


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def progress_record(tp) -> dict:
    """One target's figures for ``/api/progress``: numbers as computed, in the plan's units."""
    f, prog = tp.target, tp.progress
    p = f.properties
    base, latest = prog.baseline, prog.latest
    return {
        "id": f.id, "name_zh": p.get("name_zh"), "name_en": p.get("name_en"),
        "measure": p["measure"], "unit": {"zh": p.get("unit_zh"), "en": p.get("unit_en")},
        "value": p["value"], "year": p["year"], "path": prog.path,
        "baseline": None if base is None else {
            "value": _number(base.value), "year": base.year, "implied_by": base.implied_by,
            "source": base.source},
        "latest": None if latest is None else {
            "value": latest.value, "date": latest.on.isoformat(), "source": latest.source},
        "expected": _number(prog.expected), "share": _number(prog.share),
        "status": prog.status, "missing": prog.missing,
    }


def progress_json(store, as_of: date | None, filters: dict) -> dict:
    rows = board(store, as_of, filters or None)
    return {"as_of": as_of.isoformat() if as_of else None, "filters": dict(filters),
            "counts": counts(rows), "targets": [progress_record(tp) for tp in rows]}
