"""The overview and layout map pages: the layout elements with their prefectures and
counties, the headline counts, and the located and unlocated places."""

from __future__ import annotations

from ...maps.roles import palette
from ...maps.style import OUTLINE
from .lists import capped, unlocated
from .rows import PLACE_COLLECTIONS, county_parts, names


def extent_word(feature) -> str | None:
    """The catalogue key saying how an element is drawn: its own boundary (``area.drawn``)
    or the counties and prefectures standing in (``area.standin``); None without extent."""
    if feature.properties.get("area") is not None:
        return "area.drawn"
    return "area.standin" if feature.geometry("coarse") is not None else None


def layout_page(store, lang: str) -> dict:
    colours = palette(store).element_colours
    elements = [{"id": f.id, "name": f.name(lang), "kind": f.properties["kind"],
                 "colour": colours.get(f.id, OUTLINE),
                 "role": f.properties.get("role_en" if lang == "en" else "role_zh"),
                 "prefectures": names(store, "prefectures", f.properties["prefectures"], lang),
                 "counties": county_parts(store, f, lang),
                 "approximate": f.properties.get("approximate", False),
                 "drawn": extent_word(f),
                 "places": len(f.properties["places"])}
                for f in store.query("layout-elements").features]
    counts = {c: store.count(c) for c in ("prefectures", "parks", "sites", "targets")}
    located = [f for c in PLACE_COLLECTIONS for f in store.query(c).features
               if f.geometry() is not None]
    return {"elements": elements, "counts": counts,
            "plan_title": store.plan().title.get(lang),
            "unlocated": unlocated(store, PLACE_COLLECTIONS, lang),
            "located": capped(store, located, lang, {})}
