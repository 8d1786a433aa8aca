"""The progress map page's values: the date slider's stops through the plan period, and the
map as text (each element's and prefecture's status with its targets and projects, the
province-wide targets, the parks and sites by status)."""

from __future__ import annotations

from datetime import date

from ... import words
from ...data.progress_areas import PROJECT_MARKS, ProgressAreas, period_dates
from ...maps.progress_popups import counts_text, project_text, status_text
from ...maps.progress_style import PROJECT_MARKS_STYLE

#: Parks and sites listed per status in the text version (the rest are counted).
MAX_PROJECT_ROWS = 200


def slider(store, as_of: date | None, lang: str) -> dict:
    """The slider's stops (month ends from the year before the plan to its last year, then
    "today", value ""), the chosen stop's index (the nearest stop on or before ``as_of``)."""
    plan = store.plan()
    today = date.today()
    stops = [d for d in period_dates(plan.period_start, plan.period_end) if d <= today]
    values = [d.isoformat() for d in stops] + [""]
    today_text = words.t("progress_map.today_stop", lang)
    labels = [d.isoformat() for d in stops] + [today_text]
    if as_of is None:
        index = len(values) - 1
    else:
        before = [i for i, d in enumerate(stops) if d <= as_of]
        index = before[-1] if before else 0
    return {"values": values, "labels": labels, "index": index,
            "shown": as_of.isoformat() if as_of else today_text,
            "ticks": [i for i, d in enumerate(stops) if d.month == 12]}


def progress_text(areas: ProgressAreas, lang: str) -> dict:
    """The map as text, in the order it is drawn."""
    def area_row(area, endpoint: str, key: str) -> dict:
        return {"id": area.area.id, "name": area.area.name(lang), "endpoint": endpoint,
                "key": key, "status": area.status,
                "status_text": status_text(lang, area.status),
                "targets": counts_text(lang, area.target_counts()) if area.targets else "",
                "projects": (counts_text(lang, area.project_counts(), marks=True)
                             if area.projects else "")}

    by_status: dict[str, list] = {s: [] for s in PROJECT_MARKS}
    total = dict.fromkeys(PROJECT_MARKS, 0)
    for p in areas.projects:
        total[p.status] += 1
        if total[p.status] <= MAX_PROJECT_ROWS:
            by_status[p.status].append({"id": p.feature.id, "name": p.feature.name(lang),
                                        "text": project_text(lang, p),
                                        "located": p.feature.geometry() is not None})
    project_groups = [{"status": s, "glyph": PROJECT_MARKS_STYLE[s].glyph,
                       "name": (words.t("progress_map.project_unknown", lang) if s == "unknown"
                                else words.label("status", s, lang)),
                       "rows": rows, "total": total[s], "more": total[s] - len(rows)}
                      for s, rows in by_status.items() if rows]
    return {
        "elements": [area_row(a, "pages.element", "id") for a in areas.elements],
        "prefectures": [area_row(a, "pages.prefecture", "adcode") for a in areas.prefectures],
        "province": [{"id": r.target.id, "name": r.target.name(lang),
                      "status_text": status_text(lang, r.progress.status)}
                     for r in areas.province],
        "project_groups": project_groups,
        "has_data": areas.has_data,
    }
