"""Points loaded by view, for collections too large to inline into a page.

A page with 100,000 sites inlined as markers is ~40 MB of HTML and takes the browser tens of
seconds; with :class:`DynamicPoints` the page carries none, and ``static/js/points.js`` asks
``/api/clusters/<collection>?bbox=&zoom=`` for server-side clusters of what is in view on
every move. The maps switch to it above :data:`DYNAMIC_THRESHOLD` located points of a
collection in their selection (an element's or a prefecture's places, the directory's filters
and search), and the request carries the same selection, so the server clusters only those.
"""

from __future__ import annotations

from typing import Mapping
from urllib.parse import urlencode

from branca.element import MacroElement
from folium.template import Template

from . import assets
from .elements import js_json
from .labels import label
from .style import KIND_COLOURS, OUTLINE

#: Located points above which a places map loads them by view instead of inlining them.
DYNAMIC_THRESHOLD = 2000

#: Most located points a map inlines when it cannot load them by view (a standalone file has
#: no API to ask): 20,000 clustered markers draw in a few seconds; 100,000 take tens.
INLINE_LIMIT = 20_000


class DynamicPoints(MacroElement):
    """Draws ``collection``'s points into the parent layer from the clusters API: those passing
    ``filters`` (store filters, as ``/api/<collection>``) and matching ``search`` (the
    directory's ``q``), in the map's coordinate system ``crs``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            GeoLayout.dynamicPoints({{ this._parent._parent.get_name() }},
                                    {{ this._parent.get_name() }}, {{ this.json }});
        {% endmacro %}
    """)

    def __init__(self, collection: str, *, lang: str, crs: str, link_base: str,
                 api_base: str = "/api", filters: Mapping[str, str] | None = None,
                 search: str | None = None, as_of=None):
        super().__init__()
        self._name = "DynamicPoints"
        self.config = {
            "url": clusters_url(collection, api_base=api_base, filters=filters, search=search,
                                crs=crs, as_of=as_of),
            "crs": crs, "lang": lang, "linkBase": link_base,
            "colours": {**KIND_COLOURS, "_default": OUTLINE},
            "texts": {"cluster": label(lang, "dynamic.cluster"),
                      "more": label(lang, "field.details")},
        }

    @property
    def json(self) -> str:
        return js_json(self.config)


def clusters_url(collection: str, *, api_base: str = "/api",
                 filters: Mapping[str, str] | None = None, search: str | None = None,
                 crs: str = "wgs84", as_of=None) -> str:
    """``/api/clusters/<collection>`` with the selection's filters (sorted), ``q``, for a
    GCJ-02 basemap ``crs=gcj02`` and, for a map of a past day's data, ``as_of`` (that day);
    points.js appends ``bbox`` and ``zoom``."""
    query = sorted((k, str(v)) for k, v in (filters or {}).items() if v not in (None, ""))
    if search:
        query.append(("q", search))
    if crs != "wgs84":
        query.append(("crs", crs))
    if as_of is not None:
        query.append(("as_of", as_of.isoformat()))
    url = f"{api_base.rstrip('/')}/clusters/{collection}"
    return url + ("?" + urlencode(query) if query else "")


def add_dynamic_points(m, group, collection: str, *, lang: str, crs: str, link_base: str,
                       asset_base: str, api_base: str = "/api",
                       filters: Mapping[str, str] | None = None,
                       search: str | None = None, as_of=None) -> None:
    """Put the view-loaded points of ``collection`` (those passing ``filters`` and matching
    ``search``; of day ``as_of``'s data when given) into ``group`` of map ``m`` and load the
    script (and the cluster styles it reuses) from ``asset_base``."""
    script = ("geo_layout_points", assets.asset_url(asset_base, assets.APP, "js/points.js"))
    if script not in m.default_js:
        m.default_js = [*m.default_js, script]
        m.default_css = [*m.default_css, *assets.cluster_css(asset_base)]
    DynamicPoints(collection, lang=lang, crs=crs, link_base=link_base, filters=filters,
                  search=search, api_base=api_base, as_of=as_of).add_to(group)
