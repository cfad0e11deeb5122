/* InnoZone kiosk service worker: the kiosk keeps running from what it last loaded when the network
   drops. The page and its feed go network-first (fresh when online, cached when not); images, styles
   and scripts go cache-first (they never change under the same address). */
const CACHE = "innozone-kiosk-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function remember(request, response) {
  if (response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const fresh = request.mode === "navigate" || new URL(request.url).pathname.endsWith("/kiosk/feed/");
  if (fresh) {
    event.respondWith(
      fetch(request)
        .then((response) => remember(request, response))
        .catch(() => caches.match(request, { ignoreVary: true }))
    );
  } else {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => remember(request, response)))
    );
  }
});
