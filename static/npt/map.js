/*
 * NPT maps (templates/includes/map.html): draw a GeoJSON FeatureCollection on a django-leaflet map
 * and zoom to it. django-leaflet calls window.nptMapInit(map) once the map exists.
 */
(function () {
  "use strict";

  var STYLES = {
    boundary: { color: "#0b0c0c", weight: 3, fill: false },
    other: { color: "#1d70b8", weight: 1, fillColor: "#1d70b8", fillOpacity: 0.15 }
  };

  function style(feature) {
    var kind = feature.properties && feature.properties.kind;
    return STYLES[kind] || STYLES.other;
  }

  // Leaflet inserts a string given to bindTooltip, bindPopup or a control as HTML. Labels come from users
  // (significant location names) and imported files (neighbourhood and LSOA names), so they go in as a DOM
  // node whose textContent is set: a name like <img onerror=...> then shows as those characters and never runs.
  function textNode(text, tag) {
    var node = document.createElement(tag || "span");
    node.textContent = String(text);
    return node;
  }

  function tooltip(feature, layer) {
    var p = feature.properties || {};
    var text = p.label || p.name;
    if (text === undefined || text === null || text === "") return;
    layer.bindTooltip(textNode(text), { sticky: true });
    // A marker's image gets the name as its text alternative (Leaflet sets img.alt, a property, not markup).
    if (layer instanceof L.Marker) layer.options.alt = String(text);
  }

  // police.uk map points (crime/_panel.html): a circle whose area grows with the number of records there.
  function point(feature, latlng) {
    var p = feature.properties || {};
    if (p.kind !== "crime-point") return L.marker(latlng);
    var count = Number(p.count) || 1;
    return L.circleMarker(latlng, {
      radius: Math.min(4 + 2 * Math.sqrt(count), 24),
      color: "#0b0c0c", weight: 1, fillColor: "#d4351c", fillOpacity: 0.6
    });
  }

  function setStatus(container, text) {
    var status = document.getElementById(container.id + "-status");
    if (status) status.textContent = text;
  }

  function draw(map, data) {
    var container = map.getContainer();
    var layer = L.geoJSON(data, { style: style, onEachFeature: tooltip, pointToLayer: point }).addTo(map);
    var bounds = layer.getBounds();
    // Quarter zoom steps so a small neighbourhood fills the map instead of snapping to half its size.
    map.options.zoomSnap = 0.25;
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false });
    // Lets tests and people know the map is ready and how much it drew.
    container.setAttribute("data-features", String(layer.getLayers().length));
    if (!layer.getLayers().length) setStatus(container, "There is nothing to show on the map.");
    // Page scripts add to the drawn layer (popups from a table twin: partners/static/partners/portal_map.js).
    container.dispatchEvent(new CustomEvent("npt:map-drawn", { bubbles: true, detail: { map: map, layer: layer } }));
  }

  // For other map scripts: the one safe way to put a label into a tooltip, popup or legend.
  window.nptMapText = textNode;

  window.nptMapInit = function (map) {
    var container = map.getContainer();
    var inlineId = container.getAttribute("data-geojson-id");
    var url = container.getAttribute("data-geojson-url");
    if (inlineId) {
      var script = document.getElementById(inlineId);
      if (script) draw(map, JSON.parse(script.textContent));
      return;
    }
    if (!url) return;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) { draw(map, data); })
      .catch(function () {
        container.setAttribute("data-error", "true");
        setStatus(container, "The map could not be loaded. The table has the same information.");
      });
  };
})();
