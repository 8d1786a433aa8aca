/* The progress map's date slider: moves through the plan period by month end (the last stop
   is "today") and reloads the page as of the chosen date (?as_of=YYYY-MM-DD, every other
   parameter kept). Arrow keys, Page Up/Down, Home and End move it; the page reloads once the
   slider rests (released, or no key pressed for a moment), so stepping through months with the
   keyboard does not reload at every step. Without JavaScript the select and button below it do
   the same. Texts come from the page (data attributes) and are set with textContent. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-as-of-slider]");
  if (!form) { return; }
  var box = form.querySelector(".as-of-slider");
  var range = form.querySelector("#as-of-range");
  var select = form.querySelector("#as-of-select");
  var shown = form.querySelector("#as-of-shown strong");
  if (!box || !range || !select) { return; }
  var values = JSON.parse(range.getAttribute("data-values"));
  var labels = JSON.parse(range.getAttribute("data-labels"));
  var asOf = range.getAttribute("data-as-of");
  var today = range.getAttribute("data-today");
  var start = range.value;
  var timer = null;

  box.hidden = false;
  form.querySelector(".as-of-select").hidden = true;

  function describe(i) {
    return values[i] ? asOf.replace("{date}", labels[i]) : today;
  }

  function show() {
    var i = Number(range.value);
    range.setAttribute("aria-valuetext", describe(i));
    if (shown) { shown.textContent = describe(i); }
    select.value = values[i];
  }

  function go() {
    window.clearTimeout(timer);
    if (range.value === start) { return; }
    start = range.value;
    form.setAttribute("aria-busy", "true");
    // the select carries as_of; "today" drops it
    select.disabled = !values[Number(range.value)];
    form.submit();
  }

  range.addEventListener("input", show);
  range.addEventListener("change", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(go, 700);
  });
  range.addEventListener("pointerup", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(go, 150);
  });
  range.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); go(); }
  });
  show();
})();
