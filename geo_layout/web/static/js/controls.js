/* geo_layout map controls: fullscreen, locate-me and the legend, written for this app (no
 * plugin), plus the hatch pattern the zone is filled with. Loaded after leaflet.js. */
(function (window, document) {
  "use strict";
  var L = window.L;
  var GeoLayout = window.GeoLayout || {};

  /* A map button named in words: the text is its accessible name and shows beside the icon
   * on hover and keyboard focus (map.css .gl-button-text). */
  function button(container, cls, title, onClick) {
    var a = L.DomUtil.create("a", cls, container);
    a.href = "#";
    a.setAttribute("role", "button");
    L.DomUtil.create("span", "gl-button-text", a);
    rename(a, title);
    L.DomEvent.on(a, "click", function (e) {
      L.DomEvent.preventDefault(e);
      L.DomEvent.stopPropagation(e);
      onClick(a);
    });
    return a;
  }

  function rename(a, title) {
    a.title = title;
    a.setAttribute("aria-label", title);
    a.querySelector(".gl-button-text").textContent = title;
  }

  /* Fullscreen with the Fullscreen API on the map's container. */
  var Fullscreen = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function (map) {
      var texts = this.options.texts;
      var bar = L.DomUtil.create("div", "leaflet-bar gl-control");
      var el = map.getContainer();
      var a = button(bar, "gl-fullscreen", texts.fullscreen, function () {
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else if (el.requestFullscreen) {
          el.requestFullscreen();
        }
      });
      if (!document.fullscreenEnabled) { bar.style.display = "none"; }
      L.DomEvent.on(document, "fullscreenchange", function () {
        var on = document.fullscreenElement === el;
        L.DomUtil[on ? "addClass" : "removeClass"](el, "gl-is-fullscreen");
        rename(a, on ? texts.exit_fullscreen : texts.fullscreen);
        map.invalidateSize();
      });
      return bar;
    }
  });

  /* Locate-me with map.locate; the position is drawn as a circle of its accuracy. */
  var Locate = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function (map) {
      var texts = this.options.texts;
      var bar = L.DomUtil.create("div", "leaflet-bar gl-control");
      var shown = null;
      var a = button(bar, "gl-locate", texts.locate, function () {
        L.DomUtil.addClass(a, "gl-busy");
        map.locate({ setView: true, maxZoom: 12, timeout: 10000 });
      });
      map.on("locationfound", function (e) {
        L.DomUtil.removeClass(a, "gl-busy");
        if (shown) { map.removeLayer(shown); }
        shown = L.circle(e.latlng, { radius: e.accuracy, className: "gl-me", weight: 2 })
          .addTo(map);
      });
      map.on("locationerror", function () {
        L.DomUtil.removeClass(a, "gl-busy");
        rename(a, texts.locate_failed);
        L.DomUtil.addClass(a, "gl-failed");
      });
      return bar;
    }
  });

  /* The zone's hatch: an SVG pattern in the overlay renderer, used as fill="url(#gl-hatch)".
   * Its colour, spacing, stripe width and angle come from maps/style.py HATCH (the static
   * maps draw the same hatch). */
  function hatch(map, spec) {
    var svg = map.getPanes().overlayPane.querySelector("svg");
    if (!svg || svg.querySelector("#gl-hatch")) { return; }
    spec = spec || {};
    var size = String(spec.spacing || 8);
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", "gl-hatch");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", size);
    pattern.setAttribute("height", size);
    pattern.setAttribute("patternTransform", "rotate(" + (spec.angle || 45) + ")");
    var line = document.createElementNS(ns, "rect");
    line.setAttribute("width", String(spec.width || 3));
    line.setAttribute("height", size);
    line.setAttribute("class", "gl-hatch-line");
    if (spec.colour) { line.setAttribute("fill", spec.colour); }
    pattern.appendChild(line);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  GeoLayout.controls = function (map, texts) {
    new Fullscreen({ texts: texts }).addTo(map);
    new Locate({ texts: texts }).addTo(map);
    if (texts.attribution && map.attributionControl) {
      map.attributionControl.addAttribution(texts.attribution);  /* escaped on the server */
    }
    hatch(map, texts.hatch);
    map.on("layeradd", function () { hatch(map, texts.hatch); });
  };

  GeoLayout.legend = function (map, html) {
    var Legend = L.Control.extend({
      options: { position: "topright" },  /* under the layer control: one column, no overlap */
      onAdd: function () {
        var div = L.DomUtil.create("div", "gl-legend-control");
        div.innerHTML = html;  /* built and escaped on the server */
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new Legend().addTo(map);
  };

  /* The index of the boundary level of detail a map carries at ``zoom``: ``levels`` is the
   * rule maps/style.py decides and the map's config hands on ({names: coarsest first,
   * maxZooms: the last zoom of each but the finest}); refine.js and basemap.js use it. */
  GeoLayout.levelFor = function (zoom, levels) {
    var i = 0;
    while (i < levels.maxZooms.length && zoom > levels.maxZooms[i]) { i += 1; }
    return i;
  };

  /* The /api query for a collection's shapes at ``level`` (an index into levels.names)
   * within ``view`` (a LatLngBounds), in the map's coordinate system. */
  GeoLayout.shapesQuery = function (url, view, level, crs, levels) {
    var b = [Math.max(-180, view.getWest()), Math.max(-90, view.getSouth()),
             Math.min(180, view.getEast()), Math.min(90, view.getNorth())];
    return url + "?lod=" + levels.names[level] + "&limit=1000&bbox=" +
      b.map(function (v) { return v.toFixed(3); }).join(",") +
      (crs && crs !== "wgs84" ? "&crs=" + crs : "");
  };

  window.GeoLayout = GeoLayout;
})(window, document);
