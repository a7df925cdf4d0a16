/*
 * The partner portal's map (issue 12): when static/npt/map.js has drawn the LSOAs it fires "npt:map-drawn";
 * each LSOA then gets a popup copied from its row in the table twin (#lsoa-crime-table tr[data-code]).
 * The popup is built from DOM nodes whose textContent is the cells' text: LSOA names come from imported
 * files, and Leaflet would insert a string popup as HTML.
 */
(function () {
  "use strict";

  function popupFor(row, headers) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = row.cells[0].textContent.trim();
    box.appendChild(title);
    var list = document.createElement("dl");
    for (var i = 1; i < row.cells.length; i++) {
      var term = document.createElement("dt");
      term.textContent = headers[i];
      var value = document.createElement("dd");
      value.textContent = row.cells[i].textContent.trim();
      list.appendChild(term);
      list.appendChild(value);
    }
    box.appendChild(list);
    return box;
  }

  document.addEventListener("npt:map-drawn", function (event) {
    var table = document.getElementById("lsoa-crime-table");
    if (!table || !table.tHead) return;
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) {
      return cell.textContent.trim();
    });
    var rows = {};
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr[data-code]"), function (row) {
      rows[row.getAttribute("data-code")] = row;
    });
    var bound = 0;
    event.detail.layer.eachLayer(function (layer) {
      var p = (layer.feature && layer.feature.properties) || {};
      if (p.kind === "boundary" || !rows[p.code]) return;
      layer.bindPopup(popupFor(rows[p.code], headers));
      bound += 1;
    });
    event.target.setAttribute("data-popups", String(bound));
  });
})();
