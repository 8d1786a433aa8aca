/* geo_layout: placing a park's or site's point in the editor (edit.html, web/editor.py).
 * Written for this app; loaded after leaflet.js, controls.js and basemap.js.
 * - a click on the map sets the point; the marker is Leaflet's own draggable marker;
 * - typing or pasting coordinates (in the chosen system: WGS-84, GCJ-02 or BD-09) moves it:
 *   the keyboard path; the server converts them (/edit/locate) and says which county and
 *   prefecture hold the point and whether it lies inside the plan's province (outside it,
 *   the "confirm" box appears: the server refuses such a point without it);
 * - "use my location" (navigator.geolocation) sets the point and records the GPS accuracy as
 *   the point's precision and radius.
 * The form works without this script: the server converts and checks the same way. */
(function (window, document) {
  "use strict";
  var L = window.L;
  var GeoLayout = window.GeoLayout || {};

  function $(id) { return document.getElementById(id); }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function numberOf(text) {
    var cleaned = String(text || "").trim().replace(/\uff0c/g, ",").replace(/\s+/g, "");
    if (cleaned.indexOf(",") >= 0 && cleaned.indexOf(".") < 0) { cleaned = cleaned.replace(",", "."); }
    if (!/^[-+]?\d+(\.\d+)?$/.test(cleaned)) { return null; }
    return parseFloat(cleaned);
  }

  /* "lon, lat" (or "lat, lon" when the first cannot be a longitude here) from pasted text */
  function pasted(text) {
    var parts = String(text || "").match(/[-+]?\d+(?:\.\d+)?/g);
    if (!parts || parts.length < 2) { return null; }
    /* the digits as pasted (none lost to a number's shortest form) */
    if (Math.abs(parseFloat(parts[0])) <= 90 && Math.abs(parseFloat(parts[1])) > 90) {
      return [parts[1], parts[0]];
    }
    return [parts[0], parts[1]];
  }

  function init() {
    var box = $("edit-map");
    var lon = $("edit-lon"), lat = $("edit-lat"), system = $("edit-crs");
    if (!box || !lon || !lat || !system || !L) { return; }
    var cfg = JSON.parse(box.getAttribute("data-config"));
    var texts = cfg.texts;
    var where = $("point-where");
    var map = L.map(box, {zoomControl: true, attributionControl: false});
    map.fitBounds(cfg.bounds);
    var marker = null, sequence = 0, timer = null;

    if (window.fetch) {
      window.fetch(cfg.prefectures + "?lod=low&limit=100", {headers: {Accept: "application/geo+json"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          L.geoJSON(data, {interactive: false, style: function () {
            return {color: "#44505c", weight: 1.2, fillColor: "#ffffff", fillOpacity: 0.55};
          }}).addTo(map).bringToBack();
        })
        .catch(function () { /* the map works without them */ });
    }
    if (GeoLayout.countyContext) { GeoLayout.countyContext(map, cfg.context); }

    function show(text, outside) {
      where.textContent = text;
      where.classList.toggle("outside", !!outside);
    }

    function placeMarker(latlng) {
      if (!marker) {
        marker = L.marker(latlng, {draggable: true, keyboard: true, title: texts.marker,
                                   alt: texts.marker, autoPan: true});
        marker.on("dragend", function () { fromMap(marker.getLatLng()); });
        marker.addTo(map);
        marker.getElement().classList.add("edit-marker");
      } else {
        marker.setLatLng(latlng);
      }
    }

    function name(unit) {
      if (!unit) { return ""; }
      return (cfg.lang === "en" ? unit.name_en : unit.name_zh) || unit.name_zh || unit.id;
    }

    /* Ask the server where the typed point is (and its WGS-84 position for the map). */
    function lookup(recentre) {
      var x = numberOf(lon.value), y = numberOf(lat.value);
      if (x === null || y === null || Math.abs(x) > 180 || Math.abs(y) > 90) { show("", false); return; }
      var mine = ++sequence;
      show(texts.checking, false);
      var url = cfg.locate + "?lon=" + encodeURIComponent(x) + "&lat=" + encodeURIComponent(y) +
        "&crs=" + encodeURIComponent(system.value);
      window.fetch(url, {headers: {Accept: "application/json"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || mine !== sequence) { return; }
          var latlng = L.latLng(data.lat, data.lon);
          placeMarker(latlng);
          if (recentre) { map.setView(latlng, Math.max(map.getZoom(), 10)); }
          var units = [name(data.county), name(data.prefecture)].filter(Boolean).join(cfg.lang === "en" ? ", " : "，");
          var confirmBox = $("confirm-outside");
          if (confirmBox) {
            confirmBox.hidden = data.in_province && !$("edit-confirm").checked;
          }
          if (!data.in_province) { show(texts.outside + (units ? " (" + units + ")" : ""), true); }
          else if (!units) { show(texts.unknown_unit, true); }
          else { show(format(texts.inside, {where: units}), false); }
          box.setAttribute("data-point", data.lon + "," + data.lat);
          fillUnit("field-prefecture", data.prefecture);
          fillUnit("field-county", data.county);
        })
        .catch(function () { show("", false); });
    }

    /* A new place's prefecture and county, left empty, are the ones its point falls in (the
       validator needs them); a unit already chosen is the editor's and stays. */
    function fillUnit(id, unit) {
      var select = $(id);
      if (!select || !unit || select.value) { return; }
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === unit.id) { select.value = unit.id; return; }
      }
    }

    function later(recentre) {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { lookup(recentre); }, 350);
    }

    /* The map gives WGS-84: the inputs switch to it. */
    function fromMap(latlng) {
      system.value = "wgs84";
      lon.value = latlng.lng.toFixed(7);
      lat.value = latlng.lat.toFixed(7);
      ownPoint();
      lookup(false);
    }

    /* A point given by hand is the place's own: a county's or prefecture's precision would
       have the server drop it (the point is then derived), so it becomes "site". */
    function ownPoint() {
      var precision = $("field-precision");
      if (precision && ["site", "street", "town"].indexOf(precision.value) < 0) { precision.value = "site"; }
    }

    map.on("click", function (event) { placeMarker(event.latlng); fromMap(event.latlng); });
    lon.addEventListener("input", function () { ownPoint(); later(true); });
    lat.addEventListener("input", function () { ownPoint(); later(true); });
    system.addEventListener("change", function () { lookup(true); });

    var paste = $("edit-paste");
    if (paste) {
      paste.addEventListener("input", function () {
        var point = pasted(paste.value);
        if (!point) { return; }
        lon.value = point[0];
        lat.value = point[1];
        ownPoint();
        lookup(true);
      });
    }

    var locateButton = $("edit-geolocate");
    if (locateButton && navigator.geolocation) {
      locateButton.hidden = false;
      locateButton.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (position) {
          var c = position.coords, metres = Math.max(1, Math.round(c.accuracy || 0));
          system.value = "wgs84";
          lon.value = c.longitude.toFixed(7);
          lat.value = c.latitude.toFixed(7);
          var precision = $("field-precision"), radius = $("field-uncertainty_km"),
            source = $("field-location_source");
          if (precision) { precision.value = metres <= 500 ? "site" : metres <= 1000 ? "street" : "town"; }
          if (radius) { radius.value = (metres / 1000).toFixed(3); }
          if (source && !source.value.trim()) { source.value = format(texts.gps_source, {m: metres}); }
          lookup(true);
          window.setTimeout(function () {
            where.textContent += " · " + format(texts.accuracy, {m: metres});
          }, 600);
        }, function (error) {
          show(format(texts.geolocation_failed, {reason: error.message || error.code}), true);
        }, {enableHighAccuracy: true, timeout: 20000, maximumAge: 0});
      });
    }

    if (numberOf(lon.value) !== null && numberOf(lat.value) !== null) { lookup(true); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})(window, document);
