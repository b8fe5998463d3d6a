// The "Refer a friend" page's link: a Copy button where the clipboard can be written, and
// the phone's own Share sheet (Web Share API) where there is one. Without this script the
// link is a read-only field the player can select and copy by hand.
(function () {
  function field(button, name) { return document.getElementById(button.getAttribute(name)); }
  function say(text) {
    var status = document.querySelector("[data-share-status]");
    if (status) { status.textContent = text; }
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var input = field(button, "data-copy");
    if (!input || !navigator.clipboard || !window.isSecureContext) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        say(button.getAttribute("data-copied"));
      }, function () {
        input.select();
      });
    });
  });
  document.querySelectorAll("[data-share]").forEach(function (button) {
    var input = field(button, "data-share");
    if (!input || typeof navigator.share !== "function") { return; }
    var data = { title: button.getAttribute("data-share-title"), text: button.getAttribute("data-share-text"), url: input.value };
    if (navigator.canShare && !navigator.canShare(data)) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share(data).catch(function () { /* the player closed the sheet */ });
    });
  });
  document.querySelectorAll(".share-url").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
}());
