/* Draws the dashboard's charts with the vendored Chart.js. Every label and value arrives
   already written the page language's way; only axis ticks are formatted here, with the same
   rules (lakh/crore grouping, Bangla digits on Bangla pages). Without this script, or without
   Chart.js, each chart's table stays the way to read it. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }
  var bangla = document.documentElement.lang !== "en";
  var BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯";

  function toScript(text) {
    return bangla ? String(text).replace(/[0-9]/g, function (d) { return BANGLA_DIGITS[d]; }) : String(text);
  }

  function lakh(value) {
    var negative = value < 0;
    var parts = Math.abs(value).toString().split(".");
    var integer = parts[0];
    var head = integer.slice(0, -3);
    var tail = integer.slice(-3);
    var groups = [];
    while (head.length > 0) { groups.unshift(head.slice(-2)); head = head.slice(0, -2); }
    groups.push(tail);
    var text = groups.join(",") + (parts[1] ? "." + parts[1].slice(0, 2) : "");
    return toScript((negative ? "-" : "") + text);
  }

  // A category label of more than 22 letters is cut after its last whole word that fits (or,
  // one long word, between two letters), never inside a Bangla letter and its signs: a letter
  // here is what the reader sees as one (a grapheme), not a code unit.
  var LABEL_LETTERS = 22;
  var segmenter = window.Intl && Intl.Segmenter
    ? new Intl.Segmenter(document.documentElement.lang || "bn", { granularity: "grapheme" })
    : null;

  function letters(text) {
    return segmenter
      ? Array.from(segmenter.segment(text), function (part) { return part.segment; })
      : Array.from(text);
  }

  function shortLabel(label) {
    var parts = letters(label);
    if (parts.length <= LABEL_LETTERS) { return label; }
    var kept = parts.slice(0, LABEL_LETTERS - 1).join("");
    var space = kept.lastIndexOf(" ");
    return (space > 0 ? kept.slice(0, space) : kept) + "…";
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) { return; }
    var payload = JSON.parse(source.textContent);
    var horizontal = Boolean(payload.horizontal);
    var valueAxis = horizontal ? "x" : "y";
    var scales = {};
    scales[valueAxis] = {
      beginAtZero: true,
      stacked: Boolean(payload.stacked),
      title: { display: true, text: payload.axis },
      ticks: { precision: payload.unit === "lakh" ? undefined : 0, callback: function (value) { return lakh(value); } }
    };
    scales[horizontal ? "y" : "x"] = {
      stacked: Boolean(payload.stacked),
      ticks: {
        autoSkip: !horizontal,
        callback: function (value) { return shortLabel(String(this.getLabelForValue(value))); }
      }
    };
    var line = payload.type === "line";
    new window.Chart(canvas, {
      type: payload.type,
      data: {
        labels: payload.labels,
        datasets: payload.datasets.map(function (set) {
          return {
            label: set.label, data: set.data, text: set.text,
            backgroundColor: set.colour, borderColor: set.colour,
            borderWidth: line ? 2 : 0, pointRadius: line ? 3 : 0, tension: 0
          };
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        scales: scales,
        plugins: {
          legend: { display: payload.datasets.length > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ": " + item.dataset.text[item.dataIndex];
              }
            }
          }
        }
      }
    });
  }

  function start() {
    var canvases = document.querySelectorAll("canvas[data-chart]");
    for (var i = 0; i < canvases.length; i += 1) { draw(canvases[i]); }
    document.documentElement.setAttribute("data-charts", "drawn");
  }

  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  window.Chart.defaults.color = "#1b1f24";
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(start, start);
  } else {
    start();
  }
}());
