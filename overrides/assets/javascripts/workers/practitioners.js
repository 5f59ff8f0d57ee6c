/* The handbook's search worker: the theme's own worker (named by ?theme= in this script's address),
 * with three things added around it, all offline from the site's own files:
 *  - other forms of a word: "supervising" also asks for words starting "supervis" (what it shares
 *    with its stem by lunr's stemmer), so it finds "supervision", while every word typed still
 *    matches as a prefix as before;
 *  - question words and other stop words are left out ("how is risk assessed?" asks for risk, assessed);
 *  - each result says why it matched when the words typed are not the line's own
 *    ("Matched accommodation: living arrangements", from the index's `why`, which the build writes
 *    from data/practitioner-terms.yaml), and its link highlights the query just typed on the opened
 *    page, with the words it matched by.
 * The theme's worker (lunr) is loaded, and the index built, when the first words are typed, not as
 * every page opens: the theme sends the index as soon as a page opens, and building it there took
 * about 55 ms of a 2-core machine from the page's own start (opening a case, issue 11).
 * A classic script: it runs as a Web Worker over http, and from file:// inside the iframe-worker shim
 * (where `self` is the frame's window and importScripts adds script elements). */
(function () {
  "use strict";

  const own = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
  const themeScript = /[?&]theme=([\w.-]+\.js)/.exec(own);
  const send = self.postMessage;
  const listen = self.addEventListener;
  const explanations = new Map();   // location -> [[framework's words, term, other forms...], ...]
  let separator = /[\s-]+/;
  let typed = [];                   // the words of the last query, as typed, without stop words

  const escape = text => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
  const words = text => text.toLowerCase().split(separator).filter(Boolean);
  const plain = html => html.replace(/<[^>]*>/g, "").toLowerCase();
  const stem = word => self.lunr.stemmer(new self.lunr.Token(word)).toString();
  const common = (a, b) => { let n = 0; while (n < a.length && a[n] === b[n]) n++; return a.slice(0, n); };
  const isStopWord = word => self.lunr.stopWordFilter(new self.lunr.Token(word)) === undefined;
  // A word typed matches a word of the index if it begins it, or its stem does (supervising -> supervis).
  const matches = (word, indexed) => indexed.startsWith(word) || (word.length > 4 && indexed.startsWith(common(word, stem(word))));

  /** The query sent to the theme's worker: stop words out, and each word's stem beside it. */
  function widen(query) {
    if (/["+\-:^~*]/.test(query.replace(/(\w)-(\w)/g, "$1 $2"))) {  // the theme's query syntax: leave it as it is
      typed = words(query);
      return query;
    }
    const all = words(query);
    const kept = all.filter(word => !isStopWord(word));
    typed = kept.length ? kept : all;
    const asked = [];
    for (const word of typed) {
      asked.push(word);
      const root = common(word, stem(word));   // complying -> compli -> compl (complied, compliance)
      if (root.length >= 4 && root !== word) asked.push(root);
    }
    return asked.join(" ");
  }

  /** Why a line matched, when a word typed is not in its own text; and the words to highlight. */
  function explain(doc) {
    const text = words(plain(doc.title || "") + " " + plain(doc.text || ""));
    const missing = typed.filter(word => !text.some(indexed => matches(word, indexed)));
    const reasons = [];
    const highlight = [];
    for (const [meaning, ...forms] of explanations.get(doc.location) || []) {
      const form = forms.find(f => missing.some(word => words(f).some(indexed => matches(word, indexed))));
      if (form && form.toLowerCase() !== meaning.toLowerCase()) {
        reasons.push(`<p class="hb-search-why">Matched <em>${escape(form)}</em>: ${escape(meaning)}</p>`);
        highlight.push(...words(meaning).filter(word => !isStopWord(word)));
      }
    }
    return { reasons: missing.length ? reasons.slice(0, 2) : [], highlight };
  }

  /** The theme's results, each saying why it matched and linking with the query just typed. */
  function annotate(result) {
    for (const group of result.items) {
      for (const doc of group) {
        const marked = [...`${doc.title} ${doc.text}`.matchAll(/<mark>(.*?)<\/mark>/g)].map(m => plain(m[1]));
        const { reasons, highlight } = explain(doc);
        if (reasons.length) doc.text = `${doc.text || ""}${reasons.join("")}`;
        // The theme builds each link's ?h= from the terms that are true: the words typed come first.
        doc.terms = Object.fromEntries([...typed, ...marked, ...highlight].map(word => [word, true]));
      }
    }
    return result;
  }

  // The theme's own message listener, once its worker is loaded; what arrives before, in order.
  let theme = null;
  let setup = null;                 // the index, as the theme sent it
  let building = false;             // the theme is building the index: queries wait for its "ready"
  const waiting = [];

  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen.call(self, type, listener, options);
    theme = listener;               // the theme's worker registering itself (importScripts below)
  };
  self.postMessage = function (message, ...rest) {
    if (message && message.type === 1) {          // the theme's "ready": it was told so already
      building = false;
      waiting.splice(0).forEach(query);
      return undefined;
    }
    if (message && message.type === 3) annotate(message.data);  // results
    return send.call(self, message, ...rest);
  };

  function query(message) {
    if (building) return waiting.push(message);
    theme({ data: { type: 2, data: widen(String(message.data)) } });
  }

  function build() {
    building = true;
    // Nothing in a worker; in the iframe-worker shim (file://), a promise of the script's loading.
    Promise.resolve(importScripts(new URL(themeScript[1], own).href)).then(handOver);
  }

  function handOver() {
    separator = new RegExp(setup.config.separator);
    const terms = setup.config.practitioners || [];  // [term, other forms...], once each
    for (const doc of setup.docs) {
      if (!doc.why) continue;
      const why = doc.why.map(([meaning, term]) => [meaning, ...terms[term]]);
      doc.practice = why.flatMap(([, ...forms]) => forms);   // the field config.fields names
      explanations.set(doc.location, why);
    }
    theme({ data: { type: 0, data: setup } });
  }

  listen.call(self, "message", event => {
    const message = event.data;
    if (message && message.type === 0) {          // the index arrives: ready to be asked
      setup = message.data;
      send.call(self, { type: 1 });
    } else if (message && message.type === 2) {   // a query
      const loaded = theme || building;
      if (!loaded && !String(message.data).trim()) {
        send.call(self, { type: 3, data: { items: [] } });  // what the theme answers to nothing typed
        return;
      }
      if (!loaded) build();
      query(message);
    }
  });
})();
