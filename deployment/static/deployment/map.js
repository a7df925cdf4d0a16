/*
 * The deployment map (deployment/map.html): neighbourhood boundaries and an LSOA choropleth of one force.
 * The LSOA layer is fetched for the zoom (the server simplifies geometry per zoom) and restyled when the
 * reader picks another measure. Every label goes in as DOM text (textContent), never as HTML.
 */
(function () {
  "use strict";

  var MISSING = "#b1b4b6";
  var SCALES = {
    imd_decile: {
      title: "IMD decile (1 = most deprived 10%)",
      classes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(function (d) {
        var shades = ["#67000d", "#a50f15", "#cb181d", "#ef3b2c", "#fb6a4a", "#fc9272", "#fcbba1", "#fee0d2", "#fff5f0", "#ffffff"];
        return { label: String(d), colour: shades[d - 1], test: function (v) { return v === d; } };
      })
    },
    score: {
      title: "Deployment score (0-100)",
      classes: [[80, 101], [60, 80], [40, 60], [20, 40], [-1000, 20]].map(function (r, i) {
        var shades = ["#08306b", "#2171b5", "#6baed6", "#c6dbef", "#f7fbff"];
        return { label: r[0] < 0 ? "under " + r[1] : r[0] + " to " + Math.min(r[1], 100), colour: shades[i],
          test: function (v) { return v >= r[0] && v < r[1]; } };
      })
    },
    band: {
      title: "Band",
      classes: [["priority", "Priority (top 10%)", "#d4351c"], ["high", "High (next 20%)", "#f47738"], ["other", "Other", "#ffffff"]].map(function (b) {
        return { label: b[1], colour: b[2], test: function (v) { return v === b[0]; } };
      })
    },
    crime_rate: {
      title: "Recorded crime per 1,000 residents, 12 months",
      classes: [[400, 1e9], [200, 400], [100, 200], [50, 100], [0, 50]].map(function (r, i) {
        var shades = ["#3f007d", "#6a51a3", "#9e9ac8", "#dadaeb", "#fcfbfd"];
        return { label: r[1] > 1e8 ? r[0] + " or more" : r[0] + " to " + r[1], colour: shades[i],
          test: function (v) { return v >= r[0] && v < r[1]; } };
      })
    }
  };

  function text(value, tag) {
    var node = document.createElement(tag || "span");
    node.textContent = String(value);
    return node;
  }

  function colour(measure, value) {
    if (value === null || value === undefined || value === "missing") return MISSING;
    var found = SCALES[measure].classes.filter(function (c) { return c.test(value); })[0];
    return found ? found.colour : MISSING;
  }

  function legend(measure) {
    var list = document.getElementById("deployment-legend");
    if (!list) return;
    while (list.firstChild) list.removeChild(list.firstChild);
    list.appendChild(text(SCALES[measure].title + ":", "li"));
    SCALES[measure].classes.concat([{ label: "Missing or not scored", colour: MISSING }]).forEach(function (c) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "npt-legend__swatch";
      swatch.style.background = c.colour;
      item.appendChild(swatch);
      item.appendChild(text(c.label));
      list.appendChild(item);
    });
  }

  function tooltip(feature, layer) {
    var p = feature.properties || {};
    var box = document.createElement("div");
    box.appendChild(text(p.label || p.name || "", "strong"));
    if (p.kind === "lsoa") {
      box.appendChild(text("IMD decile: " + (p.imd_decile === null ? "missing" : p.imd_decile), "div"));
      box.appendChild(text("Crime per 1,000: " + (p.crime_rate === null ? "missing" : Number(p.crime_rate).toFixed(1)), "div"));
      if (p.band !== null && p.band !== undefined) box.appendChild(text("Band: " + p.band, "div"));
    }
    layer.bindTooltip(box, { sticky: true });
  }

  function sortable(table) {
    var buttons = table.querySelectorAll("button.npt-sort");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
        var column = Number(button.getAttribute("data-column"));
        var numeric = button.hasAttribute("data-numeric");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var u = numeric ? x.getAttribute("data-value") : x.textContent;
          var v = numeric ? y.getAttribute("data-value") : y.textContent;
          if (numeric) {  // missing values sort last either way
            if (u === "" || v === "") return (u === "") - (v === "");
            return ascending ? Number(u) - Number(v) : Number(v) - Number(u);
          }
          return ascending ? u.localeCompare(v) : v.localeCompare(u);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  var OVERLAY_COLOURS = { priorities: "#d4351c", events: "#00703c", crimes: "#4c2c92" };

  // A point's popup: a DOM node whose every line is set with textContent (the data may hold markup).
  function popup(point) {
    var box = document.createElement("div");
    box.className = "npt-popup";
    box.appendChild(text(point.name, "strong"));
    if (point.detail) box.appendChild(text(point.detail, "div"));
    if (point.when) box.appendChild(text(point.when, "div"));
    if (point.neighbourhood) box.appendChild(text(point.neighbourhood, "div"));
    if (point.count !== null && point.count !== undefined) box.appendChild(text(point.count + (point.count === 1 ? " crime" : " crimes"), "div"));
    return box;
  }

  function overlays(map, container) {
    var loaded = {};
    var shown = {};
    function twin(key, visible) {
      var section = document.getElementById("twin-" + key);
      if (section) section.hidden = !visible;
    }
    function draw(key, data) {
      var group = L.layerGroup();
      data.points.forEach(function (point) {
        var radius = point.count ? Math.min(14, 4 + Math.sqrt(point.count) * 2) : 7;
        var marker = L.circleMarker([point.latitude, point.longitude], {
          radius: radius, color: "#0b0c0c", weight: 1, fillColor: OVERLAY_COLOURS[key], fillOpacity: 0.85,
          className: "npt-point npt-point--" + key
        });
        marker.bindPopup(popup(point));
        group.addLayer(marker);
      });
      return group;
    }
    function show(key, on) {
      shown[key] = on;
      twin(key, on);
      if (!on) {
        if (loaded[key]) map.removeLayer(loaded[key]);
        container.setAttribute("data-" + key, "0");
        return;
      }
      if (loaded[key]) { loaded[key].addTo(map); container.setAttribute("data-" + key, String(loaded[key].getLayers().length)); return; }
      fetch(container.getAttribute("data-points-url") + "&layer=" + key, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(function (data) {
          loaded[key] = draw(key, data);
          if (shown[key]) {
            loaded[key].addTo(map);
            container.setAttribute("data-" + key, String(loaded[key].getLayers().length));
          }
        })
        .catch(function (error) {
          var status = document.getElementById(container.id + "-status");
          if (status) status.textContent = "The " + key + " layer could not be loaded (" + error.message + ").";
        });
    }
    Array.prototype.forEach.call(document.querySelectorAll("#map-form input[name=overlays]"), function (input) {
      input.addEventListener("change", function () { show(input.value, input.checked); });
      if (input.checked) show(input.value, true);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".npt-overlay-twin table"), sortable);
  }

  window.nptDeploymentMap = function (map) {
    var container = map.getContainer();
    var status = document.getElementById(container.id + "-status");
    var measure = container.getAttribute("data-layer");
    var lsoaLayer = null, fetchedZoom = null, fitted = false;
    map.attributionControl.addAttribution(container.getAttribute("data-ogl"));

    function style(feature) {
      return { color: "#505a5f", weight: 0.5, fillOpacity: 0.7, fillColor: colour(measure, feature.properties[measure]) };
    }

    function loadLsoas() {
      var zoom = Math.max(6, Math.min(18, Math.round(map.getZoom())));
      if (zoom === fetchedZoom) return;
      fetchedZoom = zoom;
      fetch(container.getAttribute("data-layer-url") + "&zoom=" + zoom, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(function (data) {
          if (lsoaLayer) map.removeLayer(lsoaLayer);
          lsoaLayer = L.geoJSON(data, { style: style, onEachFeature: tooltip }).addTo(map);
          lsoaLayer.bringToBack();
          container.setAttribute("data-features", String(lsoaLayer.getLayers().length));
          container.setAttribute("data-zoom", String(zoom));
          if (!fitted && lsoaLayer.getBounds().isValid()) { fitted = true; map.fitBounds(lsoaLayer.getBounds(), { animate: false }); }
        })
        .catch(function (error) { if (status) status.textContent = "The LSOA layer could not be loaded (" + error.message + ")."; });
    }

    fetch(container.getAttribute("data-boundaries-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var boundaries = L.geoJSON(data, { style: { color: "#0b0c0c", weight: 2, fill: false }, onEachFeature: tooltip }).addTo(map);
        container.setAttribute("data-boundaries", String(boundaries.getLayers().length));
      });

    map.on("zoomend", loadLsoas);
    legend(measure);
    loadLsoas();
    Array.prototype.forEach.call(document.querySelectorAll("#map-form input[name=layer]"), function (input) {
      input.addEventListener("change", function () {
        measure = input.value;
        container.setAttribute("data-layer", measure);
        legend(measure);
        if (lsoaLayer) lsoaLayer.setStyle(style);
      });
    });
    var twin = document.getElementById("lsoa-twin");
    if (twin) sortable(twin);
    overlays(map, container);
  };
})();
