/* Moving records between devices: export an inspection or single records to a file, import
   several files at once (chosen or dropped) as a replication, resolve a conflict line by line
   in a dialog, and sync one inspection with the team's own CouchDB when the site names one.
   A classic script (see stats.js). */
(function (root) {
  "use strict";
  var HB = root.HB, el = HB.ui.el, model = HB.model;

  /* Exports documents with their whole revision history (conflicting versions included), so a
     colleague's import merges them as a replication would. Resolves when the file is offered. */
  function exportRecords(ws, insp, records) {
    var ids = (insp ? [insp._id] : []).concat(records.map(function (r) { return r._id; }));
    var single = records.length === 1 && insp;
    return ws.store.exportDocs(ids).then(function (docs) {
      var file = model.exportFile(ws.framework, docs, insp ? insp.name : "");
      var me = ws.state.meta.me || (insp && insp.inspector) || "";  // who exports: three inspectors' files never clash
      var parts = single ? [insp.name, records[0].name, records[0].inspector || me, model.stamp()]
                         : [insp ? insp.name : "records", "all", me, model.stamp()];
      HB.ui.download(JSON.stringify(file) + "\n", "application/json", model.fileName(parts, "json"));
      return ws.store.setMeta("lastExport", new Date().toISOString());
    }).then(function () {
      ws.say("Exported " + records.length + (records.length === 1 ? " record" : " records") + (insp ? " of " + insp.name : "") + ".");
      return ws.reload().then(ws.render);
    }, function (error) { ws.say("Not exported: " + HB.store.explain(error), true); throw error; });
  }

  function exporter(ws, insp, records) {
    return el("section", { "class": "hb-ws__transfer", "aria-labelledby": "hb-ws-export-title" }, [
      el("h3", { id: "hb-ws-export-title", text: "Export" }),
      el("p", { text: "One file with the inspection and all its records, with their history, for a colleague to import or to keep safe. Each record's Export button above makes a file of that record alone." }),
      el("p", {}, [el("button", { type: "button", "class": "md-button", text: "Export the whole inspection",
        on: { click: function () { exportRecords(ws, insp, records); } } })])]);
  }

  function importer(ws, insp) {
    var input = el("input", { type: "file", id: "hb-ws-import", multiple: true, accept: ".json,application/json" });
    var zone = el("div", { "class": "hb-drop" }, [
      el("p", {}, [el("label", { "for": "hb-ws-import", text: "Import files exported from this handbook (choose several, or drop them here)" })]),
      el("p", {}, [input])]);
    input.addEventListener("change", function () { if (input.files.length) importFiles(ws, input.files).then(function () { input.value = ""; }); });
    HB.ui.dropZone(zone, function (files) { importFiles(ws, files); });
    return el("section", { "class": "hb-ws__transfer", "aria-labelledby": "hb-ws-import-title" }, [
      el("h3", { id: "hb-ws-import-title", text: insp ? "Bring in colleagues' records" : "Import an inspection" }),
      el("p", { text: "Importing merges: a record already here is not copied again, and a record changed on two devices is kept in both versions for you to resolve. A file for another framework or version, or a damaged file, changes nothing." }),
      zone]);
  }

  /* Every file is checked before any is imported; a bad file is named with its problem and the
     good ones still go in (each file whole or not at all). */
  function importFiles(ws, files) {
    return HB.ui.readFiles(files).then(function (read) {
      var lines = [], good = [];
      read.forEach(function (file) {
        var problem = file.error, data = null;
        if (!problem) { try { data = JSON.parse(file.text); } catch (e) { problem = "it is not valid JSON (" + e.message + ")."; } }
        var result = problem ? { problem: problem } : model.readFile(data, ws.framework, ws.scaleIds);
        if (result.problem) lines.push({ error: true, text: file.name + ": not imported, " + result.problem + " Nothing was changed." });
        else good.push({ name: file.name, docs: result.docs, earlier: result.earlier });
      });
      return good.reduce(function (done, file) {
        return done.then(function () {
          return ws.store.importDocs(file.docs).then(function (result) {
            lines.push({ text: file.name + ": " + (result.added ? result.added + " new version(s) of records added" : "nothing new, everything in it was already here") +
              (result.restored ? "; " + result.restored + " record(s) deleted on this device brought back" : "") +
              (result.conflicts.length ? "; " + result.conflicts.length + " record(s) now in conflict, to resolve" : "") + "." +
              (file.earlier ? " It was made on the version of the framework released " + file.earlier + ", and is kept as it was: carry it to the current version from the list." : "") });
          }, function (error) { lines.push({ error: true, text: file.name + ": not imported: " + HB.store.explain(error) }); });
        });
      }, Promise.resolve()).then(function () { return lines; });
    }).then(function (lines) {
      return ws.reload().then(function () {
        ws.render();
        var errors = lines.filter(function (l) { return l.error; });
        ws.say(lines.map(function (l) { return l.text; }).join(" "), errors.length > 0);
      });
    });
  }

  /* The conflict dialog: for each line or field the versions disagree on, a choice between
     them; the choices become the record's next version, and the record says who chose what. */
  function resolveDialog(ws, id) {
    return ws.store.versions(id).then(function (versions) {
      var labels = {};
      ws.data.scale.forEach(function (v) { labels[v.id] = v.label; });
      var diffs = HB.merge.differences(versions);
      var dialog = el("dialog", { "class": "hb-merge md-typeset", "aria-labelledby": "hb-merge-title" });
      var form = el("form", { method: "dialog" });
      form.appendChild(el("h2", { id: "hb-merge-title", text: "Resolve: " + (versions[0].name || id) }));
      form.appendChild(el("p", { text: "This record was changed on " + versions.length + " devices. Choose, for each line where they differ, the version to keep. Lines they agree on are kept as they are." }));
      diffs.forEach(function (d, index) {
        var name = "hb-merge-" + index;
        form.appendChild(el("fieldset", { "class": "hb-merge__choice" }, [
          el("legend", { text: d.kind === "line" ? "Line " + d.id : "Field \u201c" + d.id + "\u201d" })].concat(d.entries.map(function (entry, i) {
            var v = versions[i], text = d.kind === "field" ? (entry || "(empty)") :
              (entry && entry.judgement ? labels[entry.judgement] : "not judged") + (entry && entry.note ? ": \u201c" + entry.note + "\u201d" : "");
            var radioId = name + "-" + i;
            return el("p", {}, [el("input", { type: "radio", name: name, id: radioId, value: String(i), checked: i === 0 }),
              " ", el("label", { "for": radioId, text: text + " (version by " + (v.inspector || "unknown") + ", saved " + HB.ui.when(v.updated) + ")" })]);
          }))));
      });
      var by = el("input", { type: "text", id: "hb-merge-by", value: (ws.inspection().doc || {}).inspector || "", autocomplete: "name" });
      form.appendChild(el("p", { "class": "hb-ws__field" }, [el("label", { "for": "hb-merge-by", text: "Resolved by" }), by]));
      var keep = el("button", { type: "submit", value: "keep", "class": "md-button md-button--primary", text: "Keep these choices" });
      var cancel = el("button", { type: "submit", value: "cancel", "class": "md-button", text: "Cancel" });
      form.appendChild(el("p", {}, [keep, " ", cancel]));
      dialog.appendChild(form);
      document.body.appendChild(dialog);
      dialog.addEventListener("close", function () {
        var opener = document.querySelector("button.hb-ws__conflict[data-record='" + id + "']");
        if (dialog.returnValue !== "keep") { dialog.remove(); if (opener) opener.focus(); return; }
        var choices = {};
        diffs.forEach(function (d, index) {
          var picked = form.querySelector("input[name='hb-merge-" + index + "']:checked");
          choices[d.kind + ":" + d.id] = picked ? Number(picked.value) : 0;
        });
        var merged = HB.merge.resolve(versions, choices, by.value.trim());
        dialog.remove();
        ws.store.resolve(merged, versions.slice(1).map(function (v) { return v._rev; })).then(ws.reload).then(function () {
          ws.render();
          ws.say("Resolved " + (merged.name || id) + ": " + diffs.length + " difference(s) settled, and the choice recorded in the record.");
        }, function (error) { ws.say("Not resolved: " + HB.store.explain(error) + " Both versions are still kept.", true); });
      });
      dialog.showModal();
      var first = dialog.querySelector("input");
      if (first) first.focus();
      return dialog;
    });
  }

  /* Sync with the team's server named when the site was built (or the site's own origin). */
  function syncer(ws, insp) {
    var server = document.getElementById("hb-workspace").dataset.sync;
    var url = server;
    var button = el("button", { type: "button", "class": "md-button", text: "Sync this inspection now" });
    button.addEventListener("click", function () {
      button.disabled = true;
      ws.say("Syncing with " + url + "\u2026");
      ws.store.sync(url, insp._id).then(function (result) {
        var pushed = result.push ? result.push.docs_written : 0, pulled = result.pull ? result.pull.docs_written : 0;
        return ws.reload().then(function () {
          ws.render();
          ws.say("Synced with " + url + ": " + pushed + " sent, " + pulled + " received.");
        });
      }, function (error) {
        button.disabled = false;
        ws.say("Not synced: the team's server did not answer (" + (error.message || error.name || error.status) + "). Nothing was lost; try again when online.", true);
      });
    });
    return el("section", { "class": "hb-ws__transfer", "aria-labelledby": "hb-ws-sync-title" }, [
      el("h3", { id: "hb-ws-sync-title", text: "Sync with your team's server" }),
      el("p", { text: "Sends this inspection's records to " + url + ", your team's own server set up by whoever publishes this handbook, and brings back your colleagues'. Nothing is sent until you press the button." }),
      el("p", {}, [button])]);
  }

  /* On the list of inspections: fetch the team's inspections from its server. */
  function fetcher(ws) {
    var url = document.getElementById("hb-workspace").dataset.sync;
    var button = el("button", { type: "button", "class": "md-button", text: "Fetch the team's inspections" });
    button.addEventListener("click", function () {
      button.disabled = true;
      ws.say("Fetching from " + url + "\u2026");
      ws.store.pullAll(url).then(function (count) {
        return ws.reload().then(function () {
          ws.render();
          ws.say("Fetched " + count + (count === 1 ? " inspection" : " inspections") + " from " + url + ".");
        });
      }, function (error) {
        button.disabled = false;
        ws.say("Not fetched: the team's server did not answer (" + (error.message || error.name) + "). Nothing was changed.", true);
      });
    });
    return el("section", { "class": "hb-ws__transfer", "aria-labelledby": "hb-ws-fetch-title" }, [
      el("h2", { id: "hb-ws-fetch-title", text: "Your team's server" }),
      el("p", { text: "This handbook was published with a server for your team: " + url + ". Fetch the inspections your colleagues keep there; nothing is sent until you sync an inspection." }),
      el("p", {}, [button])]);
  }

  HB.transfer = { fetcher: fetcher, exportRecords: exportRecords, exporter: exporter, importer: importer, importFiles: importFiles,
                  resolveDialog: resolveDialog, syncer: syncer };
})(this);
