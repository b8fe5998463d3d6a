/* The BETCORE page: start the aggregator's WebFrame loader with the lobby's options. */
(function () {
  "use strict";
  var options = JSON.parse(document.getElementById("betcore-options").textContent);
  var Frame = window.TvbetFrame || window.BetcoreFrame;
  if (Frame) { new Frame(options); }
})();
