"""The progress map: how far the layout got on a date. Prefectures filled by their status,
layout elements outlined in theirs with a badge (name and status shape), parks and sites
marked by their status's shape. The statuses come from :mod:`..data.progress_areas` (the one
rule), their look from :mod:`.progress_style` (shared with the static export).

Layers: ``prefectures``, ``elements``, ``projects``."""

from __future__ import annotations

from datetime import date
from html import escape

from branca.element import MacroElement
from folium.template import Template

from ..data.progress_areas import UNKNOWN, ProgressAreas, progress_areas
from . import build
from . import geometry as geo
from .elements import js_json
from .labels import label
from .popups import Context
from .progress_popups import (area_popup, area_tooltip, legend_html, project_popup,
                              project_tooltip)
from .progress_style import (FILL_OPACITY, STATUS_COLOURS, element_line, ink_on, mark_svg,
                             status_shape)
from .style import OUTLINE

#: Above this many located parks and sites, those without a status on the date are not
#: marked (they say nothing about progress; the text version counts them).
MARK_UNKNOWN_LIMIT = 500


class StatusMarks(MacroElement):
    """Project marks as DivIcons of inline SVG (:func:`.progress_style.mark_svg`), keyboard
    focusable, each with a title, tooltip and popup: ``[{"at", "svg", "title", "tooltip",
    "popup", "status"}]``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this.json }}.forEach(function (d) {
                L.marker(d.at, {
                    icon: L.divIcon({className: "gl-progress-mark gl-status-" + d.status,
                                     html: d.svg, iconSize: [22, 22], iconAnchor: [11, 11],
                                     popupAnchor: [0, -8], tooltipAnchor: [8, 0]}),
                    title: d.title, alt: d.title
                }).bindTooltip(d.tooltip).bindPopup(d.popup, {maxWidth: 320})
                  .addTo({{ this._parent.get_name() }});
            });
        {% endmacro %}
    """)

    def __init__(self, items: list[dict]):
        super().__init__()
        self._name = "StatusMarks"
        self.items = items

    @property
    def json(self) -> str:
        return js_json(self.items)


class DateNote(MacroElement):
    """The map's date in a corner (bottom left, over the scale), so an embed or a standalone
    file says which date it shows even with its legend folded."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function (map, text) {
                var note = L.control({position: "bottomleft"});
                note.onAdd = function () {
                    var div = L.DomUtil.create("div", "gl-date-note");
                    div.textContent = text;
                    div.style.cssText = "background:rgba(255,255,255,.92);padding:2px 8px;"
                        + "border-radius:4px;font:bold 13px/1.5 system-ui,sans-serif;"
                        + "box-shadow:0 1px 4px rgba(0,0,0,.3)";
                    return div;
                };
                note.addTo(map);
            })({{ this._parent.get_name() }}, {{ this.json }});
        {% endmacro %}
    """)

    def __init__(self, text: str):
        super().__init__()
        self._name = "DateNote"
        self.text = text

    @property
    def json(self) -> str:
        return js_json(self.text)


def progress_map(store, *, as_of: date | None = None, areas: ProgressAreas | None = None,
                 lang="zh", basemap="none", tianditu_key="", local_tiles=None, layers=None,
                 view=None, legend=True, asset_base="/assets", link_base=""):
    """The progress map of ``store`` (the data as it was on ``as_of``: pass the as-of store)
    on ``as_of`` (None: today). ``areas``: the statuses when the caller computed them.
    ``m.progress`` holds them, ``m.unlocated`` the parks and sites it cannot place.
    Options as for :mod:`.build`."""
    from .elements import HtmlGeoJson, Labels

    o = build._options(lang, basemap, tianditu_key, layers, view, legend, asset_base,
                       link_base, local_tiles)
    areas = areas if areas is not None else progress_areas(store, as_of)
    ctx = Context(store, o.lang, o.link_base)
    lod = o.lod("coarse")
    bounds = build._province_bounds(store, o)
    m = build._new_map(o, label(o.lang, "progress_map.title"), bounds)
    m.progress = areas

    group = build._group(m, o, "prefectures", label(o.lang, "noun.prefectures"))
    features, names = [], []
    for area in areas.prefectures:
        f = area.area
        style = {"color": OUTLINE, "weight": 1, "fillColor": STATUS_COLOURS[area.status],
                 "fillOpacity": FILL_OPACITY,
                 "className": f"gl-prefecture gl-status-{area.status}"}
        features.append(build._gj(f.id, f.geometry(lod), lod, o, style,
                                  area_tooltip(ctx, area),
                                  area_popup(ctx, area, ("prefectures", f.id)),
                                  adcode=f.id, status=area.status))
        short = f.properties.get("short_en" if o.lang == "en" else "short_zh") or f.name(o.lang)
        names.append({"at": geo.label_point(f.geometry(lod), o.crs),
                      "html": f"<span>{escape(short)} {status_shape(area.status)}</span>",
                      "cls": "gl-prefecture-label"})
    shapes = HtmlGeoJson("prefectures", features).add_to(group)
    m.refinable.append((shapes, "prefectures", lod))
    Labels(names, target=group).add_to(m)

    group = build._group(m, o, "elements", label(o.lang, "overview.elements"))
    outlines, badges = [], []
    for area in areas.elements:
        f = area.area
        geom = f.geometry(lod)
        if geom is None:
            continue
        colour, weight = element_line(area.status)
        style = {"color": colour, "weight": weight, "fill": False,
                 "className": f"gl-element gl-status-{area.status}"}
        popup = area_popup(ctx, area, ("elements", f.id))
        outlines.append(build._gj(f.id, geom, lod, o, style, area_tooltip(ctx, area), popup,
                                  status=area.status))
        short = f.properties["short_en" if o.lang == "en" else "short_zh"] or f.id
        fill = STATUS_COLOURS[area.status]
        badges.append({"at": geo.label_point(geom, o.crs), "popup": popup,
                       "html": f'<span style="--gl-colour:{fill};--gl-ink:{ink_on(area.status)}">'
                               f"{status_shape(area.status)} {escape(short)}</span>",
                       "cls": f"gl-badge gl-status-{area.status}"})
    if outlines:
        HtmlGeoJson("elements", outlines).add_to(group)
        Labels(badges).add_to(group)

    group = build._group(m, o, "projects", label(o.lang, "progress_map.projects"))
    located = [p for p in areas.projects if p.feature.geometry() is not None]
    m.unlocated = sorted((p.feature for p in areas.projects if p.feature.geometry() is None),
                         key=lambda f: (f.collection, f.id))
    many = len(located) > MARK_UNKNOWN_LIMIT
    marks = []
    for p in located:
        if many and p.status == UNKNOWN:
            continue
        marks.append({"at": geo.latlon(p.feature.geometry(), o.crs), "status": p.status,
                      "svg": mark_svg(p.status), "title": p.feature.name(o.lang),
                      "tooltip": project_tooltip(ctx, p), "popup": project_popup(ctx, p)})
    m.unmarked = sum(1 for p in located if many and p.status == UNKNOWN)
    if marks:
        StatusMarks(marks).add_to(group)
    heading = label(o.lang, "progress_map.as_of", date=areas.as_of.isoformat()) \
        if areas.as_of else label(o.lang, "progress_map.today")
    m = build._finish(m, o, ctx, bounds, roles=False, places=False,
                      legend=legend_html(o.lang, heading=heading, projects=bool(marks)))
    DateNote(heading).add_to(m)
    return m
