/* The game page: after signing in beside a game launched unauthenticated, fetch a
 * launch token and hand it to the game with postMessage (Kore "Obtain Launch Token").
 * The token goes only to the frame's own origin. */
(function (window, document) {
  "use strict";

  function csrfToken() {
    var meta = document.getElementById("csrf-token");
    if (meta) return meta.getAttribute("content");
    var input = document.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  function refreshCsrf(token) {
    // The session is new after signing in; every form and htmx request must use its token.
    if (!token) return;
    var inputs = document.querySelectorAll("input[name=csrf_token]");
    for (var i = 0; i < inputs.length; i++) inputs[i].value = token;
    document.body.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": token }));
  }

  function handOver(frame) {
    var url = frame.getAttribute("data-launch-token-url");
    var origin = frame.getAttribute("data-frame-origin");
    if (!url || !origin || !window.fetch) return;
    fetch(url, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && typeof data.token === "string" && frame.contentWindow) {
          frame.contentWindow.postMessage({ message: "launchToken", token: data.token }, origin);
        }
      })
      .catch(function () { /* the game stays unauthenticated; reloading the page signs it in */ });
  }

  function signedIn() {
    var marker = document.querySelector("[data-launch-token=pending]");
    if (!marker) return;
    marker.setAttribute("data-launch-token", "requested");
    refreshCsrf(csrfToken());
    var frame = document.getElementById("game-frame");
    if (frame) handOver(frame);
  }

  document.addEventListener("htmx:afterSettle", signedIn);

  // Full screen (desktop): the game and its bar fill the screen; Esc or the button leaves.
  var full = document.querySelector("[data-fullscreen]");
  var host = document.querySelector(".game-host");
  if (full && host && host.requestFullscreen && document.fullscreenEnabled) {
    full.hidden = false;
    full.addEventListener("click", function () {
      if (document.fullscreenElement) { document.exitFullscreen(); } else { host.requestFullscreen().catch(function () {}); }
    });
  }
})(window, document);
