/* The page that carries what was made on an earlier version of the framework to the current one
   (versions/upgrade/): whole inspections and single records kept in this browser's store
   (hb/store.js), records an older handbook left in localStorage, and files: a record or a whole
   inspection exported from the handbook, or a filled-in self-assessment workbook (xlsx-read.js).
   Carrying writes new documents of the current version beside the earlier ones (upgrade-rules.js
   plans them), and the lines that need a person's eye are reviewed here with a "Reviewed X of Y"
   count. Every choice is saved in the carried record as it is made (`upgrade.review`), so leaving
   the page loses nothing; the page's address (#review=<id>) brings the review back. The earlier
   inspection or record is kept, unchanged, until the user deletes it. Nothing is sent anywhere.
   Needs PouchDB, HB.model, HB.Store, HB.ui, HB.xlsx and HB.upgrade; a classic script (see upgrade-rules.js). */
(function () {
  "use strict";
  var root = document.getElementById("hb-upgrade");
  var source = document.getElementById("hb-upgrade-data");
  var HB = window.HB || {}, rules = HB.upgrade, ui = {};
  if (!root || !source || !rules || !HB.ui || !HB.Store || !HB.model || !window.PouchDB) return;
  var el = HB.ui.el, model = HB.model;
  var info = JSON.parse(source.textContent);
  var LEGACY = "hb-records:" + info.framework;  // records of other versions an older handbook kept (hb/store.js leaves them)
  var store = new HB.Store({ id: info.framework, version: info.version });
  var docs = { inspections: [], records: [] };
  var workspace = document.querySelector("a.hb-upgrade-workspace");
  var timers = {};

  /* ---- what is kept ------------------------------------------------------------------------- */

  function readLegacy() {
    try {
      var data = JSON.parse(localStorage.getItem(LEGACY) || "null");
      return data && Array.isArray(data.records) ? data : { records: [], current: null };
    } catch (error) {
      return { records: [], current: null };
    }
  }

  function writeLegacy(data) { localStorage.setItem(LEGACY, JSON.stringify(data)); }

  function reload() {
    var mine = function (d) { return d.framework && d.framework.id === info.framework; };
    return Promise.all([store.all("inspection"), store.all("record")]).then(function (got) {
      docs.inspections = got[0].filter(mine);
      docs.records = got[1].filter(mine);
    });
  }

  function byId(id) { return docs.inspections.concat(docs.records).filter(function (d) { return d._id === id; })[0] || null; }
  function recordsOf(id) { return docs.records.filter(function (r) { return r.inspection === id; }); }
  function earlier(doc) { return !rules.storeDocProblem(doc, info); }
  function loose(record) { return !record.inspection || !byId(record.inspection); }
  function underReview(target) {
    return (target.type === "inspection" ? recordsOf(target._id) : [target]).filter(function (r) { return r.upgrade && r.upgrade.review; });
  }

  /* ---- words ---------------------------------------------------------------------------------- */

  function say(text, isError) {
    ui.error.textContent = isError ? text : "";
    ui.status.textContent = isError ? "" : text;
  }

  function failed(what) {
    return function (error) { say(what + ": " + (error && error.status ? HB.store.explain(error) : (error && error.message) || HB.store.explain(error)) + " Nothing was changed.", true); };
  }

  function judgementLabel(id) {
    var value = info.scale.filter(function (v) { return v.id === id; })[0];
    return value ? value.label : "Not judged";
  }

  function date(version) { return rules.label(info, version); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function progressText(target) {
    var p = rules.reviewed(underReview(target));
    return "Reviewed " + p.done + " of " + p.total + (p.complete ? ": done." : "");
  }

  /* ---- the list ------------------------------------------------------------------------------- */

  function start() {
    ui.choose = el("section", { "class": "hb-upgrade__choose", "aria-labelledby": "hb-upgrade-choose" });
    ui.work = el("section", { "class": "hb-upgrade__work", "aria-labelledby": "hb-upgrade-work", hidden: "hidden" });
    ui.error = el("p", { "class": "hb-upgrade__error", role: "alert" });
    ui.status = el("p", { "class": "hb-upgrade__status", role: "status", tabindex: "-1" });
    [ui.error, ui.status, ui.work, ui.choose].forEach(function (node) { root.appendChild(node); });
    store.open().then(reload).then(route, failed("The records on this device cannot be opened"));
    window.addEventListener("hashchange", function () { reload().then(route); });
  }

  /* #review=<id>: the review of a carried inspection or record; #carry=<id>: carry one across (the
     workspace's and checklist pages' links to an earlier inspection or record). */
  function route() {
    var wanted = /^#carry=(.+)$/.exec(location.hash), doc = wanted && byId(decodeURIComponent(wanted[1]));
    if (doc && earlier(doc)) {
      history.replaceState(null, "", location.pathname + location.search);
      carry(doc.type === "inspection" ? doc : null, doc.type === "record" ? doc : null);
      return;
    }
    var match = /^#review=(.+)$/.exec(location.hash);
    var target = match && byId(decodeURIComponent(match[1]));
    listAll();
    if (target && ((target.upgrade && target.upgrade.from) || underReview(target).length)) showReview(target);
    else ui.work.hidden = true;
  }

  function go(id) {
    var hash = "#review=" + encodeURIComponent(id);
    if (location.hash === hash) route();
    else location.hash = hash;
  }

  function actions(buttons) {
    return el("span", { "class": "hb-upgrade__actions" }, buttons.map(function (b) {
      return el("button", { type: "button", text: b[0], "aria-label": b[0] + ": " + b[1], on: { click: b[2] } });
    }));
  }

  function listAll() {
    ui.choose.textContent = "";
    ui.choose.appendChild(el("h2", { id: "hb-upgrade-choose", text: "Made on an earlier version" }));
    var items = [];
    docs.inspections.filter(earlier).forEach(function (insp) {
      var carried = byId(rules.carriedId(insp._id, info.version)), count = recordsOf(insp._id).length;
      items.push(el("li", { "data-inspection": insp._id }, [el("strong", { text: insp.name }),
        ", an inspection made on the version released " + date(insp.framework.version) + ", " + plural(count, "record") + ". ",
        actions([carried ? ["Review the carried inspection", insp.name, function () { go(carried._id); }]
                         : ["Carry to the current version", insp.name, function () { carry(insp); }],
                 ["Delete this earlier inspection", insp.name + " (" + date(insp.framework.version) + ")", function () { removeInspection(insp); }]])]));
    });
    docs.records.filter(function (r) { return earlier(r) && loose(r); }).forEach(function (record) {
      var carried = byId(rules.carriedId(record._id, info.version));
      items.push(el("li", { "data-record": record._id }, [el("strong", { text: record.name }),
        ", a record made on the version released " + date(record.framework.version) + ", " + plural(Object.keys(record.lines || {}).length, "line") + " judged or noted. ",
        actions([carried ? ["Review the carried record", record.name, function () { go(carried._id); }]
                         : ["Carry to the current version", record.name, function () { carry(null, record); }],
                 ["Delete this earlier record", record.name + " (" + date(record.framework.version) + ")", function () { removeRecord(record); }]])]));
    });
    rules.candidates(readLegacy().records, info).forEach(function (record) {
      items.push(el("li", { "data-legacy": record.id }, [el("strong", { text: record.name }),
        ", a record made on the version released " + date(record.framework.version) + ", " + plural(Object.keys(record.lines).length, "line") + " judged or noted. ",
        actions([["Carry to the current version", record.name, function () { carryLegacy(record); }],
                 ["Delete this earlier record", record.name + " (" + date(record.framework.version) + ")", function () { removeLegacy(record); }]])]));
    });
    ui.choose.appendChild(items.length ? el("ul", { "class": "hb-upgrade__records" }, items)
                                       : el("p", { text: "No record on this device was made on an earlier version." }));
    var carried = docs.inspections.filter(function (i) { return i.upgrade && i.upgrade.from; })
      .concat(docs.records.filter(function (r) { return loose(r) && r.upgrade && r.upgrade.review; }));
    if (carried.length) {
      ui.choose.appendChild(el("h2", { text: "Carried to the current version" }));
      ui.choose.appendChild(el("ul", { "class": "hb-upgrade__records" }, carried.map(function (doc) {
        return el("li", { "data-carried": doc._id }, [el("strong", { text: doc.name }),
          ", carried from the version released " + date(doc.upgrade.from.version) + ". " + progressText(doc) + " ",
          actions([["Open the review", doc.name, function () { go(doc._id); }]])]);
      })));
    }
    var input = el("input", { type: "file", id: "hb-upgrade-import",
      accept: ".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    ui.choose.appendChild(el("h2", { text: "From a file" }));
    ui.choose.appendChild(el("p", {}, [
      el("label", { "for": "hb-upgrade-import", text: "Carry across a record or a whole inspection exported from an earlier version (JSON), or a filled-in self-assessment workbook (XLSX) " }),
      input
    ]));
    input.addEventListener("change", importFile);
  }

  /* ---- carrying ------------------------------------------------------------------------------- */

  /* Writes the carried documents (an inspection and its records, or one record), then opens the review.
     Carrying what was carried before opens that review instead: the carried ids are fixed. */
  function carry(inspection, record) {
    var now = new Date().toISOString();
    var planned = inspection ? rules.carryInspection(inspection, recordsOf(inspection._id), info, now)
                             : { inspection: null, records: [rules.carryRecord(record, info, now)] };
    var target = planned.inspection || planned.records[0];
    if (byId(target._id)) { go(target._id); return Promise.resolve(); }
    return Promise.all(planned.records.map(function (doc) { return store.save(doc); })).then(function () {
      return planned.inspection && store.save(planned.inspection);
    }).then(reload).then(function () {
      say("Carried \u201c" + target.name + "\u201d to the version released " + date(info.version) + ": " +
          (planned.inspection ? plural(planned.records.length, "record") + ". " : "") + "The earlier one is kept as it was.");
      go(target._id);
    }, failed("Not carried across"));
  }

  /* A record an older handbook left in localStorage is moved into the store (as that handbook's
     records were), then carried like any other. */
  function carryLegacy(record) {
    var doc = model.fromVersion1(record);
    return store.importDocs([doc]).then(function () {
      var data = readLegacy();
      data.records = data.records.filter(function (r) { return r.id !== record.id; });
      if (data.current === record.id) data.current = null;
      writeLegacy(data);
      return reload();
    }).then(function () { return carry(null, byId(doc._id)); }, failed("Not carried across"));
  }

  function removeInspection(insp) {
    var records = recordsOf(insp._id);
    if (!window.confirm("Delete the earlier inspection \u201c" + insp.name + "\u201d and its " + plural(records.length, "record") + " from this device? This cannot be undone.")) return;
    Promise.all(records.concat([insp]).map(function (d) { return store.remove(d); })).then(reload).then(function () {
      route();
      say("Deleted the earlier inspection \u201c" + insp.name + "\u201d.");
    }, failed("Not deleted"));
  }

  function removeRecord(record) {
    if (!window.confirm("Delete the earlier record \u201c" + record.name + "\u201d from this device? This cannot be undone.")) return;
    store.remove(record).then(reload).then(function () {
      route();
      say("Deleted the earlier record \u201c" + record.name + "\u201d.");
    }, failed("Not deleted"));
  }

  function removeLegacy(record) {
    if (!window.confirm("Delete the earlier record \u201c" + record.name + "\u201d from this device? This cannot be undone.")) return;
    var data = readLegacy();
    data.records = data.records.filter(function (r) { return r.id !== record.id; });
    if (data.current === record.id) data.current = null;
    try { writeLegacy(data); } catch (error) { failed("Not deleted")(error); return; }
    route();
    say("Deleted the earlier record \u201c" + record.name + "\u201d.");
  }

  /* ---- files ------------------------------------------------------------------------------- */

  function importFile(event) {
    var file = event.target.files[0];
    if (!file) return;
    var book = /\.xlsx$/i.test(file.name) || /spreadsheetml/.test(file.type);
    (book ? importWorkbook(file) : importJson(file)).catch(function (error) {
      say("Not carried across: " + file.name + ": " + (error.message || HB.store.explain(error)) + " Nothing was changed.", true);
    }).then(function () { event.target.value = ""; });
  }

  function problem(text) { return Promise.reject(new Error(text)); }

  function importJson(file) {
    return file.text().then(function (text) {
      var data;
      try { data = JSON.parse(text); } catch (error) { return problem("the file is not valid JSON."); }
      if (data && data.format === model.RECORD && data.formatVersion === 1) {
        var why = rules.problem(data, info);
        if (why) return problem(why);
        var doc = model.fromVersion1(data);
        return store.importDocs([doc]).then(reload).then(function () { return carry(null, byId(doc._id)); });
      }
      if (!data || data.format !== model.EXPORT) return problem("it is not a record or an inspection exported from this handbook.");
      var version = data.framework && data.framework.version;
      if (version === info.version) return problem("it was made on the current version already: import it in the inspection workspace.");
      var checked = rules.fromExport(data, info);
      var read = checked.problem ? checked : model.readFile(data, { id: info.framework, version: version }, info.scale.map(function (v) { return v.id; }));
      if (read.problem) return problem(read.problem);
      return store.importDocs(read.docs).then(reload).then(function () {
        var inspections = read.docs.filter(function (d) { return d.type === "inspection" && !d._deleted; });
        var records = read.docs.filter(function (d) { return d.type === "record" && !d._deleted && !d.inspection; });
        if (inspections.length + records.length === 1) return carry(byId((inspections[0] || {})._id), byId((records[0] || {})._id));
        route();
        say("Kept " + plural(inspections.length, "inspection") + " and " + plural(records.length, "single record") + " from " + file.name + " on this device: carry each to the current version from the list below.");
      });
    });
  }

  function importWorkbook(file) {
    var wanted = function (name) { return name === "Cases" || name === "Notes" || /^Section /.test(name); };
    return file.arrayBuffer().then(function (buffer) { return HB.xlsx.read(buffer, wanted); }).then(function (book) {
      var read = rules.fromWorkbook(book, info, model.freshId, new Date().toISOString());
      if (read.problem) return problem(read.problem);
      var all = read.records.concat([read.inspection]);
      return Promise.all(all.map(function (d) { return store.save(d); })).then(reload).then(function () {
        if (read.inspection.framework.version !== info.version) return carry(byId(read.inspection._id));
        route();
        say("Imported the workbook as the inspection \u201c" + read.inspection.name + "\u201d with " + plural(read.records.length, "record") +
            ", on the current version: open it in the inspection workspace.");
      });
    });
  }

  /* ---- the review ------------------------------------------------------------------------------- */

  function showReview(target) {
    var records = underReview(target).sort(function (a, b) { return a.name.localeCompare(b.name, undefined, { numeric: true }); });
    var from = target.upgrade.from;
    var isInspection = target.type === "inspection";
    ui.target = target;
    ui.work.textContent = "";
    ui.heading = el("h2", { id: "hb-upgrade-work", tabindex: "-1",
                            text: "Carrying \u201c" + target.name + "\u201d from " + date(from.version) + " to " + date(info.version) });
    ui.counter = el("p", { "class": "hb-upgrade__counter", role: "status" });
    ui.work.appendChild(ui.heading);
    ui.work.appendChild(ui.counter);
    var carried = records.reduce(function (n, r) { return n + Object.keys(r.lines).length; }, 0) - records.reduce(function (n, r) {
      return n + r.upgrade.review.items.reduce(function (m, item) { return m + item.to.length; }, 0);
    }, 0);
    ui.work.appendChild(el("p", { text: (isInspection ? plural(records.length, "record") + " carried; " : "") +
      plural(Math.max(carried, 0), "line") + " with the same text, changed only in wording, or moved came across by themselves with their judgements and notes. " +
      "Each choice below is saved on this device as you make it: you can leave and come back. The earlier " +
      (isInspection ? "inspection" : "record") + " is kept as it was until you delete it." }));
    if (isInspection && workspace) {
      ui.work.appendChild(el("p", {}, [el("a", { href: workspace.href.split("#")[0] + "#inspection=" + encodeURIComponent(target._id),
                                                 text: "Open \u201c" + target.name + "\u201d in the inspection workspace" })]));
    }
    records.forEach(function (record, r) { ui.work.appendChild(recordBox(record, r, records.length > 1 || isInspection)); });
    ui.work.appendChild(el("p", {}, [el("a", { href: "#", text: "Back to the list" })]));
    ui.work.hidden = false;
    count(target);
    ui.heading.focus();
  }

  function recordBox(record, r, named) {
    var review = record.upgrade.review, retired = record.upgrade.retired || {}, level = named ? 4 : 3;
    var box = el("section", { "class": "hb-upgrade__record", "data-record": record._id, "aria-labelledby": named ? "hb-rec-" + r : null });
    if (named) box.appendChild(el("h3", { id: "hb-rec-" + r, text: record.name + (record.inspector ? " (" + record.inspector + ")" : "") }));
    box.appendChild(el("h" + level, { text: "To review (" + review.items.length + ")" }));
    if (!review.items.length) box.appendChild(el("p", { text: "No line of this record needs reviewing." }));
    review.items.forEach(function (item, i) { box.appendChild(reviewItem(record, item, "r" + r + "-" + i, level + 1)); });
    var gone = Object.keys(retired).sort(rules.byLineId);
    box.appendChild(el("h" + level, { text: "Deleted in the current version, kept read-only (" + gone.length + ")" }));
    if (!gone.length) box.appendChild(el("p", { text: "No line of this record was deleted." }));
    gone.forEach(function (id) {
      var line = retired[id];
      box.appendChild(retiredLine({ id: id, version: line.version, text: line.text, reason: line.reason,
                                    judgement: line.judgement, note: line.note }, level + 1));
    });
    return box;
  }

  function reviewItem(record, item, prefix, level) {
    var names = { modified: "modified", split: "split", merged: "merged" };
    var done = record.upgrade.review.reviewed.indexOf(item.key) >= 0;
    var box = el("article", { "class": "hb-upgrade__item" + (done ? " hb-upgrade__item--done" : ""), "data-item": item.key,
                              "aria-labelledby": "hb-item-" + prefix });
    var title = item.to.length > 1 ? "Lines " + item.to.map(function (l) { return l.id; }).join(" and ") : "Line " + item.to[0].id;
    box.appendChild(el("h" + level, { id: "hb-item-" + prefix, text: title + " (" + names[item.type] + ")" }));
    item.from.forEach(function (from) {
      box.appendChild(el("div", { "class": "hb-upgrade__was" }, [
        el("p", {}, [el("strong", { text: "Before, line " + from.id + " (" + date(from.version) + "): " }), from.text || ""]),
        el("p", { text: "Your judgement: " + judgementLabel(from.judgement) + (from.note ? ". Your note: " + from.note : ". No note.") })
      ]));
      if (from.diff && from.diff.length && item.to.length === 1) box.appendChild(diff(from.diff));
    });
    item.to.forEach(function (line) { box.appendChild(editor(record, line, prefix)); });
    var check = el("input", { type: "checkbox", id: "hb-reviewed-" + prefix });
    check.checked = done;
    box.appendChild(el("p", { "class": "hb-upgrade__reviewed" }, [
      check, el("label", { "for": "hb-reviewed-" + prefix, text: "I have reviewed " + title.toLowerCase() })
    ]));
    var save = function () { keep(record, item, box, check.checked); };
    check.addEventListener("change", function () { box.classList.toggle("hb-upgrade__item--done", check.checked); save(); });
    box.addEventListener("change", function (event) { if (event.target !== check) save(); });
    box.addEventListener("input", function (event) {
      if (event.target.tagName !== "TEXTAREA") return;
      clearTimeout(timers[prefix]);
      timers[prefix] = setTimeout(save, 400);
    });
    return box;
  }

  /* Saves one item's lines and whether it is reviewed into the carried record, as the next revision of
     the same document (the record object keeps the revision the store last gave it). */
  function keep(record, item, box, done) {
    var values = {};
    Array.prototype.forEach.call(box.querySelectorAll(".hb-upgrade__line[data-line]"), function (line) {
      var chosen = line.querySelector("input[type=radio]:checked");
      values[line.dataset.line] = { judgement: chosen ? chosen.value : "", note: line.querySelector("textarea").value };
    });
    var next = rules.review(record, item.key, values, done, new Date().toISOString());
    record.lines = next.lines;
    record.upgrade = next.upgrade;
    record.updated = next.updated;
    count(ui.target);
    store.save(record).catch(function (error) {
      if (error.status !== 409) throw error;
      // the page was reloaded while a save was on its way: build on the revision that save made
      return store.get(record._id).then(function (latest) { record._rev = latest._rev; return store.save(record); });
    }).catch(function (error) {
      say("Not saved: " + HB.store.explain(error) + " Your choices are still on the page; try again.", true);
    });
  }

  function diff(segments) {
    var parts = [el("strong", { text: "Difference: " })];
    segments.forEach(function (segment, i) {
      if (i) parts.push(" ");
      if (segment[0] === "same") { parts.push(segment[1]); return; }
      var spoken = segment[0] === "del" ? "removed" : "added";
      parts.push(el(segment[0], {}, [el("span", { "class": "hb-visually-hidden", text: "[" + spoken + ": " }), segment[1],
                                     el("span", { "class": "hb-visually-hidden", text: "]" })]));
    });
    return el("p", { "class": "hb-diff" }, parts);
  }

  function editor(record, line, prefix) {
    var entry = record.lines[line.id] || {};
    var name = "hb-judgement-" + prefix + "-" + line.id;
    var fieldset = el("fieldset", {}, [
      el("legend", { text: "Now, line " + line.id + ": " + line.text })
    ].concat(info.scale.concat([{ id: "", label: "Not judged" }]).map(function (value) {
      var id = name + "-" + (value.id || "none");
      var input = el("input", { type: "radio", name: name, id: id, value: value.id });
      input.checked = (entry.judgement || "") === value.id;
      return el("span", { "class": "hb-upgrade__choice" }, [input, el("label", { "for": id, text: value.label })]);
    })));
    var noteId = "hb-note-" + prefix + "-" + line.id;
    var note = el("textarea", { id: noteId, rows: "3" });
    note.value = entry.note || "";
    return el("div", { "class": "hb-upgrade__line", "data-line": line.id }, [
      fieldset, el("label", { "for": noteId, text: "Note for line " + line.id }), note
    ]);
  }

  function retiredLine(line, level) {
    return el("article", { "class": "hb-upgrade__item hb-upgrade__retired", "data-retired": line.id,
                           "aria-label": "Line " + line.id + ", deleted" }, [
      el("h" + level, { text: "Line " + line.id + " (" + date(line.version) + "), deleted" }),
      el("dl", {}, [
        el("dt", { text: "Text" }), el("dd", { text: line.text || "" }),
        el("dt", { text: "Why it was deleted" }), el("dd", { text: line.reason || "" }),
        el("dt", { text: "Your judgement" }), el("dd", { text: judgementLabel(line.judgement) }),
        el("dt", { text: "Your note" }), el("dd", { "class": "hb-upgrade__note", text: line.note || "No note." })
      ])
    ]);
  }

  function count(target) { ui.counter.textContent = progressText(target); }

  start();
})();
