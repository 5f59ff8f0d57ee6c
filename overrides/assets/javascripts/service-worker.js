/* Installs the handbook's service worker (sw.js at the site's root), so that every page works
   offline after one visit, and says when a new version has been published. It never reloads a
   page by itself: someone may be filling in a checklist. Does nothing opened from disk. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  var root = new URL("../../", document.currentScript.src);   // this file is <root>/assets/javascripts/
  var workers = navigator.serviceWorker;
  var hadController = Boolean(workers.controller);
  var accepted = false;

  workers.addEventListener("controllerchange", function () {
    if (accepted) location.reload();          // this page asked for the new version
    else if (hadController) offer(null);      // another tab accepted it: this page is the old one
    hadController = true;
  });

  workers.register(new URL("sw.js", root).href, {scope: root.href, updateViaCache: "none"}).then(function (registration) {
    if (registration.waiting && workers.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && workers.controller) offer(worker);
      });
    });
    // A page left open for hours still hears of a new version: look when it is shown again, and hourly.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") registration.update().catch(function () {});
    });
    setInterval(function () { registration.update().catch(function () {}); }, 60 * 60 * 1000);
  }).catch(function () { /* no worker (private window, storage refused): the site works online as before */ });

  /* A bar at the foot of the window; the page keeps its focus and everything typed in it. */
  function offer(worker) {
    var bar = document.querySelector(".hb-update");
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "hb-update";
      bar.setAttribute("role", "region");
      bar.setAttribute("aria-label", "New version of the handbook");
      bar.innerHTML = '<p class="hb-update__text" role="status"></p>' +
        '<button type="button" class="md-button md-button--primary hb-update__reload">Reload now</button>' +
        '<button type="button" class="md-button hb-update__later">Later</button>';
      document.body.appendChild(bar);
      bar.querySelector(".hb-update__later").addEventListener("click", function () { bar.hidden = true; });
    }
    bar.hidden = false;
    bar.querySelector(".hb-update__reload").onclick = function () {
      accepted = true;
      if (worker && worker.state === "installed") worker.postMessage({type: "accept-update"});
      else location.reload();
    };
    // Written after the bar is in the page, so screen readers announce it.
    setTimeout(function () {
      bar.querySelector(".hb-update__text").textContent =
        "A new version of this handbook is available. Reloading keeps what you have recorded on this device.";
    }, 100);
  }
})();
