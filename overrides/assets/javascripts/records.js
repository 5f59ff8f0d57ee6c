/* Records on checklist pages: a judgement and a note per line, kept in this browser (PouchDB,
   via HB.Store) and never sent anywhere. Each checklist keeps its own records; a record of an
   inspection opens here from the workspace (?record=<id>) with its case in view while filling in.
   Export a record with its history (the workspace imports and merges it), or as CSV; import
   files; a summary per element and section; print a filled record.

   Progressive enhancement: the page is a complete blank checklist without this script. Loaded
   only on checklist pages, after PouchDB, hb/model.js and hb/store.js, as classic scripts of the
   site's own (no ES modules: Chromium refuses them from file://), so it runs under `script-src 'self'`;
   hb/load.js loads them when this device keeps records or when the user starts one, so what the
   user entered before they arrived is taken up as a new record. The list of records comes from
   their summaries (HB.Store#summaries); only the record shown is read whole. */
(function () {
  "use strict";
  var HB = window.HB, model = HB.model;
  var root = document.querySelector(".hb-checklist[data-checklist][data-framework][data-version]");
  var checks = root ? Array.prototype.slice.call(root.querySelectorAll(".hb-check[data-line]")) : [];
  // The page of a long checklist split into parts has its fields and records but no lines (each part has some).
  if (!root || !window.PouchDB) return;

  var framework = { id: root.dataset.framework, version: root.dataset.version };
  var upgradeLink = document.getElementById("hb-upgrade-link");  // only on a site with earlier versions
  framework.earlier = upgradeLink ? upgradeLink.dataset.earlier.split(" ").filter(Boolean) : [];  // files made on them import
  var checklist = root.dataset.checklist;
  var lineIds = checks.map(function (c) { return c.dataset.line; });
  var scale = checks.length ? Array.prototype.map.call(checks[0].querySelectorAll("input[type=radio]"), function (radio) {
    return { id: radio.value, label: radio.parentNode.textContent.trim() };
  }) : JSON.parse(root.dataset.scale);  // a page without lines says it
  var fieldInputs = Array.prototype.slice.call(root.querySelectorAll(".hb-checklist__field input"));
  var store = new HB.Store(framework);
  var records = [];      // the records this checklist offers
  var inspections = {};  // id -> inspection, for the names of the records' inspections
  var current = null;    // the record shown, or null until something is entered or named
  var pending = null, saveTimer = null, lastField = null;
  var el = function (tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
    return node;
  };

  function all(selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); }

  /* A record belongs here if it was made on this checklist; one kept by the version before
     records knew their checklist is offered where all its lines are. */
  function belongs(doc) {
    if (!doc.framework || doc.framework.id !== framework.id) return false;
    if (doc.checklist) return doc.checklist === checklist;
    var ids = doc.lineIds || Object.keys(doc.lines || {});
    return ids.every(function (id) { return lineIds.indexOf(id) >= 0; });
  }

  function applies(record) { return record.framework.version === framework.version && !newer(record); }
  function newer(record) { return typeof record.formatVersion === "number" && record.formatVersion > model.FORMAT_VERSION; }

  function load() {
    return Promise.all([store.summaries(), store.all("inspection")]).then(function (got) {
      records = got[0].filter(belongs);
      inspections = {};
      got[1].forEach(function (i) { inspections[i._id] = i; });
    });
  }

  /* Keeps a record (whole) in the list in place of its summary. */
  function remember(doc) {
    var at = records.map(function (r) { return r._id; }).indexOf(doc._id);
    if (at < 0) records.push(doc);
    else records[at] = doc;
  }

  /* Shows a record: at once if it is held whole, else read from the store (the list holds summaries). */
  function openRecord(id) {
    var known = id && find(id);
    if (!id || (known && !known.summary)) { show(known || null); return Promise.resolve(); }
    return store.get(id).then(function (doc) { remember(doc); show(doc); }, function () { show(null); });
  }

  /* ---- the page's form <-> the current record ---------------------------------------------- */

  function show(record) {
    current = record;
    var usable = !record || applies(record);
    var entries = record && usable ? record.lines : {};
    checks.forEach(function (check) {
      var entry = entries[check.dataset.line] || {};
      all("input[type=radio]", check).forEach(function (radio) {
        radio.checked = radio.value === entry.judgement;
        radio.disabled = !usable;
      });
      var notes = check.querySelector("textarea");
      notes.value = entry.note || "";
      notes.disabled = !usable;
      mirror(check, entry.note || "");
    });
    fieldInputs.forEach(function (input) {
      input.value = (record && usable && record.fields[label(input)]) || "";
      input.disabled = !usable;
    });
    ui.mismatch.hidden = usable;
    ui.mismatch.textContent = usable ? "" : newer(record)
      ? "This record was made by a newer version of this handbook. It is kept untouched: nothing on this page changes it."
      : "This record was made with the version of the framework released " + record.framework.version +
        "; this page shows the version released " + framework.version +
        ". It is not applied here, so nothing on this page changes it. You can export it or delete it.";
    if (!usable && !newer(record) && framework.earlier.indexOf(record.framework.version) >= 0) {
      ui.mismatch.appendChild(document.createTextNode(" "));
      ui.mismatch.appendChild(el("a", { href: upgradeLink.href.split("#")[0] + "#carry=" + encodeURIComponent(record.inspection || record._id),
                                        text: record.inspection ? "Carry its inspection to the current version" : "Carry it to the current version" }));
    }
    var review = usable && upgradeLink && record && record.upgrade && record.upgrade.review;  // carried from an earlier version
    var left = review ? review.items.filter(function (item) { return review.reviewed.indexOf(item.key) < 0; }).length : 0;
    if (left) {
      ui.mismatch.hidden = false;
      ui.mismatch.textContent = "Carried from the version released " + record.upgrade.from.version + ": " + left +
        (left === 1 ? " changed line is" : " changed lines are") + " still to review; until then they hold the earlier judgement and note. ";
      ui.mismatch.appendChild(el("a", { href: upgradeLink.href.split("#")[0] + "#review=" + encodeURIComponent(record.inspection || record._id),
                                        text: "Review the changed lines" }));
    }
    refreshControls();
    summarise();
  }

  function label(input) { return root.querySelector("label[for='" + input.id + "']").textContent.trim(); }

  function mirror(check, note) {
    var copy = check.querySelector(".hb-check__note-print");
    if (!copy) {
      copy = el("p", { "class": "hb-check__note-print", "aria-hidden": "true" });
      check.appendChild(copy);
    }
    copy.textContent = note;
    check.classList.toggle("hb-check--noted", note !== "");
  }

  function nextName() {
    var names = records.map(function (r) { return r.name; }), n = records.length + 1;
    while (names.indexOf("Record " + n) >= 0) n += 1;
    return "Record " + n;
  }

  function start(name) {
    current = model.newRecord(framework, checklist, { name: name || nextName() });
    records.push(current);
    checks.forEach(capture);
    fieldInputs.forEach(capture);
    return current;
  }

  function capture(target) {
    var check = target.closest(".hb-check[data-line]");
    if (check) {
      var id = check.dataset.line, chosen = check.querySelector("input[type=radio]:checked");
      var note = check.querySelector("textarea").value;
      if (chosen || note) current.lines[id] = clean({ judgement: chosen && chosen.value, note: note });
      else delete current.lines[id];
      mirror(check, note);
    } else if (target.value) {
      current.fields[label(target)] = target.value;
    } else {
      delete current.fields[label(target)];
    }
  }

  function clean(entry) {
    var out = {};
    if (entry.judgement) out.judgement = entry.judgement;
    if (entry.note) out.note = entry.note;
    return out;
  }

  function changed(event) {
    var target = event.target;
    if (!target.closest(".hb-check[data-line]") && fieldInputs.indexOf(target) < 0) return;
    if (current && !applies(current)) return;
    var fresh = !current;
    if (fresh) start();
    else capture(target);
    current.updated = new Date().toISOString();
    lastField = target;
    summarise();
    // Typing saves a moment after the last key; a tick or leaving the field saves at once.
    clearTimeout(saveTimer);
    if (event.type === "input" && target.tagName === "TEXTAREA" && !fresh) { saveTimer = setTimeout(save, 400); updateBar("Typing\u2026"); }
    else save();
    if (fresh) { refreshControls(); say("Started " + current.name + ", saved in this browser only."); }
  }

  /* Saves the current record: only this record's document is written, however many records
     there are. A failure is shown beside the field being filled in, and the text stays on the
     page (and in memory) to be saved with the next change, or exported. */
  function save() {
    clearTimeout(saveTimer);
    saveTimer = null;
    if (!current) return Promise.resolve();
    var record = current, mine;
    updateBar("Saving\u2026");
    mine = pending = store.save(record).then(function () {
      if (pending !== mine) return;  // a later save is on its way: it will say so
      pending = null;
      clearFieldError();
      if (ui.error.dataset.save) { ui.error.textContent = ""; delete ui.error.dataset.save; say("Saved again: everything is kept."); }
      if (!saveTimer) updateBar("Saved");
    }, function (error) {
      if (pending === mine) pending = null;
      var kept = store.keepUnsaved(record);
      var text = "Not saved: " + HB.store.explain(error) + " What you typed is still here" +
        (kept ? ", and a copy is kept in this browser's other storage, to be put back when this page next opens" : ": don't reload or close the page") +
        ". Export this record (Export as JSON) to be sure, or free some space and type again to retry.";
      fieldError(text);
      ui.error.dataset.save = "1";
      say(text, true);
      updateBar("Not saved");
    });
    return mine;
  }

  function fieldError(text) {
    clearFieldError();
    var place = lastField && (lastField.closest(".hb-check__notes, .hb-check__scale, .hb-checklist__field"));
    if (!place) return;
    var message = el("p", { "class": "hb-records__field-error", role: "alert", text: text });
    place.parentNode.insertBefore(message, place.nextSibling);
  }

  function clearFieldError() { all(".hb-records__field-error", root).forEach(function (n) { n.remove(); }); }

  /* ---- the records panel and the bar that keeps the record in view ------------------------- */

  var ui = {};

  function bindPanel() {  // the panel is in the page (see _records_panel.html.j2): find its parts
    ui.panel = document.getElementById("hb-records");
    ui.select = document.getElementById("hb-record");
    ui.name = document.getElementById("hb-record-name");
    ui.file = document.getElementById("hb-record-import");
    ui.status = ui.panel.querySelector(".hb-records__status");
    ui.error = ui.panel.querySelector(".hb-records__error");
    ui.mismatch = ui.panel.querySelector(".hb-records__mismatch");
    ui.confirm = el("div", { "class": "hb-records__confirm" }, [el("p"), el("div", { "class": "hb-records__row" }, [
      el("button", { type: "button", "class": "md-button md-button--primary", "data-action": "export-then-delete-all", text: "Export them, then delete" }), " ",
      el("button", { type: "button", "class": "md-button", "data-action": "delete-all-now", text: "Delete without exporting" }), " ",
      el("button", { type: "button", "class": "md-button", "data-action": "cancel-delete-all", text: "Cancel" })])]);
    ui.confirm.hidden = true;
    ui.panel.insertBefore(ui.confirm, ui.mismatch);
    ui.printName = el("p", { "class": "hb-records__print-name" });
    root.insertBefore(ui.printName, root.firstChild);
    ui.bar = el("p", { "class": "hb-records__bar", "aria-live": "off" });
    root.insertBefore(ui.bar, root.firstChild);
    ui.panel.addEventListener("click", function (event) {
      var action = event.target.closest("button[data-action]");
      if (action) actions[action.dataset.action]();
    });
    ui.select.addEventListener("change", function () {
      if (saveTimer) save();  // the note being typed belongs to the record being left
      openRecord(ui.select.value).then(function () { say(current ? "Showing " + current.name + "." : ""); });
    });
    if (!ui.name) return;  // a part's page: naming, export, import and deletion are on its checklist's page
    ui.name.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); actions.rename(); }
    });
    ui.file.addEventListener("change", importFiles);
  }

  function find(id) { return records.filter(function (r) { return r._id === id; })[0] || null; }

  function titleOf(record) {
    var inspection = record && record.inspection && inspections[record.inspection];
    return record ? (record.name || "(no reference)") + (inspection ? " \u00b7 " + inspection.name : "") : "";
  }

  function refreshControls() {
    ui.select.textContent = "";
    if (!current) ui.select.appendChild(el("option", { value: "", text: "New record (starts when you enter something or name it)" }));
    records.forEach(function (r) {
      var text = titleOf(r) + (r._conflicts && r._conflicts.length ? " (in conflict: resolve in the workspace)" : "") +
        (applies(r) ? "" : newer(r) ? " (newer version of the handbook, kept untouched)" : " (other version: " + r.framework.version + ", not applied)");
      ui.select.appendChild(el("option", { value: r._id, text: text }));
    });
    ui.select.value = current ? current._id : "";
    if (ui.name) ui.name.value = current ? current.name : "";  // a part's page names records on its checklist's
    if (HB.carryRecord) HB.carryRecord(current && current._id);  // a checklist in parts (hb/parts.js)
    all("button[data-action=delete], button[data-action^=export], button[data-action=print]", ui.panel)
      .forEach(function (b) { b.disabled = !current; });
    all("button[data-action=delete-all]", ui.panel).forEach(function (b) { b.disabled = !records.length; });
    ui.printName.textContent = current ? "Record: " + titleOf(current) : "";
    drawBar();
    updateBar(current ? (pending || saveTimer ? "Saving\u2026" : "Saved") : "");  // "Saved" only once it is
  }

  /* The bar over the checklist: the record's name and inspection, drawn when the record changes,
     and its saving state, which alone changes as one types (so a tap on its link is never lost). */
  function drawBar() {
    ui.bar.textContent = "";
    ui.bar.hidden = !current;
    if (!current) return;
    var inspection = current.inspection && inspections[current.inspection];
    ui.bar.appendChild(el("strong", { text: current.name || "(no reference)" }));
    if (inspection) {
      ui.bar.appendChild(document.createTextNode(" \u00b7 "));
      var link = document.getElementById("hb-workspace-link");
      ui.bar.appendChild(link ? el("a", { href: link.href.split("#")[0] + "#inspection=" + encodeURIComponent(inspection._id), text: inspection.name })
                              : document.createTextNode(inspection.name));
    }
    ui.barState = el("span", { "class": "hb-records__bar-state" });
    ui.bar.appendChild(ui.barState);
  }

  function updateBar(state) {
    if (!current || !ui.barState) return;
    ui.barState.textContent = state ? " \u00b7 " + state : "";
    ui.barState.classList.toggle("hb-records__bar-state--bad", state === "Not saved");
  }

  function say(text, isError) {
    ui.error.textContent = isError ? text : "";
    ui.status.textContent = isError ? "" : text;
  }

  var actions = {
    "new": function () {
      save();
      show(null);
      say("The page is blank for a new record: name it below (Enter), or start filling it in.");
      ui.name.focus();
    },
    rename: function () {
      var name = ui.name.value.trim();
      if (!name) { say("Type a name for the record first.", true); ui.name.focus(); return; }
      if (!current) start(name);
      current.name = name;
      current.updated = new Date().toISOString();
      save();
      refreshControls();
      say("Named " + name + ".");
    },
    "delete": function () {
      if (!window.confirm("Delete the record \u201c" + current.name + "\u201d from this device? This cannot be undone.")) return;
      var gone = current;
      store.remove(gone).then(function () {
        records = records.filter(function (r) { return r._id !== gone._id; });
        return openRecord((records.filter(applies)[0] || {})._id);
      }).then(function () {
        say("Deleted " + gone.name + ".");
      }, function (error) { say("Not deleted: " + HB.store.explain(error), true); });
    },
    "delete-all": function () {
      ui.confirm.hidden = false;
      ui.confirm.querySelector("p").textContent = "Delete all " + records.length + " record(s) of this checklist from this device? " +
        "Export them first if anyone may need them: this cannot be undone.";
      ui.confirm.querySelector("button").focus();
    },
    "export-then-delete-all": function () { exportDocs(records).then(deleteAll); },
    "delete-all-now": function () { deleteAll(); },
    "cancel-delete-all": function () { ui.confirm.hidden = true; ui.panel.querySelector("button[data-action=delete-all]").focus(); },
    "export-json": function () { exportDocs([current]); },
    "export-csv": function () {
      var rows = [["framework", "version", "record", "line", "judgement", "judgement_label", "note"]];
      Object.keys(current.lines).sort(model.byLineId).forEach(function (id) {
        var entry = current.lines[id];
        rows.push([framework.id, current.framework.version, current.name, id, entry.judgement || "",
                   labelOf(entry.judgement), entry.note || ""]);
      });
      download(model.csv(rows), "text/csv", fileName(current, "csv"));
      say("Exported " + current.name + " as CSV.");
    },
    print: function () { window.print(); }
  };

  function deleteAll() {
    ui.confirm.hidden = true;
    var gone = records.slice();
    Promise.all(gone.map(function (r) { return store.remove(r); })).then(function () {
      records = [];
      show(null);
      say("Deleted " + gone.length + " record(s) of this checklist from this device.");
    }, function (error) { say("Not all deleted: " + HB.store.explain(error), true); });
  }

  function labelOf(id) { return (scale.filter(function (v) { return v.id === id; })[0] || { label: "" }).label; }

  /* inspection, case reference, inspector, date and time: three inspectors' files never clash */
  function fileName(record, extension, many) {
    var inspection = record.inspection && inspections[record.inspection];
    var inspector = record.inspector || Object.keys(record.fields).filter(function (k) { return /inspector|assessor/i.test(k); })
      .map(function (k) { return record.fields[k]; })[0] || "";
    return model.fileName([inspection ? inspection.name : (record.fields[Object.keys(record.fields)[0]] || checklist),
                           many ? checklist + "-all" : record.name, inspector, model.stamp()], extension);
  }

  function exportDocs(list) {
    return save().then(function () {
      var ids = list.map(function (r) { return r._id; });
      list.forEach(function (r) { if (r.inspection && ids.indexOf(r.inspection) < 0) ids.push(r.inspection); });
      return store.exportDocs(ids);
    }).then(function (docs) {
      download(JSON.stringify(model.exportFile(framework, docs, checklist), null, 1) + "\n", "application/json",
               fileName(list[0], "json", list.length > 1));
      say("Exported " + (list.length === 1 ? list[0].name : list.length + " records") + " as JSON.");
      return store.setMeta("lastExport", new Date().toISOString());
    });
  }

  function download(text, type, name) {
    var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" })), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  /* ---- import: every file checked before anything changes; records merge, never duplicate ---- */

  function importFiles() {
    var files = Array.prototype.slice.call(ui.file.files);
    if (!files.length) return;
    Promise.all(files.map(function (file) {
      return new Promise(function (resolve) {
        var reader = new FileReader();
        reader.onload = function () { resolve({ name: file.name, text: reader.result, size: file.size }); };
        reader.onerror = function () { resolve({ name: file.name, problem: "the file could not be read." }); };
        reader.readAsText(file);
      });
    })).then(function (read) {
      ui.file.value = "";
      var messages = [], good = [];
      read.forEach(function (file) {
        var result = { problem: file.problem }, data;
        if (!file.problem) {
          if (file.size > 50e6) result.problem = "the file is too large to be a record from this handbook.";
          else {
            try { data = JSON.parse(file.text); } catch (error) { result.problem = "the file is not valid JSON."; }
          }
          if (!result.problem) result = model.readFile(data, framework, scale.map(function (v) { return v.id; }));
        }
        if (result.problem) messages.push("Not imported " + file.name + ": " + result.problem + " Nothing was changed.");
        else good.push(result.docs);
      });
      return good.reduce(function (done, docs) {
        return done.then(function () { return store.importDocs(docs); });
      }, Promise.resolve()).then(function () {
        return load().then(function () {
          var last = good.length && good[good.length - 1].filter(function (d) { return d.type === "record"; })[0];
          return (last && find(last._id) ? openRecord(last._id) : Promise.resolve(show(current))).then(function () {
            if (messages.length) say(messages.join(" "), true);
            else say("Imported " + good.length + (good.length === 1 ? " file." : " files."));
          });
        });
      });
    }).catch(function (error) { say("Not imported: " + HB.store.explain(error) + " Nothing was changed.", true); });
  }

  /* ---- summary: per element and section, text first, then a small chart ---------------------- */

  function summarise() {
    if (!checks.length) return;  // a long checklist's own page: its lines, and their summary, are on its parts
    var parts = [], byId = {};
    checks.forEach(function (check) {
      var line = check.dataset.line, element = line.split(".").slice(0, 2).join("."), section = line.split(".")[0];
      [["section", section], ["element", element]].forEach(function (pair) {
        var key = pair.join(":");
        if (!byId[key]) {
          byId[key] = { kind: pair[0], id: pair[1], title: partTitle(pair[0], pair[1]), lines: [] };
          parts.push(byId[key]);
        }
        byId[key].lines.push(line);
      });
    });
    // A section with one element on the page repeats that element's row: leave it out.
    parts = parts.filter(function (part) {
      return part.kind === "element" || parts.filter(function (p) {
        return p.kind === "element" && p.id.split(".")[0] === part.id;
      }).length > 1;
    });
    var entries = current && applies(current) ? current.lines : {};
    var table = el("table", {}, [
      el("caption", { text: current ? "Judgements in " + current.name + ", by part of the framework on this page"
                                    : "No record yet: judgements will be counted here" }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Part" })].concat(
        scale.concat([{ id: "", label: "Not yet judged" }]).map(function (v, i) {
          return el("th", { scope: "col" }, [el("span", { "class": "hb-swatch hb-swatch--" + i, "aria-hidden": "true" }), v.label]);
        }), [el("th", { scope: "col", text: "Chart" })]))]),
      el("tbody", {}, parts.map(function (part) {
        var counts = scale.map(function (v) {
          return part.lines.filter(function (id) { return (entries[id] || {}).judgement === v.id; }).length;
        });
        counts.push(part.lines.length - counts.reduce(function (a, b) { return a + b; }, 0));
        return el("tr", { "class": "hb-summary__" + part.kind }, [el("th", { scope: "row", text: part.title })]
          .concat(counts.map(function (n) { return el("td", { text: String(n) }); }), [el("td", {}, [chart(counts)])]));
      }))
    ]);
    if (!ui.summary) {
      ui.summary = el("section", { "class": "hb-records-summary", "aria-labelledby": "hb-summary-title" });
      root.appendChild(ui.summary);
    }
    ui.summary.textContent = "";
    ui.summary.appendChild(el("h2", { id: "hb-summary-title", text: "Summary of this record" }));
    // Scrolls sideways on its own on a narrow screen, so the page itself never does (WCAG 1.4.10 reflow).
    ui.summary.appendChild(el("div", { "class": "md-typeset__scrollwrap", tabindex: "0", role: "region",
                                        "aria-labelledby": "hb-summary-title" },
                              [el("div", { "class": "md-typeset__table" }, [table])]));
  }

  function partTitle(kind, id) {
    var node = kind === "element" ? document.getElementById("element-" + id) : document.getElementById("section-" + id);
    var heading = node && (kind === "element" ? node.querySelector(".hb-checklist__element-title") : node);
    var text = heading ? heading.textContent.trim() : "";
    return (kind === "section" ? "Section " : "Element ") + (text ? text.replace(/^\S+\s/, id + ". ") : id);
  }

  function chart(counts) {
    var total = counts.reduce(function (a, b) { return a + b; }, 0) || 1, x = 0;
    var ns = "http://www.w3.org/2000/svg", picture = document.createElementNS(ns, "svg");
    [["width", "120"], ["height", "14"], ["viewBox", "0 0 120 14"], ["aria-hidden", "true"], ["focusable", "false"],
     ["class", "hb-summary__chart"]].forEach(function (a) { picture.setAttribute(a[0], a[1]); });
    counts.forEach(function (n, i) {
      if (!n) return;
      var width = 120 * n / total, rect = document.createElementNS(ns, "rect");
      [["x", x.toFixed(2)], ["y", "0"], ["width", width.toFixed(2)], ["height", "14"], ["class", "hb-swatch--" + i]]
        .forEach(function (a) { rect.setAttribute(a[0], a[1]); });
      picture.appendChild(rect);
      x += width;
    });
    return picture;
  }

  /* ---- start --------------------------------------------------------------------------------- */

  bindPanel();
  root.addEventListener("input", changed);
  root.addEventListener("change", changed);
  root.addEventListener("focusout", function (event) { if (event.target.tagName === "TEXTAREA") save(); });
  window.addEventListener("pagehide", save);
  // Back from another tab or app: show what was saved there, unless this page has unsaved changes.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible" || pending || saveTimer) return;
    load().then(function () {
      if (pending || saveTimer) return;
      if (current && find(current._id)) openRecord(current._id);
      else show(current);
    });
  });
  // Leaving by the bar's link to the inspection: save first, so the workspace counts this change.
  root.addEventListener("click", function (event) {
    var link = event.target.closest(".hb-records__bar a");
    if (!link) return;
    event.preventDefault();
    save().then(function () { window.location.href = link.href; }, function () {});
  });
  window.addEventListener("beforeunload", function (event) {
    if (ui.error.dataset.save) { event.preventDefault(); event.returnValue = ""; }  // unsaved text: ask before leaving
  });
  // Entered before this script arrived (hb/load.js loaded it on the user's first touch): a new
  // record. (Not when it was loaded for the records kept: what a reload's form restoring put in
  // the page is then replaced by the record shown.)
  var entered = ui.panel.dataset.state === "touched" && checks.filter(function (c) { return c.querySelector("input:checked") || c.querySelector("textarea").value; })
    .concat(fieldInputs.filter(function (input) { return input.value; }))[0];
  if (entered) changed({ target: checks.indexOf(entered) >= 0 ? entered.querySelector("input:checked, textarea") : entered, type: "change" });
  if (ui.file && ui.file.files.length) importFiles();

  var wanted = new URLSearchParams(window.location.search).get("record");
  store.open().then(function (report) {
    if (report.migrated) say("Moved " + report.migrated + " record(s) kept by an earlier version of this handbook into the new store.");
    if (report.kept.length) say(report.kept.join(" "), true);
    return store.restoreUnsaved();
  }).then(function (restored) {
    if (restored) {
      say("Put back " + (restored.name || "a record") + ", which could not be saved last time: nothing was lost.");
      wanted = restored._id;
    }
    // The record asked for is read and shown first (one document, and its inspection for the bar),
    // then the list of the others.
    return wanted && !current && store.get(wanted).then(function (doc) {
      if (!belongs(doc)) return;
      return (doc.inspection ? store.get(doc.inspection).then(function (i) { inspections[i._id] = i; }, function () {}) : Promise.resolve())
        .then(function () {
          if (current) return;
          records = [doc];
          show(doc);
          requestAnimationFrame(function () { setTimeout(function () { performance.mark("hb:record-shown"); }); });  // painted: scripts/bench_workspace.py
          // Opened for a case from the workspace: start at the checklist, the case named in the bar.
          if (!window.location.hash) root.scrollIntoView();
        });
    }, function () {});
  }).then(load).then(function () {
    if (current) {  // shown already, or begun before the store had opened
      remember(current);
      refreshControls();
      return;
    }
    return openRecord((records.filter(applies)[0] || records[0] || {})._id);
  }).then(function () { ui.panel.dataset.state = "ready"; }).catch(function (error) {
    say("The records on this device cannot be opened: " + HB.store.explain(error) + " Nothing has been changed or deleted.", true);
  });
})();
