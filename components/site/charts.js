// Draws every chart of the page once plotly.js has loaded (both scripts are deferred, so the page's text shows
// first). A chart is a div with its figure in a JSON script beside it; data-link, where set, is where a click on a
// point goes, its id (customdata) put in place of ID.
(function () {
  document.querySelectorAll("div.chart[id]").forEach(function (div) {
    var data = document.getElementById(div.id + "-data");
    if (!data || !window.Plotly) { return; }
    var figure = JSON.parse(data.textContent);
    Plotly.newPlot(div, figure.data, figure.layout, {responsive: true, displaylogo: false}).then(function (graph) {
      var link = div.getAttribute("data-link");
      if (!link) { return; }
      graph.on("plotly_click", function (event) {
        var id = event.points[0] && event.points[0].customdata;
        if (typeof id === "string" && /^[a-z0-9-]+$/.test(id)) { window.location.href = link.replace("ID", id); }
      });
    });
  });
})();
