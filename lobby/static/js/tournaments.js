/* Tournaments: live countdowns to a start or an end. No dependency.
 *
 * <time data-countdown-to="2030-01-01T12:00:00+00:00"
 *       data-countdown-label="in {time}" data-countdown-done="now"
 *       data-countdown-days="{days} d {clock}">in 10 minutes</time>
 * The server's text stays until the first tick, and for browsers without scripts.
 * Elements swapped in by htmx are picked up on the next tick.
 */
(function (window, document) {
  "use strict";

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function format(seconds, daysTemplate) {
    var days = Math.floor(seconds / 86400);
    var h = Math.floor((seconds % 86400) / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var clock = (h || days ? pad(h) + ":" : "") + pad(m) + ":" + pad(s);
    // The server writes the days in the page's language: data-countdown-days="{days} d {clock}".
    return days ? (daysTemplate || "{days} d {clock}").replace("{days}", days).replace("{clock}", clock) : clock;
  }

  function tick() {
    var now = Date.now();
    var nodes = document.querySelectorAll("[data-countdown-to]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var target = Date.parse(node.getAttribute("data-countdown-to"));
      if (isNaN(target)) { continue; }
      var left = Math.round((target - now) / 1000);
      var text = left > 0
        ? (node.getAttribute("data-countdown-label") || "{time}").replace("{time}", format(left, node.getAttribute("data-countdown-days")))
        : (node.getAttribute("data-countdown-done") || "");
      if (node.textContent !== text) { node.textContent = text; }
    }
  }

  tick();
  window.setInterval(tick, 1000);
})(window, document);
