// Outpost central dashboard: shows every <time data-ms> in the viewer's own
// time zone (Intl), and draws the consumption chart from the page's own JSON
// (same filters) with Chart.js when it is there. Nothing else runs here;
// every page works without it (times then read in UTC).
(function () {
  "use strict";
  function localTimes() {
    var fmt = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
    var cell = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "local";
    document.querySelectorAll("time[data-ms]").forEach(function (t) {
      var ms = Number(t.getAttribute("data-ms"));
      if (ms > 0) {
        t.textContent = (t.closest("td") ? cell : fmt).format(new Date(ms));
        t.title = fmt.format(new Date(ms)) + " (" + new Date(ms).toISOString() + ")";
      }
    });
    document.querySelectorAll(".tz").forEach(function (z) { z.textContent = zone; });
  }
  function colour(i) { return "hsl(" + ((i * 67) % 360) + ", 60%, 40%)"; }
  function trendChart() {
    var canvas = document.getElementById("trend");
    if (!canvas) return;
    if (typeof Chart === "undefined") {
      canvas.parentNode.textContent = "The chart needs /assets/chart.min.js (Debian's libjs-chart.js); the table below has the same figures.";
      return;
    }
    fetch(canvas.getAttribute("data-api"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (t) {
        var col = {}; t.columns.forEach(function (c, i) { col[c.key] = i; });
        var months = [], series = {};
        t.rows.forEach(function (row) {
          var m = row[col.month], key = row[col.site_code] + " " + row[col.item_code];
          if (months.indexOf(m) < 0) months.push(m);
          (series[key] = series[key] || {})[m] = row[col.consumed];
        });
        months.sort();
        var names = Object.keys(series).slice(0, 12);
        new Chart(canvas, {
          type: "line",
          data: { labels: months, datasets: names.map(function (n, i) {
            return { label: n, borderColor: colour(i), backgroundColor: colour(i), tension: 0.2,
                     data: months.map(function (m) { return series[n][m] === undefined ? null : series[n][m]; }) };
          }) },
          options: { responsive: true, maintainAspectRatio: false, animation: false,
                     scales: { y: { beginAtZero: true, title: { display: true, text: "units consumed" } } } }
        });
        canvas.setAttribute("data-drawn", String(names.length));
      })
      .catch(function (e) { canvas.parentNode.textContent = "Chart unavailable: " + e; });
  }
  function start() { localTimes(); trendChart(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
