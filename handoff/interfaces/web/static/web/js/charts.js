// Draws the charts whose data a page embeds with json_script("chart-data").
// Each <figure data-chart="key"> gets a bar chart; its table stays as the accessible fallback.
(function () {
  "use strict";

  function drawCharts() {
    var source = document.getElementById("chart-data");
    if (!source || typeof window.Chart === "undefined") return;
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("figure[data-chart]").forEach(function (figure) {
      var data = charts[figure.dataset.chart];
      var canvas = figure.querySelector("canvas");
      if (!data || !canvas) return;
      figure.classList.add("drawn");
      new window.Chart(canvas, {
        type: "bar",
        data: { labels: data.labels, datasets: [{ label: data.title, data: data.values, backgroundColor: "#0172ad" }] },
        options: {
          animation: false,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawCharts);
  } else {
    drawCharts();
  }
})();
