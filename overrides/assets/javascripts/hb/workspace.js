/* The inspection workspace page: the inspections on this device, one inspection's records by kind
   of checklist, new records, storage in words, and the way into findings (findings.js) and into
   import, export, merging and sync (transfer.js). Records are filled in on the checklist pages
   (records.js), opened with ?record=<id>. The lists show records' summaries (HB.Store#summaries),
   so opening an inspection of 200 cases reads no case whole; the findings read the inspection's
   records, and the framework's lines (framework.js beside the page), when they are shown.
   A classic script (see stats.js). */
(function (root) {
  "use strict";
  var HB = root.HB, el = HB.ui.el, model = HB.model;
  var host = document.getElementById("hb-workspace");
  var dataNode = document.getElementById("hb-workspace-data");
  if (!host || !dataNode || !root.PouchDB) return;
  var data = JSON.parse(dataNode.textContent);
  var framework = data.framework;
  var upgradeLink = document.getElementById("hb-upgrade-link");  // only on a site with earlier versions
  framework.earlier = upgradeLink ? upgradeLink.dataset.earlier.split(" ").filter(Boolean) : [];  // files made on them import
  var store = new HB.Store(framework);
  var kindLinks = {};
  // A record opens at its checklist's page, or at the first part of a checklist split into parts (.hb-ws-first).
  Array.prototype.forEach.call(document.querySelectorAll("a.hb-ws-kind[data-kind], a.hb-ws-first[data-kind]"),
                               function (a) { kindLinks[a.dataset.kind] = a.href; });

  var state = { inspections: [], records: [], full: {}, meta: {}, estimate: null, report: { kept: [] } };
  var ws = {
    data: data, store: store, state: state, framework: framework,
    scaleIds: data.scale.map(function (v) { return v.id; }),
    reload: reload, render: render, say: say, recordUrl: recordUrl, inspection: currentInspection,
    recordsOf: function (inspectionId) { return state.records.filter(function (r) { return r.inspection === inspectionId; }); },
    fullRecordsOf: function (inspectionId) { return state.full[inspectionId] || []; },
    ready: null, loadFramework: loadFramework,
    kind: function (id) { return data.kinds.filter(function (k) { return k.id === id; })[0] || null; }
  };
  HB.workspace = ws;

  host.textContent = "";
  var status = el("p", { "class": "hb-ws__status", role: "status" });
  var alert = el("div", { "class": "hb-ws__alert", role: "alert" });
  var storage = el("section", { "class": "hb-ws__storage", "aria-labelledby": "hb-ws-storage-title" });
  var main = el("div", { "class": "hb-ws__main" });
  host.appendChild(alert);
  host.appendChild(main);
  host.appendChild(status);
  host.appendChild(storage);

  function say(text, isError) {
    alert.textContent = "";
    status.textContent = "";
    if (isError) alert.appendChild(el("p", { text: text }));
    else status.textContent = text;
  }

  function recordUrl(record) {
    var href = kindLinks[record.checklist];
    return href ? href.split("#")[0].split("?")[0] + "?record=" + encodeURIComponent(record._id) : null;
  }

  function currentInspection() {
    var match = /^#(inspection|findings)=(.+)$/.exec(root.location.hash);
    var id = match && decodeURIComponent(match[2]);
    return { view: match ? match[1] : "list", doc: state.inspections.filter(function (i) { return i._id === id; })[0] || null };
  }

  function reload() {
    return Promise.all([store.all("inspection"), store.summaries(), store.meta(), store.estimate()]).then(function (got) {
      state.inspections = got[0].filter(function (d) { return d.framework && d.framework.id === framework.id; });
      state.records = got[1];
      state.full = {};
      state.meta = got[2];
      state.estimate = got[3];
    });
  }

  /* The framework's sections, elements and lines, from framework.js beside this page (a script,
     which works opened from disk too), added to ws.data once. */
  var frameworkLoaded = null;
  function loadFramework() {
    frameworkLoaded = frameworkLoaded || HB.ui.script(dataNode.dataset.framework).then(function () {
      var more = HB.frameworkData;
      data.sections = more.sections;
      data.kinds.forEach(function (kind) { kind.sections = more.kinds[kind.id] || []; });
      return data;
    }, function (error) {
      frameworkLoaded = null;  // offline now: try again when the findings are next asked for
      throw error;
    });
    return frameworkLoaded;
  }

  /* An inspection's records whole (for the findings), read once after each reload. */
  function loadRecords(inspectionId) {
    if (state.full[inspectionId]) return Promise.resolve(state.full[inspectionId]);
    var ids = ws.recordsOf(inspectionId).map(function (r) { return r._id; });
    return store.db.allDocs({ keys: ids, include_docs: true, conflicts: true }).then(function (result) {
      state.full[inspectionId] = result.rows.map(function (row) { return row.doc; }).filter(Boolean);
      return state.full[inspectionId];
    });
  }

  /* ---- views ------------------------------------------------------------------------------- */

  /* The intro is for the list of inspections: inside one it is hidden, from the first paint when the
     address names one (so nothing moves when the records have been read). */
  function inside() { return /^#(inspection|findings)=./.test(root.location.hash); }
  document.body.classList.toggle("hb-ws--inside", inside());

  function render() {
    var where = currentInspection();
    main.textContent = "";
    document.body.classList.toggle("hb-ws--inside", where.view !== "list" && !!where.doc);
    if (where.doc && where.view === "findings") renderFindings(where.doc);
    else if (where.doc) renderInspection(where.doc);
    else renderList();
    renderStorage();
  }

  function renderFindings(insp) {
    var shown = main.appendChild(el("p", { "class": "hb-ws__loading", text: "Adding up the records\u2026" }));
    return Promise.all([loadFramework(), loadRecords(insp._id)]).then(function () {
      if (!shown.parentNode) return;  // the user has moved on
      main.textContent = "";
      HB.findings.render(main, ws, insp);
      var title = document.getElementById("hb-ws-findings-title");
      if (title && focusTitle) title.focus();
    }, function (error) {
      shown.textContent = "The findings cannot be shown: " + (/could not be loaded/.test(error.message) ? error.message + "." : HB.store.explain(error)) + " Nothing has been changed.";
    });
  }

  function renderList() {
    var list = el("ul", { "class": "hb-ws__list" }, state.inspections.map(function (insp) {
      var count = ws.recordsOf(insp._id).length;
      return el("li", {}, [el("a", { href: "#inspection=" + encodeURIComponent(insp._id), text: insp.name }),
        " \u2014 " + [insp.area, dates(insp), count + (count === 1 ? " record" : " records")].filter(Boolean).join(" \u00b7 "),
        versionNote(insp)]);
    }));
    main.appendChild(el("h2", { id: "hb-ws-inspections", text: "Inspections on this device" }));
    main.appendChild(state.inspections.length ? list : el("p", { text: "None yet. Create one below, or import an inspection a colleague exported." }));
    main.appendChild(newInspectionForm());
    main.appendChild(HB.transfer.importer(ws, null));
    if (host.dataset.sync && root.location.protocol !== "file:") main.appendChild(HB.transfer.fetcher(ws));
    var loose = state.records.filter(function (r) { return !r.inspection; });
    if (loose.length) {
      main.appendChild(el("h2", { text: "Single records made on checklist pages" }));
      main.appendChild(el("p", { text: loose.length + " record(s), kept apart from any inspection: open them from their checklist page." }));
    }
  }

  function field(id, label, attributes) {
    var input = el("input", Object.assign({ id: id, name: id, type: "text", autocomplete: "off" }, attributes || {}));
    return el("p", { "class": "hb-ws__field" }, [el("label", { "for": id, text: label }), input]);
  }

  function newInspectionForm() {
    var form = el("form", { "class": "hb-ws__form", "aria-labelledby": "hb-ws-new-title", novalidate: true }, [
      el("h2", { id: "hb-ws-new-title", text: "Create an inspection" }),
      field("hb-ws-name", "Name of the inspection", { required: true, maxlength: "120" }),
      field("hb-ws-area", "Area or provider", { maxlength: "120" }),
      field("hb-ws-start", "First day", { type: "date" }),
      field("hb-ws-end", "Last day", { type: "date" }),
      field("hb-ws-inspector", "Your name, as the inspector", { maxlength: "80", autocomplete: "name" }),
      el("p", {}, [el("button", { type: "submit", "class": "md-button md-button--primary", text: "Create the inspection" })])
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = function (id) { return form.querySelector("#" + id).value.trim(); };
      if (!value("hb-ws-name")) {
        say("Give the inspection a name first.", true);
        form.querySelector("#hb-ws-name").focus();
        return;
      }
      var doc = model.newInspection(framework, { name: value("hb-ws-name"), area: value("hb-ws-area"),
        start: value("hb-ws-start"), end: value("hb-ws-end"), inspector: value("hb-ws-inspector") });
      store.save(doc).then(function () { return doc.inspector && store.setMeta("me", doc.inspector); }).then(reload).then(function () {
        root.location.hash = "#inspection=" + encodeURIComponent(doc._id);
        say("Created the inspection " + doc.name + ".");
      }, function (error) { say("The inspection was not created: " + HB.store.explain(error) + " Nothing was lost.", true); });
    });
    return form;
  }

  /* An inspection made on an earlier version of the framework, or carried from one with lines still
     to review, says so, with a link to the page that carries it across (versions/upgrade/). */
  function versionNote(insp) {
    if (!upgradeLink) return null;
    var to = upgradeLink.href.split("#")[0], name = ": " + insp.name;  // the link's words, then which inspection
    if (insp.framework.version !== framework.version) {
      return el("span", { "class": "hb-ws__version" }, [" \u00b7 made on the version of the framework released " + insp.framework.version + ": ",
        el("a", { href: to + "#carry=" + encodeURIComponent(insp._id), text: "carry it to the current version",
                  "aria-label": "carry it to the current version" + name })]);
    }
    if (!(insp.upgrade && insp.upgrade.from)) return null;
    var total = 0, done = 0;
    ws.recordsOf(insp._id).forEach(function (r) {
      var review = r.upgrade && r.upgrade.review;
      if (review) { total += review.items.length; done += review.reviewed.length; }
    });
    var words = done < total ? "continue the review" : "see the review";
    return el("span", { "class": "hb-ws__version" }, [" \u00b7 carried from the version released " + insp.upgrade.from.version +
      (total ? ", lines reviewed " + done + " of " + total : "") + ": ",
      el("a", { href: to + "#review=" + encodeURIComponent(insp._id), text: words, "aria-label": words + name })]);
  }

  function dates(insp) { return [insp.start, insp.end].filter(Boolean).join(" to "); }

  function renderInspection(insp) {
    var records = ws.recordsOf(insp._id);
    main.appendChild(el("p", {}, [el("a", { href: "#", text: "\u2190 All inspections" })]));
    main.appendChild(el("h2", { id: "hb-ws-title", tabindex: "-1", text: insp.name }));
    main.appendChild(el("p", { "class": "hb-ws__about" }, [[insp.area, dates(insp), insp.inspector && "Inspector: " + insp.inspector]
      .filter(Boolean).join(" \u00b7 "), versionNote(insp)]));
    main.appendChild(el("p", {}, [el("a", { "class": "md-button md-button--primary", href: "#findings=" + encodeURIComponent(insp._id),
      text: "Findings across " + records.length + (records.length === 1 ? " record" : " records") })]));
    data.kinds.forEach(function (kind) { main.appendChild(kindSection(insp, kind, records)); });
    main.appendChild(HB.transfer.exporter(ws, insp, records));
    main.appendChild(HB.transfer.importer(ws, insp));
    if (host.dataset.sync && root.location.protocol !== "file:") main.appendChild(HB.transfer.syncer(ws, insp));
    main.appendChild(deleteInspection(insp, records));
  }

  function kindSection(insp, kind, all) {
    var records = all.filter(function (r) { return r.checklist === kind.id; }).sort(function (a, b) {
      return a.name.localeCompare(b.name, undefined, { numeric: true });
    });
    var headingId = "hb-ws-kind-" + kind.id;
    var rows = records.map(function (r) {
      var judged = r.judged;
      var url = recordUrl(r);
      var conflict = r._conflicts && r._conflicts.length;
      return el("tr", {}, [
        el("th", { scope: "row" }, [url ? el("a", { href: url, text: r.name || "(no reference)" }) : r.name]),
        el("td", { text: r.inspector || "" }),
        el("td", { text: r.date || "" }),
        el("td", { text: String(judged) }),
        el("td", {}, [conflict ? el("button", { type: "button", "class": "md-button hb-ws__conflict", "data-record": r._id,
          text: "Resolve conflict", on: { click: function () { HB.transfer.resolveDialog(ws, r._id); } } }) : "",
          el("button", { type: "button", "class": "md-button", text: "Export", "aria-label": "Export " + (r.name || "record"),
            on: { click: function () { HB.transfer.exportRecords(ws, insp, [r]); } } })])
      ]);
    });
    var table = el("div", { "class": "md-typeset__scrollwrap", tabindex: "0", role: "region", "aria-labelledby": headingId }, [
      el("div", { "class": "md-typeset__table" }, [el("table", { "class": "hb-ws__records" }, [
        el("thead", {}, [el("tr", {}, ["Reference", "Inspector", "Date", "Lines judged", "Actions"].map(function (h) {
          return el("th", { scope: "col", text: h });
        }))]),
        el("tbody", {}, rows)])])]);
    var reference = "hb-ws-ref-" + kind.id, inspector = "hb-ws-by-" + kind.id, date = "hb-ws-date-" + kind.id;
    var form = el("form", { "class": "hb-ws__form hb-ws__form--inline", "aria-label": "New " + kind.title.toLowerCase() + " record" }, [
      field(reference, kind.id === data.kinds[0].id ? "Case reference (pseudonymous, never a name)" : "Reference", { maxlength: "80", required: true }),
      field(inspector, "Inspector", { maxlength: "80", value: insp.inspector || "" }),
      field(date, "Date", { type: "date", value: new Date().toISOString().slice(0, 10) }),
      el("p", {}, [el("button", { type: "submit", "class": "md-button", text: "Add and open" })])
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var name = form.querySelector("[id='" + reference + "']").value.trim();
      if (!name) { say("Type a reference for the new record first.", true); form.querySelector("[id='" + reference + "']").focus(); return; }
      var by = form.querySelector("[id='" + inspector + "']").value.trim(), day = form.querySelector("[id='" + date + "']").value;
      var record = model.newRecord(framework, kind.id, { inspection: insp._id, name: name, inspector: by, date: day,
        fields: prefilled(kind, insp, name, by, day) });
      store.save(record).then(function () { return by && store.setMeta("me", by); }).then(function () { root.location.href = recordUrl(record); },
        function (error) { say("The record was not created: " + HB.store.explain(error), true); });
    });
    return el("section", { "class": "hb-ws__kind", "aria-labelledby": headingId }, [
      el("h3", { id: headingId, text: kind.title + " (" + records.length + ")" }),
      records.length ? table : el("p", { text: "No records yet." }), form]);
  }

  /* The checklist's header fields, filled from what the workspace knows, by what each asks for. */
  function prefilled(kind, insp, name, by, day) {
    var fields = {};
    kind.fields.forEach(function (label, index) {
      var value = /date/i.test(label) ? day : /inspector|assessor|surveyor|keeper/i.test(label) ? by
        : /case|reference|provider/i.test(label) && index > 0 ? name : /inspection|area/i.test(label) || index === 0 ? insp.name : "";
      if (value) fields[label] = value;
    });
    return fields;
  }

  function deleteInspection(insp, records) {
    return el("section", { "class": "hb-ws__danger", "aria-labelledby": "hb-ws-delete-title" }, [
      el("h3", { id: "hb-ws-delete-title", text: "Delete this inspection" }),
      el("p", { text: "Deletes the inspection and its " + records.length + " record(s) from this device. Export it first if anyone may need it." }),
      el("p", {}, [
        el("button", { type: "button", "class": "md-button", text: "Export, then delete",
          on: { click: function () { HB.transfer.exportRecords(ws, insp, records).then(function () { remove(insp, records); }); } } }),
        " ",
        el("button", { type: "button", "class": "md-button", text: "Delete without exporting",
          on: { click: function () { remove(insp, records); } } })])]);
  }

  function remove(insp, records) {
    if (!root.confirm("Delete the inspection \u201c" + insp.name + "\u201d and its " + records.length + " record(s) from this device?")) return;
    Promise.all(records.concat([insp]).map(function (d) { return store.remove(d); })).then(reload).then(function () {
      root.location.hash = "#";
      say("Deleted " + insp.name + " from this device.");
    }, function (error) { say("Not deleted: " + HB.store.explain(error), true); });
  }

  function renderStorage() {
    storage.textContent = "";
    storage.appendChild(el("h2", { id: "hb-ws-storage-title", text: "What this device keeps" }));
    var e = state.estimate;
    storage.appendChild(el("p", { text: (e ? "This site keeps " + HB.ui.bytes(e.usage || 0) + " in this browser" +
      (e.quota ? ", of " + HB.ui.bytes(e.quota) + " it may use" : "") + ". " : "") +
      (state.report.persisted ? "The browser has agreed to keep it until you delete it." :
        "The browser may clear it when space runs short, and Safari clears it after seven days without a visit: export regularly.") }));
    storage.appendChild(el("p", { "class": "hb-ws__last-export", text: "Last export from this device: " + HB.ui.when(state.meta.lastExport) + "." }));
    state.report.kept.forEach(function (text) { storage.appendChild(el("p", { "class": "hb-ws__kept", text: text })); });
    if (state.report.unreadable) {
      var kept = state.report.unreadable;
      storage.appendChild(el("p", {}, [el("button", { type: "button", "class": "md-button", text: "Save the unreadable records",
        on: { click: function () { HB.ui.download(kept.text, "text/plain", model.fileName([kept.key, "unreadable"], "txt")); } } })]));
    }
  }

  var focusTitle = false;  // after the user moves between views, the new view's title takes the focus
  root.addEventListener("hashchange", function () {
    focusTitle = true;
    render();
    var title = document.getElementById("hb-ws-title") || document.getElementById("hb-ws-findings-title");
    if (title) title.focus();
  });

  say("Opening the records on this device\u2026");
  ws.ready = store.open().then(function (report) {
    state.report = report;
    report.persisting.then(function (granted) { if (granted && state.meta) renderStorage(); });  // drawn already: again
    if (report.migrated) say("Moved " + report.migrated + " record(s) kept by an earlier version of this handbook into the workspace.");
    else say("");
    return reload();
  }).then(function () {
    render();
    requestAnimationFrame(function () { setTimeout(function () { performance.mark("hb:workspace-drawn"); }); });  // painted: scripts/bench_workspace.py
    // The findings need framework.js. A service worker keeps it for offline use; without one
    // (its first visit, a browser without, the copy opened from disk), it is fetched once the
    // page is drawn, so the findings work when the network has gone.
    if (!(navigator.serviceWorker && navigator.serviceWorker.controller)) (root.requestIdleCallback || root.setTimeout)(function () {
      loadFramework().catch(function () {});
    });
  }, function (error) {
    say("The records on this device cannot be opened: " + HB.store.explain(error) + " Nothing has been changed or deleted.", true);
  });
})(this);
