/* Small helpers the handbook's pages share: making elements, downloading a file, reading the
   files a user chose or dropped, sizes in words, running a script of the site's when needed. A classic script (see stats.js). */
(function (root) {
  "use strict";
  var HB = root.HB = root.HB || {};

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "on") Object.keys(value).forEach(function (type) { node.addEventListener(type, value[type]); });
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function svg(tag, attributes) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function download(text, type, name) {
    var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" })), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  /* The text of each file, in the order chosen: [{name, text}] or [{name, error}]. */
  function readFiles(files) {
    return Promise.all(Array.prototype.map.call(files, function (file) {
      if (file.size > 50e6) return Promise.resolve({ name: file.name, error: "it is too large to be an export from this handbook (" + bytes(file.size) + ")." });
      return new Promise(function (resolve) {
        var reader = new FileReader();
        reader.onload = function () { resolve({ name: file.name, text: reader.result }); };
        reader.onerror = function () { resolve({ name: file.name, error: "it could not be read." }); };
        reader.readAsText(file);
      });
    }));
  }

  /* A drop zone that hands the dropped files on, and shows it is ready for them. */
  function dropZone(node, take) {
    node.addEventListener("dragover", function (event) { event.preventDefault(); node.classList.add("hb-drop--over"); });
    node.addEventListener("dragleave", function () { node.classList.remove("hb-drop--over"); });
    node.addEventListener("drop", function (event) {
      event.preventDefault();
      node.classList.remove("hb-drop--over");
      if (event.dataTransfer && event.dataTransfer.files.length) take(event.dataTransfer.files);
    });
  }

  function bytes(n) {
    if (n < 1024) return n + " bytes";
    if (n < 1024 * 1024) return (n / 1024).toFixed(0) + " KB";
    if (n < 1024 * 1024 * 1024) return (n / 1024 / 1024).toFixed(1) + " MB";
    return (n / 1024 / 1024 / 1024).toFixed(1) + " GB";
  }

  function when(iso) {
    if (!iso) return "never";
    var d = new Date(iso);
    return d.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" }) + " " +
      d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  }

  /* Runs a script of the site's own, once; resolves when it has run. */
  var scripts = {};
  function script(src) {
    scripts[src] = scripts[src] || new Promise(function (resolve, reject) {
      var node = el("script", { src: src });
      node.onload = resolve;
      node.onerror = function () { delete scripts[src]; reject(new Error("the file " + src + " could not be loaded")); };
      document.body.appendChild(node);
    });
    return scripts[src];
  }

  HB.ui = { el: el, svg: svg, download: download, readFiles: readFiles, dropZone: dropZone, bytes: bytes, when: when, script: script };
})(this);
