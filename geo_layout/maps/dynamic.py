"""Points loaded by view, for collections too large to inline into a page.

A page with 100,000 sites inlined as markers is ~40 MB of HTML and takes the browser tens of
seconds; with :class:`DynamicPoints` the page carries none, and ``static/js/points.js`` asks
``/api/clusters/<collection>?bbox=&zoom=`` for server-side clusters of what is in view on
every move. ``places_map`` switches to it above :data:`DYNAMIC_THRESHOLD` points.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from . import assets
from .elements import js_json
from .labels import label
from .style import KIND_COLOURS, OUTLINE

#: Located points above which a places map loads them by view instead of inlining them.
DYNAMIC_THRESHOLD = 2000


class DynamicPoints(MacroElement):
    """Draws ``collection``'s points into the parent layer from the clusters API."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            GeoLayout.dynamicPoints({{ this._parent._parent.get_name() }},
                                    {{ this._parent.get_name() }}, {{ this.json }});
        {% endmacro %}
    """)

    def __init__(self, collection: str, *, lang: str, crs: str, link_base: str,
                 api_base: str = "/api"):
        super().__init__()
        self._name = "DynamicPoints"
        self.config = {
            "url": f"{api_base.rstrip('/')}/clusters/{collection}",
            "crs": crs, "lang": lang, "linkBase": link_base,
            "colours": {**KIND_COLOURS, "_default": OUTLINE},
            "texts": {"cluster": label(lang, "dynamic.cluster"),
                      "more": label(lang, "popup.more")},
        }

    @property
    def json(self) -> str:
        return js_json(self.config)


def add_dynamic_points(m, group, collection: str, *, lang: str, crs: str, link_base: str,
                       asset_base: str) -> None:
    """Put the view-loaded points of ``collection`` into ``group`` of map ``m`` and load the
    script (and the cluster styles it reuses) from ``asset_base``."""
    m.default_js = [*m.default_js,
                    ("geo_layout_points", assets.asset_url(asset_base, assets.APP, "js/points.js"))]
    m.default_css = [*m.default_css, *assets.cluster_css(asset_base)]
    DynamicPoints(collection, lang=lang, crs=crs, link_base=link_base).add_to(group)
