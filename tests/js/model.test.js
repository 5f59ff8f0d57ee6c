// Records and export files (overrides/assets/javascripts/hb/model.js) and conflict merging
// (hb/merge.js). Run: node --test tests/js/
const test = require("node:test");
const assert = require("node:assert/strict");
const model = require("../../overrides/assets/javascripts/hb/model.js");
const merge = require("../../overrides/assets/javascripts/hb/merge.js");

const FW = { id: "hmip-qi-adult", version: "2016-05-04" };
const SCALE = ["yes", "partly", "no", "not-applicable"];
const old = { format: "inspection-handbook-record", formatVersion: 1, framework: FW, id: "r-abc-123",
              name: "Case 12", fields: { Date: "1 May" }, lines: { "3.1.1": { judgement: "yes", note: "ok" } } };

test("an old record file reads as the same revision every time", () => {
  const a = model.readFile(old, FW, SCALE), b = model.readFile(JSON.parse(JSON.stringify(old)), FW, SCALE);
  assert.equal(a.docs[0]._id, "record:r-abc-123");
  assert.match(a.docs[0]._rev, /^1-[0-9a-f]{32}$/);
  assert.equal(a.docs[0]._rev, b.docs[0]._rev);
  assert.deepEqual(a.docs[0].lines, old.lines);
});

test("files for another framework or version, newer files and malformed ones are refused with a reason", () => {
  assert.match(model.readFile({ ...old, framework: { id: "other", version: "x" } }, FW, SCALE).problem, /another framework \(other\)/);
  assert.match(model.readFile({ ...old, framework: { ...FW, version: "2020-01-01" } }, FW, SCALE).problem, /released 2020-01-01/);
  assert.match(model.readFile({ format: model.EXPORT, formatVersion: 9, framework: FW, docs: [] }, FW, SCALE).problem, /newer version/);
  assert.match(model.readFile([1, 2], FW, SCALE).problem, /not a file exported/);
  const bad = { format: model.EXPORT, formatVersion: 2, framework: FW,
                docs: [{ _id: "record:x", _rev: "1-aa", _revisions: { start: 1, ids: ["aa"] }, type: "record", framework: FW,
                         fields: {}, lines: { "3.1.1": { judgement: "maybe" } } }] };
  assert.match(model.readFile(bad, FW, SCALE).problem, /document 1 \(record:x\): its entry for line 3.1.1/);
  bad.docs[0]._revisions.ids = ["bb"];
  assert.match(model.readFile(bad, FW, SCALE).problem, /no revision history that matches/);
});

test("file names carry inspection, case, inspector and date, safely", () => {
  assert.equal(model.fileName(["North Area 2026", "Case 12/B", "Ann Smith", "2026-11-29-1405"], "json"),
               "North-Area-2026_Case-12-B_Ann-Smith_2026-11-29-1405.json");
  assert.equal(model.fileName(["", "Zoë"], "csv"), "Zoe.csv");
});

test("CSV cells are quoted and never start a formula", () => {
  assert.equal(model.csv([["a,b", "=SUM(A1)", 'say "hi"']]), '"a,b",\'=SUM(A1),"say ""hi"""\r\n');
});

test("conflicting versions: differing lines listed, choices applied, resolution recorded", () => {
  const a = { _id: "record:x", _rev: "2-a", fields: { Date: "1 May" }, lines: { "1.1.1": { judgement: "yes" }, "1.1.2": { judgement: "no", note: "n" } } };
  const b = { _id: "record:x", _rev: "2-b", fields: { Date: "1 May" }, lines: { "1.1.1": { judgement: "yes" }, "1.1.2": { judgement: "partly" }, "1.1.3": { note: "new" } } };
  const diffs = merge.differences([a, b]);
  assert.deepEqual(diffs.map(d => d.id), ["1.1.2", "1.1.3"]);
  const merged = merge.resolve([a, b], { "line:1.1.2": 1, "line:1.1.3": 1 }, "Ann");
  assert.deepEqual(merged.lines, { "1.1.1": { judgement: "yes" }, "1.1.2": { judgement: "partly" }, "1.1.3": { note: "new" } });
  assert.equal(merged._rev, "2-a");
  assert.deepEqual(merged.resolutions[0].revisions, ["2-a", "2-b"]);
  assert.equal(merged.resolutions[0].chosen["line:1.1.2"], "2-b");
  assert.equal(merged.resolutions[0].by, "Ann");
});

test("a record's summary lists it without its lines, and cannot pass for the record", () => {
  const record = { ...model.newRecord(FW, "case-level", { name: "C1", inspector: "Ann" }), _id: "record:x", _rev: "3-abc",
                   _conflicts: ["3-def"], lines: { "3.1.1": { judgement: "yes", note: "n" }, "3.1.2": { note: "only a note" },
                                                  "3.1.3": { judgement: "not-applicable" } } };
  const summary = model.summaryOf(record);
  assert.equal(summary.summary, true);
  assert.equal(summary.lines, undefined);
  assert.equal(summary.judged, 2);  // a note alone is not a judgement
  assert.deepEqual([summary._id, summary._rev, summary._conflicts, summary.name, summary.inspector, summary.checklist],
                   ["record:x", "3-abc", ["3-def"], "C1", "Ann", "case-level"]);
  assert.equal(summary.lineIds, undefined);
  assert.ok(record.lines["3.1.1"], "the record itself is untouched");
  const old = model.fromVersion1({ ...old1(), lines: { "6.1.1": { judgement: "no" } } });
  assert.deepEqual(model.summaryOf(old).lineIds, ["6.1.1"]);  // no checklist: offered where its lines are
});

function old1() { return JSON.parse(JSON.stringify(old)); }
