/* The pages of a checklist split into parts (scripts/handbook/checklists/parts.py): the links between
   them (a.hb-part-link) carry the record being filled in (?record=<id>), so the user stays on it from
   part to part. records.js calls HB.carryRecord again whenever the record shown changes. Loaded only
   by those pages (front matter `parts: true`), so other checklist pages stay as light as they were. */
(function (d, w) {
  function carry(id) {
    Array.prototype.forEach.call(d.querySelectorAll("a.hb-part-link"), function (a) {
      a.search = id ? "?record=" + encodeURIComponent(id) : "";
    });
  }
  (w.HB = w.HB || {}).carryRecord = carry;
  var asked = new URLSearchParams(w.location.search).get("record");
  if (asked) carry(asked);
})(document, window);
