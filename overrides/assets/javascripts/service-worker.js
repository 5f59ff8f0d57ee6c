/* Registers the handbook's service worker (sw.js at the site's root), so that every page works
   offline after one visit. Pages a worker already serves also load updates.js, which offers a new
   version when one is published (a first visit has none to offer). The build adds this script to
   every page of the published site, not to the copy opened from disk. */
(function (workers, root) {
  if (!workers) return;   // an old browser, or a page not served over https or from localhost
  workers.register(root + "sw.js", {scope: root})
    .catch(function () {});   // no worker (storage refused): the site works online as before
  if (workers.controller) {
    document.head.append(Object.assign(document.createElement("script"), {src: root + "assets/javascripts/updates.js"}));
  }
})(navigator.serviceWorker, new URL("../../", document.currentScript.src).href);   // this file is in <root>/assets/javascripts/
