"""The HTML pages planners and investors read: the layout overview, the maps, the park directory,
park / element / prefecture pages and the targets. Each view parses the request, asks the store
and ``geo_layout.maps``, and hands plain values to a template; all wording is in ``i18n``."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, has_request_context, render_template, request, url_for

from .. import words
from ..data.map_apps import handoffs
from ..errors import NotFound
from . import basemaps, params
from .caching import cached_view
from .charts import format_value, target_charts
from .i18n import label, t
from .state import current_store

bp = Blueprint("pages", __name__)
PLACE_COLLECTIONS = ("parks", "sites")
#: What a directory search shows beside the places it finds.
RELATED_COLLECTIONS = ("layout-elements", "prefectures", "enterprises")
#: Rows of a list of places on a page; the rest are one link away (directory, downloads).
LIST_ROWS = 100
#: Rows of the "located in this area" list beside an element's own places (the rest: one link).
INSIDE_ROWS = 20
#: Rows of one page of the directory.
PAGE_ROWS = 50


# --- shared template context -------------------------------------------------------------

def _lang() -> str:
    return params.lang()


def switch_url(lang: str) -> str:
    """This page's URL with ``lang`` flipped and every other query parameter kept."""
    args = request.args.to_dict(flat=False)
    args["lang"] = ["zh" if lang == "en" else "en"]
    return request.path + "?" + urlencode(args, doseq=True)


@bp.app_context_processor
def _chrome() -> dict:
    """What every page template (the error page included) needs: the language, the string
    lookup, internal links that keep the language, and the language switch."""
    if not has_request_context():
        return {}
    lang = "en" if request.args.get("lang") == "en" else "zh"

    def link(endpoint: str, **values) -> str:
        return url_for(endpoint, lang=lang, **values)

    return {
        "lang": lang,
        "_": lambda key, **values: t(key, lang, **values),
        "label": lambda enum, value: label(enum, value, lang),
        "plural": lambda key, n, **values: words.plural(key, n, lang, **values),
        "sep": words.separator(lang),
        "colon": words.colon(lang),
        "link": link,
        "switch_url": switch_url(lang),
        "plan": _plan_reference(lang),
        "page_url": request.url,
        "nav": [("pages.overview", "nav.overview"), ("pages.directory", "directory.title"),
                ("pages.parks_map", "title.parks"), ("pages.sites_map", "title.sites"),
                ("pages.targets", "nav.targets"), ("datapage.index", "nav.data")],
        "endpoint": request.endpoint,
    }


def _plan_reference(lang: str) -> dict:
    """The plan the site shows, as its data names it: title, issuer and when (the issue date
    when the data has one, else the plan period), the reference sentence and the site's
    default description."""
    plan = current_store().plan()
    title, issuer = plan.title.get(lang), plan.issuer.get(lang)
    period = {"start": plan.period_start, "end": plan.period_end}
    when = (t("plan.issued", lang, date=plan.issued, **period) if plan.issued
            else t("plan.period", lang, **period))
    return {"title": title, "issuer": issuer, "when": when,
            "reference": t("plan.reference", lang, title=title, issuer=issuer, when=when),
            "description": t("share.description", lang, plan=title)}


def _names(store, collection: str, ids, lang: str) -> list[tuple[str, str]]:
    """(id, name) for the ids that exist in ``collection``, in the given order."""
    out = []
    for fid in ids:
        try:
            out.append((fid, store.get(collection, fid).name(lang)))
        except NotFound:
            continue
    return out


def _industries(store, ids, lang: str) -> list[str]:
    names = {i.id: i.name.get(lang) for i in store.industries()}
    return [names.get(i, i) for i in ids]


def _headings(store, lang: str) -> dict[str, str]:
    return {s.id: s.heading.get(lang) for s in store.sections()}


def _citation(store, props: dict, lang: str) -> str:
    section = props.get("citation_section") or ""
    return words.citation(_headings(store, lang).get(section, section),
                          props.get("citation_paragraph"), lang)


def _note(store, props: dict, lang: str) -> str | None:
    """A record's note in ``lang``, its references to sections named by their headings."""
    return words.with_section_titles(props.get("note_en" if lang == "en" else "note_zh"),
                                     _headings(store, lang), lang)


# --- maps --------------------------------------------------------------------------------

def _map_options(req) -> dict:
    """The map builders' options for a parsed map request (:func:`params.map_request`)."""
    return dict(req.options(), asset_base="/assets", link_base="")


def _maps():
    """``geo_layout.maps``, imported on first use (folium is heavy, and nothing is built at
    import time)."""
    from .. import maps

    return maps


def _render_map(m):
    return _maps().map_parts(m)


def _map_context(lang: str, map_path: str) -> dict:
    """Basemap choices, the embed / export links and the sharing image of the map at
    ``map_path``."""
    query = urlencode({"lang": lang})
    return {
        "basemaps": basemaps.current().available(),
        "basemap": basemaps.chosen(),
        "og_image": _og_image(map_path, lang),
        "kept_args": [(k, v) for k, v in request.args.items(multi=True) if k != "basemap"],
        "embed_url": f"/embed{map_path}?{query}",
        "export_urls": [(fmt, f"/export{map_path}.{fmt}?{query}")
                        for fmt in ("png", "svg", "pdf", "html")],
    }


def _og_image(map_path: str, lang: str) -> str | None:
    """The absolute URL of the static PNG export of the map at ``map_path`` (a slide, the
    shape link previews use), or None when that map has no static export."""
    from ..maps.static_export import MAP_PATHS

    path = map_path.strip("/")
    head = path.split("/")[0]
    if path not in MAP_PATHS and f"{head}/<" not in " ".join(MAP_PATHS):
        return None
    query = urlencode({"lang": lang, "size": "slide", "dpi": 96})
    return f"{request.host_url.rstrip('/')}/export/{path}.png?{query}"


def _capped(store, features: list, lang: str, filters: dict, collections=PLACE_COLLECTIONS,
            *, directory: bool = True, rows: int = LIST_ROWS) -> dict:
    """A list of places as a page shows it: the first LIST_ROWS rows (in the given order),
    how many there are, and where the full list is: the directory with the same ``filters``
    (unless ``directory`` is false) and the downloads (and API) of ``collections`` with them
    (with 100,000 sites an uncapped list was most of a 45 MB page)."""
    query = "?" + urlencode(filters) if filters else ""
    links = [(f"{c}.{fmt}", f"/downloads/{c}.{fmt}{query}")
             for c in collections for fmt in ("csv", "geojson")]
    if not directory:
        links += [(f"API: {c}", f"/api/{c}{query}") for c in collections]
    return {
        "rows": [_place_row(store, f, lang) for f in features[:rows]],
        "total": len(features),
        "directory": url_for("pages.directory", lang=lang, **filters) if directory else None,
        "downloads": links,
    }


def _unlocated(store, collections, lang: str, filters: dict | None = None) -> dict:
    """The places the plan does not locate (among those passing ``filters``), capped
    (:func:`_capped`)."""
    features = [f for c in collections for f in store.query(c, filters).features
                if f.geometry() is None]
    return _capped(store, features, lang, {**(filters or {}), "precision": "unknown"},
                   collections)


def _place_row(store, f, lang: str) -> dict:
    p = f.properties
    return {
        "id": f.id, "collection": f.collection, "name": f.name(lang),
        "kind": label("kind", p.get("kind"), lang),
        "prefecture": _names(store, "prefectures", [p["prefecture"]] if p.get("prefecture") else [],
                             lang),
        "county": _names(store, "counties", [p["county"]] if p.get("county") else [], lang),
        "precision": p.get("precision"),
        "precision_label": label("precision", p.get("precision"), lang),
    }


# --- pages -------------------------------------------------------------------------------

@bp.get("/")
@cached_view
def overview():
    return _layout_page("overview.html")


@bp.get("/maps/layout")
@cached_view
def layout_map():
    return _layout_page("layout_map.html")


def _layout_page(template: str):
    req = params.map_request("maps/layout")
    lang = req.lang
    store = current_store()
    parts = _render_map(_maps().layout_map(store, **_map_options(req)))
    elements = [{"id": f.id, "name": f.name(lang), "kind": f.properties["kind"],
                 "role": f.properties.get("role_en" if lang == "en" else "role_zh"),
                 "prefectures": _names(store, "prefectures", f.properties["prefectures"], lang),
                 "counties": _county_parts(store, f, lang),
                 "approximate": f.properties.get("approximate", False),
                 "places": len(f.properties["places"])}
                for f in store.query("layout-elements").features]
    counts = {c: store.count(c) for c in ("prefectures", "parks", "sites", "targets")}
    located = [f for c in PLACE_COLLECTIONS for f in store.query(c).features
               if f.geometry() is not None]
    return render_template(template, parts=parts, elements=elements, counts=counts,
                           plan_title=store.plan().title.get(lang),
                           unlocated=_unlocated(store, PLACE_COLLECTIONS, lang),
                           located=_capped(store, located, lang, {}),
                           **_map_context(lang, "/maps/layout"))


@bp.get("/maps/parks")
@cached_view
def parks_map():
    return _places_page("parks")


@bp.get("/maps/sites")
@cached_view
def sites_map():
    return _places_page("sites")


def _places_page(collection: str):
    """The parks or sites map: its filters (the directory's) select what it shows, lists and
    opens on."""
    req = params.map_request(f"maps/{collection}")
    lang, chosen = req.lang, req.filters
    store = current_store()
    parts = _render_map(_maps().places_map(store, collection, filters=chosen or None,
                                           **_map_options(req)))
    selected = store.query(collection, chosen).features
    located = [f for f in selected if f.geometry() is not None]
    # the rest of a capped list is on the map, in the API and in the downloads (the directory
    # lists parks and sites together, so it is no full list of one of them)
    return render_template("places_map.html", parts=parts, collection=collection,
                           located=_capped(store, located, lang, chosen, [collection],
                                           directory=False),
                           unlocated=_unlocated(store, [collection], lang, chosen),
                           chosen=_chosen_names(store, chosen, lang),
                           empty=None if selected else _empty_hint(
                               store, "", chosen, lang, url_for("pages.directory")),
                           **_map_context(lang, f"/maps/{collection}"))


@bp.get("/parks")
@cached_view
def directory():
    req = params.map_request("places")
    lang, chosen = req.lang, req.filters
    store = current_store()
    q = params.query_text("q", required=False).strip()
    results = _directory_results(store, q, chosen)
    pages = max(1, -(-len(results) // PAGE_ROWS))
    page = params.integer("page", request.args.get("page"), low=1, high=pages, default=1)
    start = (page - 1) * PAGE_ROWS
    rows = [_place_row(store, f, lang) for f in results[start:start + PAGE_ROWS]]
    parts = None
    if any(f.geometry() is not None for f in results):
        # the map shows every matching park and site, not only this page's: the filters
        # and the search hits (loaded by view, asking for the same q, when there are many)
        parts = _render_map(_maps().places_map(
            store, "places", filters=chosen, ids=[f.id for f in results] if q else None,
            search=q or None, **_map_options(req)))
    return render_template("directory.html", q=q, chosen=chosen, rows=rows, parts=parts,
                           related=_related(store, q, lang) if q else [],
                           empty=None if results else _empty_hint(store, q, chosen, lang),
                           chosen_names=_chosen_names(store, chosen, lang),
                           total=len(results), first=start + 1, page=page, pages=pages,
                           page_links=_page_links(page, pages),
                           options=_directory_options(store, lang), fields=DIRECTORY_FIELDS,
                           **_map_context(lang, "/maps/parks"))


def _directory_results(store, q: str, chosen: dict) -> list:
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


def _page_links(page: int, pages: int) -> list[tuple[str, str, str]]:
    """(rel, text key, URL) of the directory's first / previous / next / last pages; the URLs
    keep every other parameter (q, filters, lang, basemap)."""
    def url(n: int) -> str:
        args = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
        if n > 1:
            args.append(("page", str(n)))
        return request.path + ("?" + urlencode(args) if args else "")

    links = []
    if page > 1:
        links += [("first", "page.first", url(1)), ("prev", "page.prev", url(page - 1))]
    if page < pages:
        links += [("next", "page.next", url(page + 1)), ("last", "page.last", url(pages))]
    return links


def _directory_options(store, lang: str) -> dict:
    """The dropdowns' choices: layout elements in the plan's order (一核、一区、两群、多点),
    prefectures by adcode, industries by name (pinyin order in Chinese), kinds and precisions
    in the model's order."""
    from ..data.model import PLACE_KINDS, PRECISIONS
    from ..data.vocab import name_order

    places = [store.distinct(c, prop) for c in PLACE_COLLECTIONS for prop in ("industries", "kind")]
    used_industries, used_kinds = places[0] | places[2], places[1] | places[3]
    industries = [(i.id, i.name.get(lang)) for i in store.industries() if i.id in used_industries]
    elements = store.query("layout-elements").features
    return {
        "prefecture": [(f.id, f.name(lang)) for f in store.query("prefectures").features],
        "element": [(f.id, f.name(lang)) for f in elements],
        "area": [(f.id, f.name(lang)) for f in elements
                 if f.properties["prefectures"] or f.properties["counties"]],
        "industry": sorted(industries, key=lambda pair: name_order(pair[1], lang)),
        "kind": [(k, label("kind", k, lang)) for k in PLACE_KINDS if k in used_kinds],
        "precision": [(p, label("precision", p, lang)) for p in PRECISIONS],
    }


#: The directory's filters as its form shows them: (parameter, label key), in form order.
DIRECTORY_FIELDS = (("prefecture", "field.prefecture"), ("element", "search.element_named"),
                    ("area", "search.area"), ("industry", "field.industry"),
                    ("kind", "field.kind"), ("precision", "field.precision"))


def _directory_url(base: str, q: str, filters: dict, lang: str) -> str:
    args = [("lang", lang)] + ([("q", q)] if q else []) + list(filters.items())
    return base + "?" + urlencode(args)


def _count(store, q: str, filters: dict) -> int:
    return len(_directory_results(store, q, filters))


def _chosen_names(store, chosen: dict, lang: str) -> list[tuple[str, str]]:
    """(label, value shown by name) of each chosen filter, for "filtered by ..." lines."""
    options = _directory_options(store, lang)
    fields = dict(DIRECTORY_FIELDS)
    out = []
    for key, value in chosen.items():
        names = dict(options.get(key, ()))
        if key == "county":
            names = dict(_names(store, "counties", [value], lang))
        out.append((t(fields.get(key, "field." + key), lang) if key in fields else key,
                    names.get(value, value)))
    return out


def _empty_hint(store, q: str, chosen: dict, lang: str, base: str | None = None) -> dict:
    """Why a search or filter found nothing, and what to try (each with its count and link):
    the places located in an element's area when the plan names none, the search without the
    filters, the filters without the search, each filter dropped."""
    base = base or request.path
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
                          _directory_url(base, query, filters, lang)))

    if "element" in chosen:
        moved = {k: v for k, v in chosen.items() if k != "element"}
        moved["area"] = chosen["element"]
        offer("search.try_area", _count(store, q, moved), q, moved)
    if q and chosen:
        offer("search.try_without_filters", _count(store, q, {}), q, {})
        offer("search.try_without_q", _count(store, "", chosen), "", chosen)
    if len(chosen) > 1:
        for (key, value), (name, shown) in zip(chosen.items(), _chosen_names(store, chosen, lang)):
            rest = {k: v for k, v in chosen.items() if k != key}
            offer("search.try_drop", _count(store, q, rest), q, rest, filter=f"{name}: {shown}")
    if q:
        tries.append((t("search.try_spelling", lang), None))
    offer("search.try_all", _count(store, "", {}), "", {})
    return {"reason": reason, "tries": tries}


def _related(store, q: str, lang: str) -> list[dict]:
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


@bp.get("/parks/<id>")
@cached_view
def place(id: str):  # noqa: A002 - the route parameter is named as in the contract
    place_id = id
    req = params.map_request(f"parks/{place_id}")
    lang = req.lang
    store = current_store()
    feature = _find_place(store, place_id)
    p = feature.properties
    geom = feature.geometry()
    # for each map app: the text to paste (in its coordinate system and order) and a link
    coords = [{"app": h.app, "system": h.system, "label": t(f"handoff.{h.app}", lang),
               "value": h.text, "url": h.url,
               "open": t(f"handoff.open_{h.app}", lang) if h.url else None}
              for h in (handoffs(geom.x, geom.y, feature.name(lang)) if geom is not None else [])]
    parts = None
    if geom is not None:
        parts = _render_map(_maps().place_map(store, place_id, **_map_options(req)))
    enterprises = [_enterprise(store.get("enterprises", e), lang) for e in p.get("enterprises", [])]
    element_enterprises = [] if enterprises else [
        _enterprise(e, lang) for e in _of_elements(store, "enterprises", p.get("elements", []))]
    row = _place_row(store, feature, lang)
    precision_text = _precision_text(store, p, lang)
    where = " / ".join(n for _, n in (*row["prefecture"], *row["county"])) or "—"
    description = t("share.place", lang, name=feature.name(lang), kind=row["kind"], where=where,
                    precision=precision_text)
    return render_template(
        "place.html", place=feature, name=feature.name(lang), row=row,
        share_description=description,
        elements=_names(store, "layout-elements", p.get("elements", []), lang),
        industries=_industries(store, p.get("industries", []), lang),
        enterprises=enterprises, element_enterprises=element_enterprises,
        citation=_citation(store, p, lang), precision_text=precision_text,
        note=_note(store, p, lang), coords=coords, parts=parts,
        **_map_context(lang, f"/parks/{place_id}"))


def _find_place(store, place_id: str):
    for collection in PLACE_COLLECTIONS:
        try:
            return store.get(collection, place_id)
        except NotFound:
            continue
    raise NotFound(key="error.no_place", id=place_id[:80])


def _enterprise(f, lang: str) -> dict:
    p = f.properties
    element = p["elements"][0] if p.get("elements") else None
    return {"id": f.id, "name": f.name(lang), "role": label("role", p.get("role"), lang),
            "element": element}


def _precision_text(store, p: dict, lang: str) -> str:
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


def _of_elements(store, collection: str, element_ids) -> list:
    """Records of ``collection`` linked to any of ``element_ids``, each once, in element order."""
    seen, out = set(), []
    for eid in element_ids:
        for f in store.query(collection, {"element": eid}).features:
            if f.id not in seen:
                seen.add(f.id)
                out.append(f)
    return out


@bp.get("/elements/<id>")
@cached_view
def element(id: str):  # noqa: A002 - the route parameter is named as in the contract
    element_id = id
    req = params.map_request(f"elements/{element_id}")
    lang = req.lang
    store = current_store()
    feature = store.get("layout-elements", element_id)
    p = feature.properties
    parts = None
    if feature.geometry() is not None:
        parts = _render_map(_maps().element_map(store, element_id, **_map_options(req)))
    counties = []
    for part in p["counties"]:
        county = store.get("counties", part["adcode"])
        counties.append({"adcode": part["adcode"], "name": county.name(lang),
                         "prefecture": county.properties["prefecture"],
                         "approximate": part["extent"] == "approximate",
                         "note": _note(store, part, lang)})
    members = _places_of(store, p["places"])
    selection = {"element": element_id}
    inside = [f for c in PLACE_COLLECTIONS for f in store.query(c, {"area": element_id}).features]
    enterprises = [_enterprise(store.get("enterprises", e), lang) for e in p["enterprises"]]
    targets = [_target_row(store, f, lang)
               for f in store.query("targets", {"element": element_id}).features]
    return render_template(
        "element.html", element=feature, name=feature.name(lang),
        kind=label("element_kind", p["kind"], lang),
        role=p.get("role_en" if lang == "en" else "role_zh"),
        note=_note(store, p, lang),
        prefectures=_names(store, "prefectures", p["prefectures"], lang), counties=counties,
        industries=_industries(store, p["industries"], lang),
        places=_capped(store, members, lang, selection),
        located=_capped(store, _pinned(members), lang, selection),
        inside=_capped(store, inside, lang, {"area": element_id}, rows=INSIDE_ROWS),
        enterprises=enterprises, targets=targets, citation=_citation(store, p, lang),
        parts=parts, **_map_context(lang, f"/elements/{element_id}"))


def _county_parts(store, feature, lang: str) -> list:
    """(adcode, name, approximate) of an element's counties, in seed order."""
    approximate = {c["adcode"]: c["extent"] == "approximate"
                   for c in feature.properties["counties"]}
    return [(code, name, approximate[code])
            for code, name in _names(store, "counties", list(approximate), lang)]


def _places_of(store, ids):
    out = []
    for fid in ids:
        try:
            out.append(_find_place(store, fid))
        except NotFound:
            continue
    return out


def _pinned(features) -> list:
    """The places a map pins (its text version lists them): all but the unlocated."""
    return [f for f in features if f.properties.get("precision") != "unknown"]


@bp.get("/prefectures/<adcode>")
@cached_view
def prefecture(adcode: str):
    req = params.map_request(f"prefectures/{adcode}")
    lang = req.lang
    store = current_store()
    feature = store.get("prefectures", adcode)
    p = feature.properties
    parts = _render_map(_maps().prefecture_map(store, adcode, **_map_options(req)))
    roles = []
    for eid in p["elements"]:
        el = store.get("layout-elements", eid)
        roles.append({"id": eid, "name": el.name(lang),
                      "role": el.properties.get("role_en" if lang == "en" else "role_zh")})
    counties = [{"adcode": c.id, "name": c.name(lang),
                 "elements": _names(store, "layout-elements", c.properties["elements"], lang)}
                for c in store.query("counties", {"prefecture": adcode}).features]
    members = _places_of(store, p["places"])
    selection = {"prefecture": adcode}
    enterprises = [_enterprise(e, lang)
                   for e in _of_elements(store, "enterprises", p["elements"])]
    targets = [_target_row(store, tg, lang) for tg in _of_elements(store, "targets", p["elements"])]
    return render_template("prefecture.html", prefecture=feature, name=feature.name(lang),
                           roles=roles, counties=counties,
                           places=_capped(store, members, lang, selection),
                           located=_capped(store, _pinned(members), lang, selection),
                           enterprises=enterprises, targets=targets, parts=parts,
                           **_map_context(lang, f"/prefectures/{adcode}"))


def _target_row(store, f, lang: str) -> dict:
    p = f.properties
    return {"id": f.id, "name": f.name(lang), "value": format_value(p, lang), "year": p["year"],
            "scope": p.get("scope_en" if lang == "en" else "scope_zh") or "",
            "measure": label("measure", p["measure"], lang),
            "note": _note(store, p, lang),
            "citation": _citation(store, p, lang)}


@bp.get("/targets")
@cached_view
def targets():
    lang = _lang()
    store = current_store()
    features = store.query("targets").features
    order = {"amount": 0, "cluster-size": 1, "growth-rate": 2, "count": 3, "coverage": 4}
    features = sorted(features, key=lambda f: (order.get(f.properties["measure"], 9), f.id))
    rows = [_target_row(store, f, lang) for f in features]
    charts = target_charts([f.properties for f in features], lang)
    year = max((f.properties["year"] for f in features), default=store.plan().period_end)
    commitments = [_commitment_row(store, c, lang) for c in store.commitments()]
    return render_template("targets.html", rows=rows, charts=charts, year=year,
                           commitments=commitments)


def _commitment_row(store, c, lang: str) -> dict:
    cite = {"citation_section": c.citation.section, "citation_paragraph": c.citation.paragraph}
    return {"id": c.id, "name": c.name.get(lang), "kind": label("commitment_kind", c.kind, lang),
            "industries": _industries(store, c.industries, lang),
            "note": c.note.get(lang) if c.note else None, "citation": _citation(store, cite, lang)}
