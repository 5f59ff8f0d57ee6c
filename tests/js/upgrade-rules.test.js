// The rules for carrying a record to the current version (scripts/handbook/versions/assets/upgrade-rules.js),
// on a small change log shaped like the fictional framework's: one line of each kind of change.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const upgrade = require("../../scripts/handbook/versions/assets/upgrade-rules.js");

const line = (id, text) => ({ id, text });
const INFO = {
  framework: "demo",
  version: "2031-02-28",
  versions: [{ version: "2029-03-01", date: "01 March 2029" }, { version: "2031-02-28", date: "28 February 2031" }],
  scale: [{ id: "yes", label: "Yes" }, { id: "partly", label: "Partly" }, { id: "no", label: "No" }],
  changes: [{
    from: { version: "2029-03-01" }, to: { version: "2031-02-28" },
    unchanged: ["1.1.1", "2.1.1"],
    changes: [
      { type: "wording-only", from: [line("1.1.2", "Wicks are trimmed each evening.")], to: [line("1.1.2", "Wicks are trimmed every evening.")], diff: [] },
      { type: "deleted", from: [line("1.1.3", "Spare wicks are kept in a dry tin.")], to: [], reason: "Counted with the oil.", diff: [] },
      { type: "modified", from: [line("1.2.1", "A watch log is kept.")], to: [line("1.2.1", "A watch log is signed each night.")], diff: [["same", "A watch log is"]] },
      { type: "moved", from: [line("1.2.2", "The brass frame is free of rust.")], to: [line("2.1.2", "The brass frame is free of rust.")], diff: [] },
      { type: "merged", from: [line("2.2.1", "Cracked panes are reported.")], to: [line("2.1.3", "Cracked panes are reported and replaced.")], diff: [] },
      { type: "merged", from: [line("2.2.2", "Cracked panes are replaced.")], to: [line("2.1.3", "Cracked panes are reported and replaced.")], diff: [] },
      { type: "split", from: [line("2.2.3", "Salt and soot.")], to: [line("2.1.4", "Salt."), line("2.1.5", "Soot.")], diff: [] },
      { type: "added", from: [], to: [line("2.1.6", "A spare lens.")], diff: [] },
    ],
  }],
};

function record(lines) {
  return { format: "inspection-handbook-record", formatVersion: 1, framework: { id: "demo", version: "2029-03-01" },
           id: "r-old", name: "Night visit", fields: { Keeper: "Ann" }, lines };
}

const OLD = record({
  "1.1.1": { judgement: "yes", note: "Full store." },
  "1.1.2": { judgement: "partly" },
  "1.1.3": { judgement: "no", note: "Tin was damp." },
  "1.2.1": { judgement: "yes", note: "Log kept." },
  "1.2.2": { note: "Some rust on the rail." },
  "2.2.1": { judgement: "yes", note: "Reported at once." },
  "2.2.2": { judgement: "no" },
  "2.2.3": { judgement: "partly", note: "Salt on the west pane." },
});

test("unchanged, wording-only and moved lines come across by themselves", () => {
  const plan = upgrade.plan(OLD, INFO, "r-new", "2031-03-01T00:00:00Z");
  assert.deepEqual(plan.record.lines["1.1.1"], { judgement: "yes", note: "Full store." });
  assert.deepEqual(plan.record.lines["1.1.2"], { judgement: "partly" });
  assert.deepEqual(plan.record.lines["2.1.2"], { note: "Some rust on the rail." });
  assert.deepEqual(plan.carried.map((c) => [c.type, c.from, c.to]), [["wording-only", "1.1.2", "1.1.2"], ["moved", "1.2.2", "2.1.2"]]);
  assert.equal(plan.record.framework.version, "2031-02-28");
  assert.deepEqual(plan.record.fields, { Keeper: "Ann" });
  assert.equal(plan.record.upgrade.from.record, "r-old");
});

test("modified, split and merged lines are proposed and listed for review", () => {
  const plan = upgrade.plan(OLD, INFO, "r-new", "now");
  assert.deepEqual(plan.items.map((item) => [item.type, item.from.map((s) => s.id), item.to.map((l) => l.id)]),
    [["modified", ["1.2.1"], ["1.2.1"]], ["merged", ["2.2.1", "2.2.2"], ["2.1.3"]], ["split", ["2.2.3"], ["2.1.4", "2.1.5"]]]);
  assert.deepEqual(plan.record.lines["1.2.1"], { judgement: "yes", note: "Log kept." });
  assert.deepEqual(plan.record.lines["2.1.4"], { judgement: "partly", note: "Salt on the west pane." });
  assert.deepEqual(plan.record.lines["2.1.5"], { judgement: "partly", note: "Salt on the west pane." });
  // The merged lines disagree (yes, no): no judgement is proposed; the note keeps each line's judgement and note.
  assert.deepEqual(plan.record.lines["2.1.3"], { note: "2.2.1 (Yes): Reported at once.\n2.2.2 (No)" });
  assert.deepEqual(upgrade.progress(plan, []), { done: 0, total: 3, complete: false });
  assert.deepEqual(upgrade.progress(plan, plan.items.map((i) => i.key)), { done: 3, total: 3, complete: true });
});

test("deleted lines are kept, read-only, with judgement, note and reason", () => {
  const plan = upgrade.plan(OLD, INFO, "r-new", "now");
  assert.equal(plan.record.lines["1.1.3"], undefined);
  assert.deepEqual(plan.record.upgrade.retired["1.1.3"], {
    judgement: "no", note: "Tin was damp.", version: "2029-03-01", text: "Spare wicks are kept in a dry tin.", reason: "Counted with the oil." });
});

test("nothing is lost: every judgement and note of the old record is in the new one", () => {
  const saved = upgrade.finish(upgrade.plan(OLD, INFO, "r-new", "now"), {});
  const everything = JSON.stringify(saved);
  for (const entry of Object.values(OLD.lines)) {
    if (entry.note) assert.ok(everything.includes(JSON.stringify(entry.note).slice(1, -1)), entry.note);
  }
  // 8 old lines: 2.2.1 and 2.2.2 became one, 2.2.3 became two, 1.1.3 is kept aside.
  assert.deepEqual(Object.keys(saved.lines).sort(), ["1.1.1", "1.1.2", "1.2.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5"]);
  assert.deepEqual(Object.keys(saved.upgrade.retired), ["1.1.3"]);
});

test("the reviewer's choices replace the proposals; the record given is never changed", () => {
  const before = JSON.stringify(OLD);
  const plan = upgrade.plan(OLD, INFO, "r-new", "now");
  const saved = upgrade.finish(plan, { "2.1.3": { judgement: "partly", note: "Reported, not yet replaced." }, "2.1.5": {} });
  assert.deepEqual(saved.lines["2.1.3"], { judgement: "partly", note: "Reported, not yet replaced." });
  assert.equal(saved.lines["2.1.5"], undefined);
  assert.deepEqual(saved.lines["2.1.4"], { judgement: "partly", note: "Salt on the west pane." });
  assert.equal(JSON.stringify(OLD), before);
});

test("an export that cannot be carried across is refused with a reason", () => {
  assert.equal(upgrade.problem(OLD, INFO), null);
  assert.match(upgrade.problem({ format: "other" }, INFO), /not a record/);
  assert.match(upgrade.problem({ ...OLD, framework: { id: "demo", version: "2031-02-28" } }, INFO), /current version already/);
  assert.match(upgrade.problem({ ...OLD, framework: { id: "demo", version: "2020-01-01" } }, INFO), /does not know/);
  assert.match(upgrade.problem({ ...OLD, framework: { id: "other", version: "2029-03-01" } }, INFO), /another framework/);
  assert.match(upgrade.problem(record({ "9.9.9": { judgement: "yes" } }), INFO), /line 9\.9\.9/);
  assert.match(upgrade.problem(record({ "1.1.1": { judgement: "maybe" } }), INFO), /line 1\.1\.1/);
  assert.match(upgrade.problem({ ...OLD, extra: 1 }, INFO), /unknown field/);
});

test("records on the current version or of another framework are not offered for upgrading", () => {
  const current = { ...OLD, id: "r-2", framework: { id: "demo", version: "2031-02-28" } };
  const other = { ...OLD, id: "r-3", framework: { id: "other", version: "2029-03-01" } };
  assert.deepEqual(upgrade.candidates([OLD, current, other], INFO).map((r) => r.id), ["r-old"]);
});

test("a record two versions old is carried through both change logs", () => {
  const info = {
    ...INFO, version: "2033-01-01",
    versions: [...INFO.versions, { version: "2033-01-01", date: "01 January 2033" }],
    changes: [...INFO.changes, {
      from: { version: "2031-02-28" }, to: { version: "2033-01-01" }, unchanged: [],
      changes: [
        { type: "moved", from: [line("1.2.1", "A watch log is signed each night.")], to: [line("1.3.1", "A watch log is signed each night.")], diff: [] },
        { type: "wording-only", from: [line("1.1.1", "The oil store holds a month's supply.")], to: [line("1.1.1", "The oil store holds a month of oil.")], diff: [] },
      ],
    }],
  };
  const plan = upgrade.plan(OLD, info, "r-new", "now");
  assert.deepEqual(plan.record.lines["1.1.1"], { judgement: "yes", note: "Full store." });
  assert.deepEqual(plan.record.lines["1.3.1"], { judgement: "yes", note: "Log kept." });
  // The modified line's review now points at its new place.
  assert.deepEqual(plan.items[0].to.map((l) => l.id), ["1.3.1"]);
  assert.equal(plan.record.upgrade.retired["1.1.3"].note, "Tin was damp.");
});

test("a whole inspection exported on an earlier version gives its records, named after the inspection", () => {
  const rev = { _rev: "1-ab", _revisions: { start: 1, ids: ["ab"] } };
  const exported = {
    format: "inspection-handbook-export", formatVersion: 2, framework: { id: "demo", version: "2029-03-01" },
    docs: [
      { _id: "inspection:i1", type: "inspection", name: "North light", framework: { id: "demo", version: "2029-03-01" }, ...rev },
      { _id: "record:a1", type: "record", inspection: "inspection:i1", name: "Night visit", fields: {},
        framework: { id: "demo", version: "2029-03-01" }, lines: { "1.1.3": { judgement: "no", note: "Damp." }, "1.1.1": { judgement: null, note: "" } }, ...rev },
      { _id: "record:gone", type: "record", _deleted: true, ...rev },
    ],
  };
  const found = upgrade.fromExport(exported, INFO);
  assert.deepEqual(found.records.map((r) => [r.id, r.name, r.lines]),
    [["a1", "North light: Night visit", { "1.1.3": { judgement: "no", note: "Damp." } }]]);  // an empty entry is no entry
  const plan = upgrade.plan(found.records[0], INFO, "r-new", "now");
  assert.equal(plan.record.upgrade.retired["1.1.3"].note, "Damp.");
  assert.match(upgrade.fromExport({ ...exported, docs: [{ ...exported.docs[1], lines: { "9.9.9": { judgement: "yes" } } }] }, INFO).problem,
    /record 1 cannot be carried across: its entry for line 9\.9\.9/);
  assert.match(upgrade.fromExport({ format: "other" }, INFO).problem, /not an inspection/);
});

// ---- records and inspections kept in the store --------------------------------------------------

const KINDS = [{ id: "night-watch", sections: ["1"] }, { id: "full-survey", sections: ["1", "2"] }];
const V1 = { id: "demo", version: "2029-03-01" };
const STORED = {
  _id: "record:abc", _rev: "3-x", type: "record", format: "inspection-handbook-record", formatVersion: 2, framework: V1,
  checklist: "night-watch", inspection: "inspection:north", name: "NL-01", inspector: "Ann", date: "2029-05-02",
  fields: { Keeper: "Ann" }, lines: { ...OLD.lines, "1.1.1": { judgement: "yes", note: "Full store." }, "2.1.1": { judgement: null, note: "" } },
};

test("a stored record is carried as a new document with its review kept in it, and the original is unchanged", () => {
  const before = JSON.stringify(STORED);
  const out = upgrade.carryRecord(STORED, { ...INFO, kinds: KINDS }, "2031-03-01T00:00:00Z");
  assert.equal(JSON.stringify(STORED), before);
  assert.equal(out._id, "record:abc-v20310228");
  assert.equal(out._rev, undefined);
  assert.equal(out.inspection, "inspection:north-v20310228");
  assert.deepEqual([out.name, out.inspector, out.date, out.fields], ["NL-01", "Ann", "2029-05-02", { Keeper: "Ann" }]);
  assert.deepEqual(out.framework, { id: "demo", version: "2031-02-28" });
  assert.equal(out.checklist, "full-survey");  // lines moved into section 2, which the night watch does not hold
  assert.equal(out.lines["2.1.1"], undefined);  // an empty entry is no entry
  assert.deepEqual(out.upgrade.review.items.map((i) => i.key), ["2031-02-28:1.2.1", "2031-02-28:2.1.3", "2031-02-28:2.1.4"]);
  assert.deepEqual(out.upgrade.review.reviewed, []);
  assert.deepEqual(out.upgrade.retired["1.1.3"], { judgement: "no", note: "Tin was damp.", version: "2029-03-01",
    text: "Spare wicks are kept in a dry tin.", reason: "Counted with the oil." });
  assert.deepEqual(out.upgrade.from, { version: "2029-03-01", record: "record:abc", name: "NL-01" });
});

test("lines deleted by an earlier upgrade stay with the record when it is carried again", () => {
  const earlier = { ...STORED, upgrade: { retired: { "0.9.9": { judgement: "no", note: "Kept from before." } } } };
  const out = upgrade.carryRecord(earlier, { ...INFO, kinds: KINDS }, "now");
  assert.deepEqual(Object.keys(out.upgrade.retired).sort(), ["0.9.9", "1.1.3"]);
});

test("an inspection is carried with all its records; the carried ids are the same wherever it is carried", () => {
  const inspection = { _id: "inspection:north", _rev: "1-a", type: "inspection", framework: V1, name: "North light", area: "Harbour" };
  const second = { ...STORED, _id: "record:def", lines: { "1.2.1": { judgement: "no" } } };
  const info = { ...INFO, kinds: KINDS };
  const out = upgrade.carryInspection(inspection, [STORED, second], info, "now");
  assert.deepEqual([out.inspection._id, out.inspection.name, out.inspection.area, out.inspection._rev],
    ["inspection:north-v20310228", "North light", "Harbour", undefined]);
  assert.deepEqual(out.inspection.upgrade.from, { version: "2029-03-01", inspection: "inspection:north", name: "North light" });
  assert.deepEqual(out.records.map((r) => r._id), ["record:abc-v20310228", "record:def-v20310228"]);
  assert.deepEqual(upgrade.carryInspection(inspection, [STORED, second], info, "later").records.map((r) => r._id),
    ["record:abc-v20310228", "record:def-v20310228"]);
  assert.deepEqual(upgrade.reviewed(out.records), { done: 0, total: 4, complete: false });
});

test("reviewing an item saves its lines and marks it, one item at a time, until the count is done", () => {
  let record = upgrade.carryRecord(STORED, { ...INFO, kinds: KINDS }, "now");
  record = upgrade.review(record, "2031-02-28:1.2.1", { "1.2.1": { judgement: "partly", note: "Signed late." } }, true, "t1");
  assert.deepEqual(record.lines["1.2.1"], { judgement: "partly", note: "Signed late." });
  assert.deepEqual(upgrade.reviewed([record]), { done: 1, total: 3, complete: false });
  record = upgrade.review(record, "2031-02-28:2.1.4", { "2.1.4": { judgement: "", note: "" }, "2.1.5": { judgement: "no", note: "" } }, true, "t2");
  assert.equal(record.lines["2.1.4"], undefined);  // emptied by the reviewer: no entry
  assert.deepEqual(record.lines["2.1.5"], { judgement: "no" });
  record = upgrade.review(record, "2031-02-28:1.2.1", { "1.2.1": { judgement: "partly", note: "Signed late." } }, false, "t3");
  assert.deepEqual(upgrade.reviewed([record]), { done: 1, total: 3, complete: false });  // unticked again
  record = upgrade.review(record, "2031-02-28:1.2.1", { "1.2.1": { judgement: "partly", note: "Signed late." } }, true, "t4");
  record = upgrade.review(record, "2031-02-28:2.1.3", { "2.1.3": { judgement: "no", note: "" } }, true, "t5");
  assert.deepEqual(upgrade.reviewed([record]), { done: 3, total: 3, complete: true });
  assert.equal(record.upgrade.retired["1.1.3"].note, "Tin was damp.");  // never touched by the review
});

test("a record's kind stays unless its lines have left the kind's sections", () => {
  assert.equal(upgrade.kindFor(["1.1.1"], "night-watch", KINDS), "night-watch");
  assert.equal(upgrade.kindFor(["1.1.1", "2.1.2"], "night-watch", KINDS), "full-survey");
  assert.equal(upgrade.kindFor(["9.1.1"], "night-watch", KINDS), "night-watch");
  assert.equal(upgrade.kindFor(["1.1.1"], null, KINDS), null);
});

// ---- a filled-in workbook, as xlsx-read.js gives it ----------------------------------------------

const WB_INFO = { ...INFO, kinds: KINDS, lines: { "1.1.1": "x", "1.1.2": "x" },
  versions: [{ version: "2029-03-01", date: "01 March 2029", label: "Issued 1 March 2029", title: "Lights" },
             { version: "2031-02-28", date: "28 February 2031", label: "Issued 28 February 2031", title: "Lights" }],
  scale: [...INFO.scale, { id: "not-applicable", label: "Not applicable" }] };
const c = (v, f) => ({ v, f: f || "" });
function workbook(extra) {
  return {
    title: "Self-assessment workbook: Lights", subject: "Issued 1 March 2029",
    sheets: {
      Cases: { B2: c("Harbour Board"), B3: c("North light survey"), A8: c(1), B8: c("NL-01"), C8: c("Ann"), D8: c(47240), A9: c(2),
               B9: c("NL-02"), D9: c("2 May 2029"), A10: c(3) },
      "Section 1": { A2: c("Line"), D2: c(null, 'IF(Cases!$B$8="","Case 1",Cases!$B$8)'), E2: c(null, 'IF(Cases!$B$9="","Case 2",Cases!$B$9)'),
                     A3: c("1.1.1"), D3: c("Yes"), E3: c("not applicable"), A4: c("1.1.3"), D4: c("No") },
      "Section 2": { D2: c(null, "IF(Cases!$B$8=\"\",\"Case 1\",Cases!$B$8)"), A3: c("2.2.3"), D3: c("Partly") },
      Notes: { A2: c(1), C2: c("1.1.3"), D2: c("Damp."), A3: c(1), C3: c("1.1.3"), D3: c("Checked twice."), A4: c(2), C4: c("1.1.1"), D4: c("Shut.") },
      ...extra,
    },
  };
}

test("a filled-in workbook gives an inspection on its own version with a record per case", () => {
  let n = 0;
  const out = upgrade.fromWorkbook(workbook(), WB_INFO, () => "id" + (n += 1), "now");
  assert.deepEqual([out.inspection.name, out.inspection.area, out.inspection.framework.version],
    ["North light survey", "Harbour Board", "2029-03-01"]);
  assert.deepEqual(out.records.map((r) => [r.name, r.checklist, r.inspector, r.date, r.inspection]), [
    ["NL-01", "full-survey", "Ann", "2029-05-02", out.inspection._id],   // day 47240 of the workbook's calendar
    ["NL-02", "night-watch", "", "2 May 2029", out.inspection._id]]);   // a date typed as text is kept as typed
  assert.deepEqual(out.records[0].lines, { "1.1.1": { judgement: "yes" }, "1.1.3": { judgement: "no", note: "Damp.\nChecked twice." },
                                           "2.2.3": { judgement: "partly" } });
  assert.deepEqual(out.records[1].lines, { "1.1.1": { judgement: "not-applicable", note: "Shut." } });
});

test("a workbook that is not this framework's, or holds what is not on the scale, is refused with where", () => {
  const id = () => "x";
  assert.match(upgrade.fromWorkbook({ ...workbook(), subject: "Issued 1 May 2020" }, WB_INFO, id, "now").problem, /Issued 1 May 2020/);
  assert.match(upgrade.fromWorkbook({ ...workbook(), title: "Self-assessment workbook: Other" }, WB_INFO, id, "now").problem, /not a self-assessment workbook/);
  assert.match(upgrade.fromWorkbook(workbook({ "Section 1": { A3: c("1.1.1"), D2: c(null, "Cases!$B$8"), D3: c("Maybe") } }), WB_INFO, id, "now").problem,
    /sheet “Section 1”, cell D3, holds “Maybe”, which is not on the scale/);
  assert.match(upgrade.fromWorkbook(workbook({ "Section 1": { A3: c("1.9.9"), D2: c(null, "Cases!$B$8"), D3: c("Yes") } }), WB_INFO, id, "now").problem,
    /line 1\.9\.9 that its version does not have/);
  assert.match(upgrade.fromWorkbook(workbook({ Notes: { A2: c(1), C2: c("7.7.7"), D2: c("?") } }), WB_INFO, id, "now").problem, /Notes.*row 2/);
  assert.match(upgrade.fromWorkbook({ ...workbook(), sheets: { Cases: {} } }, WB_INFO, id, "now").problem, /holds no cases/);
});
