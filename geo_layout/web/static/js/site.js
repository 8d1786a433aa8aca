/* Small progressive enhancements; every page works without them.
   - copy buttons: copy the value of a read-only field (navigator.clipboard, or select the text
     so the user can press Ctrl+C when the clipboard API is unavailable, e.g. plain http);
   - directory filters: changing a select submits the GET form (the URL stays shareable);
     on a phone-sized screen they start folded (their summary says how many are set). */
(function () {
  "use strict";

  function flash(button, text) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = text;
    button.classList.add("copied");
    window.setTimeout(function () {
      button.textContent = original;
      button.classList.remove("copied");
    }, 1800);
  }

  function selectField(field) {
    field.focus();
    field.select();
    try { field.setSelectionRange(0, field.value.length); } catch (e) { /* not a text input */ }
  }

  function fallbackCopy(field, button) {
    selectField(field);
    var ok = false;
    try { ok = document.execCommand && document.execCommand("copy"); } catch (e) { ok = false; }
    flash(button, ok ? button.getAttribute("data-copied") : button.getAttribute("data-failed"));
  }

  function onCopy(event) {
    var button = event.currentTarget;
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () {
        selectField(field);
        flash(button, button.getAttribute("data-copied"));
      }, function () { fallbackCopy(field, button); });
    } else {
      fallbackCopy(field, button);
    }
  }

  var PHONE = "(max-width: 600px)";

  function foldOnPhone() {
    if (!window.matchMedia || !window.matchMedia(PHONE).matches) { return; }
    var folds = document.querySelectorAll("details.filters[open]");
    for (var i = 0; i < folds.length; i++) { folds[i].open = false; }
  }

  function init() {
    foldOnPhone();
    var buttons = document.querySelectorAll(".copy-button[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", onCopy);
    }
    var selects = document.querySelectorAll(".directory-form select.auto-submit");
    for (var j = 0; j < selects.length; j++) {
      selects[j].addEventListener("change", function (event) {
        event.currentTarget.form.submit();
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
