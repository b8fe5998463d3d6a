/* BETCORE sandbox WebFrame loader: new BetcoreFrame({lng, clientId, tokenAuth, server, containerId, exitUrl, tagId}).
 * Like BETCORE's (TVBET's) loader it puts the WebFrame in the casino's container; the
 * refresh token goes to the frame by postMessage, never in its URL. */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = new URL(script ? script.src : "/", window.location.href).origin;

  function BetcoreFrame(options) {
    var container = document.getElementById(options.containerId);
    if (!container) { throw new Error("BetcoreFrame: no element #" + options.containerId); }
    var params = new URLSearchParams({
      lng: options.lng || "en",
      clientId: options.clientId || "",
      server: options.server || "",
      exitUrl: options.exitUrl || ""
    });
    if (options.reauth) { params.set("reauth", String(options.reauth)); }
    var frame = document.createElement("iframe");
    frame.title = options.title || "BETCORE";
    frame.className = "betcore-webframe";
    frame.setAttribute("allow", "fullscreen");
    window.addEventListener("message", function (event) {
      if (event.source !== frame.contentWindow || event.origin !== origin || !event.data) { return; }
      if (event.data.type === "betcore:ready") {
        frame.contentWindow.postMessage({type: "betcore:init", tokenAuth: options.tokenAuth, tagId: options.tagId}, origin);
      } else if (event.data.type === "betcore:exit" && options.exitUrl) {
        window.location.assign(options.exitUrl);
      }
    });
    frame.src = origin + "/webframe?" + params.toString();
    container.appendChild(frame);
    this.frame = frame;
  }

  window.BetcoreFrame = BetcoreFrame;
  window.TvbetFrame = BetcoreFrame;
})();
