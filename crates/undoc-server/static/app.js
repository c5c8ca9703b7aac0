// Keyboard shortcuts, where scripts run (every page works without them):
// "/" jumps to the search box; "j" and "k" move between search results.
(function () {
  "use strict";
  // On a phone the search filters stay folded above the results until asked for.
  var panel = document.querySelector("details.filters-panel");
  if (panel && window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) {
    panel.removeAttribute("open");
  }
  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (event.key === "/") {
      var box = document.getElementById("q");
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
      return;
    }
    if (event.key === "j" || event.key === "k") {
      var links = Array.prototype.slice.call(document.querySelectorAll(".hit-link"));
      if (links.length === 0) {
        return;
      }
      var at = links.indexOf(document.activeElement);
      var next = event.key === "j" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
      links[next].focus();
      event.preventDefault();
    }
  });
})();
