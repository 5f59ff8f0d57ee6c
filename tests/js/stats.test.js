// Findings arithmetic (overrides/assets/javascripts/hb/stats.js), checked against figures
// worked out by hand. Run: node --test tests/js/
const test = require("node:test");
const assert = require("node:assert/strict");
const stats = require("../../overrides/assets/javascripts/hb/stats.js");

const SCALE = [{ id: "yes", label: "Yes" }, { id: "partly", label: "Partly" }, { id: "no", label: "No" },
               { id: "not-applicable", label: "Not applicable" }];
const rec = (inspector, lines, fields = {}) => ({ inspector, fields, lines });

test("Wilson interval for 4 of 10 is 16.8% to 68.7%", () => {
  const { low, high } = stats.wilson(4, 10);
  assert.equal(low.toFixed(3), "0.168");
  assert.equal(high.toFixed(3), "0.687");
});

test("Wilson interval stays inside 0..1 at the edges and is null for nothing judged", () => {
  assert.equal(stats.wilson(0, 5).low, 0);
  assert.ok(stats.wilson(5, 5).high <= 1);
  assert.equal(stats.wilson(0, 0), null);
});

test("Not applicable is counted but left out of the denominator; unjudged lines are apart", () => {
  const records = [rec("A", { "1.1.1": { judgement: "no" } }), rec("A", { "1.1.1": { judgement: "yes" } }),
                   rec("B", { "1.1.1": { judgement: "not-applicable" } }), rec("B", { "1.1.1": { note: "only a note" } })];
  const t = stats.tally(records, ["1.1.1"], SCALE);
  assert.deepEqual(t.counts, { yes: 1, partly: 0, no: 1, "not-applicable": 1 });
  assert.equal(t.judged, 2);
  assert.equal(t.notApplicable, 1);
  assert.equal(t.unjudged, 1);
  assert.equal(stats.sentence("1.1.1", t, SCALE),
               "1.1.1: Yes in 1 of 2 cases judged; No in 1 of 2 cases judged (Not applicable in 1 case, not counted).");
});

test("A quotable sentence: No in 4 of 10 cases judged", () => {
  const records = [];
  for (let i = 0; i < 10; i += 1) records.push(rec("A", { "3.3.8": { judgement: i < 4 ? "no" : "yes" } }));
  const t = stats.tally(records, ["3.3.8"], SCALE);
  assert.equal(stats.sentence("3.3.8", t, SCALE), "3.3.8: Yes in 6 of 10 cases judged; No in 4 of 10 cases judged.");
  assert.deepEqual(stats.share(4, 10), { count: 4, of: 10, percent: 40, low: 17, high: 69 });
});

test("No rule, no rating; a framework's rule gives its band", () => {
  const t = stats.tally([rec("A", { "1.1.1": { judgement: "yes" } }), rec("A", { "1.1.1": { judgement: "partly" } })], ["1.1.1"], SCALE);
  assert.equal(stats.rating(null, t), null);
  const rule = { name: "Board rule", values: ["yes"], bands: [{ label: "Good", min_percent: 75 }, { label: "Poor", min_percent: 0 }] };
  assert.deepEqual(stats.rating(rule, t), { label: "Poor", rule: "Board rule", percent: 50 });
});

test("Filters by inspector and by a case field", () => {
  const records = [rec("A", {}, { Provider: "North" }), rec("B", {}, { Provider: "North" }), rec("A", {}, { Provider: "South" })];
  assert.equal(stats.filtered(records, { inspector: "A" }).length, 2);
  assert.equal(stats.filtered(records, { inspector: "A", Provider: "North" }).length, 1);
  assert.equal(stats.filtered(records, { inspector: "" }).length, 3);
});
