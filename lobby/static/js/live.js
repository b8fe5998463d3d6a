// The live page (docs/live.md). htmx's sse extension swaps the stream's events in (the
// balance, the session's end, an operator's chat); this script only keeps track of the
// stream, asks for chats every 10 s while the stream is not open, and runs the chat panel.
(function () {
  "use strict";
  var root = document.documentElement;
  var POLL_MS = 10000;
  var opener = null;

  function state(value) { root.setAttribute("data-live", value); }
  document.addEventListener("htmx:sseOpen", function () { state("open"); });
  document.addEventListener("htmx:sseError", function () { state("down"); });
  document.addEventListener("htmx:sseClose", function () { state("closed"); });

  // GET chats while the stream cannot tell (Kore: "can be polled every 10 seconds").
  window.setInterval(function () {
    var poll = document.getElementById("chat-poll");
    if (!poll || !window.htmx || document.hidden || root.getAttribute("data-live") === "open") { return; }
    if (document.querySelector("#chat-panel .chat")) { return; }
    window.htmx.trigger(poll, "poll");
  }, POLL_MS);

  function panel() { return document.getElementById("chat-panel"); }
  function closeChat() {
    var dock = panel();
    if (!dock || !dock.firstElementChild) { return; }
    dock.innerHTML = "";
    if (opener && document.body.contains(opener)) { opener.focus(); }
    opener = null;
  }
  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-chat-close]")) { closeChat(); }
    else if (e.target.closest("[data-chat-link]")) {
      opener = e.target.closest("[data-chat-link]");
      var menu = opener.closest("details[open]");
      if (menu) { menu.removeAttribute("open"); opener = menu.querySelector("summary"); }
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && panel() && panel().contains(document.activeElement)) { closeChat(); }
  });
  // A chat that opens takes the focus to its close button; a session that ended leaves
  // full screen (the game it showed is closed).
  function swapped(target) {
    if (!target || !target.querySelector) { return; }
    if (target.id === "chat-panel") {
      var close = target.querySelector("[data-chat-close]");
      if (close) { close.focus(); }
    } else if (target.querySelector && target.querySelector("[data-testid=session-ended]")) {
      if (document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen(); }
    }
  }
  document.addEventListener("htmx:sseMessage", function (e) { swapped(e.target); });  // from the stream
  document.addEventListener("htmx:afterSwap", function (e) { swapped(e.detail && e.detail.target); });  // polled
})();
