/* The sandbox's demo game: the game side of the Kore IFrame protocol.
 * Sound settings go through saveCookie/loadCookie, the cashier through openUrl; a
 * game launched unauthenticated waits for a launch token from the host page. */
(function () {
  "use strict";
  var body = document.body;
  var state = document.getElementById("sound-state");
  var settings; // undefined until the host answers loadCookie

  function show() {
    if (!state) return;
    if (settings === undefined) state.textContent = "waiting for the casino…";
    else if (settings === null) state.textContent = "not saved (default: on)";
    else state.textContent = settings.fx && settings.fx.muted ? "off" : "on";
    body.setAttribute("data-settings", settings === undefined ? "pending" : JSON.stringify(settings));
  }

  function send(message) {
    if (window.parent !== window) window.parent.postMessage(message, "*");
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) return;
    var data = event.data;
    if (!data || typeof data !== "object") return;
    if (data.message === "loadCookieResponse") {
      settings = data.payload === undefined ? null : data.payload;
      show();
    } else if (data.message === "launchToken" && typeof data.token === "string") {
      var signin = body.getAttribute("data-signin-url");
      if (signin) window.location.href = signin + (signin.indexOf("?") < 0 ? "?" : "&") + "launch_token=" + encodeURIComponent(data.token);
    }
  });

  function on(id, handler) {
    var element = document.getElementById(id);
    if (element) element.addEventListener("click", handler);
  }

  on("toggle-sound", function () {
    var muted = !(settings && settings.fx && settings.fx.muted);
    settings = { fx: { muted: muted, volume: 1 }, music: { muted: muted, volume: 1 } };
    send({ message: "saveCookie", payload: settings });
    show();
  });
  on("forget-settings", function () {
    settings = null;
    send({ message: "saveCookie", payload: null });
    show();
  });
  on("cashier", function () {
    send({ message: "openUrl", url: body.getAttribute("data-cashier-url") });
  });

  show();
  send({ message: "loadCookie" });
})();
