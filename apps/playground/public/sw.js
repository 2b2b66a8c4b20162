// The playground's service worker: keeps the page, its scripts and LeNet-5's weights so that the
// playground works offline once it has loaded. Network first (a new build is picked up when online),
// the cache when the network fails.
const CACHE = 'nn-playground-v1';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const scope = self.registration.scope;
    const page = await fetch(scope, { cache: 'reload' });
    const html = await page.clone().text();
    await cache.put(scope, page);
    // The hashed scripts and styles the page names, and the digit pad's model files.
    const named = [...html.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => new URL(m[1], scope).href).filter((u) => u.startsWith(scope));
    const modelJson = new URL('lenet5/model.json', scope).href;
    const model = await fetch(modelJson);
    const weights = new URL((await model.clone().json()).weights, modelJson).href;
    await cache.put(modelJson, model);
    await cache.addAll([...new Set([...named, weights])]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    } catch (error) {
      // The page itself is cached under the scope's URL, whatever its query or hash.
      const cached = (await cache.match(request, { ignoreSearch: true })) ?? (request.mode === 'navigate' ? await cache.match(self.registration.scope) : undefined);
      if (cached !== undefined) return cached;
      throw error;
    }
  })());
});
