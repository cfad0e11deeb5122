// Autocomplete for the search page: titles matching what has been typed, offered by the browser's own
// (accessible) suggestion list. Without JavaScript the form works as a plain search.
(function () {
  "use strict";
  var input = document.getElementById("search-query");
  var list = document.getElementById("search-suggestions");
  if (!input || !list || !window.fetch) return;
  var lang = document.documentElement.lang.indexOf("zh") === 0 ? "zh-hant" : "en";
  var timer = null;
  var latest = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value;
    if (text.trim().length < 2) { list.innerHTML = ""; return; }
    timer = setTimeout(function () {
      var asked = ++latest;
      fetch(input.dataset.suggestUrl + "?lang=" + lang + "&q=" + encodeURIComponent(text))
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (asked !== latest) return;  // an older answer arriving late
          list.innerHTML = "";
          data.suggestions.forEach(function (s) {
            var option = document.createElement("option");
            option.value = s.title;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
