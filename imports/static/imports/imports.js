// Keeps an import's progress bar moving without reloading the page; without JavaScript the
// page refreshes itself instead (a <noscript> refresh in the head).
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) {
    return;
  }
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  var url = box.getAttribute("data-progress-url");

  function schedule() {
    window.setTimeout(poll, 2000);
  }

  function show(data) {
    if (data.finished) {
      window.location.reload();
      return;
    }
    if (data.status === "committing" && data.rows_total) {
      bar.max = data.rows_total;
      bar.value = data.rows_done;
      bar.textContent = data.percent + "%";
    } else {
      bar.removeAttribute("value");
    }
    text.textContent = data.text;
    schedule();
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          show(data);
        } else {
          schedule();
        }
      })
      .catch(schedule);
  }

  schedule();
})();
