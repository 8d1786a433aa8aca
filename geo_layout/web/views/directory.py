"""The park directory (``/parks``): the parks and sites a search and the filters find, one page
of them, the filter choices, the chosen filters by name, what else a search finds, and, when
nothing is found, why and what to try instead. The parks and sites maps reuse the filter names
and the empty-result hint."""

from __future__ import annotations

from flask import url_for

from .. import links
from ..i18n import label, t
from ..plans import found_elsewhere
from .rows import PLACE_COLLECTIONS, names, place_row

#: What a directory search shows beside the places it finds.
RELATED_COLLECTIONS = ("layout-elements", "prefectures", "enterprises")
#: Rows of one page of the directory.
PAGE_ROWS = 50
#: The directory's filters as its form shows them: (parameter, label key), in form order.
DIRECTORY_FIELDS = (("prefecture", "field.prefecture"), ("element", "search.element_named"),
                    ("area", "search.area"), ("industry", "field.industry"),
                    ("kind", "field.kind"), ("precision", "field.precision"),
                    ("status", "field.status"), ("land_available", "field.land_available"))


def results(store, q: str, chosen: dict) -> list:
    """The parks and sites passing the filters and, with ``q``, the search: parks first, each
    collection in id order. A search starts from its hits (every hit, not a first few) and
    keeps those passing the filters."""
    if not q:
        return [f for c in PLACE_COLLECTIONS for f in store.query(c, chosen).features]
    everything = sum(store.query(c, limit=0).total for c in PLACE_COLLECTIONS)
    found = [h.feature for h in store.search(q, limit=max(everything, 1),
                                             collections=PLACE_COLLECTIONS)]
    if chosen:
        passing = {f.id for c in PLACE_COLLECTIONS for f in store.query(c, chosen).features}
        found = [f for f in found if f.id in passing]
    order = {c: i for i, c in enumerate(PLACE_COLLECTIONS)}
    return sorted(found, key=lambda f: (order[f.collection], f.id))


def directory_page(store, q: str, chosen: dict, found: list, page: int, lang: str) -> dict:
    """The directory's template values for page ``page`` of ``found``."""
    pages = links.page_count(len(found), PAGE_ROWS)
    start = (page - 1) * PAGE_ROWS
    return {
        "q": q, "chosen": chosen,
        "rows": [place_row(store, f, lang) for f in found[start:start + PAGE_ROWS]],
        "related": related(store, q, lang) if q else [],
        "elsewhere": found_elsewhere(q, lang),
        "empty": None if found else empty_hint(store, q, chosen, lang),
        "chosen_names": chosen_names(store, chosen, lang),
        "total": len(found), "first": start + 1, "page": page, "pages": pages,
        "page_links": links.page_links(page, pages),
        "options": options(store, lang), "fields": DIRECTORY_FIELDS,
    }


def options(store, lang: str) -> dict:
    """The dropdowns' choices: layout elements in the plan's order (一核、一区、两群、多点),
    prefectures by adcode, industries by name (pinyin order in Chinese), kinds, precisions,
    statuses and land (available / none left) in the model's order."""
    from ...data.model import LAND_AVAILABLE, PLACE_KINDS, PLACE_STATUSES, PRECISIONS
    from ...data.vocab import sorted_by_name

    places = [store.distinct(c, prop) for c in PLACE_COLLECTIONS for prop in ("industries", "kind")]
    used_industries, used_kinds = places[0] | places[2], places[1] | places[3]
    industries = [(i.id, i.name.get(lang)) for i in store.industries() if i.id in used_industries]
    elements = store.query("layout-elements").features
    return {
        "prefecture": [(f.id, f.name(lang)) for f in store.query("prefectures").features],
        "element": [(f.id, f.name(lang)) for f in elements],
        "area": [(f.id, f.name(lang)) for f in elements
                 if f.properties["prefectures"] or f.properties["counties"]],
        "industry": sorted_by_name(industries, lang),
        "kind": [(k, label("kind", k, lang)) for k in PLACE_KINDS if k in used_kinds],
        "precision": [(p, label("precision", p, lang)) for p in PRECISIONS],
        "status": [(c, label("status", c, lang)) for c in PLACE_STATUSES],
        "land_available": [(c, label("land_available", c, lang)) for c in LAND_AVAILABLE],
    }


def chosen_names(store, chosen: dict, lang: str) -> list[tuple[str, str]]:
    """(label, value shown by name) of each chosen filter, for "filtered by ..." lines."""
    choices = options(store, lang)
    fields = dict(DIRECTORY_FIELDS)
    out = []
    for key, value in chosen.items():
        by_id = dict(choices.get(key, ()))
        if key == "county":
            by_id = dict(names(store, "counties", [value], lang))
        out.append((t(fields.get(key, "field." + key), lang) if key in fields else key,
                    by_id.get(value, value)))
    return out


def _count(store, q: str, filters: dict) -> int:
    return len(results(store, q, filters))


def empty_hint(store, q: str, chosen: dict, lang: str) -> dict:
    """Why a search or filter found nothing, and what to try in the directory (each with its
    count and link): the places located in an element's area when the plan names none, the
    search without the filters, the filters without the search, each filter dropped."""
    if q and chosen:
        reason = t("search.empty_both", lang, q=q)
    elif q:
        reason = t("search.empty_q", lang, q=q)
    elif "element" in chosen and len(chosen) == 1:
        reason = t("search.empty_element", lang)
    else:
        reason = t("search.empty_filters", lang)
    tries = []

    def offer(key: str, n: int, query: str, filters: dict, **values) -> None:
        if n:
            tries.append((t(key, lang, n=f"{n:,}", **values),
                          links.directory_url(lang, query, filters)))

    if "element" in chosen:
        moved = {k: v for k, v in chosen.items() if k != "element"}
        moved["area"] = chosen["element"]
        offer("search.try_area", _count(store, q, moved), q, moved)
    if q and chosen:
        offer("search.try_without_filters", _count(store, q, {}), q, {})
        offer("search.try_without_q", _count(store, "", chosen), "", chosen)
    if len(chosen) > 1:
        for (key, value), (name, shown) in zip(chosen.items(), chosen_names(store, chosen, lang)):
            rest = {k: v for k, v in chosen.items() if k != key}
            offer("search.try_drop", _count(store, q, rest), q, rest, filter=f"{name}: {shown}")
    if q:
        tries.append((t("search.try_spelling", lang), None))
    offer("search.try_all", _count(store, "", {}), "", {})
    return {"reason": reason, "tries": tries}


def related(store, q: str, lang: str) -> list[dict]:
    """What else a directory search finds: layout elements, prefectures and enterprises whose
    names (or whose elements' names) match, each with a link to its page and, for areas, to
    the places located there."""
    out = []
    for hit in store.search(q, limit=12, collections=RELATED_COLLECTIONS):
        f = hit.feature
        row = {"name": f.name(lang), "kind": t("search.kind." + f.collection, lang),
               "url": None, "places": None}
        if f.collection == "layout-elements":
            row["url"] = url_for("pages.element", id=f.id, lang=lang)
            if f.properties.get("prefectures") or f.properties.get("counties"):
                row["places"] = url_for("pages.directory", lang=lang, area=f.id)
        elif f.collection == "prefectures":
            row["url"] = url_for("pages.prefecture", adcode=f.id, lang=lang)
            row["places"] = url_for("pages.directory", lang=lang, prefecture=f.id)
        else:  # an enterprise: on its first element's page
            elements = f.properties.get("elements") or []
            if elements:
                row["url"] = url_for("pages.element", id=elements[0], lang=lang,
                                     _anchor=f"enterprise-{f.id}")
        out.append(row)
    return out
