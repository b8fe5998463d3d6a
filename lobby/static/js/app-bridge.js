/* Tell the Android app (window.app_v1, doc: APK) that a player signed in or out.
 * The page after a sign-in or sign-out carries #app-bridge with the event (so does the
 * fragment htmx swaps in when a player signs in beside a game); the email is the
 * player's own. Outside the app window.app_v1 is undefined and nothing happens. */
(function (window, document) {
  "use strict";

  function tell() {
    var bridge = document.querySelector("#app-bridge:not([data-told])");
    if (!bridge) { return; }
    bridge.setAttribute("data-told", "1");
    var event = bridge.getAttribute("data-event");
    try {
      if (event === "login") {
        window.app_v1?.onLogin({ email: bridge.getAttribute("data-email") });
      } else if (event === "logout") {
        // CAUTION: Pass empty object below!
        window.app_v1?.onLogout({});
      }
    } catch (err) {
      console.error(err);
    }
  }

  tell();
  document.addEventListener("htmx:afterSettle", tell);
})(window, document);
