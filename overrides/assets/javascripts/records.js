/* Records on checklist pages: a judgement and a note per line, kept in this browser's
   localStorage only and never sent anywhere. Several named records per framework version;
   export as JSON or CSV, import a JSON export (checked first: a bad file changes nothing),
   a summary per element and section, and printing a filled record.

   Progressive enhancement: the page is a complete blank checklist without this script.
   Loaded only on checklist pages (their front matter sets `records: true`), as a file of
   the site's own, with no inline handlers, so it runs under `script-src 'self'`. */
(function () {
  "use strict";
  var root = document.querySelector(".hb-checklist[data-framework][data-version]");
  var checks = root ? Array.prototype.slice.call(root.querySelectorAll(".hb-check[data-line]")) : [];
  if (!checks.length) return;

  var FORMAT = "inspection-handbook-record";
  var PREFIX = "hb-records:";
  var framework = root.dataset.framework, version = root.dataset.version;
  var KEY = PREFIX + framework;
  var LINE_ID = /^[1-9]\d*\.[1-9]\d*\.[1-9]\d*$/;
  var scale = Array.prototype.map.call(checks[0].querySelectorAll("input[type=radio]"), function (radio) {
    return { id: radio.value, label: radio.parentNode.textContent.trim() };
  });
  var fieldInputs = Array.prototype.slice.call(root.querySelectorAll(".hb-checklist__field input"));
  var store = read();
  var current = null;  // the record shown, or null until something is entered

  function all(selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function svg(tag, attributes) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  /* ---- storage ---------------------------------------------------------------------------- */

  function read() {
    try {
      var data = JSON.parse(localStorage.getItem(KEY) || "null");
      return data && Array.isArray(data.records) ? data : { records: [], current: null };
    } catch (error) {
      return { records: [], current: null };
    }
  }

  function write() {
    try {
      localStorage.setItem(KEY, JSON.stringify(store));
      return true;
    } catch (error) {
      say("Could not save in this browser (" + error.name + "). Export the record to keep it.", true);
      return false;
    }
  }

  function applies(record) { return record.framework.version === version; }

  function newRecord(name) {
    var record = {
      format: FORMAT, formatVersion: 1, framework: { id: framework, version: version },
      id: freshId(), name: name, fields: {}, lines: {}
    };
    store.records.push(record);
    return record;
  }

  function freshId() { return "r-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8); }

  function nextName() {
    var names = store.records.map(function (r) { return r.name; }), n = store.records.length + 1;
    while (names.indexOf("Record " + n) >= 0) n += 1;
    return "Record " + n;
  }

  /* ---- the page's form <-> the current record ---------------------------------------------- */

  function show(record) {
    current = record;
    store.current = record ? record.id : null;
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
    ui.mismatch.textContent = usable ? "" : "This record was made with the version of the framework released " +
      record.framework.version + "; this page shows the version released " + version +
      ". It is not applied here, so nothing on this page changes it. You can export it or delete it.";
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

  function record() {
    if (!current) {  // the first entry starts a record holding everything on the form
      current = newRecord(nextName());
      store.current = current.id;
      checks.forEach(capture);
      fieldInputs.forEach(capture);
      refreshControls();
      say("Started " + current.name + ", saved in this browser only.");
    }
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

  function changed(event) {
    var target = event.target;
    if (!target.closest(".hb-check[data-line]") && fieldInputs.indexOf(target) < 0) return;
    if (current) capture(target);
    else record();
    current.updated = new Date().toISOString();
    write();
    summarise();
  }

  function clean(entry) {
    var out = {};
    if (entry.judgement) out.judgement = entry.judgement;
    if (entry.note) out.note = entry.note;
    return out;
  }

  /* ---- the records panel -------------------------------------------------------------------- */

  var ui = {};

  function bindPanel() {  // the panel is in the page (see _records_panel.html.j2): find its parts
    ui.panel = document.getElementById("hb-records");
    ui.select = document.getElementById("hb-record");
    ui.name = document.getElementById("hb-record-name");
    ui.file = document.getElementById("hb-record-import");
    ui.status = ui.panel.querySelector(".hb-records__status");
    ui.error = ui.panel.querySelector(".hb-records__error");
    ui.mismatch = ui.panel.querySelector(".hb-records__mismatch");
    ui.printName = el("p", { "class": "hb-records__print-name" });
    root.insertBefore(ui.printName, root.firstChild);
    ui.panel.addEventListener("click", function (event) {
      var action = event.target.closest("button[data-action]");
      if (action) actions[action.dataset.action]();
    });
    ui.select.addEventListener("change", function () {
      show(find(ui.select.value));
      write();
      say(current ? "Showing " + current.name + "." : "");
    });
    ui.file.addEventListener("change", importFile);
  }

  function find(id) { return store.records.filter(function (r) { return r.id === id; })[0] || null; }

  function refreshControls() {
    ui.select.textContent = "";
    var mine = store.records.filter(function (r) { return r.framework.id === framework; });
    if (!current) ui.select.appendChild(el("option", { value: "", text: "New record (starts when you enter something)" }));
    mine.forEach(function (r) {
      var text = r.name + (applies(r) ? "" : " (other version: " + r.framework.version + ", not applied)");
      ui.select.appendChild(el("option", { value: r.id, text: text }));
    });
    ui.select.value = current ? current.id : "";
    ui.name.value = current ? current.name : "";
    all("button[data-action=rename], button[data-action=delete], button[data-action^=export], button[data-action=print]", ui.panel)
      .forEach(function (b) { b.disabled = !current; });
    ui.printName.textContent = current ? "Record: " + current.name : "";
  }

  function say(text, isError) {
    ui.error.textContent = isError ? text : "";
    ui.status.textContent = isError ? "" : text;
  }

  var actions = {
    "new": function () {
      show(newRecord(nextName()));
      write();
      say("Started " + current.name + ". The page is blank for it.");
      ui.name.focus();
    },
    rename: function () {
      var name = ui.name.value.trim();
      if (!name) { say("Type a name for the record first.", true); ui.name.focus(); return; }
      current.name = name;
      write();
      refreshControls();
      say("Renamed to " + name + ".");
    },
    "delete": function () {
      if (!window.confirm("Delete the record \u201c" + current.name + "\u201d from this device? This cannot be undone.")) return;
      var name = current.name;
      store.records = store.records.filter(function (r) { return r !== current; });
      show(store.records.filter(applies)[0] || null);
      write();
      say("Deleted " + name + ".");
    },
    "delete-all": function () {
      if (!window.confirm("Delete all records on this device, for every checklist? This cannot be undone.")) return;
      Object.keys(localStorage).forEach(function (key) { if (key.indexOf(PREFIX) === 0) localStorage.removeItem(key); });
      store = { records: [], current: null };
      show(null);
      say("Deleted all records on this device.");
    },
    "export-json": function () {
      download(JSON.stringify(current, null, 2) + "\n", "application/json", "json");
    },
    "export-csv": function () {
      var rows = [["framework", "version", "record", "line", "judgement", "judgement_label", "note"]];
      Object.keys(current.lines).sort(byLineId).forEach(function (id) {
        var entry = current.lines[id];
        rows.push([framework, current.framework.version, current.name, id, entry.judgement || "",
                   labelOf(entry.judgement), entry.note || ""]);
      });
      download(rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n", "text/csv", "csv");
    },
    print: function () { window.print(); }
  };

  function labelOf(id) { return (scale.filter(function (v) { return v.id === id; })[0] || { label: "" }).label; }

  function byLineId(a, b) {
    var x = a.split(".").map(Number), y = b.split(".").map(Number);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  }

  function csvCell(value) { return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value; }

  function download(text, type, extension) {
    var link = el("a", {
      href: URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" })),
      download: (framework + "-" + current.framework.version + "-" + current.name).replace(/[^\w.-]+/g, "-") + "." + extension
    });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    say("Exported " + current.name + " as " + extension.toUpperCase() + ".");
  }

  /* ---- import: check everything before changing anything ---------------------------------- */

  function importFile() {
    var file = ui.file.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      ui.file.value = "";
      var problem = null, data = null;
      if (file.size > 5e6) problem = "The file is too large to be a record from this handbook.";
      else {
        try { data = JSON.parse(reader.result); } catch (error) { problem = "The file is not valid JSON."; }
      }
      problem = problem || invalid(data);
      if (problem) { say("Not imported: " + problem + " Nothing was changed.", true); return; }
      if (find(data.id)) data.id = freshId();  // the same record is already here: keep both
      if (store.records.some(function (r) { return r.name === data.name; })) data.name += " (imported)";
      store.records.push(data);
      show(data);
      if (write()) say("Imported " + data.name + ".");
    };
    reader.onerror = function () { say("Not imported: the file could not be read. Nothing was changed.", true); };
    reader.readAsText(file);
  }

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  function invalid(data) {
    if (!isObject(data) || data.format !== FORMAT) return "it is not a record exported from this handbook.";
    if (data.formatVersion !== 1) return "it was made by a newer version of this handbook.";
    if (!isObject(data.framework) || data.framework.id !== framework) {
      return "it is a record for another framework (" + (isObject(data.framework) ? String(data.framework.id) : "unknown") + ").";
    }
    if (data.framework.version !== version) {
      return "it was made with the version of the framework released " + String(data.framework.version) +
        ", and this page shows the version released " + version + ".";
    }
    if (typeof data.id !== "string" || !/^[\w-]{1,64}$/.test(data.id)) return "its id is missing or malformed.";
    if (typeof data.name !== "string" || !data.name.trim() || data.name.length > 200) return "its name is missing or too long.";
    if (!isObject(data.fields) || !isObject(data.lines)) return "it has no fields or lines.";
    var ids = scale.map(function (v) { return v.id; });
    var badField = Object.keys(data.fields).filter(function (k) { return typeof data.fields[k] !== "string"; })[0];
    if (badField) return "its field \u201c" + badField + "\u201d is not text.";
    var badLine = Object.keys(data.lines).filter(function (id) {
      var entry = data.lines[id];
      return !LINE_ID.test(id) || !isObject(entry) ||
        Object.keys(entry).some(function (k) { return k !== "judgement" && k !== "note"; }) ||
        ("judgement" in entry && ids.indexOf(entry.judgement) < 0) ||
        ("note" in entry && typeof entry.note !== "string");
    })[0];
    if (badLine) return "its entry for line " + badLine + " is not a judgement on this scale with a note.";
    // "upgrade": where a record carried from an earlier version came from, and its deleted lines (upgrade-rules.js).
    var allowed = ["format", "formatVersion", "framework", "id", "name", "fields", "lines", "updated", "upgrade"];
    var extra = Object.keys(data).filter(function (k) { return allowed.indexOf(k) < 0; })[0];
    return extra ? "it has an unknown field \u201c" + extra + "\u201d." : null;
  }

  /* ---- summary: per element and section, text first, then a small chart ---------------------- */

  function summarise() {
    var parts = [], byId = {};
    checks.forEach(function (check) {
      var line = check.dataset.line, element = line.split(".").slice(0, 2).join("."), section = line.split(".")[0];
      [["section", section], ["element", element]].forEach(function (pair) {
        var key = pair.join(":");
        if (!byId[key]) {
          byId[key] = { kind: pair[0], id: pair[1], title: titleOf(pair[0], pair[1]), lines: [] };
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
          return el("th", { scope: "col" }, [el("span", { "class": "hb-swatch hb-swatch--" + i, "aria-hidden": "true" }),
                                             document.createTextNode(v.label)]);
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

  function titleOf(kind, id) {
    var node = kind === "element" ? document.getElementById("element-" + id) : document.getElementById("section-" + id);
    var heading = node && (kind === "element" ? node.querySelector(".hb-checklist__element-title") : node);
    var text = heading ? heading.textContent.trim() : "";
    return (kind === "section" ? "Section " : "Element ") + (text ? text.replace(/^\S+\s/, id + ". ") : id);
  }

  function chart(counts) {
    var total = counts.reduce(function (a, b) { return a + b; }, 0) || 1, x = 0;
    var picture = svg("svg", { width: "120", height: "14", viewBox: "0 0 120 14", "aria-hidden": "true", focusable: "false",
                               "class": "hb-summary__chart" });
    counts.forEach(function (n, i) {
      if (!n) return;
      var width = 120 * n / total;
      picture.appendChild(svg("rect", { x: x.toFixed(2), y: "0", width: width.toFixed(2), height: "14", "class": "hb-swatch--" + i }));
      x += width;
    });
    return picture;
  }

  /* ---- start --------------------------------------------------------------------------------- */

  bindPanel();
  root.addEventListener("input", changed);
  root.addEventListener("change", changed);
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY && event.key !== null) return;
    store = read();
    show(current && find(current.id));
  });
  show(find(store.current) || store.records.filter(applies)[0] || null);
})();
