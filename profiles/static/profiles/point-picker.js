/*
 * Choosing a significant location's position (profiles/item_form.html): click the map, or type the
 * coordinates; each moves the marker. django-leaflet calls window.nptPointPicker(map) once the map exists.
 */
(function () {
  "use strict";

  window.nptPointPicker = function (map) {
    var container = map.getContainer();
    var lat = document.getElementById(container.getAttribute("data-lat-input"));
    var lng = document.getElementById(container.getAttribute("data-lng-input"));
    var status = document.getElementById("point-map-status");
    var boundary = JSON.parse(document.getElementById(container.getAttribute("data-boundary-id")).textContent);
    var outline = L.geoJSON(boundary, { style: { color: "#0b0c0c", weight: 3, fill: false }, interactive: false }).addTo(map);
    if (outline.getBounds().isValid()) map.fitBounds(outline.getBounds(), { padding: [8, 8] });
    var marker = null;

    function place(latlng) {
      if (!marker) {
        marker = L.circleMarker(latlng, { radius: 8, color: "#d4351c", weight: 3, fillOpacity: 0.6 }).addTo(map);
      } else {
        marker.setLatLng(latlng);
      }
      if (status) status.textContent = "Location set to " + latlng.lat.toFixed(5) + ", " + latlng.lng.toFixed(5) + ".";
    }

    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = event.latlng.lng.toFixed(6);
      place(event.latlng);
    });

    function fromInputs() {
      var a = parseFloat(lat.value);
      var b = parseFloat(lng.value);
      if (!isNaN(a) && !isNaN(b)) place(L.latLng(a, b));
    }
    lat.addEventListener("change", fromInputs);
    lng.addEventListener("change", fromInputs);
    fromInputs();
    container.setAttribute("data-ready", "true");
  };
})();
