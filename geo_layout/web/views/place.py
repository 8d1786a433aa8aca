"""A park's or site's page (``/parks/<id>``): where it is and how precisely, its coordinates
for the map apps investors use, its elements, industries and enterprises, and the sharing
description."""

from __future__ import annotations

from ...data.map_apps import handoffs
from ..history import last_change
from ..i18n import t
from .rows import citation, enterprise_row, industries, names, note, of_elements, place_row


def place_page(store, feature, lang: str) -> dict:
    p = feature.properties
    geom = feature.geometry()
    # for each map app: the text to paste (in its coordinate system and order) and a link
    coords = [{"app": h.app, "system": h.system, "label": t(f"handoff.{h.app}", lang),
               "value": h.text, "url": h.url,
               "open": t(f"handoff.open_{h.app}", lang) if h.url else None}
              for h in (handoffs(geom.x, geom.y, feature.name(lang)) if geom is not None else [])]
    enterprises = [enterprise_row(store.get("enterprises", e), lang)
                   for e in p.get("enterprises", [])]
    element_enterprises = [] if enterprises else [
        enterprise_row(e, lang) for e in of_elements(store, "enterprises", p.get("elements", []))]
    row = place_row(store, feature, lang)
    precision = precision_text(store, p, lang)
    where = " / ".join(n for _, n in (*row["prefecture"], *row["county"])) or "—"
    description = t("share.place", lang, name=feature.name(lang), kind=row["kind"], where=where,
                    precision=precision)
    return {"place": feature, "name": feature.name(lang), "row": row,
            "share_description": description,
            "elements": names(store, "layout-elements", p.get("elements", []), lang),
            "industries": industries(store, p.get("industries", []), lang),
            "enterprises": enterprises, "element_enterprises": element_enterprises,
            "citation": citation(store, p, lang), "precision_text": precision,
            "note": note(store, p, lang), "coords": coords,
            "last_change": last_change(store, feature.collection, feature.id, lang)}


def precision_text(store, p: dict, lang: str) -> str:
    """How precisely the place is known, in words, naming the county or prefecture it is
    known to and the radius of its uncertainty."""
    precision = p.get("precision")
    if precision == "unknown":
        return t("place.unlocated", lang)
    km = p.get("uncertainty_km")
    if km is None:
        km_text = "?"
    else:
        km_text = f"{km:.0f}" if km >= 10 else f"{km:.1f}"
    where = ""
    if precision == "county" and p.get("county"):
        where = store.get("counties", p["county"]).name(lang)
    elif precision == "prefecture" and p.get("prefecture"):
        where = store.get("prefectures", p["prefecture"]).name(lang)
    return t(f"place.precision_{precision}", lang, place=where, km=km_text)
