"""The folium elements our maps are made of. Each is a small ``MacroElement`` with its own
template; data goes into the page as compact, script-safe JSON, and every text in it is
HTML that was escaped when it was built (see :mod:`.popups`)."""

from __future__ import annotations

import json
import re

import folium
from branca.element import MacroElement
from folium.template import Template

from ..data.features import plain
from . import assets


def js_json(obj) -> str:
    """JSON safe inside a ``<script>``: no ``</script>``, no HTML comment or entity tricks, and
    no Jinja opener (``{{``, ``{%``, ``{#``): branca compiles each element's rendered script as a
    template again, so data text must not be template syntax (it is only ever inside strings,
    where ``\\u007b`` is the same character)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=plain)
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return re.sub(r"\{(?=[{%#])", r"\\u007b", text)


class GeoMap(folium.Map):
    """A folium Map that loads only Leaflet and our own files, from ``asset_base``, and whose
    header does not restyle the page it is embedded in (folium's sets ``html, body``)."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>#{{ this.get_name() }} {position: relative; width: 100%; height: 100%;}</style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
            <div class="folium-map gl-map" id="{{ this.get_name() }}"></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {
                center: {{ this.location|tojson }}, crs: L.CRS.{{ this.crs }},
                ...{{ this.options|tojavascript }}
            });
            {%- if this.initial_bounds %}
            {{ this.get_name() }}.fitBounds({{ this.initial_bounds|tojson }}, {animate: false});
            {%- endif %}
            {%- if this.control_scale %}
            L.control.scale({{ this.scale_options|tojson }}).addTo({{ this.get_name() }});
            {%- endif %}
        {% endmacro %}
    """)

    def __init__(self, *, asset_base: str, lang: str, title: str, **kwargs):
        super().__init__(tiles=None, control_scale=True, **kwargs)
        # With tiles=None folium gives max/min zoom to no one; clusters need the map's.
        # zoomSnap 0.25: fitBounds can fill the map (whole zooms leave a province at half a
        # phone's width).
        self.options.update(max_zoom=kwargs.get("max_zoom", 18),
                            min_zoom=kwargs.get("min_zoom", 0), zoom_snap=0.25)
        # Instance lists: never touch folium.Map.default_js / default_css.
        self.default_js = assets.map_js(asset_base)
        self.default_css = assets.map_css(asset_base)
        self.lang = lang
        self.title = title
        self.scale_options = {"imperial": False}
        #: ``[[south, west], [north, east]]`` to fit right after the map is made, before any
        #: layer is added (folium's ``fit_bounds`` runs last, so every layer would be drawn
        #: twice: once at the starting view, again at the fitted one).
        self.initial_bounds: list | None = None
        #: ``(HtmlGeoJson, collection, level)`` of the boundary layers to refine on zoom.
        self.refinable: list[tuple] = []
        self.layer_ids: list[str] = []
        #: The layer groups by id, in order (see :class:`LayerIds`).
        self.layer_groups: list = []
        self.unlocated: list = []
        self.get_root().header._children.pop("meta_http", None)


def marker_cluster(asset_base: str, **kwargs) -> folium.plugins.MarkerCluster:
    """A MarkerCluster whose script and styles come from ``asset_base`` (instance lists)."""
    from folium.plugins import MarkerCluster

    cluster = MarkerCluster(control=False, options={"showCoverageOnHover": False,
                                                     "maxClusterRadius": 40}, **kwargs)
    cluster.default_js = assets.cluster_js(asset_base)
    cluster.default_css = assets.cluster_css(asset_base)
    return cluster


class HtmlGeoJson(MacroElement):
    """GeoJSON whose features carry their own ``style``, ``tooltip`` and ``popup`` (HTML
    built and escaped in Python), added to the parent layer.

    ``layer_id`` and ``data`` stay readable on the object for tests and callers."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.geoJSON({{ this.json }}, {
                style: function (f) { return f.properties.style; },
                onEachFeature: function (f, layer) {
                    if (f.properties.tooltip) {
                        layer.bindTooltip(f.properties.tooltip, {sticky: true});
                    }
                    if (f.properties.popup) {
                        layer.bindPopup(f.properties.popup, {maxWidth: 320});
                    }
                }
            }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, layer_id: str, features: list[dict]):
        super().__init__()
        self._name = "HtmlGeoJson"
        self.layer_id = layer_id
        self.data = {"type": "FeatureCollection", "features": features}

    @property
    def json(self) -> str:
        return js_json(self.data)


class Labels(MacroElement):
    """Text labels and badges as DivIcon markers: ``[{"at": [lat, lon], "html", "cls",
    "popup"?}]``; a label with a popup is clickable, others let clicks through.

    They go into the parent layer, or into ``target`` (a layer added earlier) when the element
    is added elsewhere: a map's first layer is drawn before the page is parsed
    (:mod:`.render`), and its labels, added to the map after it, a moment later with the rest."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.json }};
            {{ this.get_name() }}.forEach(function (d) {
                var m = L.marker(d.at, {
                    icon: L.divIcon({className: "gl-label " + d.cls, html: d.html,
                                     iconSize: null}),
                    interactive: !!d.popup, keyboard: !!d.popup
                });
                if (d.popup) { m.bindPopup(d.popup, {maxWidth: 320}); }
                m.addTo({{ (this.target or this._parent).get_name() }});
            });
        {% endmacro %}
    """)

    def __init__(self, items: list[dict], target=None):
        super().__init__()
        self._name = "Labels"
        self.items = items
        self.target = target

    @property
    def json(self) -> str:
        return js_json(self.items)


class PlaceMarkers(MacroElement):
    """Place markers (DivIcons styled by map.css: solid = exact, hollow = approximate) added
    to the parent MarkerCluster: ``[{"id", "at", "colour", "exact", "title", "tooltip",
    "popup"}]``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.addLayers({{ this.json }}.map(function (d) {
                var span = '<span class="gl-dot" style="--gl-colour:' + d.colour + '"></span>';
                return L.marker(d.at, {
                    icon: L.divIcon({
                        className: "gl-marker " + (d.exact ? "gl-exact" : "gl-approximate"),
                        html: span, iconSize: [44, 44], iconAnchor: [22, 22],
                        popupAnchor: [0, -8], tooltipAnchor: [8, 0]
                    }),
                    title: d.title, alt: d.title
                }).bindTooltip(d.tooltip).bindPopup(d.popup, {maxWidth: 320});
            }));
        {% endmacro %}
    """)

    def __init__(self, items: list[dict]):
        super().__init__()
        self._name = "PlaceMarkers"
        self.items = items

    @property
    def json(self) -> str:
        return js_json(self.items)


class UncertaintyCircles(MacroElement):
    """Dashed circles of radius ``uncertainty_km`` around approximate points:
    ``[{"at", "radius_m", "colour"}]``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.json }};
            {{ this.get_name() }}.forEach(function (d) {
                L.circle(d.at, {
                    radius: d.radius_m, color: d.colour, weight: 1.5, dashArray: {{ this.dash|tojson }},
                    fill: true, fillOpacity: 0.06, interactive: false,
                    className: "gl-uncertainty"
                }).addTo({{ this._parent.get_name() }});
            });
        {% endmacro %}
    """)

    def __init__(self, items: list[dict]):
        super().__init__()
        self._name = "UncertaintyCircles"
        self.items = items
        from .style import UNCERTAINTY_DASH

        self.dash = " ".join(f"{v:g}" for v in UNCERTAINTY_DASH)

    @property
    def json(self) -> str:
        return js_json(self.items)


class Legend(MacroElement):
    """A legend control; ``html`` is built (and escaped) by :func:`.popups.legend_html`.

    It is a ``<details>`` under the layer control (open on a wide map, folded on a narrow
    one: see static/js/furniture.js): the summary is reachable by keyboard and tells screen
    readers what the list is."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            GeoLayout.legend({{ this._parent.get_name() }}, {{ this.json }});
        {% endmacro %}
    """)

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html

    @property
    def json(self) -> str:
        from html import escape

        from .labels import label

        summary = escape(label(getattr(self._parent, "lang", "zh"), "legend.summary"))
        return js_json(f'<details class="gl-legend-details" open><summary>{summary}</summary>'
                       f"{self.html}</details>")


class MapControls(MacroElement):
    """Our fullscreen and locate-me controls (static/js/controls.js) and the zone's hatch; then
    Leaflet's own controls made usable by keyboard and screen reader in the map's language:
    zoom buttons and the layer toggle get labels, the toggle opens with Enter or Space and
    moves focus into the list, Escape or tabbing out closes it. Last, the furniture
    (static/js/furniture.js): the subject fitted clear of the controls, popups and labels
    kept clear of them and of each other."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            GeoLayout.controls({{ this._parent.get_name() }}, {{ this.json }});
            (function (map, t) {
                var box = map.getContainer();
                box.setAttribute("aria-label", t.map);
                box.setAttribute("role", "group");
                [[".leaflet-control-zoom-in", t.zoom_in], [".leaflet-control-zoom-out", t.zoom_out]]
                    .forEach(function (pair) {
                        var a = box.querySelector(pair[0]);
                        if (a) { a.title = pair[1]; a.setAttribute("aria-label", pair[1]); }
                    });
                var control = box.querySelector(".leaflet-control-layers");
                if (!control) { return; }
                var toggle = control.querySelector(".leaflet-control-layers-toggle");
                var cls = "leaflet-control-layers-expanded";
                toggle.title = t.layers;
                toggle.setAttribute("aria-label", t.layers);
                toggle.setAttribute("aria-expanded", "false");
                function sync() {
                    toggle.setAttribute("aria-expanded", String(L.DomUtil.hasClass(control, cls)));
                }
                function close(refocus) {
                    L.DomUtil.removeClass(control, cls);
                    sync();
                    if (refocus) { toggle.focus(); }
                }
                L.DomEvent.on(toggle, "keydown", function (e) {
                    if (e.key !== "Enter" && e.key !== " ") { return; }
                    L.DomEvent.preventDefault(e);
                    toggle.click();
                    sync();
                    var first = control.querySelector("input");
                    if (first) { first.focus(); }
                });
                L.DomEvent.on(control, "keydown", function (e) {
                    if (e.key === "Escape" && L.DomUtil.hasClass(control, cls)) { close(true); }
                });
                L.DomEvent.on(control, "focusout", function (e) {
                    if (!e.relatedTarget || !control.contains(e.relatedTarget)) { close(false); }
                });
                L.DomEvent.on(control, "mouseenter mouseleave click", sync);
            })({{ this._parent.get_name() }}, {{ this.a11y_json }});
            GeoLayout.furniture({{ this._parent.get_name() }},
                                {{ this._parent.initial_bounds|tojson }});
        {% endmacro %}
    """)

    def __init__(self, texts: dict):
        super().__init__()
        self._name = "MapControls"
        self.texts = texts

    @property
    def json(self) -> str:
        return js_json(self.texts)

    @property
    def a11y_json(self) -> str:
        """Labels for Leaflet's controls, in the map's language (plain text: set as attributes)."""
        from .labels import label

        lang = getattr(self._parent, "lang", "zh")
        keys = {"zoom_in": "control.zoom_in", "zoom_out": "control.zoom_out",
                "layers": "control.layers", "map": "control.map"}
        return js_json({name: label(lang, key) for name, key in keys.items()})


class LayerIds(MacroElement):
    """``map.glLayers``: the map's layer groups by their ids (``layers=`` in URLs), so the
    page can say which layers are shown (the "link to this view", static/js/embed.js)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.glLayers = {
            {%- for group in this.groups %}
                {{ group.layer_id|tojson }}: {{ group.get_name() }}{{ "," if not loop.last }}
            {%- endfor %}
            };
        {% endmacro %}
    """)

    def __init__(self, groups: list):
        super().__init__()
        self._name = "LayerIds"
        self.groups = groups
