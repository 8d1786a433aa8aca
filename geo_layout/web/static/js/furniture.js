/* geo_layout map furniture: the controls, the legend and the labels never cover what the map
 * is about. Written for this app; loaded after leaflet.js and controls.js, called from the
 * map's script (maps/elements.py MapControls) as GeoLayout.furniture(map, bounds).
 * - On a phone the layer control and the legend move to the bottom-left corner.
 * - The map's subject (its initial bounds) is fitted into the part of the map the controls
 *   leave free (fitBounds paddingTopLeft / paddingBottomRight from the controls' boxes), and
 *   fitted again when the legend opens or folds, as long as the reader has not moved the map.
 * - Popups pan into that free part too, no wider or taller than it; the hover tooltip of a
 *   shape closes when its popup opens; on a phone-sized map an open popup folds the legend
 *   and opening the legend closes the popup (neither covers the other).
 * - Labels are placed in order of importance (element badges, then prefecture names, then
 *   county names): each takes the first of a few positions that overlaps no placed label, no
 *   marker or cluster and no control, or is hidden (a name is dropped rather than overlap).
 * - Area shapes stay out of the Tab order (the map's text version lists them; their popups are
 *   a click away); the map itself, its controls and the element badges remain. */
(function (window, document) {
  "use strict";
  var L = window.L;
  var GeoLayout = window.GeoLayout = window.GeoLayout || {};
  var PHONE = "(max-width: 600px)";
  var GAP = 8;              /* px between the subject and a control */
  var LEGEND_OPEN_WIDTH = 800;  /* the legend starts open on maps at least this wide */
  var HIDDEN = "gl-label-hidden";

  function isPhone() { return !!(window.matchMedia && window.matchMedia(PHONE).matches); }

  function visibleRect(el) {
    var r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) { return null; }
    if (window.getComputedStyle(el).visibility === "hidden") { return null; }
    return r;
  }

  function controlRects(map) {
    var out = [], all = map.getContainer().querySelectorAll(".leaflet-control");
    for (var i = 0; i < all.length; i++) {
      var r = visibleRect(all[i]);
      if (r) { out.push(r); }
    }
    return out;
  }

  /* How far in from each side of the map the controls reach, in px (plus GAP). */
  GeoLayout.margins = function (map) {
    var c = map.getContainer(), box = c.getBoundingClientRect();
    var m = {left: GAP, right: GAP, top: GAP, bottom: GAP};
    function each(selector, fn) {
      var corner = c.querySelector(selector);
      if (!corner) { return; }
      for (var i = 0; i < corner.children.length; i++) {
        var r = visibleRect(corner.children[i]);
        if (r) { fn(r); }
      }
    }
    each(".leaflet-top.leaflet-left", function (r) {
      m.left = Math.max(m.left, r.right - box.left + GAP);
    });
    each(".leaflet-top.leaflet-right", function (r) {
      m.right = Math.max(m.right, box.right - r.left + GAP);
    });
    each(".leaflet-bottom.leaflet-left", function (r) {
      m.bottom = Math.max(m.bottom, box.bottom - r.top + GAP);
    });
    each(".leaflet-bottom.leaflet-right", function (r) {
      m.bottom = Math.max(m.bottom, box.bottom - r.top + GAP);
    });
    /* a map too small for its controls still shows its subject, over some of them */
    var spare = box.width - m.left - m.right;
    if (spare < box.width * 0.4) {
      var k = box.width * 0.6 / (m.left + m.right);
      m.left *= k;
      m.right *= k;
    }
    return m;
  };

  /* On a phone the layer control and the legend sit above the scale, bottom left: the top
   * corners then leave the map's whole width (but the zoom buttons' column) to the subject,
   * and the legend opens upwards like a sheet. */
  function toBottomLeft(container) {
    var corner = container.querySelector(".leaflet-bottom.leaflet-left");
    var moving = container.querySelectorAll(".leaflet-right .leaflet-control-layers, " +
                                            ".leaflet-right .gl-legend-control");
    for (var i = 0; i < moving.length && corner; i++) {
      corner.insertBefore(moving[i], corner.firstChild);
    }
  }

  function viewKey(map) {
    var c = map.getCenter();
    return c.lat.toFixed(6) + "," + c.lng.toFixed(6) + "," + map.getZoom();
  }

  GeoLayout.furniture = function (map, bounds) {
    var container = map.getContainer();
    var fitted = map._animatingZoom ? null : viewKey(map);  /* the map's own first fit */
    if (fitted === null) { map.once("zoomend", function () { fitted = viewKey(map); fit(); }); }
    var legendBox = container.querySelector(".gl-legend-details");

    /* fit the subject into the free part, unless the reader (or ?bbox=) moved the map */
    function fit() {
      if (map._animatingZoom) { map.once("zoomend", fit); return; }
      if (!bounds || viewKey(map) !== fitted) { return; }
      var m = GeoLayout.margins(map);
      map.fitBounds(bounds, {paddingTopLeft: [m.left, m.top],
                             paddingBottomRight: [m.right, m.bottom], animate: false});
      fitted = viewKey(map);
    }

    if (isPhone()) { toBottomLeft(container); }
    if (legendBox) {
      legendBox.open = !isPhone() && map.getSize().x >= LEGEND_OPEN_WIDTH;
      legendBox.addEventListener("toggle", function () {
        if (legendBox.open && isPhone()) { map.closePopup(); }
        if (!isPhone()) { fit(); }
        schedule();
      });
    }
    fit();
    map.on("resize", fit);  /* full screen, a turned phone: refit while untouched */

    map.on("popupopen", function (e) {
      var popup = e.popup, source = popup._source;
      if (source && source.closeTooltip) { source.closeTooltip(); }
      if (legendBox && legendBox.open && isPhone()) { legendBox.open = false; }
      var m = GeoLayout.margins(map), size = map.getSize();
      popup.options.autoPanPaddingTopLeft = L.point(m.left, m.top);
      popup.options.autoPanPaddingBottomRight = L.point(m.right, m.bottom);
      /* the content's width; the frame adds 44 px of margin, the tip 20 px below */
      popup.options.maxWidth = Math.max(100, Math.min(320, size.x - m.left - m.right - 50));
      popup.options.maxHeight = Math.max(100, size.y - m.top - m.bottom - 60);
      popup.update();
    });
    map.on("tooltipopen", function (e) {
      var source = e.tooltip._source;
      if (source && source.isPopupOpen && source.isPopupOpen()) { source.closeTooltip(); }
    });

    function untab(layer) {
      if (layer._path) { layer._path.setAttribute("tabindex", "-1"); }
    }
    map.eachLayer(untab);
    map.on("layeradd", function (e) { untab(e.layer); });

    var timer = null, waited = 0, pane = map.getPanes().markerPane;
    function schedule() {  /* data-gl-placing: labels are about to move (for tests) */
      if (timer) { window.clearTimeout(timer); }
      container.setAttribute("data-gl-placing", "");
      timer = window.setTimeout(function () {
        timer = null;
        /* markers still moving (a zoom, or clusters splitting): measure once they stop */
        var moving = map._animatingZoom || container.querySelector(".leaflet-cluster-anim") ||
          (pane.getAnimations && pane.getAnimations({subtree: true}).length);
        if (moving && waited++ < 30) { schedule(); return; }
        waited = 0;
        GeoLayout.placeLabels(map);
        container.removeAttribute("data-gl-placing");
      }, 30);
    }
    map.on("zoomend moveend resize layeradd layerremove", schedule);
    if (window.MutationObserver) {
      new window.MutationObserver(schedule).observe(map.getPanes().markerPane,
                                                    {childList: true});
    }
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(schedule); }
    schedule();
  };

  function overlaps(a, b) {
    return a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
           a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  }

  function hitsAny(r, list) {
    for (var i = 0; i < list.length; i++) { if (overlaps(r, list[i])) { return true; } }
    return false;
  }

  function inside(r, box) {
    return r.left >= box.left && r.right <= box.right && r.top >= box.top &&
           r.bottom <= box.bottom;
  }

  function moved(r, dx, dy) {
    return {left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy};
  }

  function rank(label) {
    var cls = label.parentNode.className;
    return /gl-badge/.test(cls) ? 0 : /gl-prefecture-label/.test(cls) ? 1 : 2;
  }

  /* Place every label of the map (see the file's comment). */
  GeoLayout.placeLabels = function (map) {
    var container = map.getContainer();
    var pane = map.getPanes().markerPane;
    var spans = Array.prototype.slice.call(pane.querySelectorAll(".gl-label > span"));
    spans.forEach(function (s) {
      s.style.translate = "";
      L.DomUtil.removeClass(s.parentNode, HIDDEN);
    });
    var marks = [];
    var dots = pane.querySelectorAll(".gl-marker .gl-dot, .marker-cluster, .gl-progress-mark svg");
    for (var i = 0; i < dots.length; i++) {
      var d = visibleRect(dots[i]);
      if (d) { marks.push(d); }
    }
    var controls = controlRects(map);
    var items = spans.map(function (s, i) {
      return {span: s, rank: rank(s), order: i, rect: s.getBoundingClientRect()};
    }).filter(function (it) { return it.rect.width > 0; });
    items.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
    var placed = [];
    var view = container.getBoundingClientRect();
    items.forEach(function (it) {
      var r = it.rect, w = r.right - r.left, h = r.bottom - r.top;
      if (!overlaps(r, view)) { return; }  /* off the map: nothing to collide with */
      var tries = [[0, 0], [0, -h * 0.9], [0, h * 0.9], [w * 0.6, 0], [-w * 0.6, 0],
                   [0, -h * 1.8], [0, h * 1.8], [-w * 0.6, -h * 0.9], [-w * 0.6, h * 0.9],
                   [w * 0.6, -h * 0.9], [w * 0.6, h * 0.9], [-w * 1.2, 0], [w * 1.2, 0]];
      var rules = it.rank === 0 ? [[placed, marks, controls], [placed, controls], [placed]]
                                : [[placed, marks, controls]];
      for (var k = 0; k < rules.length; k++) {
        for (var j = 0; j < tries.length; j++) {
          var c = moved(r, tries[j][0], tries[j][1]);
          var free = (k === rules.length - 1 && k > 0 || inside(c, view)) &&
            rules[k].every(function (list) { return !hitsAny(c, list); });
          if (free) {
            if (tries[j][0] || tries[j][1]) {
              it.span.style.translate = tries[j][0] + "px " + tries[j][1] + "px";
            }
            placed.push(c);
            return;
          }
        }
      }
      L.DomUtil.addClass(it.span.parentNode, HIDDEN);
    });
    container.setAttribute("data-gl-labels", String(placed.length));
  };
})(window, document);
