/* The return page: Kore's pages and games send the player here. When it finds itself
 * inside the game frame (where the host's load event may not be able to read it),
 * it asks the host page to take the whole window back; at the top it moves on. */
(function (window, document) {
  "use strict";
  var next = document.documentElement.getAttribute("data-next") || "/";
  if (window.top === window.self) {
    window.location.replace(next);
  } else {
    window.parent.postMessage({ message: "returnUrl", url: window.location.href }, window.location.origin);
  }
})(window, document);
