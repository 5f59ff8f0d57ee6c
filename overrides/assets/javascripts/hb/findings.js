/* The findings view: for one kind of checklist in one inspection, per section, element and line,
   how many records were judged and how many gave each value of the scale (Not applicable shown,
   not counted), with the 95% Wilson interval, a small chart beside its text, a quotable sentence
   per line, the cases and notes behind each figure, filters, CSV and a printable report.
   A classic script (see stats.js). */
(function (root) {
  "use strict";
  var HB = root.HB, el = HB.ui.el, svg = HB.ui.svg, stats = HB.stats, model = HB.model;
  var filters = {};  // per inspection: {kind, inspector, field, value}

  function render(main, ws, insp) {
    var data = ws.data, all = ws.fullRecordsOf(insp._id);
    var f = filters[insp._id] = filters[insp._id] || { kind: firstKindWithRecords(data, all), inspector: "", field: "", value: "" };
    var kind = ws.kind(f.kind) || data.kinds[0];
    var ofKind = all.filter(function (r) { return r.checklist === kind.id; });
    var chosen = stats.filtered(ofKind, filterOf(f));
    var view = el("section", { "class": "hb-findings", "aria-labelledby": "hb-ws-findings-title" });
    main.appendChild(el("p", { "class": "hb-findings__back" }, [el("a", { href: "#inspection=" + encodeURIComponent(insp._id), text: "\u2190 " + insp.name })]));
    view.appendChild(el("h2", { id: "hb-ws-findings-title", tabindex: "-1", text: "Findings: " + insp.name }));
    view.appendChild(el("p", { "class": "hb-findings__about", text: [
      kind.title, insp.area, [insp.start, insp.end].filter(Boolean).join(" to "),
      chosen.length + (chosen.length === 1 ? " record" : " records") + (chosen.length !== ofKind.length ? " (of " + ofKind.length + ", filtered)" : ""),
      data.framework.title + ", version released " + data.framework.version].filter(Boolean).join(" \u00b7 ") }));
    view.appendChild(controls(ws, insp, f, ofKind, function () { main.textContent = ""; render(main, ws, insp); }));
    view.appendChild(el("p", { "class": "hb-findings__how", text: "Each figure counts records judged on the line: Not applicable is shown but left out of the count it is a share of. " +
      "The range after each percentage is the 95% Wilson score interval: with few records it is wide, so read the figure with care." +
      (data.rating ? " Ratings are given by the framework's own rule, \u201c" + data.rating.name + "\u201d." : "") }));
    var sections = data.sections.filter(function (s) { return kind.sections.indexOf(s.id) >= 0; });
    view.appendChild(jumpList(sections));
    sections.forEach(function (section) { view.appendChild(sectionBlock(ws, section, chosen)); });
    main.appendChild(view);
    return { kind: kind, records: chosen, sections: sections };
  }

  function firstKindWithRecords(data, records) {
    var found = data.kinds.filter(function (k) { return records.some(function (r) { return r.checklist === k.id; }); })[0];
    return (found || data.kinds[0]).id;
  }

  function filterOf(f) {
    var out = {};
    if (f.inspector) out.inspector = f.inspector;
    if (f.field && f.value) out[f.field] = f.value;
    return out;
  }

  function distinct(values) {
    return values.filter(function (v, i) { return v && values.indexOf(v) === i; }).sort();
  }

  function select(id, label, options, value, change) {
    var node = el("select", { id: id }, options.map(function (o) {
      return el("option", { value: o[0], text: o[1], selected: o[0] === value });
    }));
    node.addEventListener("change", function () { change(node.value); });
    return el("p", { "class": "hb-ws__field" }, [el("label", { "for": id, text: label }), node]);
  }

  function controls(ws, insp, f, ofKind, rerender) {
    var data = ws.data, labels = ws.kind(f.kind).fields;
    var box = el("div", { "class": "hb-findings__controls" });
    if (data.kinds.length > 1) {
      box.appendChild(select("hb-f-kind", "Checklist", data.kinds.map(function (k) { return [k.id, k.title]; }), f.kind,
        function (v) { f.kind = v; f.field = ""; f.value = ""; rerender(); }));
    }
    box.appendChild(select("hb-f-inspector", "Inspector", [["", "Every inspector"]].concat(
      distinct(ofKind.map(function (r) { return r.inspector; })).map(function (v) { return [v, v]; })), f.inspector,
      function (v) { f.inspector = v; rerender(); }));
    box.appendChild(select("hb-f-field", "Case field", [["", "Any"]].concat(labels.map(function (l) { return [l, l]; })), f.field,
      function (v) { f.field = v; f.value = ""; rerender(); }));
    if (f.field) {
      box.appendChild(select("hb-f-value", f.field + " is", [["", "Any value"]].concat(
        distinct(ofKind.map(function (r) { return (r.fields || {})[f.field]; })).map(function (v) { return [v, v]; })), f.value,
        function (v) { f.value = v; rerender(); }));
    }
    box.appendChild(el("p", { "class": "hb-findings__actions" }, [
      el("button", { type: "button", "class": "md-button", text: "Download the findings (CSV)",
        on: { click: function () { downloadCsv(ws, insp, f); } } }), " ",
      el("button", { type: "button", "class": "md-button", text: "Print the findings report",
        on: { click: function () { root.print(); } } })]));
    return box;
  }

  /* A way to jump to a section or an element of a long view (folded, so it takes one line on a
     phone). The links move the focus to the heading they name without changing the address,
     whose #fragment says which view is shown. */
  function jumpList(sections) {
    var link = function (id, text) {
      return el("a", { href: "#" + id, text: text, on: { click: function (event) {
        var target = document.getElementById(id);
        if (!target) return;
        event.preventDefault();
        target.scrollIntoView();
        target.focus({ preventScroll: true });
      } } });
    };
    return el("nav", { "class": "hb-findings__jump", "aria-labelledby": "hb-f-jump-title" }, [
      el("details", {}, [
        el("summary", { id: "hb-f-jump-title", text: "Go to a section or element" }),
        el("ul", {}, sections.map(function (section) {
          return el("li", {}, [link("hb-f-s-" + section.id, "Section " + section.id + ". " + section.title),
            el("ul", {}, section.elements.map(function (element) {
              return el("li", {}, [link("hb-f-e-" + element.id, "Element " + element.id + ". " + element.title)]);
            }))]);
        }))])]);
  }

  function linesOf(section) { return [].concat.apply([], section.elements.map(function (e) { return e.lines; })); }

  function sectionBlock(ws, section, records) {
    var ids = linesOf(section).map(function (l) { return l.id; });
    var block = el("section", { "class": "hb-findings__section", "aria-labelledby": "hb-f-s-" + section.id }, [
      el("h3", { id: "hb-f-s-" + section.id, tabindex: "-1", text: "Section " + section.id + ". " + section.title }),
      summary(ws, "Section " + section.id + ", all its lines", stats.tally(records, ids, ws.data.scale), "line judgements")]);
    section.elements.forEach(function (element) {
      var elementIds = element.lines.map(function (l) { return l.id; });
      block.appendChild(el("h4", { id: "hb-f-e-" + element.id, tabindex: "-1", text: "Element " + element.id + ". " + element.title }));
      block.appendChild(summary(ws, "Element " + element.id + ", all its lines", stats.tally(records, elementIds, ws.data.scale), "line judgements"));
      element.lines.forEach(function (line) { block.appendChild(lineBlock(ws, line, records)); });
    });
    return block;
  }

  function lineBlock(ws, line, records) {
    var tallied = stats.tally(records, [line.id], ws.data.scale);
    var block = el("div", { "class": "hb-findings__line", id: "hb-f-l-" + line.id, "data-line": line.id }, [
      el("p", { "class": "hb-findings__text" }, [el("strong", { text: line.id + " " }), line.text]),
      el("p", { "class": "hb-findings__sentence", text: stats.sentence(line.id, tallied, ws.data.scale) }),
      tallied.judged + tallied.notApplicable ? summary(ws, "Line " + line.id, tallied, tallied.judged === 1 ? "record" : "records") : null]);
    var n = stats.behind(records, line.id).length;
    var details = el("details", { "class": "hb-findings__behind" }, [el("summary", { text: "Cases and notes behind " + line.id + " (" + n + ")" })]);
    details.addEventListener("toggle", function () {  // drawn when opened: 200 records' notes are a lot of text
      if (!details.open || details.dataset.drawn) return;
      details.dataset.drawn = "1";
      details.appendChild(behind(ws, stats.behind(records, line.id)));
    });
    block.appendChild(details);
    return block;
  }

  function behind(ws, entries) {
    var labels = {};
    ws.data.scale.forEach(function (v) { labels[v.id] = v.label; });
    if (!entries.length) return el("p", { text: "No record has a judgement or note on this line." });
    return el("ul", {}, entries.map(function (e) {
      var url = ws.recordUrl(e.record);
      return el("li", {}, [url ? el("a", { href: url, text: e.record.name || "(no reference)" }) : e.record.name,
        " (" + (e.record.inspector || "inspector not given") + "): " + (e.judgement ? labels[e.judgement] : "not judged"),
        e.note ? el("q", { text: e.note }) : ""]);
    }));
  }

  /* A table of counts for one line, element or section, with its chart. The table is the text
     equivalent: the chart is hidden from screen readers and draws the same counts. */
  function summary(ws, caption, tallied, unit) {
    var scale = ws.data.scale, rows = [];
    scale.forEach(function (value, index) {
      var k = tallied.counts[value.id];
      if (value.id === stats.NOT_APPLICABLE) {
        rows.push(el("tr", { "class": "hb-findings__na" }, [th(value.label, index), el("td", { text: String(k) }), el("td", { colspan: "2", text: "not counted" })]));
        return;
      }
      var s = stats.share(k, tallied.judged);
      rows.push(el("tr", {}, [th(value.label, index), el("td", { text: k + " of " + tallied.judged }),
        el("td", { text: s.percent === null ? "\u2013" : s.percent + "%" }),
        el("td", { text: s.percent === null ? "\u2013" : s.low + "\u2013" + s.high + "%" })]));
    });
    var rated = stats.rating(ws.data.rating, tallied);
    var table = el("table", { "class": "hb-findings__table" }, [
      el("caption", { "class": "hb-findings__caption", text: caption + ": " + tallied.judged + " " + unit + " judged" +
        (tallied.unjudged ? ", " + tallied.unjudged + " not judged" : "") }),
      el("thead", {}, [el("tr", {}, ["Judgement", "Count", "Share", "95% interval"].map(function (h) { return el("th", { scope: "col", text: h }); }))]),
      el("tbody", {}, rows)]);
    return el("div", { "class": "hb-findings__summary" }, [chart(scale, tallied), table,
      rated ? el("p", { "class": "hb-findings__rating", text: "Rating by \u201c" + rated.rule + "\u201d: " + rated.label + " (" + rated.percent + "% met)" }) : null]);
  }

  function th(label, index) {
    return el("th", { scope: "row" }, [el("span", { "class": "hb-swatch hb-swatch--" + index, "aria-hidden": "true" }), label]);
  }

  function chart(scale, tallied) {
    var width = 240, x = 0;
    var picture = svg("svg", { width: String(width), height: "16", viewBox: "0 0 " + width + " 16", "aria-hidden": "true",
                               focusable: "false", "class": "hb-findings__chart" });
    if (!tallied.judged) return picture;
    scale.forEach(function (value, index) {
      var k = tallied.counts[value.id];
      if (!k || value.id === stats.NOT_APPLICABLE) return;
      var w = width * k / tallied.judged;
      picture.appendChild(svg("rect", { x: x.toFixed(2), y: "0", width: w.toFixed(2), height: "16", "class": "hb-swatch--" + index }));
      x += w;
    });
    return picture;
  }

  /* One row per line: counts per value, the denominator, percentages and intervals. */
  function csvRows(ws, kind, records) {
    var scale = ws.data.scale, header = ["section", "element", "line", "text", "judged"];
    scale.forEach(function (v) {
      if (v.id === stats.NOT_APPLICABLE) header.push(v.id);
      else header.push(v.id, v.id + "_percent", v.id + "_ci95_low", v.id + "_ci95_high");
    });
    header.push("not_judged");
    if (ws.data.rating) header.push("rating");
    var rows = [header];
    ws.data.sections.filter(function (s) { return kind.sections.indexOf(s.id) >= 0; }).forEach(function (section) {
      section.elements.forEach(function (element) {
        element.lines.forEach(function (line) {
          var t = stats.tally(records, [line.id], scale), row = [section.id, element.id, line.id, line.text, t.judged];
          scale.forEach(function (v) {
            if (v.id === stats.NOT_APPLICABLE) { row.push(t.counts[v.id]); return; }
            var s = stats.share(t.counts[v.id], t.judged);
            row.push(s.count, s.percent === null ? "" : s.percent, s.low === null ? "" : s.low, s.high === null ? "" : s.high);
          });
          row.push(t.unjudged);
          if (ws.data.rating) { var r = stats.rating(ws.data.rating, t); row.push(r ? r.label : ""); }
          rows.push(row);
        });
      });
    });
    return rows;
  }

  function downloadCsv(ws, insp, f) {
    var kind = ws.kind(f.kind);
    var records = stats.filtered(ws.fullRecordsOf(insp._id).filter(function (r) { return r.checklist === kind.id; }), filterOf(f));
    HB.ui.download(model.csv(csvRows(ws, kind, records)), "text/csv",
      model.fileName([insp.name, "findings", kind.id, insp.inspector, model.stamp()], "csv"));
    ws.say("Downloaded the findings for " + records.length + " record(s) as CSV.");
  }

  HB.findings = { render: render, csvRows: csvRows };
})(this);
