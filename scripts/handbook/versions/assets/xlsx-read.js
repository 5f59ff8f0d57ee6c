/* Reading a filled-in self-assessment workbook (XLSX) in the browser, with what the browser has:
   an XLSX file is a zip of XML files, so this finds the entries it needs in the zip's directory,
   inflates them with DecompressionStream ("deflate-raw") and reads them with DOMParser. It reads
   the cells' values (shared strings resolved) and formulas of the sheets it is asked for, and the
   workbook's title and subject; it never runs anything in the file. No library: the npm builds of
   the spreadsheet libraries are either large (ExcelJS) or no longer updated on npm (SheetJS), and
   what is needed here is a zip directory and a few XML elements.

   A classic script (Chromium refuses module scripts from file://, where the offline copy opens):
   HB.xlsx.read(arrayBuffer, wanted) -> Promise of {title, subject, sheets: {name: {ref: {v, f}}}},
   `wanted(name)` saying which sheets to read. Rejects with an Error whose message says, in words,
   why the file cannot be read. */
(function (root) {
  "use strict";
  var HB = root.HB = root.HB || {};

  function fail(text) { return new Error(text); }

  /* The zip's entries: {name: {method, size, offset}}, from its central directory. */
  function directory(bytes) {
    var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), end = -1;
    for (var i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i -= 1) {
      if (view.getUint32(i, true) === 0x06054b50) { end = i; break; }
    }
    if (end < 0) throw fail("it is not a workbook (XLSX) file: it is not a zip archive.");
    var count = view.getUint16(end + 10, true), at = view.getUint32(end + 16, true), entries = {};
    var decoder = new TextDecoder();
    for (var n = 0; n < count; n += 1) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw fail("it is a damaged zip archive.");
      var nameLength = view.getUint16(at + 28, true);
      var name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      entries[name] = { method: view.getUint16(at + 10, true), size: view.getUint32(at + 20, true), header: view.getUint32(at + 42, true) };
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return { view: view, bytes: bytes, entries: entries };
  }

  /* The text of one entry, or null if the archive has no such entry. */
  function entry(zip, name) {
    var found = zip.entries[name.replace(/^\//, "")];
    if (!found) return Promise.resolve(null);
    var start = found.header + 30 + zip.view.getUint16(found.header + 26, true) + zip.view.getUint16(found.header + 28, true);
    var data = zip.bytes.subarray(start, start + found.size);
    if (found.method === 0) return Promise.resolve(new TextDecoder().decode(data));
    if (found.method !== 8) return Promise.reject(fail("it uses a compression this browser cannot read."));
    if (typeof DecompressionStream === "undefined") return Promise.reject(fail("this browser is too old to read workbooks (it has no DecompressionStream)."));
    return inflate(data, name);
  }

  /* A workbook of this handbook's size inflates to a few megabytes; a file that inflates past this
     is refused as it is read, so a small hostile zip (a "zip bomb") cannot exhaust the tab's memory. */
  var MAX_INFLATED = 64 * 1024 * 1024;

  function inflate(data, name) {
    var reader = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    var chunks = [], total = 0;
    function next() {
      return reader.read().then(function (step) {
        if (step.done) {
          var joined = new Uint8Array(total), at = 0;
          chunks.forEach(function (chunk) { joined.set(chunk, at); at += chunk.length; });
          return new TextDecoder().decode(joined);
        }
        total += step.value.length;
        if (total > MAX_INFLATED) {
          reader.cancel();
          throw fail("its part " + name + " unpacks to more than 64 MB, far more than any workbook of this handbook.");
        }
        chunks.push(step.value);
        return next();
      }, function () { throw fail("its part " + name + " is damaged."); });
    }
    return next();
  }

  function xml(text, what) {
    var doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw fail("its " + what + " is damaged.");
    return doc;
  }

  function all(doc, name) { return Array.prototype.slice.call(doc.getElementsByTagNameNS("*", name)); }

  function first(node, name) { return node.getElementsByTagNameNS("*", name)[0] || null; }

  /* Every text run of a string item (plain, or rich text in runs), joined; phonetic hints left out. */
  function stringOf(node) {
    return all(node, "t").filter(function (t) { return !(t.parentNode && t.parentNode.localName === "rPh"); })
      .map(function (t) { return t.textContent; }).join("");
  }

  function cells(doc, strings) {
    var out = {};
    all(doc, "c").forEach(function (c) {
      var type = c.getAttribute("t") || "n", v = first(c, "v"), f = first(c, "f"), value = null;
      if (type === "s" && v) value = strings[Number(v.textContent)];
      else if (type === "inlineStr") value = stringOf(c);
      else if (type === "n" && v && v.textContent !== "") value = Number(v.textContent);
      else if (v) value = v.textContent;
      if (value !== null || f) out[c.getAttribute("r")] = { v: value, f: f ? f.textContent : "" };
    });
    return out;
  }

  function read(buffer, wanted) {
    var zip;
    try { zip = directory(new Uint8Array(buffer)); } catch (error) { return Promise.reject(error); }
    if (!zip.entries["xl/workbook.xml"]) return Promise.reject(fail("it is not a workbook (XLSX) file: it has no xl/workbook.xml."));
    return Promise.all(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "docProps/core.xml"].map(function (name) {
      return entry(zip, name);
    })).then(function (texts) {
      var book = xml(texts[0], "list of sheets"), rels = texts[1] ? xml(texts[1], "list of parts") : null;
      var strings = texts[2] ? all(xml(texts[2], "text"), "si").map(stringOf) : [];
      var core = texts[3] ? xml(texts[3], "properties") : null;
      var targets = {};
      (rels ? all(rels, "Relationship") : []).forEach(function (r) { targets[r.getAttribute("Id")] = r.getAttribute("Target"); });
      var sheets = all(book, "sheet").filter(function (s) { return wanted(s.getAttribute("name")); });
      return Promise.all(sheets.map(function (sheet) {
        var id = sheet.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
        var target = targets[id] || "";
        var path = target.charAt(0) === "/" ? target.slice(1) : "xl/" + target;
        return entry(zip, path).then(function (text) {
          return [sheet.getAttribute("name"), text === null ? {} : cells(xml(text, "sheet \u201c" + sheet.getAttribute("name") + "\u201d"), strings)];
        });
      })).then(function (pairs) {
        var out = { title: core && first(core, "title") ? first(core, "title").textContent : "",
                    subject: core && first(core, "subject") ? first(core, "subject").textContent : "", sheets: {} };
        pairs.forEach(function (pair) { out.sheets[pair[0]] = pair[1]; });
        return out;
      });
    });
  }

  HB.xlsx = { read: read };
})(this);
