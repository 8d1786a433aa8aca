"""A park's or site's page (``/parks/<id>``): where it is and how precisely, its coordinates
for the map apps investors use, its elements, industries and enterprises, and the sharing
description."""

from __future__ import annotations

import re

from ...data.map_apps import handoffs
from ... import words
from ..history import last_change
from ..i18n import label, t
from ..photos import photo_view
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
            "investors": investor_facts(p, lang),
            "last_change": last_change(store, feature.collection, feature.id, lang),
            "photo": photo_view(store, feature, lang)}


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


def _investment(p: dict, lang: str) -> str | None:
    """Planned and realised investment in 亿元, as known (either may be missing)."""
    planned, realised = p.get("investment_planned"), p.get("investment_realised")
    if planned is None and realised is None:
        return None
    def amount(v):
        return "—" if v is None else t("place.cny100m", lang, n=words.format_number(v, lang))
    return t("place.investment_is", lang, planned=amount(planned), realised=amount(realised))


def investor_facts(p: dict, lang: str) -> dict | None:
    """The place's facts for investors as the page shows them, each None when not known;
    None when it has none (then the page shows no block at all)."""
    if not p.get("facts_source"):
        return None
    lang_key = "en" if lang == "en" else "zh"
    area, land = p.get("area_ha"), p.get("land_available_ha")
    status = label("status", p["status"], lang) if p.get("status") else None
    if status and p.get("status_since"):
        status = t("place.status_since", lang, status=status, since=p["status_since"])
    phone, website = p.get("contact_phone"), p.get("contact_website")
    return {
        "address": p.get(f"address_{lang_key}"),
        "area": t("place.hectares", lang, n=words.format_number(area, lang)) if area else None,
        "land": (None if land is None else label("land_available", "no", lang) if land == 0
                 else t("place.hectares", lang, n=words.format_number(land, lang))),
        "status": status,
        "investment": _investment(p, lang),
        "office": p.get(f"contact_office_{lang_key}"),
        "phone": phone, "tel": "tel:" + re.sub(r"[^0-9+]", "", phone) if phone else None,
        "website": website,
        # a link only to the web (the parser takes nothing else; this keeps it so)
        "website_link": website if website and re.match(r"https?://", website) else None,
        "source": p["facts_source"],
    }
