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
  var EXPORT = "inspection-handbook-export";  // a whole inspection, as the workspace exports it
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

  /* The records in a whole-inspection export (format "inspection-handbook-export", documents with their
     revision history) made on an earlier version, as records of the export format above, each named
     after its inspection: {records} to keep and carry across, or {problem} in words. */
  function fromExport(data, info) {
    if (!isObject(data) || data.format !== EXPORT) return { problem: "it is not an inspection exported from this handbook." };
    if (typeof data.formatVersion !== "number" || data.formatVersion > 2) return { problem: "it was made by a newer version of this handbook." };
    if (!Array.isArray(data.docs)) return { problem: "it holds no records." };
    var inspections = {};
    data.docs.forEach(function (doc) {
      if (isObject(doc) && doc.type === "inspection" && !doc._deleted) inspections[doc._id] = doc.name;
    });
    var records = [], refused = null;
    data.docs.forEach(function (doc, index) {
      if (refused || !isObject(doc) || doc.type !== "record" || doc._deleted) return;
      var lines = {};
      Object.keys(isObject(doc.lines) ? doc.lines : {}).forEach(function (id) {
        var entry = clean(doc.lines[id]);
        if (entry.judgement || entry.note || !isObject(doc.lines[id])) lines[id] = isObject(doc.lines[id]) ? entry : doc.lines[id];
      });
      var inspection = inspections[doc.inspection];
      var record = { format: FORMAT, formatVersion: 1, framework: doc.framework,
                     id: String(doc._id).replace(/^record:/, ""), fields: doc.fields, lines: lines,
                     name: (inspection ? inspection + ": " : "") + (doc.name || "Record " + (records.length + 1)) };
      var why = problem(record, info);
      if (why) refused = "its record " + (index + 1) + " cannot be carried across: " + why;
      else records.push(record);
    });
    if (refused) return { problem: refused };
    return records.length ? { records: records } : { problem: "it holds no records." };
  }

  /* ---- records and inspections kept in the store (hb/store.js, PouchDB documents) ------------- */

  /* The id of the document carried to `version` from the document `id`: the same on every device, so
     two inspectors who carry the same inspection make the same documents, which merge like any other
     (and carrying twice on one device finds the first). Ids are at most 64 characters after the prefix;
     every id the handbook makes is far shorter than the 54 kept. */
  function carriedId(id, version) {
    var parts = /^(record|inspection):(.+)$/.exec(id);
    return parts[1] + ":" + parts[2].slice(0, 54) + "-v" + String(version).replace(/\D/g, "");
  }

  /* The kind of checklist a record's lines belong to: `preferred` if its sections hold them all, else
     the first kind that does (a line can move into another section), else `preferred` as it was. */
  function kindFor(ids, preferred, kinds) {
    var sections = ids.map(function (id) { return id.split(".")[0]; });
    var covers = function (kind) { return sections.every(function (s) { return kind.sections.indexOf(s) >= 0; }); };
    var mine = (kinds || []).filter(function (k) { return k.id === preferred; })[0];
    if (!preferred || (mine && covers(mine))) return preferred || null;
    var found = (kinds || []).filter(covers)[0];
    return found ? found.id : preferred;
  }

  function storeDocProblem(doc, info) {
    if (!isObject(doc) || !isObject(doc.framework) || doc.framework.id !== info.framework) return "it is not a record of this framework.";
    if (doc.framework.version === info.version) return "it was made on the current version already.";
    if (!chain(info, doc.framework.version)) return "it was made on a version (" + String(doc.framework.version) + ") that this handbook does not know.";
    return null;
  }

  /* A record document of the store made on an earlier version, carried to the current one as a new
     document: lines carried or proposed as plan() does, the deleted ones kept read-only (with any kept
     by an earlier upgrade), and the review to do kept in the record itself (`upgrade.review`: the items
     and the keys reviewed), so that leaving the page loses nothing. `doc` is not changed. */
  function carryRecord(doc, info, now) {
    var lines = {};
    Object.keys(doc.lines || {}).forEach(function (id) {
      var entry = clean(doc.lines[id]);
      if (entry.judgement || entry.note) lines[id] = entry;
    });
    var planned = plan({ framework: doc.framework, id: doc._id, name: doc.name, fields: {}, lines: lines }, info, "", now);
    var retired = Object.assign({}, doc.upgrade && isObject(doc.upgrade.retired) ? copy(doc.upgrade.retired) : {},
                                planned.record.upgrade.retired);
    var out = {
      _id: carriedId(doc._id, info.version), type: "record", format: FORMAT, formatVersion: 2,
      framework: { id: info.framework, version: info.version },
      checklist: kindFor(Object.keys(planned.record.lines), doc.checklist || null, info.kinds),
      inspection: doc.inspection ? carriedId(doc.inspection, info.version) : null,
      name: doc.name || "", inspector: doc.inspector || "", date: doc.date || "", fields: copy(doc.fields || {}),
      lines: planned.record.lines, updated: now,
      upgrade: { from: { version: doc.framework.version, record: doc._id, name: doc.name || "" }, retired: retired,
                 carried: planned.carried.length, review: { items: planned.items, reviewed: [] } }
    };
    return out;
  }

  /* An inspection of the store made on an earlier version, with its records, carried to the current
     version: {inspection, records}, all new documents; the earlier ones are not changed. */
  function carryInspection(inspection, records, info, now) {
    var carried = copy(inspection);
    ["_rev", "_revisions", "_conflicts", "_deleted"].forEach(function (key) { delete carried[key]; });
    carried._id = carriedId(inspection._id, info.version);
    carried.framework = { id: info.framework, version: info.version };
    carried.formatVersion = 2;
    carried.created = now;
    carried.upgrade = { from: { version: inspection.framework.version, inspection: inspection._id, name: inspection.name } };
    return { inspection: carried, records: records.map(function (doc) { return carryRecord(doc, info, now); }) };
  }

  /* How far the review of carried records has come: {done, total, complete}. */
  function reviewed(records) {
    var done = 0, total = 0;
    records.forEach(function (record) {
      var review = record.upgrade && record.upgrade.review;
      if (!review) return;
      total += review.items.length;
      done += review.items.filter(function (item) { return review.reviewed.indexOf(item.key) >= 0; }).length;
    });
    return { done: done, total: total, complete: done === total };
  }

  /* The record with the reviewer's judgements and notes for one review item's lines (`values`, by line
     id: {judgement, note}) and the item marked reviewed or not: a new record, `record` is not changed. */
  function review(record, key, values, done, now) {
    var out = copy(record), state = out.upgrade.review;
    var item = state.items.filter(function (i) { return i.key === key; })[0];
    if (!item) return out;
    out.lines = finish({ record: out, items: [item] }, values).lines;
    state.reviewed = state.reviewed.filter(function (k) { return k !== key; });
    if (done) state.reviewed.push(key);
    out.updated = now;
    return out;
  }

  /* ---- a filled-in self-assessment workbook (scripts/handbook/exports/workbook.py) --------------- */

  var CASES_SHEET = "Cases", NOTES_SHEET = "Notes", FIRST_CASE_ROW = 8;
  var CASE_COLUMN = /Cases'?!\$?B\$?(\d+)/;

  function cell(ref) {
    var parts = /^([A-Z]+)(\d+)$/.exec(ref), column = 0;
    for (var i = 0; i < parts[1].length; i += 1) column = column * 26 + parts[1].charCodeAt(i) - 64;
    return { column: column, row: Number(parts[2]) };
  }

  function text(value) { return value === null || value === undefined ? "" : String(value).trim(); }

  /* A date cell as the workbook holds it (a day number, for a cell formatted as a date) or as typed. */
  function day(value) {
    if (typeof value === "number" && value > 0) return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 864e5).toISOString().slice(0, 10);
    return text(value);
  }

  /* The cases of a filled-in workbook as an inspection and its records, on the workbook's own version:
     {inspection, records} (documents for the store), or {problem} in words. `book` is what the browser
     read from the file: {title, subject, sheets: {name: {ref: {v, f}}}}; `makeId` gives fresh ids. Each
     case with a reference, a judgement or a note becomes a record of the first kind of checklist that
     holds all its lines (or one record per kind when none does); notes on one line are kept together. */
  function fromWorkbook(book, info, makeId, now) {
    var version = (info.versions || []).filter(function (v) {
      return v.label === book.subject && (!v.title || text(book.title).slice(-v.title.length) === v.title);
    })[0];
    if (!version) return { problem: "it is not a self-assessment workbook of this handbook's framework, or of a version it knows (it says \u201c" + text(book.subject) + "\u201d)." };
    var steps = version.version === info.version ? [] : chain(info, version.version);
    if (!steps) return { problem: "it was made on a version of the framework (" + version.date + ") that this handbook cannot carry across." };
    var known = steps.length ? oldLines(steps[0]) : Object.keys(info.lines);
    var labels = {};
    info.scale.forEach(function (v) { labels[v.label.toLowerCase()] = v.id; });
    var cases = book.sheets[CASES_SHEET];
    if (!cases) return { problem: "it has no \u201cCases\u201d sheet." };
    var found = {}, problem = null;
    function theCase(number) {
      return found[number] = found[number] || { number: number, lines: {} };
    }
    Object.keys(cases).forEach(function (ref) {
      var at = cell(ref), value = cases[ref].v;
      if (at.row < FIRST_CASE_ROW || at.column < 2 || at.column > 4 || text(value) === "") return;
      var one = theCase(at.row - FIRST_CASE_ROW + 1);
      if (at.column === 2) one.reference = text(value);
      else if (at.column === 3) one.assessor = text(value);
      else one.date = day(value);
    });
    Object.keys(book.sheets).filter(function (name) { return /^Section /.test(name); }).forEach(function (name) {
      var sheet = book.sheets[name], columns = {}, rows = {};
      Object.keys(sheet).forEach(function (ref) {
        var at = cell(ref), entry = sheet[ref];
        var head = at.row === 2 && (CASE_COLUMN.exec(entry.f || "") || /^Case (\d+)$/.exec(text(entry.v)));
        if (head) columns[at.column] = entry.f ? Number(head[1]) - FIRST_CASE_ROW + 1 : Number(head[1]);
        if (at.row > 2 && at.column === 1 && LINE_ID.test(text(entry.v))) rows[at.row] = text(entry.v);
      });
      Object.keys(sheet).forEach(function (ref) {
        var at = cell(ref), value = text(sheet[ref].v), line = rows[at.row], number = columns[at.column];
        if (problem || !line || !number || value === "") return;
        if (known.indexOf(line) < 0) { problem = "its sheet \u201c" + name + "\u201d has a line " + line + " that its version does not have."; return; }
        var judgement = labels[value.toLowerCase()];
        if (!judgement) { problem = "its sheet \u201c" + name + "\u201d, cell " + ref + ", holds \u201c" + value + "\u201d, which is not on the scale (" + info.scale.map(function (v) { return v.label; }).join(", ") + ")."; return; }
        theCase(number).lines[line] = { judgement: judgement };
      });
    });
    var notes = book.sheets[NOTES_SHEET] || {}, byRow = {};
    Object.keys(notes).forEach(function (ref) {
      var at = cell(ref);
      if (at.row > 1) (byRow[at.row] = byRow[at.row] || {})[at.column] = notes[ref].v;
    });
    Object.keys(byRow).map(Number).sort(function (a, b) { return a - b; }).forEach(function (row) {
      var r = byRow[row], number = Number(r[1]), line = text(r[3]), note = text(r[4]);
      if (problem || !note) return;
      if (!(number >= 1) || known.indexOf(line) < 0) { problem = "its \u201cNotes\u201d sheet, row " + row + ", names no case number and line of its version."; return; }
      var entry = theCase(number).lines[line] = theCase(number).lines[line] || {};
      entry.note = entry.note ? entry.note + "\n" + note : note;
    });
    if (problem) return { problem: problem };
    var numbers = Object.keys(found).map(Number).sort(function (a, b) { return a - b; }).filter(function (n) {
      return found[n].reference || Object.keys(found[n].lines).length;
    });
    if (!numbers.length) return { problem: "it holds no cases: no case has a reference, a judgement or a note." };
    var framework = { id: info.framework, version: version.version };
    var field = function (ref) { return text((cases[ref] || {}).v); };
    var inspection = { _id: "inspection:" + makeId(), type: "inspection", formatVersion: 2, framework: framework,
                       name: field("B3") || field("B2") || "Workbook", area: field("B2"), start: "", end: "", inspector: "",
                       created: now, from: "self-assessment workbook" };
    var records = [];
    numbers.forEach(function (n) {
      var one = found[n], ids = Object.keys(one.lines).sort(byLineId), groups = {};
      var whole = (info.kinds || []).filter(function (k) {
        return ids.every(function (id) { return k.sections.indexOf(id.split(".")[0]) >= 0; });
      })[0];
      ids.forEach(function (id) {
        var kind = whole || (info.kinds || []).filter(function (k) { return k.sections.indexOf(id.split(".")[0]) >= 0; })[0];
        var key = kind ? kind.id : "";
        (groups[key] = groups[key] || {})[id] = one.lines[id];
      });
      if (!ids.length) groups[info.kinds && info.kinds.length ? info.kinds[0].id : ""] = {};
      Object.keys(groups).forEach(function (kind) {
        records.push({ _id: "record:" + makeId(), type: "record", format: FORMAT, formatVersion: 2, framework: framework,
                       checklist: kind || null, inspection: inspection._id, name: one.reference || "Case " + n,
                       inspector: one.assessor || "", date: one.date || "", fields: {}, lines: groups[kind], updated: now,
                       from: "self-assessment workbook, case " + n });
      });
    });
    return { inspection: inspection, records: records };
  }

  /* The earlier-version records in a list of records, newest version first, that can be carried across. */
  function candidates(records, info) {
    return records.filter(function (r) {
      return isObject(r) && isObject(r.framework) && r.framework.id === info.framework &&
        r.framework.version !== info.version && chain(info, r.framework.version) !== null;
    });
  }

  return { FORMAT: FORMAT, AUTOMATIC: AUTOMATIC, REVIEWED: REVIEWED, chain: chain, problem: problem, plan: plan,
           progress: progress, finish: finish, candidates: candidates, fromExport: fromExport, byLineId: byLineId, label: label,
           carriedId: carriedId, kindFor: kindFor, storeDocProblem: storeDocProblem, carryRecord: carryRecord,
           carryInspection: carryInspection, reviewed: reviewed, review: review, fromWorkbook: fromWorkbook };
});
