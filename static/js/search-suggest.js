// Autocomplete for every search box (the header's and the search page's): the items whose titles match
// what has been typed, as an ARIA 1.2 combobox. Up and down arrows choose a suggestion, Enter opens its
// page, Escape closes the list; Enter with no suggestion chosen searches. Without JavaScript the form
// works as a plain search. Each box names its list (aria-controls) and its status line (data-status).
(function () {
  "use strict";
  if (!window.fetch) return;

  function combobox(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById(input.dataset.status);
    if (!list || !status) return;
    var lang = input.dataset.lang || "en";  // the page's language code: en, zh-hant or zh-hans
    var timer = null;
    var latest = 0;
    var active = -1;

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      var all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (option, n) { option.setAttribute("aria-selected", n === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function show(suggestions) {
      list.innerHTML = "";
      suggestions.forEach(function (s, n) {
        var option = document.createElement("li");
        option.id = list.id + "-" + n;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = s.url;
        var title = document.createElement("span");
        title.textContent = s.title;
        var kind = document.createElement("span");
        kind.className = "search-suggestion-kind";
        kind.textContent = s.kind_label;
        option.append(title, " ", kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
        option.addEventListener("click", function () { window.location.assign(s.url); });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.hidden = !suggestions.length;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
      status.textContent = suggestions.length ? status.dataset.template.replace("{count}", suggestions.length) : "";
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value;
      if (text.trim().length < 2) { show([]); return; }
      timer = setTimeout(function () {
        var asked = ++latest;
        fetch(input.dataset.suggestUrl + "?lang=" + lang + "&q=" + encodeURIComponent(text))
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) { if (asked === latest) show(data.suggestions); })  // drop late answers
          .catch(function () {});
      }, 150);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown" && options().length) {
        event.preventDefault();
        if (!open) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        choose(active + 1);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        choose(active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.assign(options()[active].dataset.url);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  var boxes = document.querySelectorAll("input[data-suggest-url]");
  for (var i = 0; i < boxes.length; i++) combobox(boxes[i]);
})();
