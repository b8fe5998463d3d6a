/* Tell the Android app (window.app_v1, doc: APK) that a player signed in or out.
 * The page after a sign-in or sign-out carries #app-bridge with the event; the email
 * is the player's own. Outside the app window.app_v1 is undefined and nothing happens. */
(function (window, document) {
  "use strict";
  var bridge = document.getElementById("app-bridge");
  if (!bridge) { return; }
  var event = bridge.getAttribute("data-event");
  if (event === "login") {
    try {
      window.app_v1?.onLogin({ email: bridge.getAttribute("data-email") });
    } catch (err) {
      console.error(err);
    }
  } else if (event === "logout") {
    try {
      // CAUTION: Pass empty object below!
      window.app_v1?.onLogout({});
    } catch (err) {
      console.error(err);
    }
  }
})(window, document);
