"""Boundaries that get finer as the map zooms in.

Province-wide maps carry the coarse level (~1 km), which is all zoom 6-7 can show; a user who
zooms in on the overview would otherwise see kilometre steps. :class:`RefineBoundaries` makes
``static/js/refine.js`` fetch the level the new zoom needs from ``/api/<collection>`` for the
shapes in view (the same levels :meth:`build._Options.lod` picks) and swap their geometry.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from . import assets
from .elements import js_json
from .style import levels_config


class RefineBoundaries(MacroElement):
    """Refines ``entries`` = ``[(HtmlGeoJson element, collection, level drawn)]`` of the
    parent map."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            GeoLayout.refineBoundaries({{ this._parent.get_name() }}, [
            {%- for element, config in this.entries %}
                {layer: {{ element.get_name() }}, ...{{ config }}}{{ "," if not loop.last }}
            {%- endfor %}
            ], {{ this.json }});
        {% endmacro %}
    """)

    def __init__(self, entries, *, crs: str, api_base: str = "/api"):
        super().__init__()
        self._name = "RefineBoundaries"
        base = api_base.rstrip("/")
        self.entries = [(element, js_json({"url": f"{base}/{collection}", "lod": lod}))
                        for element, collection, lod in entries]
        self.collections = [collection for _, collection, _ in entries]
        self.config = {"crs": crs, "levels": levels_config()}

    @property
    def json(self) -> str:
        return js_json(self.config)


def add_refinement(m, entries, *, crs: str, asset_base: str, api_base: str = "/api") -> None:
    """Refine ``entries`` (see :class:`RefineBoundaries`) of map ``m``, loading the script
    from ``asset_base``; nothing to do when every entry is already at the finest level."""
    entries = [e for e in entries if e[2] != "high"]
    if not entries:
        return
    m.default_js = [*m.default_js,
                    ("geo_layout_refine", assets.asset_url(asset_base, assets.APP, "js/refine.js"))]
    RefineBoundaries(entries, crs=crs, api_base=api_base).add_to(m)
