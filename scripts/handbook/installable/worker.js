/* The handbook's service worker: every page works offline after one visit.
   Written into the site as sw.js by scripts/build.py (scripts/handbook/installable/), which puts
   this build's file list in BUILD. Each build has caches of its own, named by its id: a page and
   everything it loads come from one build, and a new build waits until the visitor accepts it. */
"use strict";

const BUILD = /*BUILD*/{};
const SCOPE = self.registration.scope;               // the site's root, under whatever path it is published
const PREFIX = "handbook " + new URL(SCOPE).pathname + " ";   // other sites on the same host keep their caches
const PAGES = PREFIX + BUILD.id;                     // fetched on install: pages, styles, scripts, search index
const LATER = PREFIX + BUILD.id + " later";          // downloads (and pages beyond the budget), kept when fetched
const HASH = "X-Handbook-Sha256";                    // each stored response carries the hash of its bytes

self.addEventListener("install", event => event.waitUntil(precache()));
self.addEventListener("activate", event => event.waitUntil(removeOtherBuilds().then(() => self.clients.claim())));
self.addEventListener("fetch", event => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(respond(request));
});
self.addEventListener("message", event => {
  if (event.data && event.data.type === "accept-update") self.skipWaiting();
  if (event.data && event.data.type === "keep-downloads") event.waitUntil(keepDownloads(event.ports[0]));
});

async function precache() {
  const [cache, kept] = [await caches.open(PAGES), await byHash()];
  const later = await caches.open(LATER);
  await Promise.all(Object.entries(BUILD.later).map(async ([path, hash]) => {
    if (kept.has(hash)) await later.put(urlOf(path), kept.get(hash).clone());  // downloads kept by the last build
  }));
  // A few at a time; a file already kept by an earlier build is copied, not fetched again.
  const queue = Object.entries(BUILD.now);
  const next = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const [path, hash] = entry;
      await cache.put(urlOf(path), kept.has(hash) ? kept.get(hash).clone() : await fetchChecked(path, hash));
    }
  };
  await Promise.all([1, 2, 3, 4].map(next));
}

async function respond(request) {
  const path = pathOf(request.url);
  if (path in BUILD.now) {
    const kept = await caches.match(urlOf(path), {cacheName: PAGES});
    if (kept) return kept;
  }
  if (path in BUILD.later) return keptOrFetched(request, path);
  if (request.mode === "navigate") {
    if (!path.endsWith("/") && (path + "/") in BUILD.now) return Response.redirect(urlOf(path + "/"), 301);
    try {
      return await fetch(request);
    } catch (offline) {
      const missing = await caches.match(urlOf("404.html"), {cacheName: PAGES});
      if (!missing) throw offline;
      return new Response(missing.body, {status: 404, statusText: "Not Found", headers: missing.headers});
    }
  }
  return fetch(request);
}

/* A download (or a page beyond the budget): this build's copy if kept, else fetched and kept,
   unless the host already has other bytes there (a newer build): then shown but not kept. */
async function keptOrFetched(request, path) {
  const kept = await caches.match(urlOf(path), {cacheName: LATER});
  if (kept) return kept;
  const response = await fetch(request);
  if (!response.ok || response.status !== 200) return response;
  const body = await response.arrayBuffer();
  const checked = stored(response, body, await sha256(body));
  if (checked.headers.get(HASH) === BUILD.later[path]) {
    await (await caches.open(LATER)).put(urlOf(path), checked.clone());
  }
  return checked;
}

async function keepDownloads(port) {
  const cache = await caches.open(LATER);
  const paths = Object.keys(BUILD.later).filter(path => !path.endsWith("/"));
  let done = 0, bytes = 0, failed = 0;
  for (const path of paths) {
    try {
      const kept = await cache.match(urlOf(path));
      const response = kept || await fetchChecked(path, BUILD.later[path]);
      if (!kept) await cache.put(urlOf(path), response.clone());
      bytes += (await response.arrayBuffer()).byteLength;
      done += 1;
    } catch (error) {
      failed += 1;
    }
    if (port) port.postMessage({done, failed, total: paths.length, bytes});
  }
}

/* The file as this build has it, or an error: a host that is part-way through publishing
   another build must not leave a mixture in this build's cache. */
async function fetchChecked(path, hash) {
  const response = await fetch(urlOf(path), {cache: "no-cache", credentials: "same-origin"});
  if (!response.ok) throw new Error(`${path}: ${response.status} from the host`);
  const body = await response.arrayBuffer();
  const digest = await sha256(body);
  if (digest !== hash) throw new Error(`${path}: the host has other bytes than build ${BUILD.id} (publishing under way?)`);
  return stored(response, body, digest);
}

function stored(response, body, digest) {
  const headers = new Headers(response.headers);
  headers.set(HASH, digest);
  return new Response(body, {status: response.status, statusText: response.statusText, headers});
}

/* Every response earlier builds of this site kept, by the hash of its bytes. */
async function byHash() {
  const found = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === PAGES || name === LATER) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const hash = response && response.headers.get(HASH);
      if (hash) found.set(hash, response);
    }
  }
  return found;
}

async function removeOtherBuilds() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== PAGES && name !== LATER) await caches.delete(name);
  }
}

async function sha256(body) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return Array.from(digest, byte => byte.toString(16).padStart(2, "0")).join("").slice(0, BUILD.hashLength);
}

function pathOf(url) {
  const path = decodeURIComponent(new URL(url).pathname.slice(new URL(SCOPE).pathname.length));
  return path.endsWith("/index.html") || path === "index.html" ? path.slice(0, -"index.html".length) : path;
}

function urlOf(path) {
  return new URL(path.split("/").map(encodeURIComponent).join("/"), SCOPE).href;
}
