// Hands the offline sign-on result to the app (window.app), as Kore's page does.
(function () {
  "use strict";
  var node = document.getElementById("signon-result");
  if (!node || !window.app) { return; }
  var result = JSON.parse(node.textContent);
  try {
    if (result.success) { window.app.onLoginSuccess(result.success); }
    else { window.app.onLoginError(result.error); }
  } catch (err) {
    console.error(err);
  }
})();
