/* Draws the supervision and statistics charts with the vendored Apache ECharts.
   Data comes from the page's <script type="application/json" id="chart-data"> (json_script),
   so no inline script is needed (strict CSP). Each chart is a [data-chart="<key>"] element. */
(function () {
  "use strict";

  var PALETTE = ["#0b5cad", "#1a7f37", "#c77700", "#b00020", "#6f42c1"];

  function baseOption(spec) {
    return {
      color: PALETTE,
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true }
    };
  }

  function wordcloudOption(spec) {
    // echarts-wordcloud (vendored); without it the lists beside the chart still say it all.
    return {
      tooltip: { show: true },
      series: [{
        type: "wordCloud", shape: "circle", left: "center", top: "center",
        width: "96%", height: "92%", sizeRange: [14, 52], rotationRange: [0, 0],
        gridSize: 8, drawOutOfBound: false, layoutAnimation: false,
        textStyle: { fontFamily: "sans-serif", fontWeight: "bold",
          color: function (p) { return PALETTE[p.dataIndex % PALETTE.length]; } },
        data: spec.words
      }]
    };
  }

  function optionFor(spec) {
    if (spec.type === "wordcloud") { return wordcloudOption(spec); }
    var option = baseOption(spec);
    var percent = !!spec.percent;
    if (spec.type === "hbar") {
      option.tooltip.axisPointer = { type: "shadow" };
      option.xAxis = { type: "value", minInterval: 1 };
      option.yAxis = { type: "category", data: spec.labels, inverse: true,
                       axisLabel: { width: 110, overflow: "truncate" } };
      option.series = spec.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "total", data: s.data };
      });
      option.color = ["#b00020", "#c77700", "#e3b341"];
      return option;
    }
    if (spec.type === "bar2") {
      option.xAxis = { type: "category", data: spec.labels, axisLabel: { interval: 0, rotate: 30 } };
      option.yAxis = [{ type: "value", max: 100, name: "%" }, { type: "value", name: "ms" }];
      option.series = [
        { name: spec.series[0].name, type: "bar", data: spec.series[0].data },
        { name: spec.series[1].name, type: "line", yAxisIndex: 1, data: spec.series[1].data }
      ];
      return option;
    }
    option.xAxis = { type: "category", data: spec.labels };
    option.yAxis = percent ? { type: "value", min: 0, max: 100, name: "%" } : { type: "value", minInterval: 1 };
    option.series = spec.series.map(function (s) {
      return { name: s.name, type: spec.type === "line" ? "line" : "bar", data: s.data,
               connectNulls: true, showSymbol: spec.labels.length < 40 };
    });
    return option;
  }

  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var spec = data[el.getAttribute("data-chart")];
      if (!spec) { return; }
      if (spec.type === "wordcloud" && !(spec.words && spec.words.length)) { return; }
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(optionFor(spec));
      el.setAttribute("data-rendered", "true");
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
