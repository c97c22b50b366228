/* The corpus maps (Leaflet, vendored): the packaged Natural Earth outlines as the only base layer (no tiles,
   nothing fetched from elsewhere), then clustered place markers or a person's path. Data comes from the page's
   <script type="application/json" id="map-data">. */
(function () {
  "use strict";
  var box = document.getElementById("leaflet-map");
  var source = document.getElementById("map-data");
  if (!box || !source || !window.L) { return; }
  var points = JSON.parse(source.textContent);
  var map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: true });
  map.attributionControl.setPrefix(false).addAttribution("Outlines: Natural Earth");
  fetch("/assets/world-110m.json").then(function (r) { return r.json(); }).then(function (world) {
    var outlines = world.countries.map(function (c) {
      return c.rings.map(function (ring) {
        var latlngs = [];
        for (var i = 0; i + 1 < ring.length; i += 2) { latlngs.push([ring[i + 1], ring[i]]); }
        return latlngs;
      });
    });
    L.polygon(outlines, { className: "country", weight: 0.6, interactive: false }).addTo(map).bringToBack();
  });
  function label(p) {
    var a = document.createElement("a");
    a.textContent = p.name;
    if (p.id) { a.href = "/people/" + encodeURIComponent(p.id); }
    return a;
  }
  var latlngs = points.map(function (p) { return [p.lat, p.lon]; });
  if (box.dataset.mode === "cluster" && L.markerClusterGroup) {
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
    points.forEach(function (p) {
      cluster.addLayer(L.circleMarker([p.lat, p.lon], { radius: 6, className: "place" }).bindPopup(label(p)));
    });
    map.addLayer(cluster);
  } else {
    points.forEach(function (p, i) {
      L.circleMarker([p.lat, p.lon], { radius: 6, className: "place" }).bindTooltip((i + 1) + ". " + p.name).addTo(map);
    });
    if (latlngs.length > 1) { L.polyline(latlngs, { className: "route", weight: 2 }).addTo(map); }
  }
  map.on("zoomend", function () { box.dataset.zoom = String(map.getZoom()); });
  if (latlngs.length) { map.fitBounds(L.latLngBounds(latlngs).pad(0.3), { maxZoom: 6 }); } else { map.setView([30, 10], 2); }
  box.dataset.zoom = String(map.getZoom());
  box.dataset.ready = "yes";
})();
