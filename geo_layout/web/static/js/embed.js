/* Embedding, written for this app. Loaded (deferred, so after the map's inline script) by:
 * - a map page's embed panel (templates/_embed_panel.html): builds the <iframe> snippet from
 *   the map's current view, the page's language, basemap and filters and the panel's options,
 *   and points its export links (PNG/SVG/PDF/HTML) at the same view and filters with the
 *   paper size, orientation, dpi and language chosen in the panel;
 *   a map page also honours ?bbox=w,s,e,n or ?center=lat,lon&zoom=z (the embed's "open full
 *   map" link uses them);
 * - an /embed/ document: keeps its "open full map" link on the view the reader has panned to.
 * The Leaflet map is found through its container: folium names the map's global variable and
 * its <div class="gl-map"> id alike (m.get_name()). */
(function (window, document) {
  "use strict";

  function mapIn(root) {
    var el = (root || document).querySelector(".gl-map") || document.querySelector(".gl-map");
    var map = el && window[el.id];
    return map && typeof map.getBounds === "function" ? map : null;
  }

  function fixed(x, lo, hi) {
    return Math.min(hi, Math.max(lo, x)).toFixed(4).replace(/\.?0+$/, "");
  }

  /* "w,s,e,n" of the map's visible area, in degrees, rounded to ~10 m. */
  function bboxOf(map) {
    var b = map.getBounds();
    return [fixed(b.getWest(), -180, 180), fixed(b.getSouth(), -90, 90),
            fixed(b.getEast(), -180, 180), fixed(b.getNorth(), -90, 90)].join(",");
  }

  function attr(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;")
      .replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function checked(panel, name) {
    var input = panel.querySelector('input[name="' + name + '"]');
    return input ? input.checked : true;
  }

  function chosen(panel, name, fallback) {
    var input = panel.querySelector('select[name="' + name + '"]');
    return (input && input.value) || fallback;
  }

  /* The page's directory filters, onto a parks or sites map's URL. */
  function addFilters(panel, url) {
    if (!/\/maps\/(parks|sites)(\.[a-z]+)?$/.test(url.pathname)) { return; }
    var page = new URLSearchParams(window.location.search);
    (panel.getAttribute("data-filters") || "").split(/\s+/).forEach(function (name) {
      var value = name && page.get(name);
      if (value) { url.searchParams.set(name, value); }
    });
  }

  /* The embed URL for the panel's map as it is now. */
  function embedUrl(panel, map) {
    var url = new URL(panel.getAttribute("data-embed-url"), window.location.href);
    var page = new URLSearchParams(window.location.search);
    var params = url.searchParams;
    params.set("lang", panel.getAttribute("data-lang") || "zh");
    var basemap = page.get("basemap");
    if (basemap && basemap !== "none") { params.set("basemap", basemap); }
    addFilters(panel, url);
    if (map && checked(panel, "embed-view")) { params.set("bbox", bboxOf(map)); }
    if (!checked(panel, "embed-legend")) { params.set("legend", "0"); }
    return url.toString();
  }

  /* An export link's URL: the map as it is now (view, filters) with the panel's options. */
  function exportUrl(panel, map, link) {
    var url = new URL(link.getAttribute("data-base") || link.getAttribute("href"),
                      window.location.href);
    var params = url.searchParams;
    params.set("lang", chosen(panel, "export-lang", panel.getAttribute("data-lang") || "zh"));
    addFilters(panel, url);
    if (map && checked(panel, "embed-view")) { params.set("bbox", bboxOf(map)); }
    if (link.getAttribute("data-format") !== "html") {
      params.set("size", chosen(panel, "export-size", "a4"));
      params.set("orientation", chosen(panel, "export-orientation", "landscape"));
      if (link.getAttribute("data-format") === "png") {
        params.set("dpi", chosen(panel, "export-dpi", "150"));
      }
    }
    return url.pathname + url.search;
  }

  function snippet(panel, src) {
    var title = attr(panel.getAttribute("data-title") || "");
    var size = panel.querySelector('input[name="embed-size"]:checked');
    if (size && size.value === "responsive") {
      return '<div style="position:relative;width:100%;height:0;padding-bottom:56.25%">' +
        '<iframe src="' + attr(src) + '" style="position:absolute;top:0;left:0;width:100%;' +
        'height:100%;border:0" loading="lazy" title="' + title + '"></iframe></div>';
    }
    var input = panel.querySelector('input[name="embed-height"]');
    var height = Math.round(Number(input && input.value) || 500);
    height = Math.min(2000, Math.max(200, height));
    return '<iframe src="' + attr(src) + '" width="100%" height="' + height +
      '" style="border:0" loading="lazy" title="' + title + '"></iframe>';
  }

  function initPanel(panel) {
    var map = mapIn(panel.closest(".map-panel"));
    var code = panel.querySelector(".embed-code");
    var preview = panel.querySelector(".embed-preview");
    var links = panel.querySelectorAll("a.export-link");
    for (var i = 0; i < links.length; i++) {
      links[i].setAttribute("data-base", links[i].getAttribute("href"));
      links[i].addEventListener("click", function () { update(); });  /* before it follows */
    }
    function update() {
      var src = embedUrl(panel, map);
      code.value = snippet(panel, src);
      if (preview) { preview.href = src; }
      for (var j = 0; j < links.length; j++) {
        links[j].setAttribute("href", exportUrl(panel, map, links[j]));
      }
    }
    panel.addEventListener("toggle", function () { if (panel.open) { update(); } });
    panel.addEventListener("input", update);
    panel.addEventListener("change", update);
    if (map) { map.on("moveend", function () { if (panel.open) { update(); } }); }
    if (panel.open) { update(); }
  }

  /* ?bbox= or ?center=&zoom= on a map page: show that view (the embed's "open full map"). */
  function applyView(map) {
    var page = new URLSearchParams(window.location.search);
    var nums = function (text) { return (text || "").split(",").map(Number); };
    var b = nums(page.get("bbox"));
    if (b.length === 4 && b.every(isFinite) && b[0] < b[2] && b[1] < b[3]) {
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
      return;
    }
    var c = nums(page.get("center"));
    var z = Number(page.get("zoom"));
    if (c.length === 2 && c.every(isFinite) && page.get("zoom") && isFinite(z)) {
      map.setView(c, z);
    }
  }

  function initEmbed(link) {
    var map = mapIn(document);
    if (!map) { return; }
    function update() {
      var url = new URL(link.href, window.location.href);
      url.searchParams.delete("center");
      url.searchParams.delete("zoom");
      url.searchParams.set("bbox", bboxOf(map));
      link.href = url.toString();
    }
    map.on("moveend", update);
  }

  /* Printing keeps the legend and the text: a legend folded on a small screen and the map's
   * text version are opened for the print (the panels and filters are not printed). */
  function openLegendsForPrint() {
    var boxes = document.querySelectorAll("details:not(.embed-panel):not(.filters)");
    for (var i = 0; i < boxes.length; i++) { boxes[i].open = true; }
  }

  function init() {
    window.addEventListener("beforeprint", openLegendsForPrint);
    var link = document.querySelector("a.gl-open-full");
    if (link) { initEmbed(link); return; }
    var panels = document.querySelectorAll("details.embed-panel[data-embed-url]");
    for (var i = 0; i < panels.length; i++) { initPanel(panels[i]); }
    var map = panels.length ? mapIn(panels[0].closest(".map-panel")) : null;
    if (map) { applyView(map); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(window, document);
