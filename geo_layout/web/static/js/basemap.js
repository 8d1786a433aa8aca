/* geo_layout: what lies under a map's overlays (maps/tiles.py). Written for this app; loaded
 * after leaflet.js, called from the map's script.
 * - GeoLayout.basemap(map, {layers, texts}): the tile layers, added once the page has loaded
 *   (tiles never delay its load event), and a notice on the map when they cannot be loaded.
 * - GeoLayout.countyContext(map, cfg): on the offline map (no tiles), the county boundaries
 *   (zoom >= cfg.minZoom) and names (zoom >= cfg.labelZoom) in view, from /api/counties; a
 *   name that would cover another label, a marker or a control is left out. */
(function (window, document) {
  "use strict";
  var L = window.L;
  var GeoLayout = window.GeoLayout = window.GeoLayout || {};

  function afterLoad(run) {
    function later() { window.setTimeout(run, 0); }
    if (document.readyState === "complete") { later(); }
    else { window.addEventListener("load", later); }
  }

  /* The notice: a live region on the map, empty until the tiles fail. */
  function Notice(map, texts) {
    var box = L.DomUtil.create("div", "gl-tile-notice", map.getContainer());
    box.setAttribute("role", "status");
    box.hidden = true;
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    var dismissed = false;

    this.show = function () {
      if (dismissed || !box.hidden) { return; }
      box.textContent = "";
      var text = document.createElement("span");
      text.textContent = texts.failed + " ";
      box.appendChild(text);
      if (/^https?:$/.test(window.location.protocol)) {
        var url = new URL(window.location.href);
        url.searchParams.set("basemap", "none");
        var a = document.createElement("a");
        a.href = url.toString();
        a.target = "_self";
        a.textContent = texts.use_none;
        box.appendChild(a);
      }
      var close = document.createElement("button");
      close.type = "button";
      close.className = "gl-tile-notice-close";
      close.title = texts.close;
      close.setAttribute("aria-label", texts.close);
      close.textContent = "\u00d7";
      close.addEventListener("click", function () { dismissed = true; box.hidden = true; });
      box.appendChild(close);
      box.hidden = false;
      map.getContainer().setAttribute("data-tiles", "failed");
    };

    this.hide = function () {
      box.hidden = true;
      map.getContainer().setAttribute("data-tiles", "ok");
    };
  }

  GeoLayout.basemap = function (map, cfg) {
    var notice = new Notice(map, cfg.texts);
    var loaded = 0, failed = 0;
    afterLoad(function () {
      cfg.layers.forEach(function (spec) {
        var layer = L.tileLayer(spec.url, spec.options);
        layer.on("tileload", function () { loaded++; });
        layer.on("tileerror", function () {
          failed++;
          if (failed >= 4 && failed > loaded) { notice.show(); }
        });
        layer.on("load", function () {  /* every tile of the view has loaded or failed */
          if (failed && failed >= loaded) { notice.show(); }
          else if (loaded && !failed) { notice.hide(); }
          loaded = 0;
          failed = 0;
        });
        layer.addTo(map);
        layer.bringToBack();
      });
    });
  };

  /* A point well inside a polygon (its rings as [[lng, lat], ...]) for a name: the middle of
   * the widest stretch inside it along the parallel through the middle of its bounds. */
  function labelPoint(rings) {
    var south = Infinity, north = -Infinity;
    rings[0].forEach(function (p) { south = Math.min(south, p[1]); north = Math.max(north, p[1]); });
    var y = (south + north) / 2, xs = [];
    rings.forEach(function (ring) {
      for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        var a = ring[i], b = ring[j];
        if ((a[1] > y) !== (b[1] > y)) {
          xs.push(a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]));
        }
      }
    });
    xs.sort(function (p, q) { return p - q; });
    var best = null, width = -1;
    for (var k = 0; k + 1 < xs.length; k += 2) {
      if (xs[k + 1] - xs[k] > width) { width = xs[k + 1] - xs[k]; best = (xs[k] + xs[k + 1]) / 2; }
    }
    return best === null ? null : [y, best];
  }

  function largestPolygon(geometry) {
    if (geometry.type === "Polygon") { return geometry.coordinates; }
    var best = null, size = -1;
    geometry.coordinates.forEach(function (polygon) {
      var ring = polygon[0], w = Infinity, e = -Infinity, s = Infinity, n = -Infinity;
      ring.forEach(function (p) {
        w = Math.min(w, p[0]); e = Math.max(e, p[0]); s = Math.min(s, p[1]); n = Math.max(n, p[1]);
      });
      if ((e - w) * (n - s) > size) { size = (e - w) * (n - s); best = polygon; }
    });
    return best;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  GeoLayout.countyContext = function (map, cfg) {
    if (!/^https?:$/.test(window.location.protocol) || !window.fetch) { return; }
    map.createPane("gl-context").style.zIndex = 405;
    map.createPane("gl-context-names").style.zIndex = 590;
    var renderer = L.svg({pane: "gl-context"});
    var lines = L.layerGroup(), names = L.layerGroup();
    var drawn = {}, skip = {}, sequence = 0, settle = null;
    (cfg.skip || []).forEach(function (code) { skip[code] = true; });
    var style = {color: "#3d3d3d", weight: 1.2, opacity: 0.8, fill: false, dashArray: "4 3",
                 interactive: false, renderer: renderer, className: "gl-context-county"};

    function declutter() {
      var box = map.getContainer();
      var taken = [];
      box.querySelectorAll(".gl-label > span, .gl-marker, .marker-cluster, .leaflet-control," +
                          " .gl-tile-notice").forEach(function (el) {
        var r = el.getBoundingClientRect();
        if (r.width && r.height) { taken.push(r); }
      });
      box.querySelectorAll(".gl-context-label > span").forEach(function (span) {
        span.style.visibility = "";
        var r = span.getBoundingClientRect();
        var hit = taken.some(function (t) { return overlaps(r, t); });
        span.style.visibility = hit ? "hidden" : "";
        if (!hit) { taken.push(r); }
      });
    }

    function add(f, level) {
      var old = drawn[f.id];
      if (old) { lines.removeLayer(old.shape); if (old.name) { names.removeLayer(old.name); } }
      var shape = L.geoJSON(f, {style: function () { return style; }, interactive: false});
      lines.addLayer(shape);
      var at = labelPoint(largestPolygon(f.geometry));
      var name = null;
      if (at) {
        var span = document.createElement("span");
        span.textContent = (cfg.lang === "en" ? f.properties.name_en : f.properties.name_zh) ||
          f.properties.name_zh || "";
        name = L.marker(at, {icon: L.divIcon({className: "gl-context-label", html: span,
                                              iconSize: null}),
                             pane: "gl-context-names", interactive: false, keyboard: false});
        names.addLayer(name);
      }
      drawn[f.id] = {shape: shape, name: name, level: level};
    }

    function update() {
      var zoom = map.getZoom();
      if (zoom < cfg.minZoom) {
        map.removeLayer(lines);
        map.removeLayer(names);
        return;
      }
      lines.addTo(map);
      if (zoom >= cfg.labelZoom) { names.addTo(map); } else { map.removeLayer(names); }
      var need = Math.max(1, GeoLayout.levelFor(zoom, cfg.levels));  /* never coarser than low */
      var query = GeoLayout.shapesQuery(cfg.url, map.getBounds().pad(0.2), need, cfg.crs,
                                        cfg.levels);
      var mine = ++sequence;
      window.fetch(query, {headers: {Accept: "application/geo+json"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || !data.features || mine !== sequence) { return; }
          data.features.forEach(function (f) {
            if (!f.geometry || skip[f.properties.prefecture]) { return; }
            if (f.geometry.type !== "Polygon" && f.geometry.type !== "MultiPolygon") { return; }
            if (!drawn[f.id] || drawn[f.id].level < need) { add(f, need); }
          });
          declutter();
          map.fire("gl:context", {url: query});
        })
        .catch(function () { /* the map stays as it is */ });
      declutter();
      /* the marker clusters settle after their own animation: look again once they have */
      window.clearTimeout(settle);
      settle = window.setTimeout(declutter, 400);
    }

    map.on("zoomend moveend", update);
    update();
  };
})(window, document);
