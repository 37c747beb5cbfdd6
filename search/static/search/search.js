// Suggestions as you type, for the search page's box and the header's: a datalist filled
// from /api/v1/search/suggest/. Without JavaScript both boxes work as plain forms.
(function () {
  "use strict";
  var page = document.getElementById("search-q");
  var header = document.getElementById("site-search-q");
  var source = page || header;
  if (!source || !window.fetch) { return; }
  var url = source.getAttribute("data-suggest-url");

  function enhance(input, listId) {
    var list = document.getElementById(listId);
    if (!list) {
      list = document.createElement("datalist");
      list.id = listId;
      input.parentNode.appendChild(list);
      input.setAttribute("list", listId);
    }
    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { list.textContent = ""; return; }
      timer = setTimeout(function () {
        var ticket = ++latest;
        fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            if (ticket !== latest) { return; }
            list.textContent = "";
            data.suggestions.forEach(function (suggestion) {
              var option = document.createElement("option");
              option.value = suggestion.text;
              list.appendChild(option);
            });
          })
          .catch(function () { list.textContent = ""; });
      }, 200);
    });
  }

  if (page) { enhance(page, "search-suggestions"); }
  if (header) { enhance(header, "site-search-suggestions"); }
})();
