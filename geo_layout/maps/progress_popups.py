"""The progress map's tooltips, popups and legend (HTML; every data text escaped here, once),
worded from the one catalogue and the statuses' one style (:mod:`.progress_style`)."""

from __future__ import annotations

from html import escape

from .. import words
from ..data.progress import STATUSES
from ..data.progress_board import status_label
from ..data.progress_areas import PROJECT_MARKS, AreaProgress, Project
from .labels import label
from .popups import Context, _swatch, place_popup
from .progress_style import PROJECT_MARKS_STYLE, STATUS_COLOURS, mark_svg, status_shape

#: The legend's rule note: inline, as the legend also goes into embeds and standalone files.
NOTE_STYLE = "max-width:15rem;margin:2px 0 6px;font-size:12px;line-height:1.4;font-weight:normal"
#: Targets named in one popup (the rest are counted).
MAX_TARGETS = 8


def status_text(lang: str, status: str) -> str:
    """An area status as shape and words, as every progress view shows it (plain text)."""
    return status_label(status, lang)


def project_text(lang: str, project: Project) -> str:
    """A project's status as glyph and words, with the date it began when known."""
    glyph = PROJECT_MARKS_STYLE[project.status].glyph
    if project.status == "unknown":
        return f"{glyph} {label(lang, 'progress_map.project_unknown')}"
    text = words.label("status", project.status, lang)
    since = project.feature.properties.get("status_since")
    if since:
        text = label(lang, "place.status_since", status=text, since=since)
    return f"{glyph} {text}"


def counts_text(lang: str, counts: dict[str, int], marks: bool = False) -> str:
    """"● 2 · ▼ 1" of the non-zero counts (targets by status, or projects with ``marks``)."""
    out = []
    for key, n in counts.items():
        if not n:
            continue
        glyph = PROJECT_MARKS_STYLE[key].glyph if marks else status_shape(key)
        name = (label(lang, "progress_map.project_unknown") if marks and key == "unknown"
                else words.label("status", key, lang) if marks
                else words.t(f"progress.status.{key}", lang))
        out.append(f"{glyph} {name} {n}")
    return " · ".join(out)


def area_tooltip(ctx: Context, area: AreaProgress) -> str:
    return (f"<b>{escape(area.area.name(ctx.lang))}</b><br>"
            f"{escape(status_text(ctx.lang, area.status))}")


def area_popup(ctx: Context, area: AreaProgress, page: tuple[str, str]) -> str:
    """An element's or prefecture's status, its targets (name and status) and its projects
    by status; ``page`` the (collection path, id) of its page."""
    lang = ctx.lang
    rows = [f'<div class="gl-popup"><h3>{escape(area.area.name(lang))}</h3>',
            f"<p><b>{ctx.t('field.status')}</b>: {escape(status_text(lang, area.status))}</p>"]
    if area.targets:
        items = "".join(f"<li>{escape(row.target.name(lang))}: "
                        f"{escape(status_text(lang, row.progress.status))}</li>"
                        for row in area.targets[:MAX_TARGETS])
        more = (f"<li>… (+{len(area.targets) - MAX_TARGETS})</li>"
                if len(area.targets) > MAX_TARGETS else "")
        rows.append(f"<p><b>{ctx.t('progress_map.targets')}</b></p><ul>{items}{more}</ul>")
    else:
        rows.append(f"<p>{ctx.t('progress_map.no_targets')}</p>")
    if area.projects:
        rows.append(f"<p><b>{ctx.t('progress_map.projects')}</b>: "
                    f"{escape(counts_text(lang, area.project_counts(), marks=True))}</p>")
    rows.append(f"<p>{ctx.link(ctx.text('field.details'), *page)}</p></div>")
    return "".join(rows)


def project_tooltip(ctx: Context, project: Project) -> str:
    return (f"<b>{escape(project.feature.name(ctx.lang))}</b><br>"
            f"{escape(project_text(ctx.lang, project))}")


def project_popup(ctx: Context, project: Project) -> str:
    """The place's usual popup with its status on the date first."""
    status = (f"<p><b>{ctx.t('field.status')}</b>: "
              f"{escape(project_text(ctx.lang, project))}</p>")
    return place_popup(ctx, project.feature).replace("</h3>", "</h3>" + status, 1)


def legend_html(lang: str, *, heading: str, projects: bool) -> str:
    """The areas' statuses (colour and shape) with the rule, then the projects' marks."""
    t = lambda key, **v: escape(label(lang, key, **v))  # noqa: E731
    rows = [f'<p class="gl-legend-heading">{escape(heading)}</p>',
            f'<p class="gl-legend-note" style="{NOTE_STYLE}">{t("progress_map.areas_rule")}</p>']
    for status in STATUSES:
        rows.append(f"<div>{_swatch(STATUS_COLOURS[status])}"
                    f"{escape(status_text(lang, status))}</div>")
    if projects:
        rows.append(f'<p class="gl-legend-heading">{t("progress_map.projects")}</p>')
        for status in PROJECT_MARKS:
            name = (label(lang, "progress_map.project_unknown") if status == "unknown"
                    else words.label("status", status, lang))
            rows.append(f'<div class="gl-legend-mark" style="display:flex;gap:6px;'
                        f'align-items:center">{mark_svg(status, 16)}'
                        f"{escape(name)}</div>")
    return f'<div class="gl-legend" lang="{escape(lang)}">{"".join(rows)}</div>'
