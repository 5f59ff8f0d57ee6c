/* The handbook's "kill switch": a service worker that does nothing but remove itself.
   If a published worker ever misbehaves, copy this file over sw.js on the host (nothing else
   needs to change): each visitor's browser fetches sw.js when a page is opened, installs this
   one, which deletes the handbook's caches and unregisters. It handles no request, so pages
   come from the host from then on (the page script registers it again on each visit, and it
   removes itself again: one small request). Publishing a normal build again later brings the
   offline handbook back. */
"use strict";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", event => event.waitUntil((async () => {
  const prefix = "handbook " + new URL(self.registration.scope).pathname + " ";
  for (const name of await caches.keys()) {
    if (name.startsWith(prefix)) await caches.delete(name);
  }
  await self.registration.unregister();
})()));
