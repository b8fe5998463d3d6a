// Pages know scripts run (the search button is only needed without them).
document.documentElement.classList.add("js");

// A tile whose artwork does not load (the operator's CDN is down, a game has no picture
// yet) gets the lobby's own artwork instead: no tile is ever a bare box.
document.addEventListener("error", function (event) {
  var img = event.target;
  if (img && img.tagName === "IMG" && img.dataset.fallback && img.getAttribute("src") !== img.dataset.fallback) {
    img.removeAttribute("srcset");
    img.setAttribute("src", img.dataset.fallback);
  }
}, true);
