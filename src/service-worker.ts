/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
// The service worker: precaches this version of the app (every build chunk, including the lazily
// loaded scanner, the static files and the SPA shell) so the app opens with no network.
// Invariant: it never touches /api or /_ (PocketBase's API and admin UI always go to the network),
// nor the photo cache (src/lib/offline/photo-cache.ts: the app fills and empties it itself).
// A new version waits until the person chooses to reload (workbox-window shows the prompt).
import { build, files, version } from '$service-worker';
import { PHOTO_CACHE } from '$lib/offline/photo-cache';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `tend-${version}`;
// The SPA shell is fetched as '/' (PocketBase redirects /index.html to /, and a redirected
// response cannot answer a navigation).
const SHELL = '/';
// The shell's start-up script, which the build moves out of index.html (the CSP allows no inline
// script): scripts/lib/bootstrap-script.js writes its hashed path in place of this placeholder.
const BOOTSTRAP_SCRIPT = '/__tend_bootstrap_script__';
const ASSETS = [...build, ...files, SHELL, BOOTSTRAP_SCRIPT];

/** True for requests the worker must leave to the network. */
function isServerPath(url: URL): boolean {
	const path = url.pathname;
	// /_app/ is the app itself; only /_/ is PocketBase's admin UI.
	return path === '/api' || path.startsWith('/api/') || path === '/_' || path.startsWith('/_/');
}

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				// Older versions of the app go; the photos kept for offline use stay.
				if (key !== CACHE && key !== PHOTO_CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || isServerPath(url)) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			// Every in-app navigation gets the SPA shell of this version.
			if (request.mode === 'navigate') {
				const shell = await cache.match(SHELL);
				if (shell) return shell;
			}
			const cached = await cache.match(url.pathname);
			if (cached) return cached;
			return fetch(request);
		})()
	);
});
