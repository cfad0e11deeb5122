/* InnoZone kiosk service worker: the kiosk keeps running from what it last loaded when the network
   drops, even through a restart. On activation it stores the kiosk page, its feed, assets and every
   image; afterwards the page and feed go network-first (fresh when online, stored copy when not) and
   images, styles and scripts cache-first (their addresses change when their content does). */
const CACHE = "innozone-kiosk-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(Promise.all([self.clients.claim(), precache()])));
// The kiosk says so when editors changed the content: store the new images too.
self.addEventListener("message", (event) => { if (event.data === "precache") event.waitUntil(precache()); });

async function precache() {
  const cache = await caches.open(CACHE);
  const scope = self.registration.scope;
  const feedUrl = scope + "feed/";
  try {
    const response = await fetch(feedUrl, { cache: "no-cache" });
    if (!response.ok) return;
    await cache.put(feedUrl, response.clone());
    const feed = await response.json();
    const images = feed.exhibits.flatMap((e) => e.slides.concat(e.thumbs).map((picture) => picture.src));
    await Promise.all([scope, ...feed.assets, ...images].map((url) => store(cache, url)));
  } catch (offline) { /* try again on the next activation */ }
}

async function store(cache, url) {
  if (await cache.match(url)) return;
  const response = await fetch(url).catch(() => null);
  if (response && response.ok) await cache.put(url, response);
}

// A stored copy answers, marked so that the kiosk knows it is offline.
function offline(response) {
  if (!response) return response;
  const headers = new Headers(response.headers);
  headers.set("X-Kiosk-Offline", "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

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
        .catch(() => caches.match(request, { ignoreSearch: true, ignoreVary: true }).then(offline))
    );
  } else {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => remember(request, response)))
    );
  }
});
