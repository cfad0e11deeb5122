// On narrow screens (phones), the main navigation folds behind a "Menu" button and the filters of
// index and search pages behind their "Filter" heading. Without JavaScript both stay open.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 47.99rem)");
  var filtersNarrow = window.matchMedia("(max-width: 55.99rem)");  // where the filters leave the sidebar

  function menu() {
    var button = document.querySelector(".menu-toggle");
    var nav = document.getElementById("main-nav");
    if (!button || !nav) return;
    function fit() {
      button.hidden = !narrow.matches;
      nav.hidden = narrow.matches && button.getAttribute("aria-expanded") !== "true";
    }
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
      fit();
    });
    narrow.addEventListener("change", fit);
    fit();
  }

  function filters() {
    var folds = document.querySelectorAll("details.fold");
    function fit() {
      for (var i = 0; i < folds.length; i++) folds[i].open = !filtersNarrow.matches;
    }
    filtersNarrow.addEventListener("change", fit);
    fit();
  }

  document.addEventListener("DOMContentLoaded", function () { menu(); filters(); });
})();
