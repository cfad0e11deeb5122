// The text-size control (A A A): a larger base size for the whole site, remembered in this browser.
// Without JavaScript the control stays hidden and the browser's own zoom does the same.
(function () {
  "use strict";
  var KEY = "innoportal-text-size";
  var root = document.documentElement;
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { /* storage may be blocked */ }
  if (stored === "1" || stored === "2") root.setAttribute("data-text-size", stored);
  document.addEventListener("DOMContentLoaded", function () {
    var group = document.querySelector(".text-size");
    if (!group) return;
    var buttons = group.querySelectorAll("button[data-size]");
    function show(size) {
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-size") === size ? "true" : "false");
      }
    }
    show(root.getAttribute("data-text-size") || "0");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () {
        var size = this.getAttribute("data-size");
        if (size === "0") root.removeAttribute("data-text-size"); else root.setAttribute("data-text-size", size);
        try { window.localStorage.setItem(KEY, size); } catch (e) { /* the size still applies to this page */ }
        show(size);
      });
    }
    group.hidden = false;
  });
})();
