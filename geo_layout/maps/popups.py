"""Tooltip, popup and legend HTML. folium and Leaflet insert these as raw HTML, so every text
that comes from the data is escaped here, once, with ``html.escape``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import Mapping
from urllib.parse import quote

from .. import words
from ..data.map_apps import handoffs
from .labels import label
from .roles import NONE_ROLE, POINT_ROLE, palette
from .style import KIND_COLOURS, OUTLINE


@dataclass(frozen=True)
class Context:
    """What every popup needs: the store's names, the language and where links point."""

    store: object
    lang: str
    link_base: str

    def t(self, key: str, **values) -> str:
        return escape(self.text(key, **values))

    def text(self, key: str, **values) -> str:
        """``key`` in the language, plain (``link`` escapes it)."""
        return label(self.lang, key, **values)

    def href(self, *parts: str) -> str:
        path = "/".join(quote(p, safe="") for p in parts)
        return escape(f"{self.link_base.rstrip('/')}/{path}?lang={self.lang}")

    def link(self, text: str, *parts: str) -> str:
        return f'<a href="{self.href(*parts)}">{escape(text)}</a>'

    def name(self, collection: str, fid: str) -> str:
        """A record's name in the language (plain text), or its id if it is missing."""
        try:
            return self.store.get(collection, fid).name(self.lang)
        except Exception:
            return fid

    def industries(self, ids) -> str:
        names = {i.id: i.name.get(self.lang) for i in self.store.industries()}
        return escape(self.sep().join(names.get(i, i) for i in ids)) or self.t("none")

    def sep(self) -> str:
        return words.separator(self.lang)

    def kind(self, kind: str) -> str:
        return escape(words.label("kind", kind, self.lang))

    @cached_property
    def roles(self) -> dict[str, str]:
        """role -> plain-text label: see :func:`role_labels`."""
        return role_labels(self.store, self.lang)


def role_labels(store, lang: str) -> dict[str, str]:
    """The layout roles of the legend (:mod:`.roles`), in legend order, each called what its
    element is called: the core and each cluster by their element's name, the zone by its
    name (hatched; dashed when approximate), the prefectures holding a point, and the rest."""
    out: dict[str, str] = {}
    elements = {f.id: f for f in store.query("layout-elements").features}
    pal = palette(store)
    for role in pal.roles:
        if role == POINT_ROLE:
            out[role] = words.t("legend.point_prefecture", lang)
        elif role == NONE_ROLE:
            out[role] = words.t("legend.other", lang)
        elif role == "zone":
            zone = next(elements[e] for e, r in pal.element_roles.items() if r == "zone")
            key = "legend.zone_approx" if zone.properties.get("approximate") else "legend.zone"
            out[role] = words.t(key, lang, name=zone.name(lang))
        else:
            out[role] = elements[role].name(lang)
    return out


def _row(title: str, value_html: str) -> str:
    return f"<p><b>{title}</b>: {value_html}</p>"


#: Place links shown in one popup; with 100,000 synthetic sites a prefecture has thousands.
MAX_PLACE_LINKS = 12


def _place_links(ctx: Context, ids) -> str:
    links = [ctx.link(_place_name(ctx, pid), "parks", pid) for pid in ids[:MAX_PLACE_LINKS]]
    more = f" … (+{len(ids) - MAX_PLACE_LINKS})" if len(ids) > MAX_PLACE_LINKS else ""
    return (ctx.sep().join(links) + more) or ctx.t("none")


def _located_row(ctx: Context, feature) -> str:
    """The places located in an element's area (their prefecture or county is a member),
    beside the ones the plan names; nothing for an element without an area."""
    p = feature.properties
    if not (p.get("prefectures") or p.get("counties")):
        return ""
    ids, total = [], 0
    for collection in ("parks", "sites"):
        page = ctx.store.query(collection, {"area": feature.id}, limit=MAX_PLACE_LINKS)
        ids += [f.id for f in page.features]
        total += page.total
    links = ctx.sep().join(ctx.link(_place_name(ctx, pid), "parks", pid)
                           for pid in ids[:MAX_PLACE_LINKS])
    more = f" … (+{total - MAX_PLACE_LINKS})" if total > MAX_PLACE_LINKS else ""
    return _row(ctx.t("field.places_located"), (links + more) or ctx.t("none"))


def _place_name(ctx: Context, pid: str) -> str:
    for collection in ("parks", "sites"):
        try:
            return ctx.store.get(collection, pid).name(ctx.lang)
        except Exception:
            continue
    return pid


def prefecture_tooltip(ctx: Context, feature, role: str) -> str:
    return (f"<b>{escape(feature.name(ctx.lang))}</b><br>"
            f"{escape(ctx.roles[role])}")


def prefecture_popup(ctx: Context, feature) -> str:
    p = feature.properties
    elements = ctx.sep().join(ctx.link(ctx.name("layout-elements", e), "elements", e)
                              for e in p.get("elements", [])) or ctx.t("none")
    return (f'<div class="gl-popup"><h3>{escape(feature.name(ctx.lang))}</h3>'
            + _row(ctx.t("field.elements"), elements)
            + _row(ctx.t("noun.places"), _place_links(ctx, p.get("places", [])))
            + f'<p>{ctx.link(ctx.text("field.details"), "prefectures", feature.id)}</p></div>')


def county_tooltip(ctx: Context, feature) -> str:
    p = feature.properties
    elements = ctx.sep().join(ctx.name("layout-elements", e) for e in p.get("elements", []))
    extra = f"<br>{escape(elements)}" if elements else ""
    return f"<b>{escape(feature.name(ctx.lang))}</b>{extra}"


def element_tooltip(ctx: Context, feature) -> str:
    p = feature.properties
    return (f"<b>{escape(feature.name(ctx.lang))}</b><br>"
            f"{escape(p.get('role_en' if ctx.lang == 'en' else 'role_zh') or '')}")


def element_popup(ctx: Context, feature) -> str:
    p = feature.properties
    role = p.get("role_en" if ctx.lang == "en" else "role_zh") or ""
    approx = f"<p><i>{ctx.t('popup.approximate')}</i></p>" if p.get("approximate") else ""
    return (f'<div class="gl-popup"><h3>{escape(feature.name(ctx.lang))}</h3>'
            + _row(ctx.t("field.role"), escape(role))
            + _row(ctx.t("field.industries"), ctx.industries(p.get("industries", [])))
            + _row(ctx.t("field.places_named"), _place_links(ctx, p.get("places", [])))
            + _located_row(ctx, feature)
            + approx
            + f'<p>{ctx.link(ctx.text("field.details"), "elements", feature.id)}</p>'
            + edit_link(ctx, feature) + '</div>')


def edit_link(ctx: Context, feature) -> str:
    """The record's "Edit" link, hidden: the popups are part of pages cached for everyone,
    and only an editor of the plan gets it shown (``web/static/js/editor_links.js``)."""
    return (f'<p><a class="gl-edit" hidden href="{ctx.href("edit", feature.collection, feature.id)}">'
            f'{ctx.t("editor.edit")}</a></p>')


def place_tooltip(ctx: Context, feature) -> str:
    p = feature.properties
    return (f"<b>{escape(feature.name(ctx.lang))}</b><br>"
            f"{ctx.t('map.precision.' + p['precision'])}")


def place_popup(ctx: Context, feature) -> str:
    p = feature.properties
    precision = ctx.t("map.precision." + p["precision"])
    if p["precision"] != "site" and p.get("uncertainty_km"):
        precision += f" ({ctx.t('popup.uncertainty', km=_km(p['uncertainty_km']))})"
    prefecture = (ctx.link(ctx.name("prefectures", p["prefecture"]), "prefectures",
                           p["prefecture"]) if p.get("prefecture") else ctx.t("none"))
    elements = ctx.sep().join(ctx.link(ctx.name("layout-elements", e), "elements", e)
                              for e in p.get("elements", [])) or ctx.t("none")
    return (f'<div class="gl-popup"><h3>{escape(feature.name(ctx.lang))}</h3>'
            + _row(ctx.t("field.kind"), ctx.kind(p["kind"]))
            + _row(ctx.t("field.prefecture"), prefecture)
            + _row(ctx.t("field.elements"), elements)
            + _row(ctx.t("field.industries"), ctx.industries(p.get("industries", [])))
            + _row(ctx.t("field.precision"), precision)
            + _handoff_row(ctx, feature)
            + f'<p>{ctx.link(ctx.text("field.details"), "parks", feature.id)}</p>'
            + edit_link(ctx, feature) + '</div>')


def _handoff_row(ctx: Context, feature) -> str:
    """Links that open the point in Amap, Baidu and Tianditu, each in its own coordinate
    system (:mod:`geo_layout.data.map_apps`); said to be approximate unless it is a site."""
    point = feature.geometry()
    if point is None:
        return ""
    links = [f'<a href="{escape(h.url)}" target="_blank" rel="noopener noreferrer" '
             f'class="gl-handoff">{ctx.t("app." + h.app)}</a>'
             for h in handoffs(point.x, point.y, feature.name(ctx.lang)) if h.url]
    title = "popup.open_in" if feature.properties["precision"] == "site" else \
        "popup.open_in_approximate"
    return _row(ctx.t(title), " · ".join(links))


def _km(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _swatch(colour: str, cls: str = "") -> str:
    return f'<i class="gl-swatch {cls}" style="--gl-colour:{escape(colour)}"></i>'


def extent_lines(lang: str, drawn: list[str], standing_in: list[str]) -> list[str]:
    """Which elements are drawn from their own boundary and which from whole counties or
    prefectures standing in for them (the legend's lines, and the pages' list), in one
    wording; none when no boundary is drawn."""
    if not drawn:
        return []
    colon = words.colon(lang)
    out = [f"{words.t('area.drawn', lang)}{colon}{words.join(drawn, lang)}"]
    if standing_in:
        out.append(f"{words.t('area.standin', lang)}{colon}{words.join(standing_in, lang)}")
    return out


def legend_html(lang: str, *, roles: Mapping[str, str] | None = None, kinds=(),
                colours: Mapping[str, str] | None = None, heading: str = "",
                places: bool = True, zone_approximate: bool = False,
                extents: tuple[list[str], list[str]] | None = None) -> str:
    """The legend: under ``heading`` (the plan's formula), layout roles (``colours`` by role,
    labels in the given order: :func:`role_labels`), the
    zone (hatch; a dashed outline when its extent is approximate), place kinds (labelled as in
    every list) and what solid, hollow and dashed-circle markers mean. ``extents``: the names
    of the elements drawn from their own boundary and of those drawn from the counties
    standing in for them (:func:`extent_lines`), when any boundary is drawn."""
    t = lambda key: escape(label(lang, key))  # noqa: E731
    rows = []
    if roles:
        rows.append(f'<p class="gl-legend-heading">{escape(heading)}</p>')
        zone = "gl-swatch-zone gl-swatch-dashed" if zone_approximate else "gl-swatch-zone"
        for role, text in roles.items():
            swatch = _swatch(colours[role], zone if role == "zone" else "")
            rows.append(f"<div>{swatch}{escape(text)}</div>")
        if zone_approximate:  # every approximate part is dashed, on the web and in exports
            rows.append(f"<div>{_swatch(OUTLINE, 'gl-swatch-dashed')}"
                        f"{t('legend.approximate')}</div>")
        for cls, line in zip(("gl-swatch-drawn", "gl-swatch-standin"),
                             extent_lines(lang, *extents) if extents else ()):
            rows.append(f"<div>{_swatch(OUTLINE, cls)}{escape(line)}</div>")
    if places:
        rows.append(f'<p class="gl-legend-heading">{t("noun.places")}</p>')
        rows += [f"<div>{_swatch(KIND_COLOURS[k], 'gl-swatch-dot')}"
                 f"{escape(words.label('kind', k, lang))}</div>" for k in kinds]
        rows.append(f"<div>{_swatch('#333', 'gl-swatch-dot')}{t('legend.solid')}</div>")
        rows.append(f"<div>{_swatch('#333', 'gl-swatch-dot gl-swatch-hollow')}"
                    f"{t('legend.hollow')}</div>")
        rows.append(f"<div>{_swatch('#333', 'gl-swatch-circle')}{t('legend.circle')}</div>")
    return f'<div class="gl-legend" lang="{escape(lang)}">{"".join(rows)}</div>'
