/* The Downloads page's "Keep every download on this device" button: asks the service worker
   to fetch and keep every file listed there, and says how far it has got. Without a worker
   (opened from disk, or a browser that refuses one) the button stays hidden. */
(function () {
  "use strict";
  var button = document.querySelector("[data-hb-keep-downloads]");
  var status = document.querySelector("[data-hb-keep-status]");
  if (!button || !status || !("serviceWorker" in navigator) || location.protocol === "file:") return;
  navigator.serviceWorker.ready.then(function (registration) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var channel = new MessageChannel();
      button.disabled = true;
      status.textContent = "Keeping the downloads on this device…";
      channel.port1.onmessage = function (event) {
        var p = event.data, size = (p.bytes / 1048576).toFixed(1) + " MB";
        if (p.done + p.failed < p.total) return;
        button.disabled = false;
        status.textContent = p.failed
          ? "Kept " + p.done + " of " + p.total + " files (" + size + "); " + p.failed + " could not be kept: reload the page and try again with a connection."
          : "All " + p.total + " files are kept on this device (" + size + "): they open without a connection.";
      };
      registration.active.postMessage({type: "keep-downloads"}, [channel.port2]);
    });
  });
})();
