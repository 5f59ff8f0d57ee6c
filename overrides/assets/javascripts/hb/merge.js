/* Conflicts between versions of one record kept by PouchDB (the same case changed on two
   devices): which lines differ, and the record that a person's line-by-line choices make.
   Pure functions; a classic script (see stats.js). */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.HB = root.HB || {}).merge = api;
})(this, function () {
  "use strict";

  function same(a, b) {
    return ((a && a.judgement) || null) === ((b && b.judgement) || null) && ((a && a.note) || "") === ((b && b.note) || "");
  }

  /* Every line and field on which the versions do not all agree, each with every version's entry. */
  function differences(versions) {
    var lines = {}, fields = {};
    versions.forEach(function (v) {
      Object.keys(v.lines || {}).forEach(function (id) { lines[id] = true; });
      Object.keys(v.fields || {}).forEach(function (label) { fields[label] = true; });
    });
    var out = [];
    Object.keys(fields).sort().forEach(function (label) {
      var values = versions.map(function (v) { return (v.fields || {})[label] || ""; });
      if (values.some(function (x) { return x !== values[0]; })) out.push({ kind: "field", id: label, entries: values });
    });
    Object.keys(lines).sort(function (a, b) {
      var x = a.split(".").map(Number), y = b.split(".").map(Number);
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    }).forEach(function (id) {
      var entries = versions.map(function (v) { return (v.lines || {})[id] || null; });
      if (entries.some(function (e) { return !same(e, entries[0]); })) out.push({ kind: "line", id: id, entries: entries });
    });
    return out;
  }

  /* The resolved record: the first version, with each differing line and field taken from the
     version the person chose (`choices[kind + ":" + id]` = index into versions), and the
     resolution recorded in the record itself (who, when, which revisions, what was chosen). */
  function resolve(versions, choices, by) {
    var base = JSON.parse(JSON.stringify(versions[0]));
    var chosen = {};
    differences(versions).forEach(function (d) {
      var index = choices[d.kind + ":" + d.id] || 0, from = versions[index];
      chosen[d.kind + ":" + d.id] = from._rev;
      if (d.kind === "field") {
        if ((from.fields || {})[d.id]) base.fields[d.id] = from.fields[d.id];
        else delete base.fields[d.id];
      } else if (from.lines && from.lines[d.id]) {
        base.lines[d.id] = JSON.parse(JSON.stringify(from.lines[d.id]));
      } else {
        delete base.lines[d.id];
      }
    });
    base.resolutions = (base.resolutions || []).concat([{
      at: new Date().toISOString(), by: by || "", revisions: versions.map(function (v) { return v._rev; }), chosen: chosen
    }]);
    base.updated = new Date().toISOString();
    delete base._conflicts;
    delete base._revisions;
    return base;
  }

  return { differences: differences, resolve: resolve };
});
