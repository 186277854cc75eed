// The owner console: what a browser with script adds to the server-rendered pages. Every form works without it.
(function () {
  "use strict";

  var each = function (list, action) { Array.prototype.forEach.call(list, action); };
  var format = function (text) {
    var values = Array.prototype.slice.call(arguments, 1);
    return (text || "").replace(/\{(\d+)\}/g, function (_, i) { return values[+i]; });
  };

  // Navigation: on a wide screen the sections are a sidebar, so the "Menu" disclosure stays open.
  var menu = document.querySelector(".console-menu");
  if (menu && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 56rem)");
    var place = function () { menu.open = wide.matches; };
    place();
    wide.addEventListener("change", place);
  }
})();
