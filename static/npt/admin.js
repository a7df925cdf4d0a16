/*
 * Accessibility fixes for widgets Django's admin builds itself (templates/admin/base_site.html loads this).
 * axe found two on our admin pages (issue 6 item 15):
 *  - the split date and time boxes (AdminSplitDateTime) have "Date:" and "Time:" as bare text, so neither box
 *    has a name: each gets aria-label "<field label>: date" / ": time";
 *  - filter_horizontal's search icon is a <span> with aria-label, which ARIA forbids on a span without a role:
 *    it becomes role="img", which is what it is.
 * Labels are read with textContent and written with setAttribute: text only, never markup.
 */
(function () {
  "use strict";

  function nameSplitDateTimes() {
    document.querySelectorAll("p.datetime").forEach(function (box) {
      var row = box.closest(".form-row");
      var label = row ? row.querySelector("label") : null;
      var field = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
      box.querySelectorAll("input.vDateField, input.vTimeField").forEach(function (input) {
        if (input.getAttribute("aria-label") || (input.labels && input.labels.length)) return;
        var part = input.classList.contains("vDateField") ? "date" : "time";
        input.setAttribute("aria-label", field ? field + ": " + part : part);
      });
    });
  }

  function giveIconsARole() {
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function fix() {
    nameSplitDateTimes();
    giveIconsARole();
  }

  document.addEventListener("DOMContentLoaded", fix);
  // SelectFilter2 and the calendar shortcuts build their widgets on window load, after this file's listeners
  // were added; wait one turn so they have run.
  window.addEventListener("load", function () { window.setTimeout(fix, 0); });
})();
