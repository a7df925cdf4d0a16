/*
 * Page-wide enhancements loaded by templates/base.html.
 *
 * Wide tables: templates wrap a table in {% table_region %} (core/templatetags/npt.py), which makes it scroll
 * inside a focusable, labelled region instead of widening the page on a phone. Any .govuk-table a template
 * left unwrapped is wrapped here the same way, named after its caption (or the heading just before it).
 * Without JavaScript such tables scroll by themselves (npt.scss, "Small screens").
 *
 * Buttons marked data-npt-print open the print dialogue: the Content-Security-Policy refuses inline onclick
 * handlers (npt/settings/security.py), so behaviour is attached here.
 */
(function () {
  "use strict";

  function labelFor(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var before = table.previousElementSibling;
    while (before && !/^H[1-6]$/.test(before.tagName)) before = before.previousElementSibling;
    return before ? before.textContent.trim() : "Table";
  }

  function wrapTables(root) {
    var tables = root.querySelectorAll("table.govuk-table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.parentElement && table.parentElement.classList.contains("npt-table-region")) continue;
      var region = document.createElement("div");
      region.className = "npt-table-region";
      region.setAttribute("role", "region");
      region.setAttribute("tabindex", "0");
      region.setAttribute("aria-label", labelFor(table));  // an attribute value: text, never markup
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
    }
  }

  function start() {
    wrapTables(document);
    document.body.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-npt-print]") : null;
      if (button) window.print();
    });
    // htmx swaps in fragments (job progress, profile sections): wrap what they bring.
    document.body.addEventListener("htmx:afterSettle", function () { wrapTables(document); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
