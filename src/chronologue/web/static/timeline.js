/* The corpus timeline chart (/timeline): the wheel zooms (in: to half the range around the pointer; out: the
   page's "zoom out" link) and a drag across bars opens the range they cover. Without this script every bar and
   link still works: a bar opens its own part of the range. */
(function () {
  "use strict";
  var chart = document.getElementById("timeline-chart");
  if (!chart) { return; }
  var bars = Array.prototype.slice.call(chart.querySelectorAll("a[data-first]"));
  var leaving = false, start = null, dragged = false;
  function go(href) {
    if (!leaving) { leaving = true; window.location.href = href; }
  }
  function open(a, b) {
    var lo = Math.max(0, Math.min(a, b)), hi = Math.min(bars.length - 1, Math.max(a, b));
    go("/timeline?from=" + encodeURIComponent(bars[lo].dataset.first) +
       "&to=" + encodeURIComponent(bars[hi].dataset.last));
  }
  function indexAt(event) {
    var box = chart.getBoundingClientRect();
    var i = Math.floor((event.clientX - box.left) / box.width * bars.length);
    return Math.max(0, Math.min(bars.length - 1, i));
  }
  function mark(a, b) {
    bars.forEach(function (bar, k) {
      bar.querySelector(".bin").classList.toggle("chosen", k >= Math.min(a, b) && k <= Math.max(a, b));
    });
  }
  chart.addEventListener("wheel", function (event) {
    event.preventDefault();
    if (event.deltaY > 0) { go(document.getElementById("zoom-out").href); return; }
    var reach = Math.max(1, Math.floor(bars.length / 4));
    var lo = Math.max(0, Math.min(indexAt(event) - reach, bars.length - 1 - 2 * reach));
    open(lo, lo + 2 * reach);
  }, { passive: false });
  chart.addEventListener("mousedown", function (event) {
    start = indexAt(event);
    dragged = false;
    event.preventDefault();
  });
  chart.addEventListener("mousemove", function (event) {
    if (start === null) { return; }
    var i = indexAt(event);
    if (i !== start) { dragged = true; }
    mark(start, i);
  });
  chart.addEventListener("mouseup", function (event) {
    if (start === null) { return; }
    var from = start;
    start = null;
    if (dragged) { open(from, indexAt(event)); }
  });
  chart.addEventListener("click", function (event) {
    if (dragged) { event.preventDefault(); }  /* the drag opened its range; not the bar it ended on */
  });
  chart.dataset.ready = "yes";
})();
