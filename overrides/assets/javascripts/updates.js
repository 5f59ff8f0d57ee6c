/* Says when a new version of the handbook has been published, with a bar at the foot of the window:
   "Reload now" lets the waiting worker take over and reloads; "Later" hides the bar. Nothing
   reloads by itself and the bar takes no focus: someone may be filling in a checklist.
   Loaded by service-worker.js on pages a worker serves. */
(function () {
  "use strict";
  var workers = navigator.serviceWorker;
  var css = new URL("../stylesheets/update-prompt.css", document.currentScript.src).href;
  var accepted = false;

  workers.addEventListener("controllerchange", function () {
    if (accepted) location.reload();   // this page asked for the new version
    else offer(null);                  // another tab accepted it: this page is the old one
  });
  workers.getRegistration().then(function (registration) {
    if (!registration) return;
    if (registration.waiting) offer(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed") offer(worker);
      });
    });
    // A page left open for hours still hears of a new version.
    var look = function () { registration.update().catch(function () {}); };
    document.addEventListener("visibilitychange", function () { if (!document.hidden) look(); });
    setInterval(look, 3600000);
  });

  function offer(worker) {
    var bar = document.querySelector(".hb-update");
    if (!bar) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = css;
      document.head.appendChild(style);
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
    // Written once the bar is in the page, so that screen readers announce it.
    setTimeout(function () {
      bar.querySelector(".hb-update__text").textContent =
        "A new version of this handbook is available. Reloading keeps what you have recorded on this device.";
    }, 100);
  }
})();
