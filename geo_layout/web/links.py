"""The pages' internal URLs, every one built by ``url_for``: it prefixes the request's script
root, so the site works when mounted under a path (several plans under ``/plans/<plan-id>/``
by setting the WSGI ``SCRIPT_NAME``); a path written out by hand would leave the mount."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import request, url_for

from ..maps.by_path import parse_map_path
from . import embed as embed_pages

#: Map kind (:func:`.by_path.parse_map_path`) -> its embed view and path parameter.
_EMBEDS = {"layout": ("site_map", "map_path"), "parks": ("site_map", "map_path"),
           "sites": ("site_map", "map_path"), "element": ("element", "id"),
           "prefecture": ("prefecture", "adcode"), "place": ("place", "id")}
EXPORT_FORMATS = ("png", "svg", "pdf", "html")


def here(args) -> str:
    """This page's URL with the query ``args`` ((name, value) pairs, encoded as given: the
    request's own parameters may be any names, which ``url_for`` keywords cannot all carry).
    A page no route matched (a 404 page) keeps its own path under the script root."""
    if request.url_rule is None or request.endpoint is None:
        path = request.script_root + request.path
    else:
        path = url_for(request.endpoint, **(request.view_args or {}))
    return path + ("?" + urlencode(args) if args else "")


def switch_url(lang: str) -> str:
    """This page's URL with ``lang`` flipped and every other query parameter kept."""
    args = request.args.to_dict(flat=False)
    args["lang"] = ["zh" if lang == "en" else "en"]
    return here([(k, v) for k, values in args.items() for v in values])


def page_count(total: int, per_page: int) -> int:
    """How many pages ``total`` rows fill, ``per_page`` a page (at least one)."""
    return max(1, -(-total // per_page))


def page_links(page: int, pages: int) -> list[tuple[str, str, str]]:
    """(rel, text key, URL) of the first / previous / next / last pages of a paged list; the
    URLs keep every other parameter (q, filters, lang, basemap)."""
    def url(n: int) -> str:
        args = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
        if n > 1:
            args.append(("page", str(n)))
        return here(args)

    links = []
    if page > 1:
        links += [("first", "page.first", url(1)), ("prev", "page.prev", url(page - 1))]
    if page < pages:
        links += [("next", "page.next", url(page + 1)), ("last", "page.last", url(pages))]
    return links


def directory_url(lang: str, q: str, filters: dict) -> str:
    """The park directory with the search ``q`` (if any) and ``filters``."""
    return url_for("pages.directory", lang=lang, **({"q": q} if q else {}), **filters)


def list_links(collections, filters: dict, *, api: bool,
               lang: str | None = None) -> list[tuple[str, str]]:
    """(text, URL) of the CSV, XLSX and GeoJSON downloads of ``collections`` with ``filters``
    (the XLSX in the page's ``lang``: its headers are words) and, with ``api``, their API
    collections."""
    links = [(f"{c}.{fmt}", url_for("downloads.download", collection=c, fmt=fmt, **filters,
                                    **({"lang": lang} if lang and fmt == "xlsx" else {})))
             for c in collections for fmt in ("csv", "xlsx", "geojson")]
    if api:
        links += [(f"API: {c}", url_for("api.collection_items", collection=c, **filters))
                  for c in collections]
    return links


def map_links(map_path: str, lang: str) -> dict:
    """The embed and export URLs of the map at ``map_path`` ("maps/layout", "parks/<id>",
    ...), and its sharing image (the absolute URL of its static PNG in a slide's shape)."""
    kind, ident = parse_map_path(map_path)
    path = map_path.strip("/") or "maps/layout"
    # a past day's layout map (web/as_of.py) embeds and exports that day's data
    day = {"as_of": request.args["as_of"]} if path == "maps/layout" and request.args.get(
        "as_of") else {}
    if kind == "progress":  # its own page and embed (web/progress_map.py)
        embed = url_for("progress_map.embed", lang=lang)
    else:
        view, name = _EMBEDS[kind]
        embed = url_for(f"{embed_pages.bp.name}.{view}", **{name: ident or path}, lang=lang,
                        **day)
    return {
        "embed_url": embed,
        "export_urls": [(fmt, url_for("exports.export", map_path=path, fmt=fmt, lang=lang,
                                      **day))
                        for fmt in EXPORT_FORMATS],
        "og_image": url_for("exports.export", map_path=path, fmt="png", lang=lang,
                            size="slide", dpi=96, _external=True, **day),
    }


def asset_base() -> str:
    """The URL prefix the map assets are served under (:mod:`.assets`), for the map builders'
    ``asset_base``; taken from a URL of that blueprint, so it follows its mount."""
    return url_for("assets.bundle", kind="js").rsplit("/", 1)[0]


def site_root() -> str:
    """The site's root without the trailing slash ("" unless mounted under a path), for the
    map builders' ``link_base`` (the popups' links to the pages)."""
    return url_for("pages.overview").rstrip("/")
