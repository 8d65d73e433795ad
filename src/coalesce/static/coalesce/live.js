/* Live-session pages (control room, phone): polling with htmx, made safe for forms.
   The polled part is replaced every few seconds; while somebody is filling in a form
   inside it (a field has focus or differs from what the server sent), the poll is
   skipped so nothing typed or chosen is lost; a button or link that had the keyboard's
   focus has it again after the refresh. Pages work without this file. */
(function () {
  "use strict";
  function edited(root) {
    var active = document.activeElement;
    if (active && root.contains(active) && active.matches("input, select, textarea")) {
      return true;
    }
    var fields = root.querySelectorAll("input, select, textarea");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "hidden" || f.type === "submit") continue;
      if (f.type === "radio" || f.type === "checkbox") {
        if (f.checked !== f.defaultChecked) return true;
      } else if (f.tagName === "SELECT") {
        for (var j = 0; j < f.options.length; j++) {
          if (f.options[j].selected !== f.options[j].defaultSelected) return true;
        }
      } else if (f.value !== f.defaultValue) {
        return true;
      }
    }
    return false;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.hasAttribute("data-poll") && edited(elt)) event.preventDefault();
  });
  var FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";
  var focusWas = null;
  // Only fragments are swapped in: a whole page (an error page) never lands inside one.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var text = event.detail.xhr && event.detail.xhr.responseText;
    if (text && /<html[\s>]/i.test(text)) {
      event.detail.shouldSwap = false;
      return;
    }
    var root = event.detail.target, active = document.activeElement;
    focusWas = null;
    if (root && root.id && active && active !== document.body && root.contains(active)) {
      var all = Array.prototype.slice.call(root.querySelectorAll(FOCUSABLE));
      focusWas = { id: root.id, index: all.indexOf(active), text: active.textContent };
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!focusWas) return;
    var root = document.getElementById(focusWas.id), was = focusWas;
    focusWas = null;
    if (!root) return;
    // The same place if it still says the same, else the first that does, else the place.
    var all = root.querySelectorAll(FOCUSABLE), same = all[was.index];
    if (!same || same.textContent !== was.text) {
      for (var i = 0; i < all.length; i++) {
        if (all[i].textContent === was.text) { same = all[i]; break; }
      }
    }
    same = same || all[was.index];
    if (same) same.focus({ preventScroll: true });
  });
})();
