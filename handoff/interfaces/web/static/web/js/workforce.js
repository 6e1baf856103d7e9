// The workforce page's forecast chart: actuals, then the forecast inside its 80 % band.
// Its data comes from json_script("forecast-data"); the table of requirements needs no script.
// Also copies the live what-if inputs into the save-scenario form when it is submitted.
(function () {
  "use strict";

  function drawForecast() {
    var source = document.getElementById("forecast-data");
    var figure = document.querySelector("figure[data-forecast-chart]");
    if (!source || !figure || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var canvas = figure.querySelector("canvas");
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: "80 % band (low)", data: data.lower, borderWidth: 0, pointRadius: 0, fill: false },
          {
            label: "80 % band",
            data: data.upper,
            borderWidth: 0,
            pointRadius: 0,
            backgroundColor: "rgba(1, 114, 173, 0.18)",
            fill: "-1",
          },
          { label: "Forecast", data: data.forecast, borderColor: "#0172ad", pointRadius: 0, borderWidth: 2 },
          { label: "Actual", data: data.actual, borderColor: "#b5452d", pointRadius: 0, borderWidth: 1.5 },
        ],
      },
      options: {
        animation: false,
        spanGaps: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { labels: { filter: function (item) { return item.text !== "80 % band (low)"; } } },
        },
        scales: {
          x: { ticks: { maxTicksLimit: 12, autoSkip: true } },
          y: { beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
    figure.classList.add("drawn");
  }

  // Saving a scenario sends the what-if inputs as they are now (they may have changed since the page loaded).
  function mirrorWhatIf() {
    var form = document.getElementById("scenario-form");
    if (!form) return;
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[data-mirror]").forEach(function (hidden) {
        var source = document.getElementById(hidden.dataset.mirror);
        if (source) hidden.value = source.value;
      });
    });
  }

  function start() {
    drawForecast();
    mirrorWhatIf();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
