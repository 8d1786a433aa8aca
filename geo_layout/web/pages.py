"""The HTML pages planners and investors read: the layout overview, the maps, the park directory,
park / element / prefecture pages and the targets. Each handler parses the request, builds the
page's map (``geo_layout.maps``) and renders its template with the values :mod:`.views`
gathers from the store; all wording is in ``i18n``, every internal link is built by
``url_for`` (:mod:`.links`)."""

from __future__ import annotations

from flask import Blueprint, has_request_context, render_template, request, url_for

from .. import words
from . import as_of, links, params
from .caching import cached_view
from .i18n import plan_label, t
from .state import current_store
from .views import directory as directory_view
from .views.areas import element_page, prefecture_page
from .views.map_panel import map_context
from .views.overview import layout_page
from .views.place import place_page
from .views.places_map import places_page
from .views.plan import plan_reference, targets_page

bp = Blueprint("pages", __name__)


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
        "label": lambda enum, value: plan_label(current_store(), enum, value, lang),
        "plural": lambda key, n, **values: words.plural(key, n, lang, **values),
        "sep": words.separator(lang),
        "colon": words.colon(lang),
        "link": link,
        "switch_url": links.switch_url(lang),
        "plan": plan_reference(current_store(), lang),
        "page_url": request.url,
        "nav": [("pages.overview", "nav.overview"), ("pages.directory", "directory.title"),
                ("pages.parks_map", "title.parks"), ("pages.sites_map", "title.sites"),
                ("pages.targets", "nav.targets"), ("progress.page", "nav.progress"),
                ("datapage.index", "nav.data")],
        "endpoint": request.endpoint,
    }


def _map_options(req) -> dict:
    """The map builders' options for a parsed map request (:func:`params.map_request`), with
    asset and popup links under this site's root."""
    return dict(req.options(), asset_base=links.asset_base(), link_base=links.site_root())


def _maps():
    """``geo_layout.maps``, imported on first use (folium is heavy, and nothing is built at
    import time)."""
    from .. import maps

    return maps


def _render_map(m):
    return _maps().map_parts(m)


@bp.get("/")
@cached_view
def overview():
    return _layout_page("overview.html")


@bp.get("/maps/layout")
@cached_view
def layout_map():
    """The layout map; ``?as_of=YYYY-MM-DD``: as it was at the end of that day (web/as_of.py)."""
    return _layout_page("layout_map.html", as_of.requested_store(),
                        as_of_note=as_of.note())


def _layout_page(template: str, store=None, **more):
    req = params.map_request("maps/layout")
    store = store or current_store()
    parts = _render_map(_maps().layout_map(store, **_map_options(req)))
    return render_template(template, parts=parts, **layout_page(store, req.lang),
                           **map_context(req.lang, "maps/layout"), **more)


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
    store = current_store()
    parts = _render_map(_maps().places_map(store, collection, filters=req.filters or None,
                                           **_map_options(req)))
    return render_template("places_map.html", parts=parts,
                           **places_page(store, collection, req.filters, req.lang),
                           **map_context(req.lang, f"maps/{collection}"))


@bp.get("/parks")
@cached_view
def directory():
    req = params.map_request("places")
    lang, chosen = req.lang, req.filters
    store = current_store()
    q = params.query_text("q", required=False).strip()
    found = directory_view.results(store, q, chosen)
    page = params.integer("page", request.args.get("page"), low=1,
                          high=links.page_count(len(found), directory_view.PAGE_ROWS),
                          default=1)
    parts = None
    if any(f.geometry() is not None for f in found):
        # the map shows every matching park and site, not only this page's: the filters
        # and the search hits (loaded by view, asking for the same q, when there are many)
        parts = _render_map(_maps().places_map(
            store, "places", filters=chosen, ids=[f.id for f in found] if q else None,
            search=q or None, **_map_options(req)))
    return render_template("directory.html", parts=parts,
                           **directory_view.directory_page(store, q, chosen, found, page, lang),
                           **map_context(lang, "maps/parks"))


@bp.get("/parks/<id>")
@cached_view
def place(id: str):  # noqa: A002 - the route parameter is named as in the contract
    req = params.map_request(f"parks/{id}")
    store = current_store()
    feature = store.place(id)
    parts = None
    if feature.geometry() is not None:
        parts = _render_map(_maps().place_map(store, id, **_map_options(req)))
    return render_template("place.html", parts=parts, **place_page(store, feature, req.lang),
                           **map_context(req.lang, f"parks/{id}"))


@bp.get("/elements/<id>")
@cached_view
def element(id: str):  # noqa: A002 - the route parameter is named as in the contract
    req = params.map_request(f"elements/{id}")
    store = current_store()
    feature = store.get("layout-elements", id)
    parts = None
    if feature.geometry() is not None:
        parts = _render_map(_maps().element_map(store, id, **_map_options(req)))
    return render_template("element.html", parts=parts, **element_page(store, feature, req.lang),
                           **map_context(req.lang, f"elements/{id}"))


@bp.get("/prefectures/<adcode>")
@cached_view
def prefecture(adcode: str):
    req = params.map_request(f"prefectures/{adcode}")
    store = current_store()
    feature = store.get("prefectures", adcode)
    parts = _render_map(_maps().prefecture_map(store, adcode, **_map_options(req)))
    return render_template("prefecture.html", parts=parts,
                           **prefecture_page(store, feature, req.lang),
                           **map_context(req.lang, f"prefectures/{adcode}"))


@bp.get("/targets")
@cached_view
def targets():
    return render_template("targets.html", **targets_page(current_store(), params.lang()))
