/* geo_layout: the "Edit" and "New" links of the pages, which are cached for everyone and so
 * carry those links hidden. The account corner, filled for each reader after the cache
 * (web/auth.py), says when the reader may edit this plan (data-may-edit); then this reveals
 * the links (css/editor.css shows .gl-edit under .gl-can-edit, map popups included). The
 * server refuses anyone else whatever a page shows. */
(function (document) {
  "use strict";
  function init() {
    if (document.querySelector(".account[data-may-edit]")) {
      document.documentElement.classList.add("gl-can-edit");
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})(document);
