/* What records and export files are: their shape, checks on files from elsewhere, the records
   of older versions of the handbook read into today's, file names, CSV. Pure functions, no
   storage and no page. A classic script (see stats.js for why); Node's tests require() it. */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.HB = root.HB || {}).model = api;
})(this, function () {
  "use strict";
  var RECORD = "inspection-handbook-record";     // one record (formatVersion 1: before PouchDB)
  var EXPORT = "inspection-handbook-export";     // documents with their revision history
  var FORMAT_VERSION = 2;
  var LINE_ID = /^[1-9]\d*\.[1-9]\d*\.[1-9]\d*$/;
  var DOC_ID = /^(record|inspection):[\w-]{1,64}$/;

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  function freshId() {
    var random = (typeof crypto !== "undefined" && crypto.randomUUID) ? crypto.randomUUID().replace(/-/g, "").slice(0, 12)
      : Math.random().toString(36).slice(2, 14);
    return Date.now().toString(36) + "-" + random;
  }

  function newInspection(framework, details) {
    return {
      _id: "inspection:" + freshId(), type: "inspection", formatVersion: FORMAT_VERSION,
      framework: { id: framework.id, version: framework.version },
      name: details.name, area: details.area || "", start: details.start || "", end: details.end || "",
      inspector: details.inspector || "", created: new Date().toISOString()
    };
  }

  /* A record: one filled-in checklist (a case, an organisational or an impact record). */
  function newRecord(framework, checklist, details) {
    return {
      _id: "record:" + freshId(), type: "record", format: RECORD, formatVersion: FORMAT_VERSION,
      framework: { id: framework.id, version: framework.version }, checklist: checklist,
      inspection: details.inspection || null, name: details.name || "", inspector: details.inspector || "",
      date: details.date || "", fields: details.fields || {}, lines: {}, updated: new Date().toISOString()
    };
  }

  /* A small, stable hash (FNV-1a, 4 x 32 bits) of a text: the revision id of a record that came
     from an older version, so the same old record read twice is the same revision. */
  function digest(text) {
    var out = "";
    for (var seed = 0; seed < 4; seed += 1) {
      var h = 0x811c9dc5 ^ seed;
      for (var i = 0; i < text.length; i += 1) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
      out += ("0000000" + h.toString(16)).slice(-8);
    }
    return out;
  }

  /* A record kept by an older version (formatVersion 1, localStorage or an export) as a document
     of today's store, with a revision derived from its content: importing it twice, or importing
     the export of a record that was also migrated, gives the same document, not a copy. It keeps
     no checklist (the old store did not say which page it came from): a checklist page offers it
     when its lines are all on that page. */
  function fromVersion1(old) {
    var doc = {
      _id: "record:" + old.id, type: "record", format: RECORD, formatVersion: FORMAT_VERSION,
      framework: { id: old.framework.id, version: old.framework.version }, checklist: null, inspection: null,
      name: old.name, inspector: "", date: "", fields: old.fields || {}, lines: old.lines || {},
      updated: old.updated || "", from: "formatVersion 1"
    };
    if (isObject(old.upgrade)) doc.upgrade = old.upgrade;  // carried from an earlier version (upgrade-rules.js)
    var hash = digest(JSON.stringify([doc.name, doc.fields, doc.lines, doc.updated]));
    doc._rev = "1-" + hash;
    doc._revisions = { start: 1, ids: [hash] };
    return doc;
  }

  /* Checks a record file or an export file from elsewhere. Returns {docs} ready to replicate, or
     {problem} in words ("it is ..."). Nothing is trusted: every field is checked. */
  function readFile(data, framework, scaleIds) {
    if (!isObject(data)) return { problem: "it is not a file exported from this handbook." };
    if (data.format === RECORD && data.formatVersion === 1) {
      var old = checkVersion1(data, framework, scaleIds);
      return old ? { problem: old } : { docs: [fromVersion1(data)], earlier: earlier(data.framework, framework) };
    }
    if (data.format !== EXPORT && data.format !== RECORD) return { problem: "it is not a file exported from this handbook." };
    if (typeof data.formatVersion !== "number" || data.formatVersion > FORMAT_VERSION) {
      return { problem: "it was made by a newer version of this handbook; update the handbook to read it." };
    }
    var mismatch = frameworkProblem(data.framework, framework);
    if (mismatch) return { problem: mismatch };
    if (!Array.isArray(data.docs) || !data.docs.length) return { problem: "it holds no records." };
    for (var i = 0; i < data.docs.length; i += 1) {
      var problem = docProblem(data.docs[i], framework, scaleIds);
      if (problem) return { problem: "its document " + (i + 1) + " " + problem };
    }
    return { docs: data.docs, earlier: earlier(data.framework, framework) };
  }

  /* The version a file was made on, if it is an earlier one this site can carry across (its ids in
     `framework.earlier`, given on pages of a site with earlier versions), else null. */
  function earlier(given, framework) {
    return given.version !== framework.version && (framework.earlier || []).indexOf(given.version) >= 0 ? given.version : null;
  }

  function frameworkProblem(given, framework) {
    if (!isObject(given) || given.id !== framework.id) {
      return "it is for another framework (" + (isObject(given) ? String(given.id) : "unknown") + "), not " + framework.id + ".";
    }
    if (given.version !== framework.version && (framework.earlier || []).indexOf(given.version) < 0) {
      return "it was made with the version of the framework released " + String(given.version) +
        ", and this handbook shows the version released " + framework.version + ".";
    }
    return null;
  }

  function docProblem(doc, framework, scaleIds) {
    if (!isObject(doc) || typeof doc._id !== "string" || !DOC_ID.test(doc._id)) return "has a missing or malformed id.";
    if (typeof doc._rev !== "string" || !/^\d+-[0-9a-f]{1,64}$/.test(doc._rev)) return "(" + doc._id + ") has no revision.";
    var revs = doc._revisions;
    if (!isObject(revs) || !Array.isArray(revs.ids) || !revs.ids.length || String(revs.start) + "-" + revs.ids[0] !== doc._rev) {
      return "(" + doc._id + ") has no revision history that matches its revision.";
    }
    if (doc._deleted === true) return null;
    var mismatch = frameworkProblem(doc.framework, framework);
    if (mismatch) return "(" + doc._id + "): " + mismatch;
    if (doc.type === "inspection") return typeof doc.name === "string" && doc.name.trim() ? null : "(" + doc._id + ") has no name.";
    if (doc.type !== "record" || !isObject(doc.lines) || !isObject(doc.fields)) return "(" + doc._id + ") is not a record.";
    var bad = linesProblem(doc.lines, scaleIds);
    return bad ? "(" + doc._id + "): " + bad : null;
  }

  function linesProblem(lines, scaleIds) {
    var ids = Object.keys(lines);
    for (var i = 0; i < ids.length; i += 1) {
      var entry = lines[ids[i]];
      if (!LINE_ID.test(ids[i]) || !isObject(entry) ||
          ("judgement" in entry && entry.judgement !== null && scaleIds.indexOf(entry.judgement) < 0) ||
          ("note" in entry && typeof entry.note !== "string")) {
        return "its entry for line " + ids[i] + " is not a judgement on this scale with a note.";
      }
    }
    return null;
  }

  function checkVersion1(data, framework, scaleIds) {
    var mismatch = frameworkProblem(data.framework, framework);
    if (mismatch) return mismatch;
    if (typeof data.id !== "string" || !/^[\w-]{1,64}$/.test(data.id)) return "its id is missing or malformed.";
    if (typeof data.name !== "string" || !data.name.trim() || data.name.length > 200) return "its name is missing or too long.";
    if (!isObject(data.fields) || !isObject(data.lines)) return "it has no fields or lines.";
    return linesProblem(data.lines, scaleIds);
  }

  /* An export file: documents (every leaf revision, conflicts included) with their histories. */
  function exportFile(framework, docs, about) {
    return { format: EXPORT, formatVersion: FORMAT_VERSION, framework: { id: framework.id, version: framework.version },
             exported: new Date().toISOString(), about: about || "", docs: docs };
  }

  /* File names that never clash between inspectors: inspection, case reference, inspector, date,
     time, in that order, each part made safe for every file system. */
  function fileName(parts, extension) {
    var safe = parts.filter(function (p) { return p; }).map(function (p) {
      return String(p).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\w.-]+/g, "-")
        .replace(/^-+|-+$/g, "").slice(0, 40);
    }).filter(function (p) { return p; });
    return (safe.join("_") || "record") + "." + extension;
  }

  function stamp(date) {
    var d = date || new Date();
    return d.toISOString().slice(0, 19).replace(/[:T]/g, function (c) { return c === "T" ? "-" : ""; });
  }

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // a spreadsheet must not run a note as a formula
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv(rows) { return rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n"; }

  function byLineId(a, b) {
    var x = a.split(".").map(Number), y = b.split(".").map(Number);
    for (var i = 0; i < Math.max(x.length, y.length); i += 1) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) - (y[i] || 0);
    return 0;
  }

  return { RECORD: RECORD, EXPORT: EXPORT, FORMAT_VERSION: FORMAT_VERSION, freshId: freshId, newInspection: newInspection,
           newRecord: newRecord, fromVersion1: fromVersion1, readFile: readFile, exportFile: exportFile,
           fileName: fileName, stamp: stamp, csv: csv, csvCell: csvCell, byLineId: byLineId, digest: digest };
});
