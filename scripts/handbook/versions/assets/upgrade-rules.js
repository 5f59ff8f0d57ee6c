/* Carrying a record made on an earlier version of the framework to the current version: the
   rules alone, with no page and no storage, so `node --test` checks them (tests/js/).

   Works from the change logs the build publishes (one per pair of consecutive versions, the
   format of downloads/<id>-changes-<old>-to-<new>.json). Unchanged, wording-only and moved
   lines come across by themselves; modified, split and merged lines are proposed and listed for
   review; deleted lines are kept, read-only, with their judgement, note and reason. Nothing is
   ever dropped, and the record given is never changed.

   A classic script, not an ES module: Chromium refuses module scripts from file://, and the
   offline copy is opened from disk. In a page it is `HB.upgrade` (beside the records' HB.model and
   HB.store); in Node, `require()` returns it. */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.HB = root.HB || {}).upgrade = api;
})(this, function () {
  "use strict";

  var FORMAT = "inspection-handbook-record";
  var AUTOMATIC = { unchanged: true, "wording-only": true, moved: true };
  var REVIEWED = { modified: true, split: true, merged: true };
  var LINE_ID = /^[1-9]\d*\.[1-9]\d*\.[1-9]\d*$/;
  var RECORD_KEYS = ["format", "formatVersion", "framework", "id", "name", "fields", "lines", "updated", "upgrade"];

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  function byLineId(a, b) {
    var x = a.split(".").map(Number), y = b.split(".").map(Number);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  }

  function clean(entry) {
    var out = {};
    if (entry && entry.judgement) out.judgement = entry.judgement;
    if (entry && entry.note) out.note = entry.note;
    return out;
  }

  /* The change logs leading from `version` to the current one, oldest first; null if there is no such chain. */
  function chain(info, version) {
    var steps = [], at = version;
    while (at !== info.version) {
      var next = info.changes.filter(function (log) { return log.from.version === at; })[0];
      if (!next) return null;
      steps.push(next);
      at = next.to.version;
    }
    return steps;
  }

  /* Every line id of the version a change log starts from. */
  function oldLines(log) {
    var ids = log.unchanged.slice();
    log.changes.forEach(function (change) { change.from.forEach(function (line) { ids.push(line.id); }); });
    return ids;
  }

  function label(info, version) {
    var found = info.versions.filter(function (v) { return v.version === version; })[0];
    return found ? found.date : version;
  }

  /* Why `data` cannot be carried to the current version, or null if it can. `info` is the page's data:
     {framework, version, versions: [{version, label, date}], scale: [{id, label}], lines, changes}. */
  function problem(data, info) {
    if (!isObject(data) || data.format !== FORMAT) return "it is not a record exported from this handbook.";
    if (data.formatVersion !== 1) return "it was made by a newer version of this handbook.";
    if (!isObject(data.framework) || data.framework.id !== info.framework) {
      return "it is a record for another framework (" + (isObject(data.framework) ? String(data.framework.id) : "unknown") + ").";
    }
    if (data.framework.version === info.version) return "it was made on the current version already: import it on a checklist page.";
    var steps = chain(info, data.framework.version);
    if (!steps) return "it was made on a version of the framework (" + String(data.framework.version) + ") that this handbook does not know.";
    if (typeof data.id !== "string" || !/^[\w-]{1,64}$/.test(data.id)) return "its id is missing or malformed.";
    if (typeof data.name !== "string" || !data.name.trim() || data.name.length > 200) return "its name is missing or too long.";
    if (!isObject(data.fields) || !isObject(data.lines)) return "it has no fields or lines.";
    var badField = Object.keys(data.fields).filter(function (k) { return typeof data.fields[k] !== "string"; })[0];
    if (badField) return "its field \u201c" + badField + "\u201d is not text.";
    var scale = info.scale.map(function (v) { return v.id; }), known = oldLines(steps[0]);
    var badLine = Object.keys(data.lines).filter(function (id) {
      var entry = data.lines[id];
      return !LINE_ID.test(id) || known.indexOf(id) < 0 || !isObject(entry) ||
        Object.keys(entry).some(function (k) { return k !== "judgement" && k !== "note"; }) ||
        ("judgement" in entry && scale.indexOf(entry.judgement) < 0) ||
        ("note" in entry && typeof entry.note !== "string");
    })[0];
    if (badLine) return "its entry for line " + badLine + " is not a line of that version with a judgement on this scale and a note.";
    var extra = Object.keys(data).filter(function (k) { return RECORD_KEYS.indexOf(k) < 0; })[0];
    return extra ? "it has an unknown field \u201c" + extra + "\u201d." : null;
  }

  /* One step: the state's lines carried through one change log. */
  function step(state, log, scale) {
    var byOld = {};
    log.changes.forEach(function (change) { change.from.forEach(function (line) { byOld[line.id] = change; }); });
    var lines = {}, items = [], merged = {};
    var pending = {};  // line id -> the review item it is a target of, from an earlier step
    state.items.forEach(function (item) { item.to.forEach(function (line) { pending[line.id] = item; }); });
    Object.keys(state.lines).sort(byLineId).forEach(function (id) {
      var entry = state.lines[id], change = byOld[id], earlier = pending[id];
      var text = change ? change.from.filter(function (line) { return line.id === id; })[0].text : null;
      var source = { id: id, version: log.from.version, text: text, judgement: entry.judgement, note: entry.note };
      if (!change || AUTOMATIC[change.type]) {
        var target = change ? change.to[0] : null, to = target ? target.id : id;
        lines[to] = entry;
        if (change) state.carried.push({ type: change.type, from: id, to: to, version: log.from.version });
        if (earlier && target) earlier.to = earlier.to.map(function (line) { return line.id === id ? target : line; });
        return;
      }
      if (earlier) earlier.to = earlier.to.filter(function (line) { return line.id !== id; });
      if (change.type === "deleted") {
        state.retired.push({ id: id, version: log.from.version, text: text, reason: change.reason || "",
                             judgement: entry.judgement, note: entry.note });
        return;
      }
      var diff = change.diff;
      if (change.type === "merged") {
        var into = change.to[0].id;
        if (!merged[into]) {
          merged[into] = { key: log.to.version + ":" + into, type: "merged", from: [], to: change.to.slice() };
          items.push(merged[into]);
        }
        source.diff = diff;
        merged[into].from.push(source);
        return;
      }
      source.diff = diff;
      items.push({ key: log.to.version + ":" + change.to[0].id, type: change.type, from: [source], to: change.to.slice() });
      change.to.forEach(function (line) { lines[line.id] = copy(entry); });
    });
    Object.keys(merged).forEach(function (into) { lines[into] = combine(merged[into].from, scale); });
    state.items = state.items.filter(function (item) { return item.to.length; }).concat(items);
    state.lines = lines;
  }

  /* A merged line's proposal: the judgement if every judged source agrees; a note naming each source
     with its note (and its judgement when they disagree), so no judgement or note is lost. */
  function combine(sources, scale) {
    var judged = sources.map(function (s) { return s.judgement; }).filter(Boolean);
    var agreed = judged.length && judged.every(function (j) { return j === judged[0]; }) ? judged[0] : null;
    var notes = sources.filter(function (s) { return s.note || (s.judgement && !agreed); }).map(function (s) {
      var value = scale.filter(function (v) { return v.id === s.judgement; })[0];
      return s.id + (value && !agreed ? " (" + value.label + ")" : "") + (s.note ? ": " + s.note : "");
    });
    return clean({ judgement: agreed, note: notes.join("\n") });
  }

  /* The upgrade of `record` to the current version: {record, items, carried, retired, from, to}.
     `record` is not changed. `id` and `now` are the new record's id and time (given, to keep this pure). */
  function plan(record, info, id, now) {
    var state = { lines: copy(record.lines), items: [], carried: [], retired: [] };
    chain(info, record.framework.version).forEach(function (log) { step(state, log, info.scale); });
    var retired = {};
    state.retired.forEach(function (line) {
      retired[line.id] = clean(line);
      retired[line.id].version = line.version;
      retired[line.id].text = line.text;
      retired[line.id].reason = line.reason;
    });
    var upgraded = {
      format: FORMAT, formatVersion: 1, framework: { id: info.framework, version: info.version },
      id: id, name: record.name + " (carried to " + label(info, info.version) + ")",
      fields: copy(record.fields), lines: state.lines, updated: now,
      upgrade: { from: { version: record.framework.version, record: record.id, name: record.name }, retired: retired }
    };
    return { record: upgraded, items: state.items, carried: state.carried, retired: state.retired,
             from: record.framework.version, to: info.version };
  }

  /* How many of the plan's review items are in `reviewed` (a list of item keys). */
  function progress(upgrade, reviewed) {
    var done = upgrade.items.filter(function (item) { return reviewed.indexOf(item.key) >= 0; }).length;
    return { done: done, total: upgrade.items.length, complete: done === upgrade.items.length };
  }

  /* The record to save: the plan's record with the reviewer's judgements and notes for the lines under review. */
  function finish(upgrade, values) {
    var record = copy(upgrade.record);
    upgrade.items.forEach(function (item) {
      item.to.forEach(function (line) {
        if (!(line.id in values)) return;
        var entry = clean(values[line.id]);
        if (entry.judgement || entry.note) record.lines[line.id] = entry;
        else delete record.lines[line.id];
      });
    });
    return record;
  }

  /* The earlier-version records in a list of records, newest version first, that can be carried across. */
  function candidates(records, info) {
    return records.filter(function (r) {
      return isObject(r) && isObject(r.framework) && r.framework.id === info.framework &&
        r.framework.version !== info.version && chain(info, r.framework.version) !== null;
    });
  }

  return { FORMAT: FORMAT, AUTOMATIC: AUTOMATIC, REVIEWED: REVIEWED, chain: chain, problem: problem, plan: plan,
           progress: progress, finish: finish, candidates: candidates, byLineId: byLineId, label: label };
});
