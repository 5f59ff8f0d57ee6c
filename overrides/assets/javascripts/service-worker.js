/* Registers sw.js (offline site); pages it serves load updates.js. */
(function (workers, root) {
  if (!workers) return;
  workers.register(root + "sw.js", {scope: root}).catch(function () {});
  if (workers.controller) document.head.append(Object.assign(document.createElement("script"), {src: root + "assets/javascripts/updates.js"}));
})(navigator.serviceWorker, new URL("../../", document.currentScript.src).href);
