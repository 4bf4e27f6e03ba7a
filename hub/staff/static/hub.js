/* Staff pages: draw the charts the server describes, print, confirm. No inline scripts (CSP). */
"use strict";

function drawCharts() {
  if (typeof Plotly === "undefined") return;
  const narrow = window.matchMedia("(max-width: 640px)").matches;
  document.querySelectorAll(".chart[data-figure]").forEach((element) => {
    const source = document.getElementById(element.dataset.figure);
    if (!source) return;
    const figure = JSON.parse(source.textContent);
    const layout = Object.assign({}, figure.layout, { autosize: true });
    if (narrow) {
      layout.margin = Object.assign({}, layout.margin, { l: Math.min((layout.margin || {}).l || 40, 90), r: 6 });
      layout.legend = Object.assign({}, layout.legend, { font: { size: 10 } });
      if (layout.legend.yanchor === "bottom") {
        // a legend above the plot wraps on a phone: leave it room below the title
        layout.margin.t = 112;
        layout.height = (layout.height || 340) + 40;
      }
    }
    Plotly.newPlot(element, figure.data, layout, {
      displaylogo: false,
      responsive: true,
      modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
    }).then(() => element.setAttribute("data-drawn", "true"));
  });
}

function resizeCharts() {
  if (typeof Plotly === "undefined") return;
  document.querySelectorAll(".chart[data-drawn]").forEach((element) => Plotly.Plots.resize(element));
}

// The page is narrower on paper than on screen: fit the charts to it, and back afterwards.
window.addEventListener("beforeprint", resizeCharts);
window.addEventListener("afterprint", resizeCharts);
window.matchMedia("print").addEventListener("change", resizeCharts);

document.addEventListener("DOMContentLoaded", () => {
  drawCharts();
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});
