/* Checklist pages: the records' stylesheet and scripts (records.css, PouchDB, the store and
   records.js: about 55 KiB gzipped) are loaded only when this device keeps records (a PouchDB
   database for this framework, records an earlier version kept, a record whose save failed), when
   a record is asked for (?record=), or when the user starts to fill in the checklist or to use its
   records panel (a press or the focus inside them): a first visit stays light. The stylesheet and
   the scripts, in order, are named on this script's tag (data-load). The panel says where things
   stand (data-state): "waiting" for the user, "loading" (for the records kept), "touched" (loading
   for the user, whose entries records.js then takes up), or "ready" (set by records.js). */
(function (me, d, w) {
  var panel = d.getElementById("hb-records"), form = d.querySelector(".hb-checklist[data-framework]");
  if (!panel || !form || !me) return;
  var id = form.dataset.framework;
  function load(why) {
    if (panel.dataset.state !== "waiting") return;
    panel.dataset.state = why === "touched" ? why : "loading";
    var files = me.dataset.load.split(" "), css = d.createElement("link");
    css.rel = "stylesheet";
    css.href = files.shift();
    d.head.appendChild(css);  // fetched alongside the scripts: waiting for it would cost a round trip
    files.forEach(function (src) {
      var script = d.createElement("script");
      script.src = src;
      script.async = false;  // run in order
      d.body.appendChild(script);
    });
  }
  function touched(event) {
    if (event.target.closest && event.target.closest(".hb-checklist, .hb-records")) load("touched");
  }
  panel.dataset.state = "waiting";
  try {
    if (/[?&]record=/.test(w.location.search) || w.localStorage.getItem("hb-store:" + id) ||
        w.localStorage.getItem("hb-records:" + id) || w.localStorage.getItem("hb-unsaved:" + id)) return load();
  } catch (e) { /* no localStorage: the other signs decide */ }
  d.addEventListener("pointerdown", touched, true);
  d.addEventListener("focusin", touched, true);
  var databases = w.indexedDB && w.indexedDB.databases && w.indexedDB.databases();
  if (!databases) return load();  // cannot tell: load
  databases.then(function (all) {
    if (all.some(function (db) { return db.name === "_pouch_hb-" + id; })) load();
  }, load);
})(document.currentScript, document, window);
