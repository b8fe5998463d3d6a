// Reality checks (templates/care/partials/reality_check.html). The page's slot either holds
// the dialog already (the interval ended before the page was asked for: it opens as a
// modal, over the game too), or says in data-due-in how many seconds are left: then a
// timer asks the server for the slot when they are up. Continue is sent without leaving
// the page and restarts the timer; Sign out and See my history are ordinary form and link.
// Without this script the dialog is still there, open, on the next page when it is due.
(function () {
  "use strict";
  var timer = null;
  var returnFocus = null;

  function slot() { return document.getElementById("reality-check"); }

  function request(url, options) {
    options = options || {};
    options.credentials = "same-origin";
    // The server answers the fragment alone; a poll is not the player's activity.
    options.headers = {"HX-Request": "true", "HX-Current-URL": window.location.href};
    return fetch(url, options).then(function (response) {
      if (response.status !== 200) { throw new Error("reality check: " + response.status); }
      return response.text();
    });
  }

  function swap(html) {
    var old = slot();
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    var fresh = holder.content.firstElementChild;
    if (!old || !fresh || fresh.id !== "reality-check") { return; }
    old.replaceWith(fresh);
    arm();
  }

  function load() {
    var el = slot();
    if (!el) { return; }
    request(el.getAttribute("data-url")).then(swap, function () {
      // Signed out (286) or the lobby did not answer: try again in a minute.
      timer = window.setTimeout(load, 60000);
    });
  }

  function open(dialog) {
    if (dialog.hasAttribute("data-ready")) { return; }
    dialog.setAttribute("data-ready", "");
    returnFocus = document.activeElement;
    if (typeof dialog.showModal === "function") {
      // Rendered open (non-modal, for pages without scripts): reopened as a modal, so the
      // rest of the page (and the game) waits for the player's choice.
      if (dialog.open) { dialog.close(); }
      dialog.showModal();
    }
    var first = dialog.querySelector("[autofocus]") || dialog.querySelector("button, a");
    if (first) { first.focus(); }
    // Escape does not dismiss it: the player chooses one of the three.
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); });
    var form = dialog.querySelector("form[data-continue]");
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      request(form.action, {method: "POST", body: new FormData(form)}).then(function (html) {
        dialog.close();
        swap(html);
        if (returnFocus && document.contains(returnFocus) && returnFocus.focus) { returnFocus.focus(); }
      }, function () {
        form.submit();  // the page way: the server restarts the interval and brings the page back
      });
    });
  }

  function arm() {
    var el = slot();
    window.clearTimeout(timer);
    if (!el) { return; }
    var dialog = el.querySelector("dialog");
    if (dialog) { open(dialog); return; }
    var dueIn = parseInt(el.getAttribute("data-due-in"), 10);
    if (isNaN(dueIn)) { return; }
    // At least a second; at most a day (setTimeout's own limit is about 24 days).
    timer = window.setTimeout(load, Math.min(Math.max(dueIn, 1), 86400) * 1000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", arm);
  } else {
    arm();
  }
})();
