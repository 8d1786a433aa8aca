/* geo_layout: boundaries refined as the map zooms in. A province-wide map carries its
 * prefectures at the coarse level (~1 km: what zoom 6-7 can show); zoomed in, this asks
 * /api/<collection>?lod=&bbox= for the finer level the new zoom needs (the same levels the
 * server picks for a map built at that view) and swaps the geometry of the shapes in view.
 * Only ever refines; a failed request leaves the coarser shapes. Written for this app.
 * Loaded after leaflet.js; called from the map's script as GeoLayout.refineBoundaries(...). */
(function (window) {
  "use strict";
  var L = window.L;
  var GeoLayout = window.GeoLayout = window.GeoLayout || {};

  /* One collection's shapes (from one or more layers), refined together: one request per
   * move, whatever the number of layers drawn from it. */
  function Refiner(map, url, cfg) {
    var shapes = {}, level = {}, sequence = 0;

    this.add = function (entry) {
      entry.layer.eachLayer(function (shape) {
        var id = shape.feature && shape.feature.id;
        if (id == null || !shape.setLatLngs) { return; }
        (shapes[id] = shapes[id] || []).push(shape);
        level[id] = cfg.levels.names.indexOf(entry.lod);
      });
    };

    this.update = function () {
      var need = GeoLayout.levelFor(map.getZoom(), cfg.levels);
      var view = map.getBounds().pad(0.2);
      var stale = Object.keys(shapes).filter(function (id) {
        return level[id] < need && view.intersects(shapes[id][0].getBounds());
      });
      if (!stale.length) { return; }
      var query = GeoLayout.shapesQuery(url, view, need, cfg.crs, cfg.levels);
      var mine = ++sequence;
      window.fetch(query, {headers: {Accept: "application/geo+json"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || !data.features) { return; }
          data.features.forEach(function (f) {
            var g = f.geometry;
            if (!shapes[f.id] || !g || level[f.id] >= need) { return; }
            if (g.type !== "Polygon" && g.type !== "MultiPolygon") { return; }
            var latlngs = L.GeoJSON.coordsToLatLngs(g.coordinates, g.type === "Polygon" ? 1 : 2);
            shapes[f.id].forEach(function (shape) { shape.setLatLngs(latlngs); });
            level[f.id] = need;
          });
          if (mine === sequence) { map.fire("gl:refined", {url: query}); }
        })
        .catch(function () { /* keep the coarser shapes */ });
    };
  }

  /* entries: [{layer: an L.GeoJSON whose features have ids, url: "/api/<collection>",
   * lod: the level it was drawn at}]; cfg: {crs: "wgs84" | "gcj02"}. */
  GeoLayout.refineBoundaries = function (map, entries, cfg) {
    if (!/^https?:$/.test(window.location.protocol)) { return; }  /* a standalone file */
    var refiners = {};
    entries.forEach(function (entry) {
      var r = refiners[entry.url] = refiners[entry.url] || new Refiner(map, entry.url, cfg || {});
      r.add(entry);
    });
    function update() {
      Object.keys(refiners).forEach(function (url) { refiners[url].update(); });
    }
    map.on("zoomend moveend", update);
    update();
  };
})(window);
