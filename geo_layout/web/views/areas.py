"""A layout element's page and a prefecture's page: the area's counties, its places (named by
the plan, pinned on the map, or only located inside it), enterprises and targets."""

from __future__ import annotations

from ..history import last_change
from ..i18n import plan_label
from ...words import colon, label
from ...words.catalogue import ENUMS
from .lists import capped
from .overview import extent_word
from .rows import (PLACE_COLLECTIONS, citation, enterprise_row, industries, names, note,
                   of_elements, pinned, places_of, target_row)

#: Rows of the "located in this area" list beside an element's own places (the rest: one link).
INSIDE_ROWS = 20


def source_said(value: str | None, lang: str) -> str | None:
    """An area's source as stored ("notice: the document") with its kind said by its label
    ("Official notice: the document"); a text of no known kind as it is."""
    if not value:
        return value
    kind, sep, reference = value.partition(":")
    if not sep or kind.strip() not in ENUMS["source_kind"]:
        return value
    return f"{label('source_kind', kind.strip(), lang)}{colon(lang)}{reference.strip()}"


def element_page(store, feature, lang: str) -> dict:
    element_id = feature.id
    p = feature.properties
    counties = []
    for part in p["counties"]:
        county = store.get("counties", part["adcode"])
        counties.append({"adcode": part["adcode"], "name": county.name(lang),
                         "prefecture": county.properties["prefecture"],
                         "approximate": part["extent"] == "approximate",
                         "note": note(store, part, lang)})
    members = places_of(store, p["places"])
    selection = {"element": element_id}
    inside = [f for c in PLACE_COLLECTIONS for f in store.query(c, {"area": element_id}).features]
    return {
        "element": feature, "name": feature.name(lang),
        "kind": plan_label(store, "element_kind", p["kind"], lang),
        "role": p.get("role_en" if lang == "en" else "role_zh"),
        "note": note(store, p, lang),
        "prefectures": names(store, "prefectures", p["prefectures"], lang), "counties": counties,
        "industries": industries(store, p["industries"], lang),
        "places": capped(store, members, lang, selection),
        "located": capped(store, pinned(members), lang, selection),
        "inside": capped(store, inside, lang, {"area": element_id}, rows=INSIDE_ROWS),
        "enterprises": [enterprise_row(store.get("enterprises", e), lang)
                        for e in p["enterprises"]],
        "targets": [target_row(store, f, lang)
                    for f in store.query("targets", {"element": element_id}).features],
        "citation": citation(store, p, lang),
        "last_change": last_change(store, "layout-elements", element_id, lang),
        "drawn": extent_word(feature), "area_source": source_said(p.get("area_source"), lang),
    }


def prefecture_page(store, feature, lang: str) -> dict:
    adcode = feature.id
    p = feature.properties
    roles = []
    for eid in p["elements"]:
        el = store.get("layout-elements", eid)
        roles.append({"id": eid, "name": el.name(lang),
                      "role": el.properties.get("role_en" if lang == "en" else "role_zh")})
    counties = [{"adcode": c.id, "name": c.name(lang),
                 "elements": names(store, "layout-elements", c.properties["elements"], lang)}
                for c in store.query("counties", {"prefecture": adcode}).features]
    members = places_of(store, p["places"])
    selection = {"prefecture": adcode}
    return {
        "prefecture": feature, "name": feature.name(lang), "roles": roles, "counties": counties,
        "places": capped(store, members, lang, selection),
        "located": capped(store, pinned(members), lang, selection),
        "enterprises": [enterprise_row(e, lang)
                        for e in of_elements(store, "enterprises", p["elements"])],
        "targets": [target_row(store, tg, lang)
                    for tg in of_elements(store, "targets", p["elements"])],
    }
