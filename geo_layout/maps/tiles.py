"""What lies under a map's overlays, added after the page has loaded (``static/js/basemap.js``).

- An online or local tile basemap (:class:`TileBasemap`): the tile layer is added once the
  page's ``load`` event has fired, so tiles never delay it, and a notice on the map says when
  the tiles cannot be loaded (no network, a blocked host), with a link to the offline map.
- The offline default (:class:`CountyContext`): no tiles, so zoomed in the map would be a flat
  fill; the county boundaries and, closer still, the county names in view are drawn from
  ``/api/counties`` instead. Nothing else is shown: the data has no roads or towns, and the
  map does not pretend to.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from . import assets
from .elements import js_json
from .labels import label
from .style import levels_config

#: Zoom from which the offline map draws county boundaries, and county names.
CONTEXT_ZOOM = 8
CONTEXT_LABEL_ZOOM = 9


class TileBasemap(MacroElement):
    """The tile layers (``[{"url", "options"}]``, bottom first) and the notice's texts."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            GeoLayout.basemap({{ this._parent.get_name() }}, {{ this.json }});
        {% endmacro %}
    """)

    def __init__(self, layers: list[dict], texts: dict):
        super().__init__()
        self._name = "TileBasemap"
        self.layers = layers
        self.texts = texts

    @property
    def json(self) -> str:
        return js_json({"layers": self.layers, "texts": self.texts})


class CountyContext(MacroElement):
    """County boundaries and names from ``url`` when zoomed in on the offline map; counties of
    the ``skip`` prefectures are left out (the map draws them itself)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            GeoLayout.countyContext({{ this._parent.get_name() }}, {{ this.json }});
        {% endmacro %}
    """)

    def __init__(self, config: dict):
        super().__init__()
        self._name = "CountyContext"
        self.config = config

    @property
    def json(self) -> str:
        return js_json(self.config)


def add_basemap(m, layers: list[dict], *, lang: str, asset_base: str, crs: str = "wgs84",
                skip_prefectures=(), api_base: str = "/api") -> None:
    """Give map ``m`` its tile ``layers`` (from :func:`.basemaps.tile_layers`), or, with none,
    the county context of the offline map."""
    m.default_js = [*m.default_js,
                    ("geo_layout_basemap", assets.asset_url(asset_base, assets.APP,
                                                            "js/basemap.js"))]
    if layers:
        texts = {key: label(lang, "basemap." + key) for key in ("failed", "use_none", "close")}
        TileBasemap(layers, texts).add_to(m)
        return
    CountyContext({"url": api_base.rstrip("/") + "/counties", "crs": crs, "lang": lang,
                   "minZoom": CONTEXT_ZOOM, "labelZoom": CONTEXT_LABEL_ZOOM,
                   "skip": sorted(skip_prefectures), "levels": levels_config()}).add_to(m)
