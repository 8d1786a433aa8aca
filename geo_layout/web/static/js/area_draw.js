/* Drawing an area (templates/edit_area.html): click on the map to add corners, drag a corner
   (Leaflet's own draggable markers) to move it, "undo" drops the last one, "finish" closes the
   outline, "clear" starts again. The outline is written as GeoJSON into the form's text field,
   which is what the server reads; pasting GeoJSON there (the keyboard path) shows it on the map.
   No tiles: the province, the county lines around the record and the counties standing in
   for an element give the bearings.
   Every text shown is set with textContent. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("area-data").textContent);
  var texts = data.texts || {};
  var field = document.getElementById("area-text");
  var status = document.getElementById("area-status");
  var map = L.map("area-map", {zoomSnap: 0.25, doubleClickZoom: false,
                               attributionControl: false});
  var corners = [];       // L.marker, in drawing order
  var finished = false;
  var outline = L.polygon([], {color: "#1f5fa8", weight: 3, fillOpacity: 0.15,
                               className: "area-yours", interactive: false}).addTo(map);
  var shown = L.geoJSON(null, {style: {color: "#1f5fa8", weight: 3, fillOpacity: 0.15},
                               interactive: false}).addTo(map);

  function say(key, n) {
    status.textContent = (texts[key] || "").replace("{n}", String(n));
  }

  L.geoJSON(data.province, {style: {color: "#777", weight: 1.5, fill: false},
                            interactive: false}).addTo(map);
  if (data.counties) {  // the county lines around the record, for bearings
    L.geoJSON(data.counties, {style: {color: "#999", weight: 0.8}, interactive: false}).addTo(map);
  }
  var bounds = null;
  if (data.standin) {
    bounds = L.geoJSON(data.standin, {style: {color: "#8a5a00", weight: 2, dashArray: "6 4",
                                              fillColor: "#d9b36c", fillOpacity: 0.15},
                                      interactive: false}).addTo(map).getBounds();
  }
  if (data.theirs) {
    L.geoJSON(data.theirs, {style: {color: "#b4380f", weight: 2, dashArray: "2 4",
                                    fill: false}, interactive: false}).addTo(map);
  }
  if (data.point) {
    L.circleMarker(data.point, {radius: 6, color: "#222", fillColor: "#fff", fillOpacity: 1,
                                interactive: false}).addTo(map);
  }

  function ring() {
    return corners.map(function (m) { var p = m.getLatLng(); return [lon(p.lng), lat(p.lat)]; });
  }
  function lon(x) { return Math.round(x * 1e7) / 1e7; }
  function lat(y) { return Math.round(y * 1e7) / 1e7; }

  function redraw() {
    outline.setLatLngs(corners.map(function (m) { return m.getLatLng(); }));
    if (corners.length >= 3) {
      var r = ring();
      r.push(r[0]);
      field.value = JSON.stringify({type: "Polygon", coordinates: [r]});
    }
    if (corners.length >= 3 && finished) {
      say("ready", corners.length);
    } else if (corners.length) {
      say("corners", corners.length);
    }
  }

  function addCorner(latlng) {
    var marker = L.marker(latlng, {
      draggable: true, keyboard: false, autoPan: true,
      icon: L.divIcon({className: "area-corner", iconSize: [16, 16]})
    });
    marker.on("drag dragend", redraw);
    marker.addTo(map);
    corners.push(marker);
    shown.clearLayers();
    redraw();
  }

  function clearCorners() {
    corners.forEach(function (m) { map.removeLayer(m); });
    corners = [];
    finished = false;
    outline.setLatLngs([]);
  }

  map.on("click", function (e) {
    if (!finished) { addCorner(e.latlng); }
  });
  document.getElementById("area-undo").addEventListener("click", function () {
    var last = corners.pop();
    if (last) { map.removeLayer(last); }
    finished = false;
    redraw();
    if (!corners.length) { say("cleared", 0); }
  });
  document.getElementById("area-finish").addEventListener("click", function () {
    if (corners.length < 3) { say("need3", corners.length); return; }
    finished = true;
    redraw();
  });
  document.getElementById("area-clear").addEventListener("click", function () {
    clearCorners();
    shown.clearLayers();
    field.value = "";
    say("cleared", 0);
  });

  /* The text field's GeoJSON on the map: one simple polygon becomes editable corners;
     anything else (several parts, holes) is shown as it is, to replace by drawing. */
  function showText(fit) {
    var text = field.value.trim();
    if (!text) { return null; }
    var geom;
    try { geom = JSON.parse(text); } catch (e) { say("unreadable", 0); return null; }
    if (geom && geom.type === "Feature") { geom = geom.geometry; }
    if (!geom || (geom.type !== "Polygon" && geom.type !== "MultiPolygon")) {
      say("unreadable", 0);
      return null;
    }
    clearCorners();
    shown.clearLayers();
    var outer = geom.type === "Polygon" && geom.coordinates.length === 1 ? geom.coordinates[0] : null;
    var layer = L.geoJSON(geom);
    if (outer && outer.length <= 501) {
      outer.slice(0, -1).forEach(function (p) { addCorner(L.latLng(p[1], p[0])); });
      finished = true;
      redraw();
    } else {
      shown.addData(geom);
      say("fixed", 0);
    }
    if (fit) { map.fitBounds(layer.getBounds(), {padding: [20, 20]}); }
    return layer.getBounds();
  }

  field.addEventListener("change", function () {
    if (showText(true)) { say("pasted", corners.length); }
  });

  var start = showText(false) || bounds;
  if (start && start.isValid()) {
    map.fitBounds(start, {padding: [20, 20]});
  } else if (data.point) {
    map.setView(data.point, 11);
  } else {
    map.fitBounds(L.geoJSON(data.province).getBounds());
  }
}());
