/* The page that carries records made on an earlier version of the framework to the current one
   (versions/upgrade/): lists this device's earlier-version records, imports an exported one,
   and walks through the upgrade that upgrade-rules.js plans, with a "reviewed X of Y" count.

   Records are read and written where the checklist pages keep them (localStorage, key
   "hb-records:<framework id>", the record format in the README), never sent anywhere. The earlier
   record is kept, unchanged, until the user deletes it. A classic script (see upgrade-rules.js). */
(function () {
  "use strict";
  var root = document.getElementById("hb-upgrade");
  var source = document.getElementById("hb-upgrade-data");
  var rules = window.HB && window.HB.upgrade;
  if (!root || !source || !rules) return;
  var info = JSON.parse(source.textContent);
  var KEY = "hb-records:" + info.framework;
  var ui = {}, session = null;

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else if (attributes[name] !== false && attributes[name] != null) node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* ---- storage: the checklist pages' store ------------------------------------------------- */

  function read() {
    try {
      var data = JSON.parse(localStorage.getItem(KEY) || "null");
      return data && Array.isArray(data.records) ? data : { records: [], current: null };
    } catch (error) {
      return { records: [], current: null };
    }
  }

  function write(store) {
    try {
      localStorage.setItem(KEY, JSON.stringify(store));
      return true;
    } catch (error) {
      say("Could not save in this browser (" + error.name + "). Nothing was changed.", true);
      return false;
    }
  }

  function freshId() { return "r-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8); }

  function say(text, isError) {
    ui.error.textContent = isError ? text : "";
    ui.status.textContent = isError ? "" : text;
  }

  function judgementLabel(id) {
    var value = info.scale.filter(function (v) { return v.id === id; })[0];
    return value ? value.label : "Not judged";
  }

  function date(version) { return rules.label(info, version); }

  /* ---- choosing a record ---------------------------------------------------------------------- */

  function start() {
    ui.choose = el("section", { "class": "hb-upgrade__choose", "aria-labelledby": "hb-upgrade-choose" });
    ui.work = el("section", { "class": "hb-upgrade__work", "aria-labelledby": "hb-upgrade-work", hidden: "hidden" });
    ui.error = el("p", { "class": "hb-upgrade__error", role: "alert" });
    ui.status = el("p", { "class": "hb-upgrade__status", role: "status", tabindex: "-1" });
    root.appendChild(ui.choose);
    root.appendChild(ui.error);
    root.appendChild(ui.status);
    root.appendChild(ui.work);
    listRecords();
  }

  function listRecords() {
    var store = read(), earlier = rules.candidates(store.records, info);
    ui.choose.textContent = "";
    ui.choose.appendChild(el("h2", { id: "hb-upgrade-choose", text: "Records made on an earlier version" }));
    if (!earlier.length) {
      ui.choose.appendChild(el("p", { text: "No record on this device was made on an earlier version." }));
    } else {
      ui.choose.appendChild(el("ul", { "class": "hb-upgrade__records" }, earlier.map(function (record) {
        var count = Object.keys(record.lines).length;
        return el("li", {}, [
          el("strong", { text: record.name }),
          ", made on the version released " + date(record.framework.version) + ", " + count + " line" + (count === 1 ? "" : "s") +
            " judged or noted. ",
          el("span", { "class": "hb-upgrade__actions" }, [
            el("button", { type: "button", "data-record": record.id, text: "Carry to the current version",
                           "aria-label": "Carry to the current version: " + record.name }),
            el("button", { type: "button", "data-delete": record.id, text: "Delete this earlier record",
                           "aria-label": "Delete this earlier record: " + record.name + " (" +
                                         date(record.framework.version) + ")" })
          ])
        ]);
      })));
    }
    var carried = store.records.filter(function (r) {
      return r.framework && r.framework.version === info.version && r.upgrade && Object.keys(r.upgrade.retired || {}).length;
    });
    if (carried.length) {
      ui.choose.appendChild(el("h2", { text: "Deleted lines kept with your carried records" }));
      carried.forEach(function (record) {
        ui.choose.appendChild(el("h3", { text: record.name }));
        Object.keys(record.upgrade.retired).sort(rules.byLineId).forEach(function (id) {
          var line = record.upgrade.retired[id];
          ui.choose.appendChild(retired({ id: id, version: line.version, text: line.text, reason: line.reason,
                                          judgement: line.judgement, note: line.note }, 4));
        });
      });
    }
    var input = el("input", { type: "file", id: "hb-upgrade-import", accept: ".json,application/json" });
    ui.choose.appendChild(el("p", {}, [
      el("label", { "for": "hb-upgrade-import", text: "Or carry across a record exported from an earlier version (a JSON file) " }),
      input
    ]));
    input.addEventListener("change", importFile);
  }

  function importFile(event) {
    var file = event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      event.target.value = "";
      var data = null, problem = null;
      if (file.size > 5e6) problem = "the file is too large to be a record from this handbook.";
      else {
        try { data = JSON.parse(reader.result); } catch (error) { problem = "the file is not valid JSON."; }
      }
      problem = problem || rules.problem(data, info);
      if (problem) { say("Not carried across: " + problem + " Nothing was changed.", true); return; }
      var store = read();  // keep the original beside the new record, as the checklist pages would
      if (store.records.some(function (r) { return r.id === data.id; })) data.id = freshId();
      store.records.push(data);
      if (!write(store)) return;
      listRecords();
      begin(data);
    };
    reader.onerror = function () { say("Not carried across: the file could not be read. Nothing was changed.", true); };
    reader.readAsText(file);
  }

  /* ---- reviewing an upgrade ------------------------------------------------------------------- */

  function begin(record) {
    session = { original: record, plan: rules.plan(record, info, freshId(), new Date().toISOString()), reviewed: [] };
    say("");
    render();
    ui.work.hidden = false;
    ui.heading.focus();
  }

  function render() {
    var plan = session.plan;
    ui.work.textContent = "";
    ui.heading = el("h2", { id: "hb-upgrade-work", tabindex: "-1",
                            text: "Carrying \u201c" + session.original.name + "\u201d from " + date(plan.from) + " to " + date(plan.to) });
    ui.counter = el("p", { "class": "hb-upgrade__counter", role: "status" });
    ui.work.appendChild(ui.heading);
    ui.work.appendChild(ui.counter);
    ui.work.appendChild(el("p", { text: "The earlier record is kept as it is. Nothing is saved until you save the carried record." }));

    ui.work.appendChild(el("h3", { text: "Carried across by themselves (" + (plan.carried.length + unchangedCount()) + ")" }));
    ui.work.appendChild(el("p", { text: "Lines with the same text, changed only in wording, or moved to another number keep their judgement and note." +
      (plan.carried.length ? " Of these, moved or reworded:" : "") }));
    if (plan.carried.length) {
      ui.work.appendChild(el("ul", {}, plan.carried.map(function (c) {
        return el("li", { text: "Line " + c.from + " \u2192 line " + c.to + " (" + (c.type === "moved" ? "moved" : "wording only") + ")" });
      })));
    }

    ui.work.appendChild(el("h3", { text: "To review (" + plan.items.length + ")" }));
    if (!plan.items.length) ui.work.appendChild(el("p", { text: "No line of this record needs reviewing." }));
    plan.items.forEach(function (item, index) { ui.work.appendChild(reviewItem(item, index)); });

    ui.work.appendChild(el("h3", { text: "Deleted in the current version, kept read-only (" + plan.retired.length + ")" }));
    if (!plan.retired.length) ui.work.appendChild(el("p", { text: "No line of this record was deleted." }));
    plan.retired.forEach(function (line) { ui.work.appendChild(retired(line, 4)); });

    ui.save = el("button", { type: "button", "class": "hb-upgrade__primary", text: "Save the carried record" });
    ui.cancel = el("button", { type: "button", text: "Stop without saving" });
    ui.work.appendChild(el("div", { "class": "hb-upgrade__actions" }, [ui.save, ui.cancel]));
    ui.save.addEventListener("click", save);
    ui.cancel.addEventListener("click", function () {
      session = null;
      ui.work.hidden = true;
      say("Stopped. Nothing was saved; the earlier record is unchanged.");
    });
    count();
  }

  function unchangedCount() {
    var moved = session.plan.carried.map(function (c) { return c.to; });
    var reviewed = [];
    session.plan.items.forEach(function (item) { item.to.forEach(function (line) { reviewed.push(line.id); }); });
    return Object.keys(session.plan.record.lines).filter(function (id) {
      return moved.indexOf(id) < 0 && reviewed.indexOf(id) < 0;
    }).length;
  }

  function reviewItem(item, index) {
    var names = { modified: "Modified", split: "Split", merged: "Merged" };
    var box = el("article", { "class": "hb-upgrade__item", "data-item": item.key, "aria-labelledby": "hb-item-" + index });
    var title = item.to.length > 1 ? "Lines " + item.to.map(function (l) { return l.id; }).join(" and ")
                                   : "Line " + item.to[0].id;
    box.appendChild(el("h4", { id: "hb-item-" + index, text: title + " (" + names[item.type].toLowerCase() + ")" }));
    item.from.forEach(function (from) {
      box.appendChild(el("div", { "class": "hb-upgrade__was" }, [
        el("p", {}, [el("strong", { text: "Before, line " + from.id + " (" + date(from.version) + "): " }), from.text || ""]),
        el("p", { text: "Your judgement: " + judgementLabel(from.judgement) + (from.note ? ". Your note: " + from.note : ". No note.") })
      ]));
      if (from.diff && from.diff.length && item.to.length === 1) box.appendChild(diff(from.diff));
    });
    item.to.forEach(function (line) { box.appendChild(editor(item, line)); });
    var check = el("input", { type: "checkbox", id: "hb-reviewed-" + index });
    check.checked = session.reviewed.indexOf(item.key) >= 0;
    check.addEventListener("change", function () {
      session.reviewed = session.reviewed.filter(function (k) { return k !== item.key; });
      if (check.checked) session.reviewed.push(item.key);
      box.classList.toggle("hb-upgrade__item--done", check.checked);
      count();
    });
    box.appendChild(el("p", { "class": "hb-upgrade__reviewed" }, [
      check, el("label", { "for": "hb-reviewed-" + index, text: "I have reviewed " + title.toLowerCase() })
    ]));
    return box;
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

  function editor(item, line) {
    var entry = session.plan.record.lines[line.id] || {};
    var name = "hb-judgement-" + line.id;
    var fieldset = el("fieldset", {}, [
      el("legend", { text: "Now, line " + line.id + ": " + line.text })
    ].concat(info.scale.concat([{ id: "", label: "Not judged" }]).map(function (value) {
      var id = name + "-" + (value.id || "none");
      var input = el("input", { type: "radio", name: name, id: id, value: value.id });
      input.checked = (entry.judgement || "") === value.id;
      return el("span", { "class": "hb-upgrade__choice" }, [input, el("label", { "for": id, text: value.label })]);
    })));
    var noteId = "hb-note-" + line.id;
    var note = el("textarea", { id: noteId, rows: "3" });
    note.value = entry.note || "";
    return el("div", { "class": "hb-upgrade__line", "data-line": line.id }, [
      fieldset, el("label", { "for": noteId, text: "Note for line " + line.id }), note
    ]);
  }

  function retired(line, level) {
    return el("article", { "class": "hb-upgrade__item hb-upgrade__retired", "data-retired": line.id,
                           "aria-label": "Line " + line.id + ", deleted" }, [
      el("h" + (level || 4), { text: "Line " + line.id + " (" + date(line.version) + "), deleted" }),
      el("dl", {}, [
        el("dt", { text: "Text" }), el("dd", { text: line.text || "" }),
        el("dt", { text: "Why it was deleted" }), el("dd", { text: line.reason || "" }),
        el("dt", { text: "Your judgement" }), el("dd", { text: judgementLabel(line.judgement) }),
        el("dt", { text: "Your note" }), el("dd", { "class": "hb-upgrade__note", text: line.note || "No note." })
      ])
    ]);
  }

  function count() {
    var progress = rules.progress(session.plan, session.reviewed);
    ui.counter.textContent = "Reviewed " + progress.done + " of " + progress.total +
      (progress.complete ? ": done. You can save the carried record." : "");
    ui.save.disabled = !progress.complete;
  }

  function values() {
    var found = {};
    Array.prototype.forEach.call(ui.work.querySelectorAll(".hb-upgrade__line[data-line]"), function (box) {
      var chosen = box.querySelector("input[type=radio]:checked");
      found[box.dataset.line] = { judgement: chosen ? chosen.value : "", note: box.querySelector("textarea").value };
    });
    return found;
  }

  function save() {
    var record = rules.finish(session.plan, values());
    var store = read();
    store.records.push(record);
    store.current = record.id;
    if (!write(store)) return;
    var original = session.original;
    session = null;
    ui.work.hidden = true;
    listRecords();
    say("Saved \u201c" + record.name + "\u201d for the current version: the checklist pages show it. The earlier record, \u201c" +
        original.name + "\u201d, is kept until you delete it.");
    ui.status.focus();  // the review has gone: keep the keyboard's place with the message
  }

  root.addEventListener("click", function (event) {
    var carry = event.target.closest("button[data-record]"), remove = event.target.closest("button[data-delete]");
    var store = read();
    if (carry) {
      var record = store.records.filter(function (r) { return r.id === carry.dataset.record; })[0];
      if (record) begin(record);
    } else if (remove) {
      var gone = store.records.filter(function (r) { return r.id === remove.dataset.delete; })[0];
      if (!gone || !window.confirm("Delete the earlier record \u201c" + gone.name + "\u201d from this device? This cannot be undone.")) return;
      store.records = store.records.filter(function (r) { return r !== gone; });
      if (store.current === gone.id) store.current = null;
      if (write(store)) {
        listRecords();
        say("Deleted the earlier record \u201c" + gone.name + "\u201d.");
      }
    }
  });

  start();
})();
