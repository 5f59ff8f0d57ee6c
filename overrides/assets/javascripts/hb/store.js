/* The records on this device: one PouchDB database per framework (IndexedDB), one document per
   inspection and per record. Opening it moves the records an older version kept in localStorage
   in, once, losing nothing; asks the browser to keep the data (persistent storage); reads and
   writes documents; exports and imports them with their revision history (a file import is a
   replication, so importing twice changes nothing and conflicts are kept, not overwritten); and
   syncs one inspection with a team's own CouchDB when the site names one. Needs PouchDB (vendor/)
   and HB.model; a classic script, like every handbook script (see stats.js). */
(function (root) {
  "use strict";
  var HB = root.HB = root.HB || {};
  var model = HB.model;
  var OLD_PREFIX = "hb-records:";
  var KEPT_PREFIX = "hb-records-before-pouchdb:";

  function Store(framework) {
    this.framework = framework;
    this.db = new root.PouchDB("hb-" + framework.id, { auto_compaction: false });
    // Tells checklist pages to load the records' scripts at once (hb/load.js): the browser's list of
    // databases may not show one made a moment ago.
    try { root.localStorage.setItem("hb-store:" + framework.id, "1"); } catch (error) { /* the database is the record */ }
    this.queues = {};
  }

  /* What happened on opening: {migrated: n, kept: [...messages]} (messages name what was kept aside),
     and `persisting`, the browser's answer to the request to keep the data (true if it will). The
     answer is not waited for (it can take tens of milliseconds, and nothing but the workspace's
     storage line depends on it): `persisted` is set when it comes. */
  Store.prototype.open = function () {
    var self = this;
    return this.migrate().then(function (report) {
      report.persisted = false;
      report.persisting = root.navigator && navigator.storage && navigator.storage.persist
        ? navigator.storage.persist().then(function (granted) { report.persisted = granted; return granted; },
                                           function () { return false; })
        : Promise.resolve(false);
      self.report = report;
      return report;
    });
  };

  /* Records kept in localStorage by the version before this one, moved into PouchDB once. Each
     record's revision comes from its content, so moving it twice (two tabs, a reload half-way)
     cannot make a copy. An unreadable store, or one a newer version wrote, is left exactly where
     it is and the user is told; a store moved in is kept under another key, not deleted. */
  Store.prototype.migrate = function () {
    var key = OLD_PREFIX + this.framework.id, report = { migrated: 0, kept: [] }, raw = null, self = this;
    try { raw = root.localStorage.getItem(key); } catch (error) { return Promise.resolve(report); }
    if (raw === null) return Promise.resolve(report);
    var data = null;
    try { data = JSON.parse(raw); } catch (error) { data = null; }
    if (!data || !Array.isArray(data.records)) {
      report.kept.push("The records an earlier version of this handbook kept in this browser cannot be read (" +
        raw.length + " characters, not valid JSON). They are kept as they were, under \u201c" + key +
        "\u201d in this browser's local storage, and nothing will overwrite them. Download them with \u201cSave the unreadable records\u201d below and ask for help.");
      report.unreadable = { key: key, text: raw };
      return Promise.resolve(report);
    }
    var version = this.framework.version;
    var readable = function (r) { return r && r.formatVersion === 1 && r.framework && typeof r.id === "string" && typeof r.name === "string"; };
    var newer = data.records.filter(function (r) { return !readable(r); });
    // Records of another version of the framework stay where the Versions pages' upgrade view
    // (upgrade-view.js) reads them; it writes the records it carries to this version back there.
    var others = data.records.filter(function (r) { return readable(r) && r.framework.version !== version; });
    var docs = data.records.filter(function (r) { return readable(r) && r.framework.version === version; }).map(model.fromVersion1);
    return this.db.bulkDocs(docs, { new_edits: false }).then(function (results) {
      var failed = results.filter(function (r) { return r.error; });
      if (failed.length) throw new Error(failed[0].message || failed[0].error);
      report.migrated = docs.length;
      if (newer.length) {
        report.kept.push(newer.length + " record(s) in this browser were made by a newer version of this handbook. " +
          "They are kept untouched under \u201c" + key + "\u201d; open them with the newer version.");
        return report;
      }
      if (docs.length) keepCopy(KEPT_PREFIX + self.framework.id, data.records);
      if (others.length) {
        report.kept.push(others.length + " record(s) in this browser were made with another version of the framework. " +
          "They are kept as they were; the handbook's Versions pages can carry them to this version.");
        if (docs.length) root.localStorage.setItem(key, JSON.stringify({ records: others, current: null }));
      } else {
        root.localStorage.removeItem(key);
      }
      return report;
    });
  };

  /* Adds records to the copy kept of what was moved (a record moved twice is kept once). */
  function keepCopy(key, records) {
    var kept = [];
    try { kept = JSON.parse(root.localStorage.getItem(key) || "{}").records || []; } catch (error) { kept = []; }
    var ids = kept.map(function (r) { return r && r.id; });
    root.localStorage.setItem(key, JSON.stringify({ records: kept.concat(records.filter(function (r) { return ids.indexOf(r.id) < 0; })) }));
  }

  function range(prefix) { return { include_docs: true, startkey: prefix, endkey: prefix + "\ufff0" }; }

  /* Every inspection, or every record, as documents (winning revisions; `_conflicts` listed). */
  Store.prototype.all = function (type) {
    var options = range(type + ":");
    options.conflicts = true;
    return this.db.allDocs(options).then(function (result) {
      return result.rows.map(function (row) { return row.doc; }).filter(Boolean);
    });
  };

  Store.prototype.get = function (id) { return this.db.get(id, { conflicts: true }); };

  /* Every record as a summary (model.summaryOf: no lines, so listing 200 cases does not read
     200 full records). The summaries are an index this device keeps in a local document (never
     exported or synced), brought up to date on each call from the database's changes since it was
     last written: whatever wrote a record (this page, an import, a sync, another tab, the upgrade
     view), the list catches up, and only the records changed since are read. */
  var SUMMARIES = "_local/summaries", SUMMARIES_VERSION = 1;
  Store.prototype.summaries = function () {
    var db = this.db;
    return db.get(SUMMARIES).catch(function () { return null; }).then(function (index) {
      var fresh = { _id: SUMMARIES, version: SUMMARIES_VERSION, seq: 0, records: {} };
      if (!index || index.version !== SUMMARIES_VERSION) index = index ? Object.assign(fresh, { _rev: index._rev }) : fresh;
      return db.changes({ since: index.seq, include_docs: true, conflicts: true }).then(function (changes) {
        changes.results.forEach(function (change) {
          if (change.id.indexOf("record:") !== 0) return;
          if (change.deleted || !change.doc) delete index.records[change.id];
          else index.records[change.id] = model.summaryOf(change.doc);
        });
        var list = Object.keys(index.records).sort().map(function (id) { return index.records[id]; });  // in id order, as allDocs
        if (changes.results.length) {
          index.seq = changes.last_seq;
          // Written in the background: if another tab wrote it first, the next call catches up.
          db.put(index).catch(function () {});
        }
        return list;
      });
    });
  };

  /* Saves a document. Saves of one document run one after another (each needs the revision the
     last one made), so typing fast never makes a conflict with oneself. Resolves to the doc. */
  Store.prototype.save = function (doc) {
    var db = this.db, id = doc._id;
    if (doc.summary) return Promise.reject(new Error("a record's summary cannot be saved as the record"));
    var previous = this.queues[id] || Promise.resolve();
    var next = previous.catch(function () {}).then(function () {
      var copy = JSON.parse(JSON.stringify(doc));
      delete copy._conflicts;
      return db.put(copy).then(function (result) { doc._rev = result.rev; return doc; });
    });
    this.queues[id] = next;
    return next;
  };

  Store.prototype.remove = function (doc) {
    var self = this;
    return this.db.get(doc._id, { conflicts: true }).then(function (latest) {
      var revs = [latest._rev].concat(latest._conflicts || []);
      return Promise.all(revs.map(function (rev) { return self.db.remove(doc._id, rev); }));
    });
  };

  /* Every version of a record that is in conflict: the winner first. */
  Store.prototype.versions = function (id) {
    return this.db.get(id, { open_revs: "all" }).then(function (results) {
      var docs = results.filter(function (r) { return r.ok && !r.ok._deleted; }).map(function (r) { return r.ok; });
      return this.db.get(id).then(function (winner) {
        return [winner].concat(docs.filter(function (d) { return d._rev !== winner._rev; }));
      });
    }.bind(this));
  };

  /* Resolution: the merged record becomes the next revision of the winner; every other version
     is removed from the tree (its history stays, so importing it again changes nothing). */
  Store.prototype.resolve = function (merged, losers) {
    var db = this.db;
    return this.save(merged).then(function () {
      return Promise.all(losers.map(function (rev) { return db.remove(merged._id, rev); }));
    });
  };

  /* Documents with every leaf revision and its history, ready to write to a file. */
  Store.prototype.exportDocs = function (ids) {
    var db = this.db;
    return Promise.all(ids.map(function (id) {
      return db.get(id, { revs: true, open_revs: "all" }).then(function (results) {
        return results.filter(function (r) { return r.ok; }).map(function (r) { return r.ok; });
      });
    })).then(function (lists) { return [].concat.apply([], lists); });
  };

  /* Replicates documents from a file into the store, as CouchDB's replication does: a revision
     already here is skipped, a new one joins the document's revision tree (a concurrent change
     becomes a conflict, kept). Resolves to {added, already, conflicts: [ids]}. */
  Store.prototype.importDocs = function (docs) {
    var db = this.db, wanted = {};
    docs.forEach(function (d) { (wanted[d._id] = wanted[d._id] || []).push(d._rev); });
    return db.revsDiff(wanted).then(function (missing) {
      var fresh = docs.filter(function (d) { return missing[d._id] && missing[d._id].missing.indexOf(d._rev) >= 0; });
      return db.bulkDocs(fresh, { new_edits: false }).then(function (results) {
        var failed = results.filter(function (r) { return r.error; });
        if (failed.length) throw new Error(failed[0].message || failed[0].name);
        return restoreDeleted(db, docs);
      }).then(function (restored) {
        var ids = Object.keys(fresh.reduce(function (seen, d) { seen[d._id] = 1; return seen; }, {}));
        if (!ids.length) return { added: 0, already: docs.length, restored: restored, conflicts: [] };
        return db.allDocs({ keys: ids, include_docs: true, conflicts: true }).then(function (now) {
          return { added: fresh.length, already: docs.length - fresh.length, restored: restored,
                   conflicts: now.rows.filter(function (row) { return row.doc && row.doc._conflicts && row.doc._conflicts.length; })
                     .map(function (row) { return row.id; }) };
        });
      });
    });
  };

  /* A record deleted on this device and then imported from a file comes back: importing says
     "I want these records", and a deletion (which replication would let win) must not swallow
     them. The file's version becomes the next revision after the deletion. Resolves to a count. */
  function restoreDeleted(db, docs) {
    var live = {};
    docs.forEach(function (d) { if (!d._deleted) live[d._id] = d; });
    return db.allDocs({ keys: Object.keys(live) }).then(function (result) {
      var gone = result.rows.filter(function (row) { return row.value && row.value.deleted; }).map(function (row) {
        var copy = JSON.parse(JSON.stringify(live[row.id]));
        copy._rev = row.value.rev;  // the next revision after the deletion
        delete copy._revisions;
        return copy;
      });
      return gone.length ? db.bulkDocs(gone).then(function () { return gone.length; }) : 0;
    });
  }

  /* Each inspection has a database of its own on the team's server, named from its id. */
  Store.prototype.remoteName = function (inspectionId) {
    return "hb-" + (this.framework.id + "-" + inspectionId).toLowerCase().replace(/[^a-z0-9_$()+\-]/g, "-");
  };

  /* Brings every inspection of this framework on the team's server onto this device (a colleague's
     new inspection included). Resolves to the number of inspections found. */
  Store.prototype.pullAll = function (server) {
    var self = this, prefix = this.remoteName("inspection:");
    return root.fetch(server + "/_all_dbs", { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response.json();
    }).then(function (names) {
      var mine = names.filter(function (name) { return name.indexOf(prefix) === 0; });
      return Promise.all(mine.map(function (name) { return root.PouchDB.replicate(new root.PouchDB(server + "/" + name), self.db); }))
        .then(function () { return mine.length; });
    });
  };

  /* Two-way sync of one inspection with the team's server (a database per inspection). */
  Store.prototype.sync = function (server, inspectionId) {
    var remote = new root.PouchDB(server.replace(/\/+$/, "") + "/" + this.remoteName(inspectionId));
    var mine = function (doc) { return doc._id === inspectionId || doc.inspection === inspectionId; };
    return root.PouchDB.sync(this.db, remote, { push: { filter: mine }, pull: { filter: mine } });
  };

  Store.prototype.meta = function () {
    return this.db.get("_local/meta").catch(function () { return { _id: "_local/meta" }; });
  };

  Store.prototype.setMeta = function (key, value) {
    var db = this.db;
    return this.meta().then(function (meta) { meta[key] = value; return db.put(meta); });
  };

  /* How much this site keeps in the browser, and how much it may: {usage, quota} in bytes. */
  Store.prototype.estimate = function () {
    if (!(root.navigator && navigator.storage && navigator.storage.estimate)) return Promise.resolve(null);
    return navigator.storage.estimate().catch(function () { return null; });
  };

  /* When a save fails, the record is copied to localStorage (a separate store in the browser)
     so that closing the page loses nothing; the next opening puts it back. */
  var UNSAVED_PREFIX = "hb-unsaved:";
  Store.prototype.keepUnsaved = function (doc) {
    try {
      root.localStorage.setItem(UNSAVED_PREFIX + this.framework.id, JSON.stringify(doc));
      return true;
    } catch (error) {
      return false;
    }
  };

  /* Puts back a record kept by keepUnsaved, as the next revision of what the store holds (or
     anew, if the store lost it). Resolves to the record, or null if there was none. */
  Store.prototype.restoreUnsaved = function () {
    var key = UNSAVED_PREFIX + this.framework.id, db = this.db, text = null, doc;
    try { text = root.localStorage.getItem(key); } catch (error) { return Promise.resolve(null); }
    if (!text) return Promise.resolve(null);
    try { doc = JSON.parse(text); } catch (error) { return Promise.resolve(null); }
    return db.get(doc._id).then(function (latest) { doc._rev = latest._rev; }, function () { delete doc._rev; }).then(function () {
      delete doc._conflicts;
      return db.put(doc);
    }).then(function (result) {
      doc._rev = result.rev;
      root.localStorage.removeItem(key);
      return doc;
    });
  };

  /* A storage error in words a user can act on. */
  function explain(error) {
    var name = (error && (error.name || error.error)) || "", text = String((error && (error.message || error.reason)) || "");
    if (/quota/i.test(name + text)) return "This browser's storage for this site is full.";
    if (/closing|closed/i.test(text)) {
      return "The browser has closed or cleared this site's storage (to free space, or because its data was cleared).";
    }
    if (/InvalidState|private|indexedDB|not allowed|unknown_error/i.test(name + text)) {
      return "This browser is not letting the handbook store anything (private browsing, or storage turned off).";
    }
    return "The browser could not save (" + (name || text || "unknown error") + ").";
  }

  HB.Store = Store;
  HB.store = { explain: explain, OLD_PREFIX: OLD_PREFIX, KEPT_PREFIX: KEPT_PREFIX };
})(this);
