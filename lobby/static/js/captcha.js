/* Google's reCAPTCHA v2 widget calls these (data-callback / data-expired-callback):
 * its answer goes into the form's hidden captcha field, which the server sends to Kore. */
(function (window, document) {
  "use strict";
  function field() { return document.querySelector("input[data-captcha]"); }
  window.lobbyCaptchaDone = function (token) { var f = field(); if (f) { f.value = token; } };
  window.lobbyCaptchaExpired = function () { var f = field(); if (f) { f.value = ""; } };
})(window, document);
