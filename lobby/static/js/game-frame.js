/*
 * Kore game frame shim: the host side of the Kore IFrame protocol.
 *
 * Include it (not deferred, before the frame) on any page with `<iframe data-game-frame data-return-url="…">`.
 * Contract (also in the README):
 *   - binds every iframe[data-game-frame] on the page (and any passed to bind());
 *   - handles a `message` event only when event.source is that iframe's window;
 *   - saveCookie keeps the payload as JSON in a first-party cookie (payload null
 *     deletes it; a payload too large for a cookie is refused with a warning);
 *   - loadCookie answers {message: "loadCookieResponse", payload} to the iframe,
 *     targeted at event.origin, never "*";
 *   - openUrl navigates this window to http(s) URLs only;
 *   - when the iframe navigates to the return URL (or below it), this window goes
 *     there instead; the return page may also post {message: "returnUrl", url}
 *     from our own origin when the load event cannot read the frame;
 *   - everything else is dropped; nothing from a message becomes HTML or code.
 * No dependencies, no build step.
 */
(function (window, document) {
  "use strict";

  var DEFAULT_COOKIE = "kore_game_settings";
  var MAX_COOKIE_BYTES = 3800; // browsers keep 4096 bytes per cookie, name and attributes included
  var ONE_YEAR = 31536000;

  function warn(text) {
    if (window.console && window.console.warn) window.console.warn("[game-frame] " + text);
  }

  function parseUrl(value, base) {
    try {
      return new URL(String(value), base || window.location.href);
    } catch (e) {
      return null;
    }
  }

  function isHttp(url) {
    return !!url && (url.protocol === "http:" || url.protocol === "https:");
  }

  // True when `href` is the return URL or a page below it (same origin, path under it).
  function isReturn(href, returnUrl) {
    var target = parseUrl(href);
    if (!returnUrl || !isHttp(target) || target.origin !== returnUrl.origin) return false;
    var base = returnUrl.pathname;
    return target.pathname === base || target.pathname.indexOf(base.replace(/\/?$/, "/")) === 0;
  }

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) {
        try {
          return JSON.parse(decodeURIComponent(parts[i].slice(eq + 1)));
        } catch (e) {
          return null; // a damaged cookie reads as "nothing saved"
        }
      }
    }
    return null;
  }

  function cookieAttributes(maxAge) {
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    return "; Path=/; Max-Age=" + maxAge + "; SameSite=Lax" + secure;
  }

  function writeCookie(name, payload) {
    if (payload === null) {
      document.cookie = name + "=" + cookieAttributes(0);
      return true;
    }
    var json;
    try {
      json = JSON.stringify(payload);
    } catch (e) {
      warn("saveCookie payload is not JSON; ignored");
      return false;
    }
    if (json === undefined) {
      warn("saveCookie payload is not JSON; ignored");
      return false;
    }
    var value = encodeURIComponent(json);
    if (name.length + value.length > MAX_COOKIE_BYTES) {
      warn("saveCookie payload is too large for a cookie (" + value.length + " bytes); not saved");
      return false;
    }
    document.cookie = name + "=" + value + cookieAttributes(ONE_YEAR);
    return true;
  }

  function readMessage(data) {
    if (typeof data === "string") {
      try {
        data = JSON.parse(data);
      } catch (e) {
        return null;
      }
    }
    if (!data || typeof data !== "object" || typeof data.message !== "string") return null;
    return data;
  }

  var extra = []; // frames bound by hand (without the data-game-frame attribute)

  function frames() {
    var found = Array.prototype.slice.call(document.querySelectorAll("iframe[data-game-frame]"));
    for (var i = 0; i < extra.length; i++) if (found.indexOf(extra[i]) < 0) found.push(extra[i]);
    return found;
  }

  function frameOf(source) {
    if (!source) return null;
    var all = frames();
    for (var i = 0; i < all.length; i++) if (all[i].contentWindow === source) return all[i];
    return null;
  }

  function settingsOf(frame) {
    var returnUrl = parseUrl(frame.getAttribute("data-return-url") || "");
    var cookieName = frame.getAttribute("data-cookie-name") || DEFAULT_COOKIE;
    return {
      returnUrl: isHttp(returnUrl) ? returnUrl : null,
      cookieName: /^[A-Za-z0-9_-]{1,64}$/.test(cookieName) ? cookieName : DEFAULT_COOKIE,
    };
  }

  function goTo(url) {
    window.location.assign(url.href);
  }

  // One listener for every game frame, installed as soon as this script runs: a fast
  // game may ask for its settings before the page has finished loading.
  window.addEventListener("message", function (event) {
    // Only the game in one of our frames speaks the protocol with us.
    var frame = frameOf(event.source);
    if (!frame) return;
    var data = readMessage(event.data);
    if (!data) return;
    var settings = settingsOf(frame);
    switch (data.message) {
      case "saveCookie":
        if (!("payload" in data)) return;
        writeCookie(settings.cookieName, data.payload);
        return;
      case "loadCookie":
        if (!event.origin || event.origin === "null") {
          warn("loadCookie from an opaque origin; cannot answer safely");
          return;
        }
        event.source.postMessage({ message: "loadCookieResponse", payload: readCookie(settings.cookieName) }, event.origin);
        return;
      case "openUrl": {
        var url = parseUrl(data.url);
        if (isHttp(url)) goTo(url);
        else warn("openUrl ignored: only http and https URLs are opened");
        return;
      }
      case "returnUrl": {
        // Sent by our own return page when it finds itself framed.
        var back = parseUrl(data.url);
        var ours = event.origin === window.location.origin;
        if (ours && isReturn(back && back.href, settings.returnUrl)) goTo(back);
        return;
      }
      default:
        return;
    }
  });

  // "load" does not bubble, but it can be caught on its way down to the iframe.
  document.addEventListener(
    "load",
    function (event) {
      var frame = event.target;
      if (!frame || frame.tagName !== "IFRAME" || frames().indexOf(frame) < 0) return;
      var href;
      try {
        href = frame.contentWindow.location.href; // throws while the game's origin is loaded
      } catch (e) {
        return;
      }
      if (isReturn(href, settingsOf(frame).returnUrl)) goTo(parseUrl(href));
    },
    true
  );

  function bind(frame) {
    if (!frame || frame.tagName !== "IFRAME") return;
    if (!frame.hasAttribute("data-game-frame") && extra.indexOf(frame) < 0) extra.push(frame);
    frame.setAttribute("data-game-frame-bound", "true");
  }

  function bindAll(root) {
    var found = (root || document).querySelectorAll("iframe[data-game-frame]");
    for (var i = 0; i < found.length; i++) bind(found[i]);
  }

  window.KoreGameFrame = { bind: bind, bindAll: bindAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      bindAll();
    });
  } else {
    bindAll();
  }
})(window, document);
