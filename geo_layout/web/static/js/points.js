/* geo_layout: points loaded by view. For large collections (the sites map at 100,000 sites) the
 * page carries no points at all; on every move this asks /api/clusters/<collection> for the
 * clusters and single points inside the (padded) view at the current zoom and draws them.
 * cfg.url already carries the map's selection (filters, q) and crs=gcj02 on an Amap basemap,
 * so what comes back is drawn as it is.
 * Only the latest answer is drawn (older requests are aborted). Written for this app.
 * Loaded after leaflet.js; called from the map's script as GeoLayout.dynamicPoints(...). */
(function (window) {
  "use strict";
  var L = window.L;
  var GeoLayout = window.GeoLayout = window.GeoLayout || {};
  var ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
  var GCJ02_MARGIN = 0.01;  // degrees (~1 km): more than GCJ-02's offset from WGS-84

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return ENTITIES[c];
    });
  }

  function sizeClass(n) {
    return n < 10 ? "small" : n < 100 ? "medium" : "large";
  }

  GeoLayout.dynamicPoints = function (map, group, cfg) {
    var layer = L.layerGroup().addTo(group);
    var controller = null;
    var sequence = 0;
    var container = map.getContainer();
    container.setAttribute("data-gl-dynamic", "");  /* data-gl-points once drawn */

    function bboxParam() {
      // bbox is WGS-84; on a GCJ-02 (Amap) map the view is up to ~700 m off that, so widen it
      var b = map.getBounds().pad(0.25), extra = cfg.crs === "wgs84" ? 0 : GCJ02_MARGIN;
      return [Math.max(-180, b.getWest() - extra), Math.max(-90, b.getSouth() - extra),
              Math.min(180, b.getEast() + extra), Math.min(90, b.getNorth() + extra)]
        .map(function (v) { return v.toFixed(3); }).join(",");
    }

    function cluster(f) {
      var p = f.properties, c = f.geometry.coordinates;
      var size = p.count < 100 ? 36 : p.count < 1000 ? 42 : 50;
      var title = cfg.texts.cluster.replace("{count}", p.count);
      var m = L.marker([c[1], c[0]], {
        icon: L.divIcon({
          className: "marker-cluster gl-cluster marker-cluster-" + sizeClass(p.count),
          html: "<div><span>" + p.count + "</span></div>", iconSize: [size, size]
        }),
        title: title, alt: title, keyboard: true
      });
      m.on("click", function () {
        var b = p.bbox;
        if (b[2] - b[0] < 1e-6 && b[3] - b[1] < 1e-6) {
          map.setView([c[1], c[0]], Math.min(map.getZoom() + 2, map.getMaxZoom()));
        } else {
          map.fitBounds([[b[1], b[0]], [b[3], b[2]]], {padding: [20, 20]});
        }
      });
      return m;
    }

    function point(f) {
      var p = f.properties, c = f.geometry.coordinates;
      var name = cfg.lang === "en" ? p.name_en : p.name_zh;
      var colour = cfg.colours[p.kind] || cfg.colours._default;
      var exact = p.precision === "site";
      var href = cfg.linkBase + "/parks/" + encodeURIComponent(f.id) + "?lang=" + cfg.lang;
      return L.marker([c[1], c[0]], {
        icon: L.divIcon({
          className: "gl-marker " + (exact ? "gl-exact" : "gl-approximate"),
          html: '<span class="gl-dot" style="--gl-colour:' + esc(colour) + '"></span>',
          iconSize: [44, 44], iconAnchor: [22, 22], popupAnchor: [0, -8], tooltipAnchor: [8, 0]
        }),
        title: name, alt: name
      }).bindTooltip(esc(name)).bindPopup(
        '<div class="gl-popup"><h3>' + esc(name) + '</h3><p><a href="' + esc(href) + '">' +
        esc(cfg.texts.more) + "</a></p></div>", {maxWidth: 320});
    }

    function draw(data) {
      layer.clearLayers();
      data.features.forEach(function (f) {
        layer.addLayer(f.properties.cluster ? cluster(f) : point(f));
      });
      container.setAttribute("data-gl-points", String(data.numberMatched));
    }

    function load() {
      if (!map.hasLayer(group)) { return; }
      var url = cfg.url + (cfg.url.indexOf("?") < 0 ? "?" : "&") + "bbox=" + bboxParam() +
        "&zoom=" + Math.round(map.getZoom());  /* zoomSnap 0.25: the API takes whole zooms */
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new window.AbortController() : null;
      var mine = ++sequence;
      window.fetch(url, controller ? {signal: controller.signal} : {})
        .then(function (r) {
          if (!r.ok) { throw new Error("HTTP " + r.status); }
          return r.json();
        })
        .then(function (data) { if (mine === sequence) { draw(data); } })
        .catch(function (e) {
          if (e.name !== "AbortError") { container.setAttribute("data-gl-points", "error"); }
        });
    }

    map.on("moveend", load);
    group.on("add", load);
    load();
  };
})(window);
