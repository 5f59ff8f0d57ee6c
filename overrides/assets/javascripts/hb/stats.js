/* Findings from many records: counts per judgement, percentages, Wilson score intervals,
   one quotable sentence per line and (only where the framework's data defines one) a rating.
   Pure functions. A classic script, not an ES module, so it runs from file:// as well as over
   http (Chromium refuses module scripts from file://); Node's tests load it with require(). */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.HB = root.HB || {}).stats = api;
})(this, function () {
  "use strict";
  var NOT_APPLICABLE = "not-applicable";

  /* The 95% Wilson score interval for k of n, as fractions: honest with few cases, never below
     0 or above 1 (unlike the normal approximation). Null when nothing was judged. */
  function wilson(k, n, z) {
    if (!n) return null;
    z = z || 1.959963984540054;
    var p = k / n, z2 = z * z, denominator = 1 + z2 / n;
    var centre = (p + z2 / (2 * n)) / denominator;
    var half = (z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / denominator;
    return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
  }

  /* Counts for a set of line ids over records: `counts[value]` (every scale value, Not applicable
     included), `judged` (the denominator: every judgement but Not applicable), `notApplicable`,
     `unjudged` (records with no judgement on a line, counted per line), `cases` (records seen). */
  function tally(records, lineIds, scale) {
    var counts = {}, notApplicable = 0, judged = 0, unjudged = 0;
    scale.forEach(function (value) { counts[value.id] = 0; });
    records.forEach(function (record) {
      lineIds.forEach(function (id) {
        var entry = record.lines && record.lines[id], judgement = entry && entry.judgement;
        if (!judgement || !(judgement in counts)) { unjudged += 1; return; }
        counts[judgement] += 1;
        if (judgement === NOT_APPLICABLE) notApplicable += 1;
        else judged += 1;
      });
    });
    return { counts: counts, judged: judged, notApplicable: notApplicable, unjudged: unjudged, cases: records.length };
  }

  /* Percentage of the denominator, whole numbers (a finding is quoted, not computed from). */
  function percent(k, n) { return n ? Math.round(100 * k / n) : null; }

  /* One row of findings for a value: "4 of 10 (40%, 95% CI 17%–69%)". */
  function share(k, n) {
    var interval = wilson(k, n);
    return {
      count: k, of: n, percent: percent(k, n),
      low: interval && Math.round(100 * interval.low), high: interval && Math.round(100 * interval.high)
    };
  }

  /* "No in 4 of 10 cases judged" for each value found, in scale order; Not applicable said apart. */
  function sentence(lineId, tallied, scale) {
    var parts = [];
    scale.forEach(function (value) {
      if (value.id === NOT_APPLICABLE || !tallied.counts[value.id]) return;
      parts.push(value.label + " in " + tallied.counts[value.id] + " of " + tallied.judged +
                 (tallied.judged === 1 ? " case judged" : " cases judged"));
    });
    var text = lineId + ": " + (parts.length ? parts.join("; ") : "no case judged yet");
    if (tallied.notApplicable) {
      text += " (" + labelOf(scale, NOT_APPLICABLE) + " in " + tallied.notApplicable +
              (tallied.notApplicable === 1 ? " case" : " cases") + ", not counted)";
    }
    return text + ".";
  }

  function labelOf(scale, id) {
    for (var i = 0; i < scale.length; i += 1) if (scale[i].id === id) return scale[i].label;
    return id;
  }

  /* The rating a framework's own rule gives (its data: `values` counted as meeting the line,
     `bands` highest first, each with `min_percent`), or null when the framework has no rule or
     nothing was judged. Never invented: without a rule there is no rating. */
  function rating(rule, tallied) {
    if (!rule || !tallied.judged) return null;
    var met = 0;
    rule.values.forEach(function (id) { met += tallied.counts[id] || 0; });
    var p = 100 * met / tallied.judged;
    for (var i = 0; i < rule.bands.length; i += 1) {
      if (p >= rule.bands[i].min_percent) return { label: rule.bands[i].label, rule: rule.name, percent: Math.round(p) };
    }
    return null;
  }

  /* Records kept by a filter: every key of `filter` (inspector, or a field label) must match. */
  function filtered(records, filter) {
    var keys = Object.keys(filter || {}).filter(function (k) { return filter[k]; });
    return records.filter(function (record) {
      return keys.every(function (key) {
        var value = key === "inspector" ? record.inspector : (record.fields || {})[key];
        return (value || "") === filter[key];
      });
    });
  }

  /* The cases and notes behind one line's figure, in case-reference order. */
  function behind(records, lineId) {
    return records.filter(function (r) { return r.lines && r.lines[lineId]; }).map(function (r) {
      return { record: r, judgement: r.lines[lineId].judgement || null, note: r.lines[lineId].note || "" };
    });
  }

  return { NOT_APPLICABLE: NOT_APPLICABLE, wilson: wilson, tally: tally, percent: percent, share: share,
           sentence: sentence, rating: rating, filtered: filtered, behind: behind };
});
