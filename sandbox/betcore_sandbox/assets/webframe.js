/* The sandbox WebFrame page: gets tokenAuth from the casino's page, lets the sandbox's
 * server authenticate it (POST {server}/users/auth), shows the wallet, and
 * authenticates again every few minutes with the newest refresh token. */
(function () {
  "use strict";
  var body = document.body;
  var reauth = parseInt(body.dataset.reauth, 10) || 180;
  var server = body.dataset.server;
  var session = null;
  var timer = null;
  var button = document.getElementById("refresh");

  function text(id, value) { document.getElementById(id).textContent = value === undefined || value === null ? "–" : String(value); }

  function status(state, message) {
    var node = document.getElementById("status");
    node.dataset.state = state;
    node.textContent = message;
  }

  function show(result) {
    session = result.session || session;
    var auth = result.auth || {};
    if (!result.ok) {
      window.clearTimeout(timer);
      button.disabled = !session;
      status("refused", "Refused: " + auth.ErrorCode + " " + (auth.Message || ""));
      return;
    }
    var value = auth.Value || {};
    text("partner-user-id", value.PartnerUserId);
    text("currency", value.CurrencyCode);
    text("is-test", value.IsTest);
    var data = result.data || {};
    text("balance", data.ErrorCode === 200 && data.Value ? data.Value.Balance + " " + value.CurrencyCode : "unavailable (" + data.ErrorCode + ")");
    status("authenticated", "Authenticated at " + new Date().toLocaleTimeString());
    button.disabled = false;
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, reauth * 1000);
  }

  function post(url, payload) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(payload)})
      .then(function (response) { return response.json(); })
      .then(show, function () { status("error", "The sandbox did not answer"); });
  }

  function refresh() {
    if (session) { post("/webframe/session/" + encodeURIComponent(session) + "/refresh", {}); }
  }

  button.addEventListener("click", refresh);
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== "betcore:init") { return; }
    if (session) { return; }
    post("/webframe/session", {tokenAuth: event.data.tokenAuth, tagId: event.data.tagId, server: server});
  });
  window.parent.postMessage({type: "betcore:ready"}, "*");
})();
