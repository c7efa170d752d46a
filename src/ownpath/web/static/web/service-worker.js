/* ownpath's service worker: the app opens (and the quick log works) without a connection.

   Static files: from the cache, refreshed in the background. The quick-log page (/journal/):
   from the network, with the last copy kept for when there is none. Nothing else is stored on
   the device: other pages hold more of the journal than an offline log needs. Entries logged
   offline are queued by app.js (IndexedDB), not here. */
"use strict";

/* The server writes SHELL with the files' current (content-hashed) URLs, and names CACHE after
   them, so a new version of a file is a new cache and the old one is dropped on activation. */
var CACHE = "ownpath-v1";
var STATIC = "/static/web/";
var SHELL = [STATIC + "app.css", STATIC + "app.js", STATIC + "htmx.min.js", STATIC + "favicon.svg",
             STATIC + "icon-192.png"];
var OFFLINE_PAGE = "/journal/";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  /* Logging out forgets the stored page. */
  if (event.data === "forget") event.waitUntil(caches.delete(CACHE));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf(STATIC) === 0) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) {
        var fresh = fetch(request).then(function (response) {
          if (response.ok) cache.put(request, response.clone());
          return response;
        });
        return hit || fresh;
      });
    }));
    return;
  }
  if (request.mode === "navigate" && url.pathname === OFFLINE_PAGE) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(OFFLINE_PAGE, copy); });
      }
      return response;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(OFFLINE_PAGE); })
        .then(function (page) { return page || Response.error(); });
    }));
  }
});
