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
