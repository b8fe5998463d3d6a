// Feedback while something is on its way: a bar at the top and aria-busy on what htmx
// is updating, and forms that cannot be sent twice by a double tap.
(function () {
  var busy = 0;
  function setBusy(delta, target) {
    busy = Math.max(0, busy + delta);
    document.documentElement.classList.toggle("is-busy", busy > 0);
    if (target) { target.setAttribute("aria-busy", delta > 0 ? "true" : "false"); }
  }
  // Background requests (data-quiet: the chat poll) show nothing.
  function quiet(e) { return e.detail.elt && e.detail.elt.closest && e.detail.elt.closest("[data-quiet]"); }
  document.addEventListener("htmx:beforeRequest", function (e) { if (!quiet(e)) { setBusy(1, e.detail.target); } });
  document.addEventListener("htmx:afterRequest", function (e) { if (!quiet(e)) { setBusy(-1, e.detail.target); } });
  // A plain form: its buttons are disabled once it is on its way (after the submit event,
  // so the pressed button's name and value still go with it).
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (e.defaultPrevented || form.hasAttribute("hx-post") || form.hasAttribute("hx-get")) { return; }
    if (form.dataset.sending) { e.preventDefault(); return; }
    form.dataset.sending = "1";
    setBusy(1, form);
    setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (b) { b.disabled = true; });
    }, 0);
  });
  // Back from the page cache (the back button): the form can be used again.
  window.addEventListener("pageshow", function (e) {
    if (!e.persisted) { return; }
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
    });
    busy = 0;
    document.documentElement.classList.remove("is-busy");
  });
  // The error summary at the top of a form that came back with errors takes the focus.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
}());
