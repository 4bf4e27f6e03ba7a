/* Staff pages: draw the charts the server describes, print, confirm. No inline scripts (CSP). */
"use strict";

// Vietnamese pages: the chart library's own words, numbers (1.234,5) and dates (dd/mm/yyyy).
const VIETNAMESE_CHARTS = {
  moduleType: "locale",
  name: "vi",
  dictionary: {
    "Download plot as a png": "Tải biểu đồ (PNG)",
    "Download plot": "Tải biểu đồ",
    "Zoom": "Phóng to vùng chọn",
    "Pan": "Kéo",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Reset axes": "Đặt lại trục",
    "Autoscale": "Tự co giãn",
    "Toggle Spike Lines": "Bật/tắt đường gióng",
    "Show closest data on hover": "Hiện điểm gần nhất khi rê chuột",
    "Compare data on hover": "So sánh khi rê chuột",
    "Double-click to zoom back out": "Nhấp đúp để thu nhỏ lại",
    "Produced with Plotly.js": "Vẽ bằng Plotly.js",
    "Taking snapshot - this may take a few seconds": "Đang chụp biểu đồ, xin chờ vài giây",
    "Click to enter Plot title": "Nhấp để nhập tiêu đề",
    "trace": "chuỗi",
  },
  format: {
    days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
    shortDays: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
    months: ["Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6",
      "Tháng 7", "Tháng 8", "Tháng 9", "Tháng 10", "Tháng 11", "Tháng 12"],
    shortMonths: ["Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10", "Th11", "Th12"],
    date: "%d/%m/%Y",
    decimal: ",",
    thousands: ".",
  },
};
const ISO_DAY = /^\d{4}-\d{2}-\d{2}/;

// Date axes read dd/mm (ticks) and dd/mm/yyyy (hover) in both languages, as the tables do.
function localiseAxes(figure, layout, vi) {
  layout.separators = vi ? ",." : ".,";
  const first = (figure.data || [])[0] || {};
  if (Array.isArray(first.x) && ISO_DAY.test(String(first.x[0]))) {
    layout.xaxis = Object.assign({ tickformat: "%d/%m", hoverformat: "%d/%m/%Y" }, layout.xaxis);
  }
  if (Array.isArray(first.y) && ISO_DAY.test(String(first.y[0]))) {
    layout.yaxis = Object.assign({ tickformat: "%d/%m", hoverformat: "%d/%m/%Y" }, layout.yaxis);
  }
}

function drawCharts() {
  if (typeof Plotly === "undefined") return;
  const vi = document.documentElement.lang === "vi";
  if (vi) Plotly.register(VIETNAMESE_CHARTS);
  const narrow = window.matchMedia("(max-width: 640px)").matches;
  document.querySelectorAll(".chart[data-figure]").forEach((element) => {
    const source = document.getElementById(element.dataset.figure);
    if (!source) return;
    const figure = JSON.parse(source.textContent);
    const layout = Object.assign({}, figure.layout, { autosize: true });
    localiseAxes(figure, layout, vi);
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
      locale: vi ? "vi" : "en",
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
