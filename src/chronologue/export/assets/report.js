// chronologue report: optional niceties; the page works without them.
(function () {
  "use strict";
  document.documentElement.setAttribute("data-script", "ran");  // the policy let this script run
  // Entity mentions nested inside another link carry data-href: follow it on click.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-href]");
    if (target && !event.target.closest("a[href]")) {
      location.hash = target.getAttribute("data-href");
    }
  });
  // Hovering a mention outlines every mention of the same entity.
  var lit = [];
  function clear() { lit.forEach(function (el) { el.classList.remove("same"); }); lit = []; }
  document.addEventListener("mouseover", function (event) {
    var mention = event.target.closest(".doc [data-ref]");
    clear();
    if (!mention) { return; }
    var ref = mention.getAttribute("data-ref");
    document.querySelectorAll(".doc [data-ref]").forEach(function (el) {
      if (el.getAttribute("data-ref") === ref) { el.classList.add("same"); lit.push(el); }
    });
  });
})();
