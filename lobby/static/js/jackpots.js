/* Animated jackpots: each .jackpot[data-current] grows by data-increment-value every
 * data-increment-interval seconds from Kore's timestamp, as the Jackpot object says,
 * counted on this device's clock from the figure's age (data-age) so a wrong device
 * clock cannot freeze or jump it.
 * The server's text is the starting point and the no-script fallback; htmx swaps in
 * fresh values every 30 s, and this keeps them moving in between. */
(function (window, document) {
  "use strict";
  if (!window.Intl || !Intl.NumberFormat) return;
  var formats = {};

  function formatter(locale, decimals) {
    var key = locale + "/" + decimals;
    if (!formats[key]) {
      try {
        formats[key] = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
      } catch (e) {
        formats[key] = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
      }
    }
    return formats[key];
  }

  function tick() {
    var now = Date.now();
    var nodes = document.querySelectorAll(".jackpot[data-current]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var current = Number(el.getAttribute("data-current"));
      var step = Number(el.getAttribute("data-increment-value"));
      var every = Number(el.getAttribute("data-increment-interval"));
      // The figure's age when it arrived, on the server's clock, anchored to this
      // device's clock on first sight (fresh figures swapped in later anchor anew).
      if (!el.hasAttribute("data-anchor")) el.setAttribute("data-anchor", String(now - Number(el.getAttribute("data-age") || 0)));
      var since = Number(el.getAttribute("data-anchor"));
      var scale = Number(el.getAttribute("data-scale"));
      var decimals = Number(el.getAttribute("data-decimals"));
      var template = el.getAttribute("data-template");
      if (!isFinite(current) || !(every > 0) || !since || !template || template.indexOf("{n}") < 0) continue;
      var grown = current + step * Math.max(0, Math.floor((now - since) / 1000 / every));
      var shown = grown / Math.pow(10, scale);
      var cut = Math.floor(shown * Math.pow(10, decimals)) / Math.pow(10, decimals); // never more than it is
      el.textContent = template.replace("{n}", formatter(el.getAttribute("data-locale") || "en-US", decimals).format(cut));
    }
  }

  tick();
  window.setInterval(tick, 1000);
})(window, document);
